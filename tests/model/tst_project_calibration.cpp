// SPDX-License-Identifier: MIT
// Calibration in the document and the project (issue 19, the editor's half): the import's
// grouping and guesses on captures of real servers (tests/measure/fixtures/calm), the
// calibration as one undo step, and the marks and measurements in project files: written
// and read back, and a format-1 project (tests/model/fixtures/project-v1.headroom, written
// by the build before format 2) opened, migrated and saved over.

#include "ProjectFixtures.h"

#include "document/CalibrationCommands.h"
#include "document/Document.h"
#include "document/DocumentProject.h"
#include "engine/calibration/CalibrationGuess.h"
#include "engine/Fields.h"
#include "io/ModelJson.h"
#include "measure/MeasurementImport.h"
#include "project/ProjectFile.h"

#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace headroom;
using model::measure::ImportEntry;
using model::measure::ImportInput;

namespace {

QString calm(const QString& name)
{
    return testing::sourceDir() + QStringLiteral("/tests/measure/fixtures/calm/") + name;
}

QString fixture(const QString& name)
{
    return testing::sourceDir() + QStringLiteral("/tests/model/fixtures/") + name;
}

engine::Model calmModel()
{
    auto model = model::readModelJson(testing::readAll(calm(QStringLiteral("model.json"))));
    if (!model)
        qFatal("cannot read the calm model:%s", testing::problems(model).constData());
    return std::move(model).value();
}

ImportInput input(const QString& path)
{
    auto read = model::measure::readInputFile(path);
    if (!read)
        qFatal("cannot read %s", qPrintable(path));
    return std::move(read).value();
}

/// The rate phase of the calm capture, as a user would pick the files (in name order:
/// "after" before "before"), the pair's interval typed in.
std::vector<ImportEntry> ratePhase()
{
    std::vector<ImportEntry> entries = model::measure::groupInputs(
        {input(calm(QStringLiteral("rate-after-stats.txt"))), input(calm(QStringLiteral("rate-before-stats.txt"))),
         input(calm(QStringLiteral("rate-pgbench.txt"))), input(calm(QStringLiteral("rate-replication.txt")))});
    for (ImportEntry& e : entries) {
        if (e.second) {
            e.intervalS = 8.163;
            e.read();
        }
    }
    return entries;
}

/// A project with every kind of mark and figure value.
model::Project markedProject()
{
    model::Project project;
    project.model = calmModel();
    engine::Component& db = project.model.components[*project.model.indexOf("db")];
    db.set(engine::Field::ServiceMs, 3.057);
    db.calibrated.push_back({"service_ms", 3.057, "pgbouncer-stats", "2026-12-07T20:00:00Z",
                             "before.txt,after.txt", "bench", "mean_server_ms", 3.087});
    engine::Link& pool = project.model.links[1];
    pool.set(engine::LinkField::PoolOverheadMs, 0.25);
    pool.calibrated.push_back({"pool_overhead_ms", 0.25, "pgbouncer-stats", "2026-12-07T20:00:00Z", "s.txt", "bench",
                               "mean_server_ms", 3.3});
    engine::Measurement stats;
    stats.source = engine::MeasureSource::PgbouncerStats;
    stats.inputFormat = "psql-aligned";
    stats.file = "before.txt,after.txt";
    stats.capturedAt = "2026-12-07T20:00:00Z";
    stats.intervalS = 8.163;
    stats.objects = {{"bench", {{"xact_rps", 64.07}, {"mean_wait_ms", 0.0}}}, {"pgbouncer", {}}};
    engine::Measurement replication;
    replication.source = engine::MeasureSource::PgStatReplication;
    replication.inputFormat = "psql-csv";
    replication.file = "replication.csv";
    replication.capturedAt = "2026-12-07T20:00:01Z";
    replication.objects = {{"replica1", {{"state", std::string("streaming")},
                                         {"write_lag_ms", std::monostate{}},
                                         {"replay_lag_ms", 0.479}}}};
    engine::Measurement bench;
    bench.source = engine::MeasureSource::Pgbench;
    bench.inputFormat = "pgbench-report";
    bench.file = "pgbench.txt";
    bench.capturedAt = "2026-12-07T20:00:02Z";
    bench.objects = {{"pgbench", {{"open_loop", true}, {"tps", 64.73}, {"failed", false}}}};
    project.measurements = {stats, replication, bench};
    return project;
}

} // namespace

