// SPDX-License-Identifier: MIT
// headroom-cli advise (spec section 8) in-process: every bundled example gives exit 0
// and JSON with the contract's keys and values; the text form; options and scenarios;
// every way to get it wrong exits 2 with error lines and nothing on stdout.
#include "cli/Cli.h"
#include "engine/Advisor.h"
#include "io/ModelFile.h"

#include <QtCore/QDir>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <string>
#include <vector>

using headroom::cli::CliRun;
using headroom::cli::runCli;

namespace {

const QSet<QString> kKinds{"saturates", "n_plus_one", "replica_lag", "pool_wait",
                           "connections", "stateful", "over_engineering"};
const QSet<QString> kSeverities{"critical", "warning", "info"};
const QSet<QString> kPatterns{"more_instances", "bigger_instances", "cache",         "read_replicas",
                              "connection_pool", "external_pooler", "queue",         "sharding",
                              "load_shedding",   "stateless",       "simplify"};

QStringList examples()
{
    const QDir dir(QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples"));
    QStringList out;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << dir.filePath(name);
    return out;
}

CliRun run(std::vector<std::string> words)
{
    return runCli(words);
}

QJsonObject parse(const CliRun& r)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s", qPrintable(error.errorString()));
    return doc.object();
}

void checkRecommendation(const QJsonObject& r)
{
    QVERIFY(kPatterns.contains(r["pattern"].toString()));
    QVERIFY(!r["summary"].toString().isEmpty());
    QVERIFY(r["before"].isObject());
    QVERIFY(r["after"].isObject());
    QVERIFY(r["cost_delta_per_month"].isDouble());
    QVERIFY(r["edits"].isArray());
    QVERIFY(!r["edits"].toArray().isEmpty());
    for (const QJsonValue& edit : r["edits"].toArray())
        QVERIFY(!edit.toObject()["op"].toString().isEmpty());
}

} // namespace

