// SPDX-License-Identifier: MIT
// Stage detection: every bundled example is detected as its own stage, and each rule
// on a small architecture of its own (stages are not sequential: the highest pattern
// present wins, the ones below it that are missing are named as skipped).
#include "AdvisorTestModels.h"

#include "engine/StageDetection.h"
#include "io/ModelFile.h"

#include <QtCore/QRegularExpression>
#include <QtTest/QtTest>

using namespace headroom::engine;
using headroom::testing::ModelBuilder;

namespace {

ModelBuilder base()
{
    ModelBuilder b;
    b.clients("users", 100)
        .component("app", ComponentKind::AppServer, {{Field::Servers, 4}, {Field::ServiceMs, 10}})
        .component("db", ComponentKind::Database, {{Field::Servers, 4}, {Field::ServiceMs, 2}, {Field::WriteFraction, 0.2}})
        .link("users", "app");
    return b;
}

/// Three services, each reaching a database of its own (one through a cache).
ModelBuilder services(bool shareOneDatabase)
{
    ModelBuilder b;
    b.clients("users", 100)
        .component("gw", ComponentKind::LoadBalancer, {{Field::Servers, 4}, {Field::ServiceMs, 0.1}})
        .component("a", ComponentKind::AppServer, {{Field::ServiceMs, 1}})
        .component("b", ComponentKind::AppServer, {{Field::ServiceMs, 1}})
        .component("c", ComponentKind::WebServer, {{Field::ServiceMs, 1}})
        .component("b_cache", ComponentKind::Cache, {{Field::ServiceMs, 0.1}, {Field::HitRatio, 0.9}})
        .component("a_db", ComponentKind::Database, {{Field::ServiceMs, 1}})
        .component("b_db", ComponentKind::Database, {{Field::ServiceMs, 1}})
        .component("c_db", ComponentKind::Database, {{Field::ServiceMs, 1}})
        .link("users", "gw")
        .link("gw", "a")
        .link("gw", "b")
        .link("gw", "c")
        .link("a", "a_db")
        .link("b", "b_cache")
        .link("b_cache", "b_db")
        .link("c", shareOneDatabase ? "a_db" : "c_db");
    return b;
}

Model with(Model model, const std::string& id, Field field, double value)
{
    model.components[*model.indexOf(id)].set(field, value);
    return model;
}

} // namespace

