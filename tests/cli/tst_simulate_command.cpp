// SPDX-License-Identifier: MIT
// headroom-cli simulate in-process (spec sections 9 and 9.1): the JSON's shape, the
// table, the same numbers with any thread count, and every bad option or profile
// answered with one "error: <field>: ..." line and exit status 2.
#include "cli/Cli.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using headroom::cli::CliRun;
using headroom::cli::runCli;

namespace {

const char* const kModel = R"({"components": [
  {"id": "users", "kind": "clients", "rate_rps": 200},
  {"id": "app", "kind": "app_server", "service_ms": 10, "servers": 4, "instances": 2},
  {"id": "db", "kind": "database", "service_ms": 3, "servers": 4, "write_fraction": 0.3},
  {"id": "rep", "kind": "database", "role": "replica", "service_ms": 3, "servers": 4, "apply_ms": 1},
  {"id": "api", "kind": "external", "latency_ms": 20}],
 "links": [{"from": "users", "to": "app"}, {"from": "app", "to": "db", "calls": 0.5, "pool_size": 4},
           {"from": "app", "to": "rep", "calls": 0.5}, {"from": "app", "to": "api", "calls": 0.2, "timeout_ms": 50, "retries": 1},
           {"from": "db", "to": "rep", "kind": "replication"}]})";

const char* const kSpike = R"({"points": [[0, 1], [20, 1], [20, 3], [30, 3], [30, 1], [60, 1]]})";
const char* const kBackwards = R"({"points": [[0, 1], [600, 1], [500, 2]]})";
const char* const kNegative = R"({"points": [[0, 1], [60, -2]]})";

QStringList toQ(const std::vector<std::string>& words)
{
    QStringList out;
    for (const auto& w : words)
        out << QString::fromStdString(w);
    return out;
}

} // namespace