class TestAdviseCommand : public QObject {
    Q_OBJECT

private slots:
    void examplesGiveTheContractsJson_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& file : examples())
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }

    void examplesGiveTheContractsJson()
    {
        QFETCH(QString, file);
        const CliRun r = run({"advise", file.toStdString(), "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.empty(), r.err.c_str());
        QVERIFY(r.out.find("NaN") == std::string::npos && r.out.find("Infinity") == std::string::npos);
        const QJsonObject a = parse(r);
        QVERIFY(a["stage"].isDouble());
        const int stage = a["stage"].toInt();
        QVERIFY(stage >= 0 && stage <= 7);
        QVERIFY(!a["stage_name"].toString().isEmpty());
        QVERIFY(a["stage_reason"].toString().endsWith(QStringLiteral(": stage %1").arg(stage)));
        QCOMPARE(a["multiplier"].toDouble(), 10.0);
        QVERIFY(a["findings"].isArray());
        // The findings are the engine's, one for one and in its order: an empty list passes
        // only when the engine finds nothing either.
        const auto model = headroom::model::loadModelFile(file);
        QVERIFY(model.ok());
        const auto advice = headroom::engine::advise(*model);
        QVERIFY(advice.ok());
        const QJsonArray findings = a["findings"].toArray();
        QCOMPARE(findings.size(), qsizetype(advice->findings.size()));
        for (qsizetype i = 0; i < findings.size(); ++i) {
            const headroom::engine::Finding& expected = advice->findings[static_cast<std::size_t>(i)];
            const QJsonObject f = findings[i].toObject();
            QCOMPARE(f["kind"].toString(), QString::fromUtf8(headroom::engine::findingKindName(expected.kind)));
            QCOMPARE(f["component"].toString(), QString::fromStdString(expected.component));
            QCOMPARE(f["severity"].toString(), QString::fromUtf8(headroom::engine::severityName(expected.severity)));
            QCOMPARE(f["message"].toString(), QString::fromStdString(expected.message));
            QCOMPARE(f["recommendation"].isObject(), expected.recommendation.has_value());
            if (expected.recommendation)
                QCOMPARE(f["recommendation"].toObject()["pattern"].toString(),
                         QString::fromUtf8(headroom::engine::patternName(expected.recommendation->pattern)));
            QCOMPARE(f["alternatives"].toArray().size(), qsizetype(expected.alternatives.size()));
        }
        for (const QJsonValue& value : findings) {
            const QJsonObject f = value.toObject();
            QVERIFY(kKinds.contains(f["kind"].toString()));
            QVERIFY(!f["component"].toString().isEmpty());
            QVERIFY(kSeverities.contains(f["severity"].toString()));
            QVERIFY(!f["message"].toString().isEmpty());
            QVERIFY(f.contains("recommendation"));
            if (f["recommendation"].isObject())
                checkRecommendation(f["recommendation"].toObject());
            else
                QVERIFY(f["recommendation"].isNull());
            for (const QJsonValue& alt : f["alternatives"].toArray())
                checkRecommendation(alt.toObject());
        }
    }

    /// Every stage example hits a wall by 10x: each has a critical finding with a verified
    /// recommendation (so the checks above compare real findings, not empty lists).
    void earlyStagesHaveAVerifiedFix()
    {
        int checked = 0;
        for (const QString& file : examples()) {
            const QString name = QFileInfo(file).fileName();
            if (!name.startsWith(QStringLiteral("stage")))
                continue;
            const QJsonObject a = parse(run({"advise", file.toStdString(), "--json"}));
            bool verified = false;
            for (const QJsonValue& value : a["findings"].toArray()) {
                const QJsonObject f = value.toObject();
                verified = verified || (f["severity"].toString() == QStringLiteral("critical") &&
                                        f["recommendation"].isObject());
            }
            QVERIFY2(verified, qPrintable(name + QStringLiteral(": no critical finding with a verified fix")));
            ++checked;
        }
        QCOMPARE(checked, 8); // stages 0 to 7
    }

    void stageOfEachExample()
    {
        for (const QString& file : examples()) {
            const QJsonObject a = parse(run({"advise", file.toStdString(), "--json"}));
            const QString name = QFileInfo(file).fileName();
            const int expected = name.startsWith(QStringLiteral("stage")) ? name.mid(5, 1).toInt() : 4;
            QCOMPARE(a["stage"].toInt(), expected);
        }
    }

    void textGroupsBySeverity()
    {
        const QString file = QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples/stage2-database-separation.json");
        const CliRun r = run({"advise", file.toStdString()});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromStdString(r.out);
        QVERIFY(out.startsWith(QStringLiteral("Stage 2 (Database separation): ")));
        QVERIFY(out.contains(QStringLiteral("Critical (")));
        QVERIFY(out.contains(QStringLiteral("[saturates] replicas saturates at")));
        QVERIFY(out.contains(QStringLiteral("do: cache: ")));
        QVERIFY(out.contains(QStringLiteral("per month")));
        QVERIFY(out.indexOf(QStringLiteral("Critical")) < out.indexOf(QStringLiteral("Warnings")));
    }

    void closedWorkloadSaysWhatIsSkipped()
    {
        const QString file = QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples/closed-load-test.json");
        const QJsonObject a = parse(run({"advise", file.toStdString(), "--json"}));
        QCOMPARE(a["workload"].toString(), QStringLiteral("closed"));
        QCOMPARE(a["skipped_checks"].toArray().size(), 4);
    }

    void optionsReachTheAdvisor()
    {
        const QString file = QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples/stage0-monolith.json");
        QJsonObject a = parse(run({"advise", file.toStdString(), "--json", "--multiplier", "2",
                                   "--target-utilization", "0.5", "--target-wait", "0.01", "--lag-threshold-ms", "50"}));
        QCOMPARE(a["multiplier"].toDouble(), 2.0);
        QCOMPARE(a["target_utilization"].toDouble(), 0.5);
        QCOMPARE(a["target_wait"].toDouble(), 0.01);
        QCOMPARE(a["lag_threshold_ms"].toDouble(), 50.0);
        // A scenario's multiplier multiplies --multiplier (Launch day: 3x).
        a = parse(run({"advise", file.toStdString(), "--json", "--scenario", "Launch day (3x)", "--multiplier", "2"}));
        QCOMPARE(a["multiplier"].toDouble(), 6.0);
    }

    void mistakesExitTwo_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("subject");
        const QString model = QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples/stage0-monolith.json");
        QTest::newRow("missing file") << QStringList{"advise", "/nonexistent/model.json"} << "";
        QTest::newRow("no model") << QStringList{"advise"} << "";
        QTest::newRow("unknown option") << QStringList{"advise", model, "--colour"} << "--colour";
        QTest::newRow("target above 1") << QStringList{"advise", model, "--target-utilization", "2"}
                                        << "--target-utilization";
        QTest::newRow("target wait 0") << QStringList{"advise", model, "--target-wait", "0"} << "--target-wait";
        QTest::newRow("lag threshold negative") << QStringList{"advise", model, "--lag-threshold-ms", "-5"}
                                                << "--lag-threshold-ms";
        QTest::newRow("multiplier not a number") << QStringList{"advise", model, "--multiplier", "lots"} << "--multiplier";
        QTest::newRow("unknown scenario") << QStringList{"advise", model, "--scenario", "nope"} << "";
    }

    void mistakesExitTwo()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, subject);
        std::vector<std::string> args;
        for (const QString& w : words)
            args.push_back(w.toStdString());
        const CliRun r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.empty());
        QVERIFY2(r.err.starts_with("error: "), r.err.c_str());
        if (!subject.isEmpty())
            QVERIFY2(QString::fromStdString(r.err).contains(subject), r.err.c_str());
    }

    void invalidModelExitsTwo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"components": [{"id": "users", "kind": "clients", "rate_rps": 10},
                      {"id": "app", "kind": "app_server", "service_ms": 10, "servers": 0}],
                      "links": [{"from": "users", "to": "app"}]})");
        file.close();
        const CliRun r = run({"advise", file.fileName().toStdString(), "--json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.empty());
        QVERIFY2(r.err.find("error: app.servers:") != std::string::npos, r.err.c_str());
    }

    void listedInHelp()
    {
        const CliRun r = run({"--help"});
        QVERIFY(r.out.find("advise") != std::string::npos);
        const CliRun help = run({"advise", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.find("--lag-threshold-ms") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestAdviseCommand)
#include "tst_advise_command.moc"
