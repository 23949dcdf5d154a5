// SPDX-License-Identifier: MIT
// Project formats: a format-0 project (tests/model/fixtures, made by make_v0_fixture.py)
// opens as format 1 without the file changing, saving over it upgrades it in one
// transaction, a broken one fails cleanly, and a project of a newer format is refused
// with both versions named and never written to.

#include "ProjectFixtures.h"
#include "ModelDiff.h"

#include "io/ModelJson.h"
#include "project/ProjectFile.h"

#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimeZone>
#include <QtTest/QTest>

using namespace headroom;
using testing::joined;

namespace {

QString fixture(const QString& name)
{
    return testing::sourceDir() + QStringLiteral("/tests/model/fixtures/") + name;
}

engine::Model fixtureModel()
{
    auto model = model::readModelJson(testing::readAll(fixture(QStringLiteral("project-v0.json"))));
    if (!model)
        qFatal("cannot read the fixture's JSON:%s", testing::problems(model).constData());
    return std::move(model).value();
}

} // namespace

class TestProjectMigration : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("old.headroom"));
        QFile::remove(m_path);
        QFile::remove(m_path + QStringLiteral("-journal"));
    }

    void formatZeroOpensWithoutChangingTheFile()
    {
        QVERIFY(QFile::copy(fixture(QStringLiteral("project-v0.headroom")), m_path));
        QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QByteArray before = testing::fileHash(m_path);
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        HR_COMPARE_MODELS(loaded->model, fixtureModel());
        QCOMPARE(loaded->metadata.migratedFrom, std::optional<int>(0));
        QCOMPARE(loaded->metadata.formatVersion, model::kProjectFormatVersion);
        QCOMPARE(loaded->metadata.appVersion, std::string("0.0.3"));
        const QDateTime saved(QDate(2023, 11, 2), QTime(9, 30), QTimeZone::utc());
        QCOMPARE(loaded->metadata.created, saved);
        QCOMPARE(loaded->metadata.modified, saved);
        QCOMPARE(loaded->settings.currency, std::string("EUR"));
        QCOMPARE(loaded->settings.planningMultiplier, model::ProjectSettings().planningMultiplier);
        // Opening is reading: the old format stays on disk until the project is saved.
        QCOMPARE(testing::fileHash(m_path), before);
        QVERIFY(!QFileInfo::exists(m_path + QStringLiteral("-journal")));
    }

    void savingOverFormatZeroUpgradesItInPlace()
    {
        QVERIFY(QFile::copy(fixture(QStringLiteral("project-v0.headroom")), m_path));
        QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        model::Project project = std::move(loaded).value();
        project.settings.viewState["zoom"] = "1.5";
        const auto saved = model::saveProject(m_path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        QCOMPARE(saved->appVersion, std::string(model::applicationVersion()));
        QCOMPARE(saved->created, project.metadata.created); // the creation time survives the upgrade

        const auto reopened = model::loadProject(m_path);
        QVERIFY2(reopened.ok(), testing::problems(reopened).constData());
        HR_COMPARE_MODELS(reopened->model, fixtureModel());
        QVERIFY(!reopened->metadata.migratedFrom);
        QCOMPARE(reopened->settings, project.settings);
        // The format-0 table is gone and the header says format 1.
        QCOMPARE(testing::execOn(m_path, "SELECT * FROM headroom_project"), std::string("no such table: headroom_project"));
        const QByteArray header = testing::readAll(m_path).left(100);
        QCOMPARE(static_cast<int>(header[63]), model::kProjectFormatVersion);
    }

    void savingOverFormatZeroWithoutOpeningIt()
    {
        QVERIFY(QFile::copy(fixture(QStringLiteral("project-v0.headroom")), m_path));
        QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        model::Project project;
        project.model = testing::generatedModel(30);
        QVERIFY(model::saveProject(m_path, project).ok());
        const auto reopened = model::loadProject(m_path);
        QVERIFY2(reopened.ok(), testing::problems(reopened).constData());
        HR_COMPARE_MODELS(reopened->model, project.model);
    }

    void brokenFormatZeroFailsCleanly_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("message");
        QTest::newRow("model row missing") << "DELETE FROM headroom_project WHERE key = 'model'"
                                           << "format 0: the 'model' row is missing, so there is no model to migrate";
        QTest::newRow("model not JSON")
            << "UPDATE headroom_project SET value = '{\"components\": [' WHERE key = 'model'"
            << "format 0: the model: not valid JSON: the text ends where a value should be at line 1, column 17";
        QTest::newRow("model breaks a rule")
            << "UPDATE headroom_project SET value = replace(value, '\"servers\": 4', '\"servers\": 0') WHERE key = 'model'"
            << "component 'lb': servers: must be an integer from 1 to 10000000, got 0";
        QTest::newRow("a row that is not text") << "INSERT INTO headroom_project VALUES ('blob', x'00ff')"
                                                << "format 0: the rows of headroom_project must hold text keys and values";
    }

    void brokenFormatZeroFailsCleanly()
    {
        QFETCH(QString, sql);
        QFETCH(QString, message);
        QVERIFY(QFile::copy(fixture(QStringLiteral("project-v0.headroom")), m_path));
        QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(testing::execOn(m_path, sql.toStdString()), std::string());
        const QByteArray before = testing::fileHash(m_path);
        const auto loaded = model::loadProject(m_path);
        QVERIFY(!loaded.ok());
        QCOMPARE(QString::fromStdString(loaded.issues().front().message), message);
        QCOMPARE(engine::subjectText(loaded.issues().front().subject), m_path.toStdString());
        QCOMPARE(testing::fileHash(m_path), before);
    }

    void newerFormatIsRefusedAndNeverWritten_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("writer");
        QTest::addColumn<int>("format");
        QTest::newRow("format 3 by Headroom 9.9.0")
            << "UPDATE meta SET value = '9.9.0' WHERE key = 'app_version'; "
               "UPDATE meta SET value = '3' WHERE key = 'schema_version'; PRAGMA user_version = 3;"
            << "Headroom 9.9.0" << 3;
        QTest::newRow("format 7, tables unknown")
            << "DROP TABLE meta; DROP TABLE components; CREATE TABLE everything (data BLOB); PRAGMA user_version = 7;"
            << "a newer Headroom" << 7;
    }

    void newerFormatIsRefusedAndNeverWritten()
    {
        QFETCH(QString, sql);
        QFETCH(QString, writer);
        QFETCH(int, format);
        model::Project project;
        project.model = testing::generatedModel(12);
        QVERIFY(model::saveProject(m_path, project).ok());
        QCOMPARE(testing::execOn(m_path, sql.toStdString()), std::string());
        const QByteArray before = testing::fileHash(m_path);
        const QString expected = QStringLiteral("this project was written by %1 with project format %2; this version "
                                                "(Headroom %3) reads format %4 and older")
                                     .arg(writer)
                                     .arg(format)
                                     .arg(QString::fromUtf8(model::applicationVersion().data(),
                                                            static_cast<qsizetype>(model::applicationVersion().size())))
                                     .arg(model::kProjectFormatVersion);

        const auto loaded = model::loadProject(m_path, model::ModelRules::Report);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.issues().size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(loaded.issues().front().message), expected);

        const auto saved = model::saveProject(m_path, project);
        QVERIFY(!saved.ok());
        QCOMPARE(QString::fromStdString(saved.issues().front().message), expected + QStringLiteral("; it was not changed"));
        QCOMPARE(testing::fileHash(m_path), before);
        QVERIFY(!QFileInfo::exists(m_path + QStringLiteral("-journal")));
    }

    void formatZeroMadeHereMigratesToo()
    {
        // Independent of the committed fixture: a format-0 file written now, with text
        // that needs care (quotes, Unicode).
        engine::Model model = testing::generatedModel(25);
        model.name = "Bob's \"shop\" — ツ";
        const QByteArray json = model::writeModelJson(model);
        testing::RawDatabase db(m_path);
        QVERIFY(db.exec("CREATE TABLE headroom_project (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
                        "INSERT INTO headroom_project VALUES ('version', '0'), ('saved_by', '0.0.1');"));
        std::string insert = "INSERT INTO headroom_project VALUES ('model', '";
        for (const char c : json.toStdString())
            insert += c == '\'' ? std::string("''") : std::string(1, c);
        QVERIFY(db.exec(insert + "')"));
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        HR_COMPARE_MODELS(loaded->model, model);
        QCOMPARE(loaded->settings.currency, std::string("USD"));
        QCOMPARE(loaded->metadata.appVersion, std::string("0.0.1"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestProjectMigration)
#include "tst_project_migration.moc"
