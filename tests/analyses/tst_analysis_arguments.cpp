// SPDX-License-Identifier: MIT
// Every analysis checks its arguments: a clear error naming the option or component,
// exit 2 and nothing on stdout (spec sections 5 and 7).
#include "cli/Cli.h"
#include "engine/LoadShedding.h"
#include "engine/PoolSizing.h"
#include "engine/ReplicaLag.h"
#include "engine/Sweep.h"
#include "engine/TenX.h"
#include "io/ModelJson.h"
#include "io/TextTable.h"

#include "ModelFiles.h"
#include "TestModels.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace headroom;
using headroom::testing::ModelBuilder;

class TestAnalysisArguments : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_open;
    QString m_closed;
    testing::ModelBuilder m_openModel;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ModelBuilder open;
        open.clients("users", 300)
            .component("app", engine::ComponentKind::AppServer,
                       {{engine::Field::Instances, 2}, {engine::Field::Servers, 4}, {engine::Field::ServiceMs, 15}})
            .component("primary", engine::ComponentKind::Database, {{engine::Field::Servers, 8}, {engine::Field::ServiceMs, 6}})
            .component("replica", engine::ComponentKind::Database, {{engine::Field::Servers, 8}, {engine::Field::ServiceMs, 5}},
                       engine::DatabaseRole::Replica)
            .component("partner", engine::ComponentKind::External, {{engine::Field::LatencyMs, 80}})
            .link("users", "app")
            .link("app", "primary", 0.5, std::nullopt, {{engine::LinkField::PoolSize, 10}})
            .link("app", "replica", 2.0)
            .link("app", "partner", 0.1)
            .link("primary", "replica", 1.0, engine::LinkKind::Replication);
        m_open = testing::writeModelFile(m_dir.filePath("open.json"), open.model());
        m_openModel = open;
        ModelBuilder closed;
        closed.component("users", engine::ComponentKind::Clients, {{engine::Field::Users, 20}, {engine::Field::ThinkMs, 1000}})
            .component("app", engine::ComponentKind::AppServer, {{engine::Field::ServiceMs, 15}})
            .link("users", "app");
        m_closed = testing::writeModelFile(m_dir.filePath("closed.json"), closed.model());
        QVERIFY(!m_open.isEmpty() && !m_closed.isEmpty());
    }

    void rejected_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("subject");
        const QString m = QStringLiteral("MODEL");
        const QString c = QStringLiteral("CLOSED");
        QTest::newRow("tenx target 0") << QStringList{"tenx", m, "--target-utilization", "0"} << "--target-utilization";
        QTest::newRow("tenx target above 1") << QStringList{"tenx", m, "--target-utilization", "1.5"} << "--target-utilization";
        QTest::newRow("tenx negative multiplier") << QStringList{"tenx", m, "--multiplier", "-2"} << "--multiplier";
        QTest::newRow("tenx closed workload") << QStringList{"tenx", c} << "workload";
        QTest::newRow("pool without --from") << QStringList{"pool", m, "--to", "primary"} << "--from";
        QTest::newRow("pool on a link without a pool") << QStringList{"pool", m, "--from", "app", "--to", "replica"}
                                                       << "link app -> replica";
        QTest::newRow("pool unknown database") << QStringList{"pool", m, "--from", "app", "--to", "db"} << "--to";
        QTest::newRow("pool max size 0") << QStringList{"pool", m, "--from", "app", "--to", "primary", "--max-size", "0"}
                                         << "--max-size";
        QTest::newRow("pool target wait 1") << QStringList{"pool", m, "--from", "app", "--to", "primary", "--target-wait", "1"}
                                            << "--target-wait";
        QTest::newRow("lag on the primary") << QStringList{"lag", m, "--replica", "primary"} << "--replica";
        QTest::newRow("lag on an app server") << QStringList{"lag", m, "--replica", "app"} << "--replica";
        QTest::newRow("lag without --replica") << QStringList{"lag", m} << "--replica";
        QTest::newRow("lag steps 1") << QStringList{"lag", m, "--replica", "replica", "--steps", "1"} << "--steps";
        QTest::newRow("lag inverted range") << QStringList{"lag", m, "--replica", "replica", "--from", "5", "--to", "2"}
                                            << "--to";
        QTest::newRow("lag steps not a number") << QStringList{"lag", m, "--replica", "replica", "--steps", "ten"} << "--steps";
        QTest::newRow("shed on the clients") << QStringList{"shed", m, "--component", "users"} << "--component";
        QTest::newRow("shed on an external") << QStringList{"shed", m, "--component", "partner"} << "--component";
        QTest::newRow("shed capacity below servers") << QStringList{"shed", m, "--component", "app", "--capacity", "2"}
                                                     << "--capacity";
        QTest::newRow("shed timeout 0") << QStringList{"shed", m, "--component", "app", "--timeout-ms", "0"} << "--timeout-ms";
        QTest::newRow("shed closed workload") << QStringList{"shed", c, "--component", "app"} << "workload";
        QTest::newRow("unknown option") << QStringList{"tenx", m, "--replica", "x"} << "--replica";
    }

    void rejected()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, subject);
        std::vector<std::string> args;
        for (const QString& w : words)
            args.push_back((w == "MODEL" ? m_open : w == "CLOSED" ? m_closed : w).toStdString());
        const cli::CliRun run = cli::runCli(args);
        QCOMPARE(run.exitCode, cli::kExitInvalid);
        QVERIFY2(run.out.empty(), run.out.c_str());
        const QString err = QString::fromStdString(run.err);
        QVERIFY2(err.startsWith(QStringLiteral("error: ") + subject + QStringLiteral(":")), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), err.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size());
    }

    void accepted_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::newRow("tenx") << QStringList{"tenx", "MODEL", "--json"};
        QTest::newRow("pool") << QStringList{"pool", "MODEL", "--from", "app", "--to", "primary", "--json"};
        QTest::newRow("lag") << QStringList{"lag", "MODEL", "--replica", "replica", "--json"};
        QTest::newRow("shed") << QStringList{"shed", "MODEL", "--component", "app", "--json"};
        QTest::newRow("lag as a table") << QStringList{"lag", "MODEL", "--replica", "replica"};
    }

    /// Accepted arguments give the engine's own answer, for the defaults they leave out
    /// (multiplier 10 and target 0.7, target wait 0.05, range 1 to 10 in 10 steps).
    void accepted()
    {
        QFETCH(QStringList, words);
        std::vector<std::string> args;
        for (const QString& w : words)
            args.push_back((w == "MODEL" ? m_open : w).toStdString());
        const cli::CliRun run = cli::runCli(args);
        QCOMPARE(run.exitCode, cli::kExitOk);
        QVERIFY2(run.err.empty(), run.err.c_str());
        const engine::Solver solver = m_openModel.solver();
        const engine::Model& model = solver.model();
        const std::vector<double> range = engine::evenlySpaced(1.0, 10.0, 10);
        const std::size_t replica = *model.indexOf("replica");
        if (!words.contains(QStringLiteral("--json"))) {
            const engine::ReplicaLagAnswer lag = engine::replicaLag(solver, replica, range, 1.0);
            const QString out = QString::fromStdString(run.out);
            QVERIFY2(out.startsWith(QStringLiteral("Replica replica of primary: the apply thread saturates at ")),
                     run.out.c_str());
            for (const engine::LagPoint& p : lag.series)
                QVERIFY2(out.contains(QString::fromStdString(model::humanNumber(p.writeRps))), run.out.c_str());
            return;
        }
        QJsonParseError error{};
        const QJsonObject doc = QJsonDocument::fromJson(QByteArray::fromStdString(run.out), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QString command = words.front();
        if (command == QStringLiteral("tenx")) {
            const auto answer = engine::tenX(solver, 10.0, 0.7);
            QVERIFY(answer.ok());
            QCOMPARE(doc.value("multiplier").toDouble(), 10.0);
            QCOMPARE(doc.value("target_utilization").toDouble(), 0.7);
            QCOMPARE(doc.value("survives").toBool(), answer->survives);
            QCOMPARE(doc.value("breaks").toArray().size(), qsizetype(answer->breaks.size()));
            QVERIFY(!answer->breaks.empty()); // the model is built to break by 10x
            QCOMPARE(doc.value("first_to_break").toString(),
                     QString::fromStdString(model.components[answer->breaks.front().component].id));
            QCOMPARE(doc.value("breaks").toArray().first().toObject().value("saturates_at").toDouble(),
                     answer->breaks.front().saturatesAt);
        } else if (command == QStringLiteral("pool")) {
            const auto link = engine::findPooledLink(model, "app", "primary");
            QVERIFY(link.ok());
            const auto sizing = engine::poolSizing(solver, *link, 1.0, std::nullopt, 0.05);
            QVERIFY(sizing.ok());
            QCOMPARE(doc.value("from").toString(), QStringLiteral("app"));
            QCOMPARE(doc.value("to").toString(), QStringLiteral("primary"));
            QCOMPARE(doc.value("per_instance_rps").toDouble(), sizing->perInstanceRps);
            QCOMPARE(doc.value("series").toArray().size(), qsizetype(sizing->series.size()));
            QVERIFY(sizing->recommendedPoolSize);
            QCOMPARE(doc.value("recommended_pool_size").toInteger(), *sizing->recommendedPoolSize);
        } else if (command == QStringLiteral("lag")) {
            const engine::ReplicaLagAnswer lag = engine::replicaLag(solver, replica, range, 1.0);
            QCOMPARE(doc.value("replica").toString(), QStringLiteral("replica"));
            QCOMPARE(doc.value("primary").toString(), QStringLiteral("primary"));
            const QJsonArray series = doc.value("series").toArray();
            QCOMPARE(series.size(), qsizetype(lag.series.size()));
            QCOMPARE(series.size(), qsizetype(10));
            QCOMPARE(series.last().toObject().value("write_rps").toDouble(), lag.series.back().writeRps);
            QVERIFY(lag.saturatesAt);
            QCOMPARE(doc.value("saturates_at").toDouble(), *lag.saturatesAt);
        } else {
            const std::size_t app = *model.indexOf("app");
            const engine::LoadSheddingAnswer shed = engine::loadShedding(solver, app, std::nullopt, 1000.0, range);
            QCOMPARE(doc.value("component").toString(), QStringLiteral("app"));
            QCOMPARE(doc.value("capacity").toInteger(), shed.capacity);
            QCOMPARE(doc.value("recommended_capacity").toInteger(), shed.recommendedCapacity);
            const QJsonArray with = doc.value("with_shedding").toArray();
            QCOMPARE(with.size(), qsizetype(10));
            QCOMPARE(with.last().toObject().value("goodput_rps").toDouble(), shed.withShedding.back().goodputRps);
        }
    }
};

QTEST_GUILESS_MAIN(TestAnalysisArguments)
#include "tst_analysis_arguments.moc"