class TestProjectCalibration : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void pairsSnapshotsOldestFirst()
    {
        const auto entries = ratePhase();
        QCOMPARE(entries.size(), std::size_t(3));
        const ImportEntry& stats = entries.front();
        QVERIFY(stats.second.has_value());
        QCOMPARE(stats.recognised, std::optional(engine::MeasureSource::PgbouncerStats));
        QVERIFY2(stats.measurement.has_value(), testing::joined(stats.issues).constData());
        // Picked in name order ("after" first) from a checkout whose times tell nothing: the
        // snapshot with the smaller counters is the earlier one.
        QVERIFY(QString::fromStdString(stats.first.text.name).endsWith("rate-before-stats.txt"));
        QVERIFY(QString::fromStdString(stats.second->text.name).endsWith("rate-after-stats.txt"));
        const auto rps = stats.measurement->find("bench")->number("xact_rps");
        QVERIFY(rps && *rps > 0.0);
        QCOMPARE(entries[1].recognised, std::optional(engine::MeasureSource::Pgbench));
        QCOMPARE(entries[2].recognised, std::optional(engine::MeasureSource::PgStatReplication));
    }

    void timesOrderThePairAndGiveItsInterval()
    {
        const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-12-07T20:00:00Z"), Qt::ISODate);
        ImportInput before = input(calm(QStringLiteral("rate-before-stats.txt")));
        ImportInput after = input(calm(QStringLiteral("rate-after-stats.txt")));
        before.modified = t0;
        after.modified = t0.addMSecs(8163);
        const auto entries = model::measure::groupInputs({after, before});
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(entries.front().intervalS, std::optional(8.163));
        QVERIFY(QString::fromStdString(entries.front().first.text.name).endsWith("rate-before-stats.txt"));
        QVERIFY2(entries.front().measurement, testing::joined(entries.front().issues).constData());
        QCOMPARE(entries.front().measurement->capturedAt, std::string("2026-12-07T20:00:08Z"));
        // Times that tell the wrong order: the counters going backwards are named.
        before.modified = t0.addMSecs(8163);
        after.modified = t0;
        const auto reversed = model::measure::groupInputs({before, after});
        QVERIFY(!reversed.front().measurement);
        QVERIFY2(testing::joined(reversed.front().issues).contains("went from"),
                 testing::joined(reversed.front().issues).constData());
    }

    void aPairWithoutItsIntervalSaysSo()
    {
        auto entries = model::measure::groupInputs({{{"one", testing::readAll(calm("rate-before-stats.txt")).toStdString()}, {}},
                                                    {{"two", testing::readAll(calm("rate-after-stats.txt")).toStdString()}, {}}});
        QCOMPARE(entries.size(), std::size_t(1));
        QVERIFY(!entries.front().measurement);
        QCOMPARE(entries.front().issues.front().subject, engine::Subject::file("one, two"));
        QVERIFY(QString::fromStdString(entries.front().issues.front().message).contains("seconds between them"));
    }

    void guessesTheTargets()
    {
        const auto entries = ratePhase();
        const auto mappings = model::measure::proposeMappings(calmModel(), entries);
        std::map<std::string, std::string> guessed;
        for (const auto& m : mappings)
            guessed[m.object] = m.target ? m.target->text() : "(none)";
        // The PgBouncer database "bench" onto the only pooled link into a database; the
        // replica's application_name onto the only replica; pgbench onto its namesake.
        QCOMPARE(guessed["bench"], std::string("pgbench->db"));
        QCOMPARE(guessed["replica1"], std::string("replica"));
        QCOMPARE(guessed["pgbench"], std::string("pgbench"));
        // PgBouncer's admin console is listed (it has rates) but never guessed.
        QVERIFY(mappings.size() >= 3);
        if (guessed.count("pgbouncer"))
            QCOMPARE(guessed["pgbouncer"], std::string("(none)"));
    }

    void guessesByName_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("target");
        QTest::newRow("database by id") << "pgbouncer-stats" << "orders" << "api->orders";
        QTest::newRow("database by label") << "pgbouncer-stats" << "Orders DB" << "api->orders";
        QTest::newRow("two pools, no name") << "pgbouncer-stats" << "bench" << "";
        QTest::newRow("replica by id") << "pg_stat_replication" << "r2" << "r2";
        QTest::newRow("two replicas, no name") << "pg_stat_replication" << "walreceiver" << "";
        QTest::newRow("run onto the only clients") << "k6" << "k6" << "users";
        QTest::newRow("JTL label by id") << "jmeter-jtl" << "api" << "api";
        QTest::newRow("JTL label unknown") << "jmeter-jtl" << "login" << "";
    }

    void guessesByName()
    {
        QFETCH(QString, source);
        QFETCH(QString, object);
        QFETCH(QString, target);
        engine::Model m;
        const auto add = [&](std::string id, engine::ComponentKind kind, std::string label = {}) {
            engine::Component c;
            c.id = std::move(id);
            c.kind = kind;
            c.label = std::move(label);
            m.components.push_back(c);
            return &m.components.back();
        };
        add("users", engine::ComponentKind::Clients);
        add("api", engine::ComponentKind::AppServer);
        add("orders", engine::ComponentKind::Database, "Orders DB");
        add("stock", engine::ComponentKind::Database);
        add("r1", engine::ComponentKind::Database)->role = engine::DatabaseRole::Replica;
        add("r2", engine::ComponentKind::Database)->role = engine::DatabaseRole::Replica;
        for (const char* to : {"orders", "stock"}) {
            engine::Link l;
            l.from = "api";
            l.to = to;
            l.set(engine::LinkField::PoolSize, 10);
            m.links.push_back(l);
        }
        const auto parsed = engine::parseSource(source.toStdString());
        QVERIFY(parsed);
        const auto guess = engine::guessTarget(m, *parsed, {object.toStdString(), {}});
        QCOMPARE(QString::fromStdString(guess ? guess->text() : std::string()), target);
    }

    void calibrationIsOneUndoStep()
    {
        model::Document document;
        document.load(calmModel());
        const engine::Model before = document.model();
        const auto entries = ratePhase();
        const auto mappings = model::measure::proposeMappings(document.model(), entries);
        auto preview = model::measure::previewImport(document.model(), entries, mappings);
        QVERIFY2(preview.ok(), testing::problems(preview).constData());
        QVERIFY(!preview->calibration.changes.empty());
        QCOMPARE(preview->measurements.size(), std::size_t(3));
        const int steps = document.undoStack()->count();
        const auto problem = model::pushCalibration(document, preview->calibration, preview->measurements,
                                                    QStringLiteral("Import Measurements"));
        QVERIFY2(!problem, problem ? qPrintable(*problem) : "");
        QCOMPARE(document.undoStack()->count(), steps + 1);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Import Measurements"));
        // The document is the calibrated model, marks and all, and keeps what was measured.
        QCOMPARE(document.model().components, preview->calibration.model.components);
        QCOMPARE(document.model().links, preview->calibration.model.links);
        QCOMPARE(document.measurements(), preview->measurements);
        const engine::Component& db = document.model().components[*document.model().indexOf("db")];
        QCOMPARE(db.calibrated.front().figure, std::string("mean_server_ms"));
        QCOMPARE(db.calibrated.front().value, *db.get(engine::Field::ServiceMs));
        const engine::Model calibrated = document.model();
        document.undoStack()->undo();
        QCOMPARE(document.model(), before);
        QVERIFY(document.measurements().empty());
        document.undoStack()->redo();
        QCOMPARE(document.model(), calibrated);
        QCOMPARE(document.measurements(), preview->measurements);
    }

    void badMappingChangesNothing()
    {
        model::Document document;
        document.load(calmModel());
        const auto entries = ratePhase();
        auto mappings = model::measure::proposeMappings(document.model(), entries);
        for (auto& m : mappings) {
            if (m.object == "replica1")
                m.target = engine::CalibrationTarget{"db", {}}; // a replica's lag onto the primary
        }
        const auto preview = model::measure::previewImport(document.model(), entries, mappings);
        QVERIFY(!preview.ok());
        QVERIFY2(testing::joined(preview.issues()).contains("replica"), testing::joined(preview.issues()).constData());
        for (auto& m : mappings)
            m.target.reset();
        const auto nothing = model::measure::previewImport(document.model(), entries, mappings);
        QVERIFY(!nothing.ok());
        QVERIFY(testing::joined(nothing.issues()).contains("nothing to calibrate"));
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void marksAndMeasurementsRoundTrip()
    {
        const model::Project project = markedProject();
        const QString path = m_dir.filePath(QStringLiteral("marked.headroom"));
        const auto saved = model::saveProject(path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto loaded = model::loadProject(path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model, project.model);
        QCOMPARE(loaded->measurements, project.measurements);
        // Saved over in place (the file exists now), the same again.
        model::Project changed = loaded.value();
        changed.measurements.pop_back();
        QVERIFY(model::saveProject(path, changed).ok());
        QCOMPARE(model::loadProject(path)->measurements, changed.measurements);
    }

    void documentCarriesMeasurementsIntoTheProject()
    {
        model::Document document;
        const model::Project project = markedProject();
        model::loadProjectInto(document, project);
        QCOMPARE(document.measurements(), project.measurements);
        QCOMPARE(model::projectOf(document, {}).measurements, project.measurements);
        // Loading gives every component a position; the marks come through as they were.
        const engine::Model saved = model::projectOf(document, {}).model;
        for (std::size_t i = 0; i < saved.components.size(); ++i)
            QCOMPARE(saved.components[i].calibrated, project.model.components[i].calibrated);
        QCOMPARE(saved.links, project.model.links);
    }

    void formatOneOpensAndSavesAsFormatTwo()
    {
        const QString path = m_dir.filePath(QStringLiteral("v1.headroom"));
        QFile::remove(path);
        QVERIFY(QFile::copy(fixture(QStringLiteral("project-v1.headroom")), path));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QByteArray hash = testing::fileHash(path);
        auto loaded = model::loadProject(path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->metadata.migratedFrom, std::optional<int>(1));
        QCOMPARE(loaded->metadata.formatVersion, model::kProjectFormatVersion);
        auto json = model::readModelJson(testing::readAll(fixture(QStringLiteral("project-v1.json"))));
        QVERIFY(json.ok());
        QCOMPARE(loaded->model, json.value());
        QVERIFY(loaded->measurements.empty());
        // Opening is reading: the file stays format 1 until it is saved.
        QCOMPARE(testing::fileHash(path), hash);
        // Calibrate it, save over it: format 2, with the marks and what was measured.
        model::Document document;
        model::loadProjectInto(document, loaded.value());
        const auto entries = ratePhase();
        auto preview = model::measure::previewImport(document.model(), entries,
                                                     model::measure::proposeMappings(document.model(), entries));
        QVERIFY2(preview.ok(), testing::problems(preview).constData());
        QVERIFY(!model::pushCalibration(document, preview->calibration, preview->measurements, QStringLiteral("x")));
        model::Project project = model::projectOf(document, loaded->settings);
        project.metadata = loaded->metadata;
        const auto saved = model::saveProject(path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto reopened = model::loadProject(path);
        QVERIFY2(reopened.ok(), testing::problems(reopened).constData());
        QVERIFY(!reopened->metadata.migratedFrom); // saved as the current format
        QCOMPARE(reopened->model, document.model());
        QCOMPARE(reopened->measurements, document.measurements());
    }

    void badRowsAreNamed_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("named");
        QTest::newRow("mark of an unknown field") << "UPDATE calibration_marks SET field = 'speed' WHERE owner = "
                                                     "'component'"
                                                  << "calibrated speed: unknown field";
        QTest::newRow("mark of a missing component") << "UPDATE calibration_marks SET owner_ordinal = 99 WHERE owner = "
                                                        "'component'"
                                                     << "component ordinal 99";
        QTest::newRow("unknown source") << "UPDATE measurements SET source = 'sar' WHERE ordinal = 0"
                                        << "unknown source 'sar'";
        QTest::newRow("flag that is text") << "UPDATE measured_figures SET kind = 'flag' WHERE measurement = 0 AND "
                                              "object = 0 AND ordinal = 0"
                                           << "bench: xact_rps: must be an integer";
        QTest::newRow("number that is text") << "UPDATE measured_figures SET value = 'fast' WHERE measurement = 0 AND "
                                                "object = 0 AND ordinal = 0"
                                             << "xact_rps: must be a number";
    }

    void badRowsAreNamed()
    {
        QFETCH(QString, sql);
        QFETCH(QString, named);
        const QString path = m_dir.filePath(QStringLiteral("bad.headroom"));
        QFile::remove(path);
        QVERIFY(model::saveProject(path, markedProject()).ok());
        QCOMPARE(testing::execOn(path, sql.toStdString()), std::string());
        const auto loaded = model::loadProject(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(testing::joined(loaded.issues()).contains(named.toUtf8()), testing::joined(loaded.issues()).constData());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestProjectCalibration)
#include "tst_project_calibration.moc"