class TestSimulateCommand : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& contents)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(contents) != contents.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    CliRun run(const QStringList& words)
    {
        std::vector<std::string> args;
        for (const QString& w : words) {
            if (w == "MODEL")
                args.push_back(m_dir.filePath("model.json").toStdString());
            else if (w.startsWith("FILE:"))
                args.push_back(m_dir.filePath(w.mid(5)).toStdString());
            else
                args.push_back(w.toStdString());
        }
        return runCli(args);
    }

    QJsonObject json(const QStringList& words)
    {
        const CliRun r = run(words);
        if (r.exitCode != 0)
            qFatal("simulate failed: %s", r.err.c_str());
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("not JSON: %s", qPrintable(error.errorString()));
        return doc.object();
    }

    static void checkEstimate(const QJsonValue& v, const QString& where)
    {
        QVERIFY2(v.isObject(), qPrintable(where + " is not an estimate object"));
        const QJsonObject e = v.toObject();
        for (const char* key : {"mean", "ci_low", "ci_high", "analytic", "verdict"})
            QVERIFY2(e.contains(key), qPrintable(where + " lacks " + key));
        QVERIFY(e["mean"].isDouble());
        QVERIFY(e["ci_low"].toDouble() <= e["mean"].toDouble() && e["mean"].toDouble() <= e["ci_high"].toDouble());
        const QString verdict = e["verdict"].toString();
        QVERIFY2(verdict == "agrees" || verdict == "differs" || verdict == "no_analytic", qPrintable(verdict));
        QCOMPARE(e["analytic"].isNull(), verdict == "no_analytic");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write("model.json", kModel);
        write("spike.json", kSpike);
        write("backwards.json", kBackwards);
        write("negative.json", kNegative);
        write("garbage.json", "{not json");
        QByteArray withProfile(kModel);
        withProfile.chop(1);
        write("with-profile.json", withProfile + R"(, "profile": {"points": [[0, 1], [10, 2], [5, 1]]}})");
    }

    void listedInHelp()
    {
        QVERIFY(QString::fromStdString(run({"--help"}).out).contains("simulate"));
        const CliRun help = run({"simulate", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* option : {"--replications", "--duration-s", "--warmup-s", "--seed", "--confidence",
                                   "--profile", "--bucket-s", "--threads", "--json", "--scenario", "--multiplier"})
            QVERIFY2(QString::fromStdString(help.out).contains(option), option);
    }

    void jsonHasTheContractsShape()
    {
        const QJsonObject r = json({"simulate", "MODEL", "--json", "--duration-s", "20", "--replications", "3"});
        QCOMPARE(r["format"].toString(), QString("headroom-simulation"));
        QCOMPARE(r["version"].toInt(), 1);
        const QJsonObject sim = r["simulation"].toObject();
        for (const char* key : {"replications", "duration_s", "warmup_s", "seed", "confidence", "events", "wall_ms"})
            QVERIFY2(sim.contains(key), key);
        QCOMPARE(sim["replications"].toInt(), 3);
        QCOMPARE(sim["duration_s"].toDouble(), 20.0);
        QCOMPARE(sim["warmup_s"].toDouble(), 2.0);
        QCOMPARE(sim["seed"].toInt(), 1);
        QVERIFY(sim["events"].toDouble() > 0);
        const QJsonObject system = r["system"].toObject();
        for (const char* key : {"throughput_rps", "mean_response_ms", "p50_response_ms", "p95_response_ms",
                                "p99_response_ms", "rejected_fraction", "failed_fraction"})
            checkEstimate(system[key], QString("system.") + key);
        const QJsonObject components = r["components"].toObject();
        QCOMPARE(components.keys(), (QStringList{"api", "app", "db", "rep"}));
        for (const QString& id : components.keys()) {
            const QJsonObject c = components[id].toObject();
            QCOMPARE(c["diverging"].toBool(), false);
            for (const char* key : {"utilization", "throughput_rps", "mean_response_ms", "mean_wait_ms",
                                    "wait_probability", "p50_response_ms", "p95_response_ms", "p99_response_ms",
                                    "blocking_probability", "mean_in_system"})
                checkEstimate(c[key], id + "." + key);
        }
        QCOMPARE(r["pools"].toArray().size(), 1);
        const QJsonObject pool = r["pools"].toArray()[0].toObject();
        QCOMPARE(pool["from"].toString(), QString("app"));
        QCOMPARE(pool["to"].toString(), QString("db"));
        checkEstimate(pool["mean_wait_ms"], "pool.mean_wait_ms");
        checkEstimate(pool["wait_probability"], "pool.wait_probability");
        const QJsonObject rep = r["replication"].toObject()["rep"].toObject();
        QCOMPARE(rep["primary"].toString(), QString("db"));
        checkEstimate(rep["mean_lag_ms"], "rep.mean_lag_ms");
        checkEstimate(rep["p99_lag_ms"], "rep.p99_lag_ms");
        QCOMPARE(r["retries"].toArray().size(), 1);
        const QJsonObject retry = r["retries"].toArray()[0].toObject();
        QCOMPARE(retry["to"].toString(), QString("api"));
        checkEstimate(retry["attempts_per_call"], "retries.attempts_per_call");
        checkEstimate(retry["success_probability"], "retries.success_probability");
        QCOMPARE(retry["attempts_per_call"].toObject()["verdict"].toString(), QString("no_analytic"));
        QVERIFY(!r.contains("timeline"));
    }

    void sameNumbersWithAnyThreadCount()
    {
        const QStringList words{"simulate", "MODEL", "--json", "--duration-s", "10", "--replications", "4", "--seed", "7"};
        QJsonObject one = json(words + QStringList{"--threads", "1"});
        QJsonObject two = json(words + QStringList{"--threads", "2"});
        for (QJsonObject* r : {&one, &two}) {
            QJsonObject sim = (*r)["simulation"].toObject();
            sim.remove("wall_ms");
            sim.remove("threads");
            (*r)["simulation"] = sim;
        }
        QCOMPARE(one, two);
    }

    void profileAddsTheTimeline()
    {
        const QJsonObject r = json({"simulate", "MODEL", "--json", "--profile", "FILE:spike.json", "--bucket-s", "5",
                                    "--replications", "2"});
        const QJsonObject tl = r["timeline"].toObject();
        QCOMPARE(tl["bucket_s"].toDouble(), 5.0);
        QCOMPARE(tl["t"].toArray().size(), 12);
        QCOMPARE(tl["t"].toArray()[1].toDouble(), 5.0);
        for (const char* id : {"app", "db", "rep", "api"}) {
            const QJsonObject c = tl["components"].toObject()[id].toObject();
            for (const char* key : {"mean_in_system", "utilization", "p99_response_ms"})
                QCOMPARE(c[key].toArray().size(), 12);
        }
        QCOMPARE(tl["replication"].toObject()["rep"].toObject()["mean_lag_ms"].toArray().size(), 12);
        for (const char* key : {"throughput_rps", "p99_response_ms", "rejected_fraction"})
            QCOMPARE(tl["system"].toObject()[key].toArray().size(), 12);
        QVERIFY(tl["drain_s"].isObject()); // nothing here is overloaded at 3x: app is at 75%
        QCOMPARE(r["simulation"].toObject()["duration_s"].toDouble(), 60.0);
        QCOMPARE(r["simulation"].toObject()["warmup_s"].toDouble(), 0.0);
    }

    void tableShowsFormulaSimulationAndVerdict()
    {
        const CliRun r = run({"simulate", "MODEL", "--duration-s", "10", "--replications", "2"});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromStdString(r.out);
        for (const char* word : {"formula", "simulated", "interval", "verdict", "app", "db", "pool app -> db",
                                 "lag rep", "retries app -> api", "mean response ms", "p99 response ms"})
            QVERIFY2(out.contains(word), word);
        QVERIFY(!out.contains("nan") && !out.contains("inf"));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("error");
        const auto row = [](const char* name, QStringList words, const char* error) {
            QTest::newRow(name) << (QStringList{"simulate", "MODEL"} + words) << QString(error);
        };
        row("replications 0", {"--replications", "0"}, "error: --replications: must be an integer from 2 to 1000");
        row("replications 1", {"--replications", "1"}, "error: --replications:");
        row("replications not a number", {"--replications", "ten"}, "error: --replications:");
        row("confidence 1", {"--confidence", "1"}, "error: --confidence: must be above 0 and below 1");
        row("confidence 0", {"--confidence", "0"}, "error: --confidence:");
        row("confidence 95", {"--confidence", "95"}, "error: --confidence:");
        row("negative duration", {"--duration-s", "-1"}, "error: --duration-s:");
        row("duration needing too much memory", {"--duration-s", "1e8"}, "error: --duration-s: a run of");
        row("negative warm-up", {"--warmup-s", "-3"}, "error: --warmup-s:");
        row("bucket without a profile", {"--bucket-s", "5"}, "error: --bucket-s: needs a load profile");
        row("negative seed", {"--seed", "-1"}, "error: --seed:");
        row("no threads", {"--threads", "0"}, "error: --threads:");
        row("negative multiplier", {"--multiplier", "-2"}, "error: --multiplier:");
        row("profile going backwards", {"--profile", "FILE:backwards.json"},
            "error: profile.points[2]: time goes backwards");
        row("profile with a negative multiplier", {"--profile", "FILE:negative.json"},
            "error: profile.points[1]: multiplier must be");
        row("profile that is not JSON", {"--profile", "FILE:garbage.json"}, "error: --profile:");
        row("profile that is missing", {"--profile", "FILE:missing.json"}, "error: --profile: no such file");
        row("warm-up with a profile", {"--profile", "FILE:spike.json", "--warmup-s", "5"}, "error: --warmup-s:");
        row("duration with a profile", {"--profile", "FILE:spike.json", "--duration-s", "5"}, "error: --duration-s:");
        row("too many buckets", {"--profile", "FILE:spike.json", "--bucket-s", "0.0001"}, "error: --bucket-s:");
        QTest::newRow("the model's own profile going backwards")
            << QStringList{"simulate", "FILE:with-profile.json"} << "error: profile.points[2]: time goes backwards";
    }
    void badInput()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, error);
        const CliRun r = run(words);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.empty());
        QVERIFY2(QString::fromStdString(r.err).startsWith(error), r.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSimulateCommand)
#include "tst_simulate_command.moc"
