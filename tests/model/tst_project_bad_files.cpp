// SPDX-License-Identifier: MIT
// Bad project files get a clear error and no crash, and never change on disk: not SQLite,
// empty, truncated at many sizes, random bytes, damaged pages, missing tables and columns,
// rows that break the format or the model's rules, another program's database, a hot
// journal (its own, another database's, a stale one) or a write-ahead log with changes
// beside it, refused with what to do rather than rolled into the file. Saving
// fails cleanly, leaving the old file intact, on a read-only file, folder or file system,
// a file locked by another connection, a full disk and a file size limit. Some cases need
// another user or a mount: as root the helper program drops to "nobody" and a small tmpfs
// is mounted; without root, chmod does the job and the tmpfs case is skipped.

#include "ProjectFixtures.h"
#include "ModelDiff.h"

#include "io/ModelFile.h"
#include "io/ModelJson.h"
#include "project/ProjectErrors.h"
#include "project/ProjectFile.h"
#include "project/SqliteConnection.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cerrno>
#include <cstring>

#include <grp.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace headroom;
using testing::joined;

namespace {

constexpr uid_t kNobody = 65534;

/// A change too large for a one-page cache: SQLite writes into the file in the middle of the
/// transaction, so the file is half rewritten and the journal beside it is hot.
constexpr const char* kSpillingChange =
    "PRAGMA cache_size = 1; BEGIN; UPDATE model SET name = 'Half-saved'; "
    "INSERT INTO view_state WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n "
    "WHERE v < 200) SELECT 'k' || v, hex(randomblob(500)) FROM n;";
/// The busy timeout plus what a slow, shared machine may add.
constexpr qint64 kMostBusyWaitMs = headroom::model::sqlite::kBusyTimeoutMs + 3000;

constexpr const char* kBaseModel = R"({
  "name": "Base",
  "components": [
    {"id": "users", "kind": "clients", "rate_rps": 100},
    {"id": "app", "kind": "app_server", "servers": 4, "service_ms": 10},
    {"id": "db", "kind": "database", "servers": 8, "service_ms": 2}
  ],
  "links": [{"from": "users", "to": "app"}, {"from": "app", "to": "db", "pool_size": 5}],
  "scenarios": [{"name": "Peak", "multiplier": 3, "overrides": {"app": {"instances": 3}},
                 "link_overrides": [{"from": "app", "to": "db", "pool_size": 10}]}]
})";

