// SPDX-License-Identifier: MIT
// Pool sizing (spec section 7): the pool is M/M/P with service time H, the database's
// response plus the pool overhead. Expected values by the textbook Erlang C sum.
#include "Brute.h"
#include "TestModels.h"

#include "engine/PoolSizing.h"

#include <QtTest/QtTest>

using namespace headroom::engine;
using headroom::testing::bruteErlangC;
using headroom::testing::ModelBuilder;

namespace {

/// 300 rps into `apps` app instances, 0.5 calls each into a database of 8 servers at 6 ms.
ModelBuilder pooled(double apps, double dbServers, double poolSize, double connectMs = 0.0)
{
    ModelBuilder b;
    b.clients("users", 300)
        .component("app", ComponentKind::AppServer, {{Field::Instances, apps}, {Field::Servers, 4}, {Field::ServiceMs, 15}})
        .component("db", ComponentKind::Database,
                   {{Field::Servers, dbServers}, {Field::ServiceMs, 6}, {Field::MaxConnections, 200}})
        .link("users", "app")
        .link("app", "db", 0.5, std::nullopt, {{LinkField::PoolSize, poolSize}, {LinkField::ConnectMs, connectMs}});
    return b;
}

/// M/M/8 response of the database: 150 rps at 6 ms.
double databaseResponseMs()
{
    const double mu = 1000.0 / 6.0;
    return bruteErlangC(8, 150.0 / mu) / (8 * mu - 150.0) * 1000.0 + 6.0;
}

} // namespace

class TestPoolSizing : public QObject {
    Q_OBJECT

private slots:
    void series_data()
    {
        QTest::addColumn<int>("size");
        for (int p = 1; p <= 4; ++p)
            QTest::newRow(qPrintable(QStringLiteral("pool %1").arg(p))) << p;
    }

    void series()
    {
        QFETCH(int, size);
        const Solver solver = pooled(2, 8, 10).solver();
        const auto sizing = poolSizing(solver, 1, 1.0, std::nullopt, 0.05);
        QVERIFY(sizing.ok());
        const double hold = databaseResponseMs();
        const double perInstance = 300 * 0.5 / 2;
        HR_COMPARE_REL(sizing->perInstanceRps, perInstance, 1e-15);
        HR_COMPARE_REL(*sizing->holdMs, hold, 1e-13);
        const double a = perInstance * hold / 1000.0; // 0.45 Erlangs: smallest stable size 1, so 4 sizes
        QCOMPARE(sizing->series.size(), std::size_t{4});
        const PoolSizePoint& point = sizing->series[static_cast<std::size_t>(size - 1)];
        QCOMPARE(point.poolSize, std::int64_t{size});
        HR_COMPARE_REL(*point.utilization, a / size, 1e-14);
        const double c = bruteErlangC(size, a);
        HR_COMPARE_REL(point.waitProbability, c, 1e-12);
        HR_COMPARE_REL(*point.meanWaitMs, c / (size / hold - perInstance / 1000.0), 1e-12);
    }

    void recommendation()
    {
        const Solver solver = pooled(2, 8, 10, 50.0).solver();
        const auto sizing = poolSizing(solver, 1, 1.0, std::nullopt, 0.05);
        QVERIFY(sizing.ok());
        // Erlang C at 0.45 Erlangs: P=2 0.0827, P=3 0.0114 -> 3 is the smallest at or under 5%.
        QCOMPARE(*sizing->recommendedPoolSize, std::int64_t{3});
        QCOMPARE(*sizing->connectionsAtRecommended, std::int64_t{6});
        QCOMPARE(*sizing->perNodeBudget, std::int64_t{100}); // floor(200 / 2)
        const double hold = databaseResponseMs();
        const double a = 75.0 * hold / 1000.0;
        const double wait3 = bruteErlangC(3, a) / (3 / hold - 0.075);
        HR_COMPARE_REL(*sizing->pooledResponseMs, wait3 + hold, 1e-12);
        HR_COMPARE_REL(*sizing->unpooledResponseMs, 50.0 + hold, 1e-14);
    }

    void recommendationBeyondTheChart()
    {
        const Solver solver = pooled(2, 8, 10).solver();
        const auto sizing = poolSizing(solver, 1, 1.0, std::int64_t{1}, 0.05);
        QVERIFY(sizing.ok());
        QCOMPARE(sizing->series.size(), std::size_t{1});
        QCOMPARE(*sizing->recommendedPoolSize, std::int64_t{3});
        QVERIFY(sizing->pooledResponseMs.has_value());
    }

    void budgetRoundsDown()
    {
        const Solver solver = pooled(3, 8, 10).solver();
        const auto sizing = poolSizing(solver, 1, 1.0, std::nullopt, 0.05);
        QVERIFY(sizing.ok());
        QCOMPARE(*sizing->perNodeBudget, std::int64_t{66}); // floor(200 / 3)
    }

    void saturatedDatabase()
    {
        // One server at 6 ms takes 166.7 rps; 150 * 10 = 1500 rps at 10x saturates it.
        const Solver solver = pooled(2, 1, 10).solver();
        const auto sizing = poolSizing(solver, 1, 10.0, std::nullopt, 0.05);
        QVERIFY(sizing.ok());
        QVERIFY(!sizing->holdMs);
        QVERIFY(!sizing->recommendedPoolSize);
        QVERIFY(!sizing->pooledResponseMs);
        QVERIFY(!sizing->unpooledResponseMs);
        QVERIFY(!sizing->series.empty());
        for (const PoolSizePoint& p : sizing->series) {
            QCOMPARE(p.waitProbability, 1.0);
            QVERIFY(!p.meanWaitMs);
            QVERIFY(!p.utilization);
        }
    }

    void noTraffic()
    {
        const Solver solver = pooled(2, 8, 10).solver();
        const auto sizing = poolSizing(solver, 1, 0.0, std::nullopt, 0.05);
        QVERIFY(sizing.ok());
        QCOMPARE(*sizing->recommendedPoolSize, std::int64_t{1});
        QCOMPARE(sizing->series.front().waitProbability, 0.0);
        QCOMPARE(*sizing->series.front().meanWaitMs, 0.0);
    }

    void findLink_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("subject");
        QTest::newRow("link without a pool") << "users" << "app" << "link users -> app";
        QTest::newRow("no such link") << "db" << "app" << "--to";
        QTest::newRow("unknown component") << "app" << "cache" << "--to";
    }

    void findLink()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, subject);
        const Model model = pooled(2, 8, 10).model();
        const auto link = findPooledLink(model, from.toStdString(), to.toStdString());
        QVERIFY(!link.ok());
        QCOMPARE(QString::fromStdString(subjectText(link.issues().front().subject)), subject);
        QCOMPARE(*findPooledLink(model, "app", "db"), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestPoolSizing)
#include "tst_pool_sizing.moc"