class TestStageDetection : public QObject {
    Q_OBJECT

private slots:
    void examplesAreTheirOwnStage_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("stage");
        const QRegularExpression stagePrefix(QStringLiteral("^stage(\\d)-"));
        const QStringList files = headroom::testing::advisor::exampleFiles();
        QVERIFY(files.size() >= 9);
        for (const QString& file : files) {
            const QString name = QFileInfo(file).fileName();
            const auto match = stagePrefix.match(name);
            // The closed load test is a balancer in front of two app servers: stage 4.
            const int stage = match.hasMatch() ? match.captured(1).toInt() : 4;
            QTest::newRow(qPrintable(name)) << file << stage;
        }
    }

    void examplesAreTheirOwnStage()
    {
        QFETCH(QString, file);
        QFETCH(int, stage);
        const auto model = headroom::model::loadModelFile(file);
        QVERIFY(model.ok());
        const StageAssessment a = detectStage(*model);
        QCOMPARE(a.stage, stage);
        QCOMPARE(a.name, std::string(stageName(stage)));
        QVERIFY2(a.reason.ends_with(": stage " + std::to_string(stage)), a.reason.c_str());
        // The sentence names the evidence with its numbers.
        if (stage > 0)
            QVERIFY2(QString::fromStdString(a.reason).contains(QRegularExpression(QStringLiteral("\\d"))),
                     a.reason.c_str());
    }

    void rules_data()
    {
        QTest::addColumn<Model>("model");
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("evidence");
        const Model monolith = base().link("app", "db").model();
        QTest::newRow("0: monolith") << monolith << 0 << "app (4 servers) and db (4 servers) on one machine each";
        QTest::newRow("0: a framework's pool is not stage 2")
            << base().link("app", "db", 1.0, std::nullopt, {{LinkField::PoolSize, 10}}).model() << 0
            << "no read replicas, cache or load balancer";
        QTest::newRow("1: a 32-server database") << with(monolith, "db", Field::Servers, 32) << 1
                                                  << "a single machine of 32 servers (db)";
        QTest::newRow("1: 16 servers is big") << with(monolith, "app", Field::Servers, 16) << 1 << "16 servers (app)";
        QTest::newRow("2: read replicas")
            << base()
                   .component("rep", ComponentKind::Database, {{Field::Instances, 3}, {Field::ServiceMs, 2}},
                              DatabaseRole::Replica)
                   .link("app", "db")
                   .link("app", "rep")
                   .link("db", "rep", 1.0, LinkKind::Replication)
                   .model()
            << 2 << "a primary (db) with 3 read replicas (rep)";
        QTest::newRow("2: an external pooler")
            << base()
                   .component("pgb", ComponentKind::Station, {{Field::Servers, 64}, {Field::ServiceMs, 0.05}})
                   .link("app", "pgb")
                   .link("pgb", "db", 1.0, std::nullopt, {{LinkField::PoolSize, 20}})
                   .model()
            << 2 << "an external pooler (pgb)";
        QTest::newRow("3: a cache")
            << base()
                   .component("redis", ComponentKind::Cache, {{Field::ServiceMs, 0.1}, {Field::HitRatio, 0.9}})
                   .link("app", "redis", 3.0)
                   .link("redis", "db")
                   .model()
            << 3 << "a cache (redis at a 0.9 hit ratio)";
        QTest::newRow("3: a CDN skips the database stages")
            << ModelBuilder()
                   .clients("users", 100)
                   .component("edge", ComponentKind::Cdn, {{Field::ServiceMs, 0.1}, {Field::HitRatio, 0.8}})
                   .component("app", ComponentKind::AppServer, {{Field::ServiceMs, 10}})
                   .link("users", "edge")
                   .link("edge", "app")
                   .model()
            << 3 << "no read replicas or load balancer";
        QTest::newRow("4: a load balancer")
            << base().component("lb", ComponentKind::LoadBalancer, {{Field::ServiceMs, 0.1}}).link("lb", "app").model()
            << 4 << "a load balancer (lb)";
        QTest::newRow("4: three app servers") << with(monolith, "app", Field::Instances, 3) << 4
                                               << "3 app servers (app)";
        QTest::newRow("5: a job queue")
            << base()
                   .component("jobs", ComponentKind::Queue, {{Field::Instances, 2}, {Field::Servers, 8}, {Field::ServiceMs, 100}})
                   .link("app", "jobs", 0.1)
                   .link("app", "db")
                   .model()
            << 5 << "a job queue (jobs, 2 nodes x 8 workers)";
        QTest::newRow("6: a sharded primary") << with(monolith, "db", Field::Instances, 4) << 6
                                               << "a primary split into 4 shards (db)";
        QTest::newRow("7: three services with their own databases")
            << services(false).model() << 7 << "3 services with databases of their own (a -> a_db, b -> b_db and c -> c_db)";
        QTest::newRow("not 7: a shared database is not owned") << services(true).model() << 4 << "a load balancer (gw)";
    }

    void rules()
    {
        QFETCH(Model, model);
        QFETCH(int, stage);
        QFETCH(QString, evidence);
        const StageAssessment a = detectStage(model);
        QCOMPARE(a.stage, stage);
        QVERIFY2(QString::fromStdString(a.reason).contains(evidence), a.reason.c_str());
        QVERIFY(a.reason.ends_with(": stage " + std::to_string(stage)));
        QCOMPARE(a.present.empty(), stage == 0);
        if (!a.present.empty())
            QCOMPARE(a.present.front().stage, stage);
    }

    void skippedStagesAreNamed()
    {
        // A sharded primary behind a balancer, no replicas, cache or queue: stage 6, with 2, 3
        // and 5 skipped.
        const Model model =
            with(base().component("lb", ComponentKind::LoadBalancer, {{Field::ServiceMs, 0.1}}).link("lb", "app").link("app", "db").model(),
                 "db", Field::Instances, 4);
        const StageAssessment a = detectStage(model);
        QCOMPARE(a.stage, 6);
        QCOMPARE(a.skipped, (std::vector<int>{2, 3, 5}));
        QVERIFY2(a.reason.find("no read replicas, cache or job queue") != std::string::npos, a.reason.c_str());
    }

    void poolersAndComputeTiers()
    {
        const Model model = base()
                                .component("pgb", ComponentKind::Station, {{Field::ServiceMs, 0.05}})
                                .component("search", ComponentKind::Station, {{Field::ServiceMs, 20}})
                                .link("app", "pgb")
                                .link("pgb", "db", 1.0, std::nullopt, {{LinkField::PoolSize, 20}})
                                .link("app", "search")
                                .model();
        QVERIFY(isExternalPooler(model, *model.indexOf("pgb")));
        QVERIFY(!isComputeTier(model, *model.indexOf("pgb")));
        QVERIFY(!isExternalPooler(model, *model.indexOf("search")));
        QVERIFY(isComputeTier(model, *model.indexOf("search")));
        QVERIFY(isComputeTier(model, *model.indexOf("app")));
        QVERIFY(!isComputeTier(model, *model.indexOf("db")));
    }
};

QTEST_GUILESS_MAIN(TestStageDetection)
#include "tst_stage_detection.moc"