model::Project baseProject()
{
    auto read = model::readModelJson(kBaseModel);
    if (!read)
        qFatal("the base model does not read:%s", testing::problems(read).constData());
    model::Project project;
    project.model = std::move(read).value();
    project.settings.viewState["zoom"] = "1";
    return project;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

struct HelperRun {
    int exitCode = -1;
    QString out;
    QString err;
};

bool chmodPath(const QString& path, mode_t mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

/// The helper program where "nobody" may run it: the build tree may sit in a folder only
/// its owner can enter (a checkout under `mktemp -d`, mode 0700), so it is copied out once.
QString helperForNobody()
{
    static QTemporaryDir folder;
    static const QString copy = [] {
        const QString path = folder.filePath(QStringLiteral("project_test_helper"));
        if (!folder.isValid() || !QFile::copy(QStringLiteral(HEADROOM_PROJECT_HELPER), path) ||
            !chmodPath(folder.path(), 0755) || !chmodPath(path, 0755))
            qFatal("cannot copy the helper program to %s", qPrintable(path));
        return path;
    }();
    return copy;
}

/// Runs the helper program, as "nobody" when asked (only root can).
HelperRun runHelper(const QStringList& arguments, bool asNobody)
{
    QProcess process;
    process.setProgram(asNobody ? helperForNobody() : QStringLiteral(HEADROOM_PROJECT_HELPER));
    process.setArguments(arguments);
    if (asNobody) {
        process.setChildProcessModifier([] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
                ::_exit(97);
        });
    }
    process.start();
    if (!process.waitForFinished(120'000))
        process.kill();
    process.waitForFinished();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

/// Every name in a folder, hidden ones too.
QStringList namesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, '\0');
    for (char& byte : bytes)
        byte = static_cast<char>(random.bounded(256));
    return bytes;
}

} // namespace

class TestProjectBadFiles : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(chmodPath(m_dir.path(), 0700));
        for (const QString& name : namesIn(m_dir.path()))
            QFile::remove(m_dir.filePath(name));
        m_path = m_dir.filePath(QStringLiteral("bad.headroom"));
    }

    void badFileIsRefusedClearly_data()
    {
        QTest::addColumn<QByteArray>("bytes");    // the file's content, or null to start from a saved project
        QTest::addColumn<int>("truncateAt");      // cut the saved project to this size (-1: do not)
        QTest::addColumn<int>("damageAt");        // overwrite 4 KiB of the saved project here (-1: do not)
        QTest::addColumn<QString>("sql");         // then run this on it
        QTest::addColumn<QString>("message");     // a regular expression one issue must match

        const QByteArray none;
        const auto bytes = [&](const char* name, const QByteArray& content, const QString& message) {
            QTest::newRow(name) << content << -1 << -1 << QString() << message;
        };
        const auto sql = [&](const char* name, const QString& statement, const QString& message) {
            QTest::newRow(name) << none << -1 << -1 << statement << message;
        };
        bytes("empty file", QByteArray(""), "^the file is empty, so it is not a Headroom project$");
        bytes("a JSON model named .headroom", kBaseModel,
              "^is not a Headroom project: it is not an SQLite database \\(it looks like a JSON model");
        bytes("text", "Headroom project, honest\n", "^is not a Headroom project: it is not an SQLite database$");
        bytes("random bytes", randomBytes(8192, 1), "^is not a Headroom project: it is not an SQLite database$");
        bytes("SQLite's magic, then random bytes", QByteArray("SQLite format 3\0", 16) + randomBytes(8176, 2),
              "is damaged|is not a Headroom project");
        bytes("SQLite's magic, then zeros", QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\0'),
              "is damaged|is not a Headroom project");

        for (const int size : {10, 16, 50, 99, 100, 1024, 4096, 8191, 8192, 12288}) {
            const QByteArray name = "truncated to " + QByteArray::number(size) + " bytes";
            QTest::newRow(name.constData()) << none << size << -1 << QString() << "^is truncated: ";
        }
        QTest::newRow("a damaged page") << none << -1 << 8192 << QString() << "is damaged";
        QTest::newRow("a damaged first page") << none << -1 << 100 << QString() << "is damaged|is not a Headroom";

        sql("another program's database", "PRAGMA application_id = 1234",
            "^is an SQLite database of another application \\(application id 0x000004d2\\), not a Headroom project$");
        sql("an SQLite database with other tables",
            "DROP TABLE meta; DROP TABLE model; DROP TABLE components; DROP TABLE component_fields; "
            "DROP TABLE links; DROP TABLE link_fields; DROP TABLE scenarios; DROP TABLE scenario_overrides; "
            "DROP TABLE scenario_link_overrides; DROP TABLE settings; DROP TABLE view_state; "
            "CREATE TABLE photos (name TEXT); PRAGMA application_id = 0; PRAGMA user_version = 0",
            "^is an SQLite database, but not a Headroom project \\(it has none of a project's tables\\)$");
        sql("format version missing", "PRAGMA user_version = 0",
            "^is damaged: its project format \\(PRAGMA user_version\\) is missing$");
        sql("a negative format", "PRAGMA user_version = -1", "^has an unknown project format \\(-1\\)$");
        sql("missing table links", "DROP TABLE links",
            "^the table 'links' is missing: the file is not a complete Headroom project$");
        sql("missing table settings", "DROP TABLE settings", "^the table 'settings' is missing");
        sql("missing column components.kind", "ALTER TABLE components DROP COLUMN kind",
            "^the table 'components' has no column 'kind': the file is not a complete Headroom project$");
        sql("missing column settings.currency", "ALTER TABLE settings DROP COLUMN currency",
            "^the table 'settings' has no column 'currency'");
        sql("a view instead of a table",
            "DROP TABLE view_state; CREATE VIEW view_state AS SELECT 'zoom' AS key, '1' AS value",
            "^'view_state' is a view, not a table: the file is not a Headroom project$");

        // Rows that break the model's rules: the errors name the component and the field.
        sql("servers 0", "UPDATE component_fields SET value = 0 WHERE component = 1 AND key = 'servers'",
            "^component 'app': servers: must be an integer from 1 to 10000000, got 0$");
        sql("servers 2.5", "UPDATE component_fields SET value = 2.5 WHERE component = 1 AND key = 'servers'",
            "^component 'app': servers: must be an integer from 1 to 10000000, got 2.5$");
        sql("service time missing", "DELETE FROM component_fields WHERE component = 2 AND key = 'service_ms'",
            "^component 'db': service_ms: required");
        sql("unknown kind", "UPDATE components SET kind = 'spaceship' WHERE id = 'app'",
            "^component 'app': kind: unknown kind 'spaceship'; expected one of clients, station, ");
        sql("unknown role", "UPDATE components SET role = 'leader' WHERE id = 'db'",
            "^component 'db': role: unknown role 'leader'; expected primary or replica$");
        sql("dangling link", "UPDATE links SET to_id = 'ghost' WHERE ordinal = 1",
            "^link app -> ghost: 'ghost' is not a component of this model$");
        sql("duplicate ids", "UPDATE components SET id = 'app' WHERE id = 'db'",
            "^component 'app': duplicate id: components 1 and 2 are both called 'app'$");
        sql("an invalid id", "UPDATE components SET id = 'my app' WHERE id = 'app'",
            "^components\\[1\\].id: 'my app' is not a valid id");
        sql("text in a number column", "UPDATE component_fields SET value = 'many' WHERE component = 1 AND key = 'servers'",
            "^component 'app': servers: must be a number, got text 'many'$");
        sql("an infinite number", "UPDATE component_fields SET value = 1e999 WHERE component = 1 AND key = 'service_ms'",
            "^component 'app': service_ms: must be a finite number, got infinity$");
        sql("unknown field", "INSERT INTO component_fields VALUES (1, 'colour', 3)",
            "^component 'app': unknown field 'colour'$");
        sql("a field of a missing component", "INSERT INTO component_fields VALUES (99, 'servers', 3)",
            "^component_fields: a row refers to component ordinal 99, which does not exist$");
        sql("an ordinal gap", "UPDATE components SET ordinal = 7 WHERE ordinal = 2",
            "^components row 2: ordinal is 7 where 2 is expected: ordinals run 0, 1, 2");
        sql("an id that is a blob", "UPDATE components SET id = x'6170' WHERE ordinal = 1",
            "^components row 1: id: must be text, got a blob$");
        sql("a label that is not UTF-8", "UPDATE components SET label = CAST(x'ff41' AS TEXT) WHERE id = 'app'",
            "^component 'app': label: is not valid UTF-8 text$");
        sql("unknown link kind", "UPDATE links SET kind = 'telepathy' WHERE ordinal = 0",
            "^link users -> app: kind: unknown link kind 'telepathy'; expected sync, async or replication$");
        sql("a field of a missing link", "INSERT INTO link_fields VALUES (5, 'calls', 2)",
            "^link_fields: a row refers to link ordinal 5, which does not exist$");
        sql("an override of an unknown field", "INSERT INTO scenario_overrides VALUES (0, 1, 'app', 'colour', 1)",
            "^scenario \"Peak\": app: unknown field 'colour'$");
        sql("an override of a missing component", "INSERT INTO scenario_overrides VALUES (0, 1, 'ghost', 'servers', 2)",
            "^scenario \"Peak\".ghost: 'ghost' is not a component of this model$");
        sql("a link override of an unknown field",
            "UPDATE scenario_link_overrides SET key = 'colour' WHERE scenario = 0 AND ordinal = 0",
            "^scenario \"Peak\": link app -> db: unknown field 'colour'$");
        sql("a link override of a missing link",
            "UPDATE scenario_link_overrides SET to_id = 'ghost' WHERE scenario = 0 AND ordinal = 0",
            "^scenario \"Peak\".link app -> ghost: the model has no link from 'app' to 'ghost'$");
        sql("missing table scenario_link_overrides", "DROP TABLE scenario_link_overrides",
            "^the table 'scenario_link_overrides' is missing");
        sql("settings out of range", "UPDATE settings SET target_utilization = 5",
            "^settings: target_utilization: must be a number above 0 and at most 1, got 5$");
        // Refused when the project is opened, naming the setting; once it opened, the command
        // line then blamed --planning-multiplier and the editor planned at 1,000,000x.
        sql("a planning multiplier no analysis can use", "UPDATE settings SET planning_multiplier = 1e300",
            "^settings: planning_multiplier: must be a number above 0 and at most 1000000000, got 1e\\+300$");
        sql("a scenario multiplier no analysis can use", "UPDATE scenarios SET multiplier = 1e308",
            "multiplier: must be a number above 0 and at most 1000000000, got 1e\\+308$");
        sql("settings row missing", "DELETE FROM settings",
            "^settings: the table must hold exactly one row, it holds 0$");
        sql("two model rows",
            "DROP TABLE model; CREATE TABLE model (singleton INTEGER, name TEXT, description TEXT); "
            "INSERT INTO model VALUES (1, 'a', ''), (1, 'b', '')",
            "^model: the table must hold exactly one row, it holds 2$");
        sql("an unknown active scenario", "UPDATE settings SET active_scenario = 'Nope'",
            "^settings: active_scenario: the model has no scenario named \"Nope\"$");
        sql("meta format row missing", "DELETE FROM meta WHERE key = 'format'", "^meta: the 'format' row is missing$");
        sql("meta format wrong", "UPDATE meta SET value = 'other' WHERE key = 'format'",
            "^meta: format: expected 'headroom-project', got 'other'$");
        sql("meta and header disagree", "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
            "^meta: schema_version says '3' but the file header says 2$");
        sql("a time that is not a time", "UPDATE meta SET value = 'yesterday' WHERE key = 'created'",
            "^meta: created: 'yesterday' is not an ISO 8601 time");
    }

    void badFileIsRefusedClearly()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, truncateAt);
        QFETCH(int, damageAt);
        QFETCH(QString, sql);
        QFETCH(QString, message);
        if (!bytes.isNull()) {
            QVERIFY(testing::writeAll(m_path, bytes));
        } else {
            model::Project project = baseProject();
            // Enough rows for several pages, so that truncation and damage hit real data.
            project.settings.viewState["padding"] = std::string(20'000, 'x');
            const auto saved = model::saveProject(m_path, project);
            QVERIFY2(saved.ok(), testing::problems(saved).constData());
            QByteArray content = testing::readAll(m_path);
            if (truncateAt >= 0) {
                QVERIFY(truncateAt < content.size());
                content.truncate(truncateAt);
            }
            if (damageAt >= 0)
                content.replace(damageAt, 4096, randomBytes(4096, 3));
            QVERIFY(testing::writeAll(m_path, content));
            if (!sql.isEmpty())
                QCOMPARE(testing::execOn(m_path, sql.toStdString()), std::string());
        }
        const QByteArray before = testing::fileHash(m_path);
        const QRegularExpression expected(message);
        QVERIFY(expected.isValid());
        for (const model::ModelRules rules : {model::ModelRules::Enforce, model::ModelRules::Report}) {
            const auto loaded = model::loadProject(m_path, rules);
            if (rules == model::ModelRules::Report && loaded.ok())
                continue; // a model that only breaks the model's rules opens for the editor
            QVERIFY2(!loaded.ok(), "the bad file was read");
            const engine::Issues& issues = loaded.issues();
            const bool found = std::any_of(issues.begin(), issues.end(), [&](const engine::Issue& issue) {
                return engine::subjectText(issue.subject) == m_path.toStdString() &&
                       expected.match(QString::fromStdString(issue.message)).hasMatch();
            });
            QVERIFY2(found, ("no issue matches /" + message.toUtf8() + "/; got:" + joined(issues)).constData());
        }
        // The command line reads it the same way.
        const auto viaCli = model::loadModelFile(m_path);
        QVERIFY(!viaCli.ok());
        QCOMPARE(engine::subjectText(viaCli.issues().front().subject), m_path.toStdString());
        QCOMPARE(testing::fileHash(m_path), before);
    }

    void aPipeIsNotReadFrom()
    {
        // Reading a pipe nobody writes to would wait for ever.
        QVERIFY(::mkfifo(QFile::encodeName(m_path).constData(), 0600) == 0);
        QVERIFY(!model::isProjectFile(m_path));
        const auto loaded = model::loadProject(m_path);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.issues().front().message,
                 std::string("is not a regular file (a named pipe, a device or a socket), so it is not a project file"));
        QVERIFY(!model::loadModelFile(m_path).ok());
        // Nor written over: a save never replaces a pipe.
        QVERIFY(!model::saveProject(m_path, baseProject()).ok());
        QVERIFY(QFile::remove(m_path));
    }

    void aHotJournalIsNeverRolledIntoTheFile_data()
    {
        QTest::addColumn<QString>("journalOf");
        // The file's own interrupted change (an SQLite program stopped in the middle of a commit).
        QTest::newRow("its own interrupted change") << "own";
        // A journal of another database copied beside it (another project's).
        QTest::newRow("a foreign journal") << "foreign";
        // A journal of an older version of this file, left when the file was restored from a backup.
        QTest::newRow("a stale journal (restored from a backup)") << "stale";
    }

    void aHotJournalIsNeverRolledIntoTheFile()
    {
        QFETCH(QString, journalOf);
        const QString crashed = m_dir.filePath(QStringLiteral("crashed.headroom"));
        const QString journal = crashed + QStringLiteral("-journal");
        model::Project other;
        other.model = testing::generatedModel(40, 3);
        QVERIFY(model::saveProject(m_path, journalOf == QLatin1String("foreign") ? other : baseProject()).ok());
        // The state a stop in the middle of a commit leaves: the file partly rewritten and a
        // hot journal beside it, copied while a transaction spills to the file.
        {
            testing::RawDatabase writer(m_path);
            QVERIFY(writer.exec(kSpillingChange));
            QVERIFY(QFileInfo::exists(m_path + QStringLiteral("-journal")));
            QVERIFY(QFile::copy(m_path + QStringLiteral("-journal"), journal));
            if (journalOf == QLatin1String("own"))
                QVERIFY(QFile::copy(m_path, crashed));
            QVERIFY(writer.exec("ROLLBACK"));
        }
        if (journalOf != QLatin1String("own")) {
            // A good project, whose journal is not its own.
            model::Project restored = baseProject();
            restored.model.name = "Restored";
            // Saved elsewhere and moved in: a save under its name would remove the journal.
            QVERIFY(model::saveProject(crashed + QStringLiteral(".tmp.headroom"), restored).ok());
            QVERIFY(QFile::rename(crashed + QStringLiteral(".tmp.headroom"), crashed));
        }
        const QByteArray fileBefore = testing::fileHash(crashed);
        const QByteArray journalBefore = testing::fileHash(journal);
        const QStringList namesBefore = namesIn(m_dir.path());
        const std::string expected = model::hotJournalMessage(crashed);
        QVERIFY(expected.rfind("has the journal of an unfinished change beside it (crashed.headroom-journal)", 0) == 0);

        // The editor and the command line read projects the same way: refused, nothing changed.
        const auto loaded = model::loadProject(crashed, model::ModelRules::Report);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.issues().size(), std::size_t(1));
        QCOMPARE(loaded.issues().front().subject, engine::Subject::file(crashed.toStdString()));
        QCOMPARE(loaded.issues().front().message, expected);
        const auto viaCli = model::loadModelFile(crashed);
        QVERIFY(!viaCli.ok());
        QCOMPARE(viaCli.issues().front().message, expected);
        QCOMPARE(testing::fileHash(crashed), fileBefore);
        QCOMPARE(testing::fileHash(journal), journalBefore);
        QCOMPARE(namesIn(m_dir.path()), namesBefore);

        // Doing what the message says: a journal that is not the file's is moved away; the
        // file's own is rolled back by opening it once in an SQLite program.
        if (journalOf != QLatin1String("own")) {
            QVERIFY(QFile::rename(journal, journal + QStringLiteral(".moved")));
            const auto reopened = model::loadProject(crashed);
            QVERIFY2(reopened.ok(), testing::problems(reopened).constData());
            QCOMPARE(reopened->model.name, std::string("Restored"));
            QCOMPARE(testing::fileHash(crashed), fileBefore);
        } else {
            QCOMPARE(testing::execOn(crashed, "PRAGMA quick_check;"), std::string());
            QVERIFY(!QFileInfo::exists(journal));
            const auto reopened = model::loadProject(crashed);
            QVERIFY2(reopened.ok(), testing::problems(reopened).constData());
            QCOMPARE(reopened->model.name, std::string("Base"));
        }
    }

    void aHotJournalInAReadOnlyFolderIsReportedAsAJournal()
    {
        // Once reported as "make the file writable": the folder is what cannot be written,
        // and writing is not what is needed.
        const QString folder = m_dir.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/project.headroom");
        QVERIFY(model::saveProject(path, baseProject()).ok());
        {
            testing::RawDatabase writer(path);
            QVERIFY(writer.exec(kSpillingChange));
            QVERIFY(QFile::copy(path, path + QStringLiteral(".copy")));
            QVERIFY(QFile::copy(path + QStringLiteral("-journal"), path + QStringLiteral(".copy-journal")));
            QVERIFY(writer.exec("ROLLBACK"));
        }
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(path + QStringLiteral(".copy"), path));
        QVERIFY(QFile::rename(path + QStringLiteral(".copy-journal"), path + QStringLiteral("-journal")));
        const QByteArray before = testing::fileHash(path);
        QString message;
        if (isRoot()) {
            QVERIFY(chmodPath(m_dir.path(), 0755));
            QVERIFY(chmodPath(folder, 0555));
            QVERIFY(chmodPath(path, 0444));
            const HelperRun run = runHelper({QStringLiteral("load"), path}, true);
            QCOMPARE(run.exitCode, 1);
            message = run.err.trimmed();
        } else {
            QVERIFY(chmodPath(folder, 0555));
            const auto loaded = model::loadProject(path);
            QVERIFY(!loaded.ok());
            message = QStringLiteral("error: %1: %2").arg(path, QString::fromStdString(loaded.issues().front().message));
        }
        QVERIFY(chmodPath(folder, 0755));
        QCOMPARE(message, QStringLiteral("error: %1: %2").arg(path, QString::fromStdString(model::hotJournalMessage(path))));
        QVERIFY(!message.contains(QStringLiteral("writable")));
        QCOMPARE(testing::fileHash(path), before);
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-journal")));
    }

    void aWalModeProjectIsReadWithoutCheckpointing()
    {
        QVERIFY(model::saveProject(m_path, baseProject()).ok());
        QVERIFY(testing::execOn(m_path, "PRAGMA journal_mode = WAL;").empty());
        QVERIFY(!QFileInfo::exists(m_path + QStringLiteral("-wal"))); // closed cleanly: all in the file
        const QByteArray clean = testing::fileHash(m_path);
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.name, std::string("Base"));
        // Nothing created beside it (no -wal, no -shm), nothing changed.
        QCOMPARE(namesIn(m_dir.path()), QStringList{"bad.headroom"});
        QCOMPARE(testing::fileHash(m_path), clean);

        // Changes still in the log: copied while another program holds them there.
        const QString copy = m_dir.filePath(QStringLiteral("pending.headroom"));
        {
            testing::RawDatabase writer(m_path);
            QVERIFY(writer.exec("PRAGMA wal_autocheckpoint = 0; UPDATE model SET name = 'In the log';"));
            QVERIFY(QFileInfo(m_path + QStringLiteral("-wal")).size() > 0);
            QVERIFY(QFile::copy(m_path, copy));
            QVERIFY(QFile::copy(m_path + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
        }
        const QByteArray fileBefore = testing::fileHash(copy);
        const QByteArray walBefore = testing::fileHash(copy + QStringLiteral("-wal"));
        const auto pending = model::loadProject(copy);
        QVERIFY(!pending.ok());
        QCOMPARE(pending.issues().front().message, model::pendingWalMessage(copy));
        QVERIFY(pending.issues().front().message.rfind("has changes that are not in the file yet, in its write-ahead "
                                                       "log pending.headroom-wal",
                                                       0) == 0);
        QCOMPARE(testing::fileHash(copy), fileBefore);
        QCOMPARE(testing::fileHash(copy + QStringLiteral("-wal")), walBefore);
        QVERIFY(!QFileInfo::exists(copy + QStringLiteral("-shm")));
    }

    void aNewSaveRemovesAJournalLeftBesideItsName()
    {
        // A journal of a file deleted after a crash, then a new project saved under its name:
        // the old journal must not be rolled back into the new file.
        const QString crashed = m_dir.filePath(QStringLiteral("crashed.headroom"));
        QVERIFY(model::saveProject(m_path, baseProject()).ok());
        {
            testing::RawDatabase writer(m_path);
            QVERIFY(writer.exec(kSpillingChange));
            QVERIFY(QFile::copy(m_path + QStringLiteral("-journal"), crashed + QStringLiteral("-journal")));
            QVERIFY(writer.exec("ROLLBACK"));
        }
        model::Project fresh;
        fresh.model = testing::generatedModel(50);
        const auto saved = model::saveProject(crashed, fresh);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        QVERIFY(!QFileInfo::exists(crashed + QStringLiteral("-journal")));
        const auto reopened = model::loadProject(crashed);
        QVERIFY2(reopened.ok(), testing::problems(reopened).constData());
        HR_COMPARE_MODELS(reopened->model, fresh.model);
    }

    void plantedTriggersAndViewsDoNotRun()
    {
        QVERIFY(model::saveProject(m_path, baseProject()).ok());
        // Someone else's file may carry SQL that runs when rows change: with triggers off it never runs.
        QCOMPARE(testing::execOn(m_path,
                                 "CREATE TRIGGER planted_delete AFTER DELETE ON components BEGIN "
                                 "  INSERT INTO view_state VALUES ('planted-' || old.id, 'ran'); END;"
                                 "CREATE TRIGGER planted_insert AFTER INSERT ON component_fields BEGIN "
                                 "  UPDATE settings SET currency = 'XXX'; END;"
                                 "CREATE VIEW planted_view AS SELECT * FROM components;"),
                 std::string());
        model::Project project = baseProject();
        project.settings.currency = "CHF";
        const auto saved = model::saveProject(m_path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->settings, project.settings);
    }

    void readOnlyFileIsNotWritten()
    {
        QVERIFY(model::saveProject(m_path, baseProject()).ok());
        const QByteArray before = testing::fileHash(m_path);
        QVERIFY(chmodPath(m_path, 0444));
        const QString expected =
            QStringLiteral("is read-only: the project was not saved and the file on disk is unchanged");
        if (isRoot()) {
            // Root may write any file: save as "nobody", in a folder nobody may write to.
            QVERIFY(chmodPath(m_dir.path(), 0777));
            const HelperRun run = runHelper({QStringLiteral("save"), m_path, QStringLiteral("20")}, true);
            QCOMPARE(run.exitCode, 1);
            QCOMPARE(run.err.trimmed(), QStringLiteral("error: %1: %2").arg(m_path, expected));
        } else {
            model::Project other = baseProject();
            other.model.name = "Changed";
            const auto saved = model::saveProject(m_path, other);
            QVERIFY(!saved.ok());
            QCOMPARE(QString::fromStdString(saved.issues().front().message), expected);
        }
        QCOMPARE(testing::fileHash(m_path), before);
        QCOMPARE(namesIn(m_dir.path()), QStringList{"bad.headroom"});
        // Reading a read-only project works.
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.name, std::string("Base"));
    }

    void readOnlyFolderIsNotWritten()
    {
        const QString folder = m_dir.filePath(QStringLiteral("locked-folder"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/project.headroom");
        const QString fresh = folder + QStringLiteral("/new.headroom");
        QVERIFY(model::saveProject(path, baseProject()).ok());
        const QByteArray before = testing::fileHash(path);
        QString inPlaceError;
        QString newFileError;
        if (isRoot()) {
            // "nobody" owns the file but may not create anything beside it (a new file).
            QVERIFY(chmodPath(m_dir.path(), 0755));
            QVERIFY(chmodPath(folder, 0755));
            QVERIFY(::chown(QFile::encodeName(path).constData(), kNobody, kNobody) == 0);
            const HelperRun inPlace = runHelper({QStringLiteral("save"), path, QStringLiteral("20")}, true);
            QCOMPARE(inPlace.exitCode, 1);
            inPlaceError = inPlace.err;
            const HelperRun newFile = runHelper({QStringLiteral("save"), fresh, QStringLiteral("20")}, true);
            QCOMPARE(newFile.exitCode, 1);
            newFileError = newFile.err;
        } else {
            QVERIFY(chmodPath(folder, 0555));
            model::Project other = baseProject();
            other.model.name = "Changed";
            const auto inPlace = model::saveProject(path, other);
            QVERIFY(!inPlace.ok());
            inPlaceError = QString::fromStdString(inPlace.issues().front().message);
            const auto newFile = model::saveProject(fresh, other);
            QVERIFY(!newFile.ok());
            newFileError = QString::fromStdString(newFile.issues().front().message);
            QVERIFY(chmodPath(folder, 0755));
        }
        // Over an existing project too: every save writes a new file beside the target.
        QVERIFY2(inPlaceError.contains(QStringLiteral("cannot create a file in the folder")), qPrintable(inPlaceError));
        QVERIFY2(inPlaceError.contains(QStringLiteral("the file on disk is unchanged")), qPrintable(inPlaceError));
        QVERIFY2(inPlaceError.contains(QStringLiteral("the project was not saved")), qPrintable(inPlaceError));
        QVERIFY2(newFileError.contains(QStringLiteral("cannot create a file in the folder")), qPrintable(newFileError));
        QVERIFY2(newFileError.contains(QStringLiteral("the project was not saved")), qPrintable(newFileError));
        QCOMPARE(testing::fileHash(path), before);
        QCOMPARE(namesIn(folder), QStringList{"project.headroom"});
    }

    void readOnlyFileSystemIsNotWritten()
    {
        if (!isRoot())
            QSKIP("a read-only file system needs a mount, which needs root; the read-only file and folder cases "
                  "cover this user");
        testing::SmallTmpfs tmpfs(m_dir.filePath(QStringLiteral("ro-mount")), "4m");
        if (!tmpfs.mounted())
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1)").arg(QString::fromStdString(tmpfs.error()))));
        const QString path = m_dir.filePath(QStringLiteral("ro-mount/project.headroom"));
        QVERIFY(model::saveProject(path, baseProject()).ok());
        const QByteArray before = testing::fileHash(path);
        QVERIFY(tmpfs.remountReadOnly());
        model::Project other = baseProject();
        other.model.name = "Changed";
        const auto saved = model::saveProject(path, other);
        QVERIFY(!saved.ok());
        QVERIFY2(saved.issues().front().message.find("the project was not saved") != std::string::npos,
                 testing::problems(saved).constData());
        QCOMPARE(testing::fileHash(path), before);
        const auto loaded = model::loadProject(path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.name, std::string("Base"));
    }

    void lockedFileFailsWithinTheBusyTimeout_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::addColumn<bool>("readable");
        QTest::newRow("exclusive (another program is writing)")
            << "BEGIN EXCLUSIVE; UPDATE settings SET target_wait = 0.5" << false;
        QTest::newRow("reserved (another program is about to write)")
            << "BEGIN IMMEDIATE; UPDATE settings SET target_wait = 0.5" << true;
        QTest::newRow("shared (another program is reading)") << "BEGIN; SELECT count(*) FROM components" << true;
    }

    void lockedFileFailsWithinTheBusyTimeout()
    {
        QFETCH(QString, lock);
        QFETCH(bool, readable);
        QVERIFY(model::saveProject(m_path, baseProject()).ok());
        const QByteArray before = testing::fileHash(m_path);
        {
            // Another program: locks are per process, and a save looks for other processes' locks.
            QProcess other;
            other.start(QStringLiteral(HEADROOM_PROJECT_HELPER), {QStringLiteral("hold-sqlite-lock"), m_path, lock});
            QVERIFY(other.waitForReadyRead(30'000));
            QCOMPARE(other.readAllStandardOutput(), QByteArray("locked\n"));
            QElapsedTimer timer;
            timer.start();
            const auto loaded = model::loadProject(m_path);
            QVERIFY(timer.elapsed() < kMostBusyWaitMs);
            if (readable) {
                QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
            } else {
                QVERIFY(!loaded.ok());
                QVERIFY2(loaded.issues().front().message.rfind("is locked by another program", 0) == 0,
                         testing::problems(loaded).constData());
            }
            model::Project changed = baseProject();
            changed.model.name = "Changed";
            timer.restart();
            const auto saved = model::saveProject(m_path, changed);
            const qint64 waited = timer.elapsed();
            other.kill();
            other.waitForFinished();
            QVERIFY(!saved.ok());
            QVERIFY2(saved.issues().front().message.rfind("is locked by another program", 0) == 0,
                     testing::problems(saved).constData());
            QVERIFY2(saved.issues().front().message.find("the project was not saved") != std::string::npos,
                     testing::problems(saved).constData());
            QVERIFY2(waited >= model::sqlite::kBusyTimeoutMs / 2 && waited < kMostBusyWaitMs,
                     qPrintable(QStringLiteral("waited %1 ms").arg(waited)));
        }
        // The other program was killed in the middle of its transaction: its journal, if any,
        // is hot, and is this file's own. Opening refuses it; SQLite rolls it back.
        if (QFileInfo::exists(m_path + QStringLiteral("-journal")))
            QCOMPARE(testing::execOn(m_path, "PRAGMA quick_check;"), std::string());
        QCOMPARE(testing::fileHash(m_path), before);
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.name, std::string("Base"));
    }

    void fullDiskLeavesTheOldFile()
    {
        if (!isRoot())
            QSKIP("a full disk needs a small tmpfs, which needs root; fileSizeLimitLeavesTheOldFile covers this user");
        testing::SmallTmpfs tmpfs(m_dir.filePath(QStringLiteral("full-mount")), "2m");
        if (!tmpfs.mounted())
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1)").arg(QString::fromStdString(tmpfs.error()))));
        const QString folder = m_dir.filePath(QStringLiteral("full-mount"));
        const QString path = folder + QStringLiteral("/project.headroom");
        QVERIFY(model::saveProject(path, baseProject()).ok());
        const QByteArray before = testing::fileHash(path);

        // Fill the disk.
        {
            QFile filler(folder + QStringLiteral("/filler"));
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray chunk(4096, 'f');
            while (filler.write(chunk) == chunk.size() && filler.flush()) {
            }
        }
        model::Project big;
        big.model = testing::generatedModel(3000);
        for (const QString& target : {path, folder + QStringLiteral("/new.headroom")}) {
            const auto saved = model::saveProject(target, big);
            QVERIFY(!saved.ok());
            const std::string& message = saved.issues().front().message;
            QVERIFY2(message.find("the disk is full") != std::string::npos ||
                         message.find("cannot create a file in the folder") != std::string::npos,
                     testing::problems(saved).constData());
            QVERIFY2(message.find("the project was not saved") != std::string::npos, testing::problems(saved).constData());
        }
        QCOMPARE(testing::fileHash(path), before);
        QCOMPARE(namesIn(folder), (QStringList{"filler", "project.headroom"}));
        const auto loaded = model::loadProject(path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.name, std::string("Base"));

        // With room again, the same save goes through.
        QVERIFY(QFile::remove(folder + QStringLiteral("/filler")));
        const auto saved = model::saveProject(path, big);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        QVERIFY(model::loadProject(path).ok());
    }

    void fileSizeLimitLeavesTheOldFile()
    {
        // RLIMIT_FSIZE works for every user: the helper saves 3,000 components under a 64 KiB limit.
        QVERIFY(model::saveProject(m_path, baseProject()).ok());
        const QByteArray before = testing::fileHash(m_path);
        const QString fresh = m_dir.filePath(QStringLiteral("new.headroom"));
        for (const QString& target : {m_path, fresh}) {
            const HelperRun run = runHelper({QStringLiteral("save-limited"), target, QStringLiteral("65536")}, false);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QStringLiteral("cannot be written: the file would be larger than the system "
                                                     "allows (File too large)")),
                     qPrintable(run.err));
            QVERIFY2(run.err.contains(QStringLiteral("the project was not saved")), qPrintable(run.err));
        }
        QCOMPARE(testing::fileHash(m_path), before);
        QVERIFY(!QFileInfo::exists(fresh));
        QCOMPARE(namesIn(m_dir.path()), QStringList{"bad.headroom"});
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.name, std::string("Base"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestProjectBadFiles)
#include "tst_project_bad_files.moc"
