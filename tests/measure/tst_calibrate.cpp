// SPDX-License-Identifier: MIT
// headroom-cli measure and calibrate (spec section 10.1), in-process, on outputs captured
// from real servers (fixtures/): the fit, its residual table, the marks in the written
// model, and bad input that changes nothing.
#include "cli/Cli.h"

#include "io/ModelJson.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace headroom;
using cli::runCli;

namespace {

std::string fixture(const char* name)
{
    return std::string(HEADROOM_SOURCE_DIR "/tests/measure/fixtures/") + name;
}

/// A capture of a calm machine (fixtures/calm): the open phase below the pool's knee.
std::string calm(const char* name)
{
    return std::string(HEADROOM_SOURCE_DIR "/tests/measure/fixtures/calm/") + name;
}

/// The seconds between the rate phase's two snapshots, as the capture recorded them.
std::string rateInterval(bool calmCapture = false)
{
    QFile file(QString::fromStdString(calmCapture ? calm("intervals.json") : fixture("intervals.json")));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing intervals.json");
    return QString::number(QJsonDocument::fromJson(file.readAll()).object().value("rate").toDouble(), 'g', 17)
        .toStdString();
}

std::vector<std::string> calibrateWords(const std::string& model)
{
    const std::string t = rateInterval(true);
    return {"calibrate", model,
            "--measure", calm("rate-pgbench.txt"),
            "--measure", calm("rate-before-stats.txt") + "," + calm("rate-after-stats.txt") + "@" + t,
            "--measure", calm("rate-replication.txt"),
            "--map", "pgbench=pgbench",
            "--map", "bench=pgbench->db",
            "--map", "replica1=replica"};
}

QJsonObject json(const std::string& text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

} // namespace

class TestCalibrate : public QObject {
    Q_OBJECT

private slots:
    void measureJsonShape()
    {
        const cli::CliRun run = runCli({"measure", fixture("rate-before-stats.txt"), fixture("rate-after-stats.txt"),
                                        "--interval-s", rateInterval(), "--json"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = json(run.out);
        QCOMPARE(o.value("format").toString(), QStringLiteral("headroom-measurements"));
        QCOMPARE(o.value("version").toInt(), 1);
        QCOMPARE(o.value("source").toString(), QStringLiteral("pgbouncer-stats"));
        QCOMPARE(o.value("input_format").toString(), QStringLiteral("psql-aligned"));
        const QJsonObject bench = o.value("databases").toObject().value("bench").toObject();
        for (const char* key : {"xact_rps", "query_rps", "mean_xact_ms", "mean_query_ms", "mean_wait_ms",
                                "mean_server_ms", "busy_connections"})
            QVERIFY2(bench.value(key).isDouble(), key);
        // The readable form names the figures too.
        const cli::CliRun text = runCli({"measure", fixture("rate-pgbench.txt")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(QString::fromStdString(text.out).contains("latency_avg_ms"));
        const cli::CliRun k6 = runCli({"measure", fixture("k6-handle-summary.json"), "--json"});
        QCOMPARE(json(k6.out).value("http_req_duration_ms").toObject().value("p95").toDouble(), 88.0);
        const cli::CliRun jtl = runCli({"measure", fixture("jmeter.jtl"), "--json"});
        QCOMPARE(json(jtl.out).value("total").toObject().value("samples").toDouble(), 10.0);
        QVERIFY(json(jtl.out).value("labels").toObject().contains("home"));
    }

    void fitsTheRatePhase()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath("calibrated.json").toStdString();
        std::vector<std::string> words = calibrateWords(fixture("model.json"));
        words.insert(words.end(), {"-o", out, "--json"});
        const cli::CliRun run = runCli(words);
        QVERIFY2(run.exitCode == 0, run.err.c_str());
        const QJsonObject o = json(run.out);
        QCOMPARE(o.value("format").toString(), QStringLiteral("headroom-calibration"));
        // Every figure the model has is within 10% at the measured load.
        int compared = 0;
        for (const QJsonValue& v : o.value("residuals").toArray()) {
            const QJsonObject r = v.toObject();
            if (r.value("relative_residual").isNull())
                continue;
            ++compared;
            QVERIFY2(std::abs(r.value("relative_residual").toDouble()) <= 0.10,
                     qPrintable(r.value("figure").toString() + ": " + r.value("reason").toString()));
            if (r.value("fitted").toBool())
                QVERIFY(std::abs(r.value("relative_residual").toDouble()) < 1e-6);
        }
        QVERIFY(compared >= 7);
        // The fields it set, and their marks in the written model.
        QStringList changed;
        for (const QJsonValue& v : o.value("changes").toArray()) {
            const QJsonObject c = v.toObject();
            changed << (c.contains("component") ? c.value("component") : c.value("link")).toString() + "." +
                           c.value("field").toString();
        }
        QVERIFY2(changed.contains("bench.rate_rps"), qPrintable(changed.join(' ')));
        QVERIFY(changed.contains("db.service_ms"));
        QVERIFY(changed.contains("pgbench.service_ms"));
        QVERIFY(changed.contains("replica.apply_ms"));
        QFile file(QString::fromStdString(out));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto model = model::readModelJson(file.readAll());
        QVERIFY(model.ok());
        const engine::Component& db = model->components[*model->indexOf("db")];
        QCOMPARE(db.calibrated.size(), std::size_t(1));
        QCOMPARE(db.calibrated.front().field, std::string("service_ms"));
        QCOMPARE(db.calibrated.front().source, std::string("pgbouncer-stats"));
        QCOMPARE(db.calibrated.front().object, std::string("bench"));
        QCOMPARE(db.calibrated.front().figure, std::string("mean_server_ms"));
        QCOMPARE(db.calibrated.front().value, *db.get(engine::Field::ServiceMs));
        // Written and read again, the marks stay.
        QCOMPARE(model::readModelJson(model::writeModelJson(*model)).value(), *model);
    }

    void readableResidualTable()
    {
        const cli::CliRun run = runCli(calibrateWords(fixture("model.json")));
        QCOMPARE(run.exitCode, 0);
        const QString out = QString::fromStdString(run.out);
        QVERIFY(out.contains("Residuals at the measured load"));
        QVERIFY(out.contains("mean_server_ms"));
        QVERIFY(out.contains("Nothing was written"));
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("named");
        const QString t = QString::fromStdString(rateInterval());
        const QString before = QString::fromStdString(fixture("rate-before-stats.txt"));
        const QString after = QString::fromStdString(fixture("rate-after-stats.txt"));
        QTest::newRow("unknown component") << QStringList{"--measure", before + "," + after + "@" + t, "--map",
                                                          "bench=ghost"} << "error: ghost:";
        QTest::newRow("link without a pool") << QStringList{"--measure", before + "," + after + "@" + t, "--map",
                                                            "bench=bench->pgbench"} << "error: link bench -> pgbench:";
        QTest::newRow("counters went backwards") << QStringList{"--measure", after + "," + before + "@" + t, "--map",
                                                                "bench=pgbench->db"} << "total_xact_count";
        QTest::newRow("zero interval") << QStringList{"--measure", before + "," + after + "@0", "--map",
                                                      "bench=pgbench->db"} << "interval";
        QTest::newRow("unrecognised file") << QStringList{"--measure", QString::fromStdString(fixture("model.json")),
                                                          "--map", "bench=db"} << "model.json";
        QTest::newRow("unknown object") << QStringList{"--measure", before + "," + after + "@" + t, "--map",
                                                       "nosuchdb=db"} << "nosuchdb";
        QTest::newRow("replica onto a primary") << QStringList{"--measure",
                                                               QString::fromStdString(fixture("rate-replication.txt")),
                                                               "--map", "replica1=db"} << "replica";
        QTest::newRow("no mapping") << QStringList{"--measure", before + "," + after + "@" + t} << "--map";
    }

    void badInputChangesNothing()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const QString out = dir.filePath("never.json");
        std::vector<std::string> words{"calibrate", fixture("model.json")};
        for (const QString& w : extra)
            words.push_back(w.toStdString());
        words.insert(words.end(), {"-o", out.toStdString()});
        const cli::CliRun run = runCli(words);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.empty());
        QVERIFY2(QString::fromStdString(run.err).startsWith("error: "), run.err.c_str());
        QVERIFY2(QString::fromStdString(run.err).contains(named), run.err.c_str());
        QVERIFY(!QFile::exists(out));
    }

    void measureBadInput()
    {
        const cli::CliRun zero = runCli({"measure", fixture("rate-before-stats.txt"), fixture("rate-after-stats.txt"),
                                         "--interval-s", "0"});
        QCOMPARE(zero.exitCode, 2);
        QVERIFY(QString::fromStdString(zero.err).startsWith("error: --interval-s:"));
        const cli::CliRun missing = runCli({"measure", "/nonexistent/stats.txt"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(QString::fromStdString(missing.err).contains("/nonexistent/stats.txt"));
    }
};

QTEST_GUILESS_MAIN(TestCalibrate)
#include "tst_calibrate.moc"
