// SPDX-License-Identifier: MIT
// Replica lag (spec sections 4 and 7): one apply thread per replica, M/M/1 with
// service apply_ms on the primary's write stream. Expected values by hand.
#include "TestModels.h"

#include "engine/ReplicaLag.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace headroom::engine;
using headroom::testing::ModelBuilder;

namespace {

/// 300 rps, 0.5 calls into a primary (8 servers, 6 ms, `writes` of it writes) replicated
/// to a replica applying each write in `applyMs` after a delay of 2 ms.
ModelBuilder replicated(double writes, double applyMs)
{
    ModelBuilder b;
    b.clients("users", 300)
        .component("app", ComponentKind::AppServer, {{Field::Instances, 2}, {Field::Servers, 4}, {Field::ServiceMs, 15}})
        .component("primary", ComponentKind::Database, {{Field::Servers, 8}, {Field::ServiceMs, 6}, {Field::WriteFraction, writes}})
        .component("replica", ComponentKind::Database,
                   {{Field::Servers, 8}, {Field::ServiceMs, 5}, {Field::ApplyMs, applyMs}, {Field::ReplicationDelayMs, 2}},
                   DatabaseRole::Replica)
        .link("users", "app")
        .link("app", "primary", 0.5)
        .link("app", "replica", 2.0)
        .link("primary", "replica", 1.0, LinkKind::Replication);
    return b;
}

} // namespace

class TestReplicaLag : public QObject {
    Q_OBJECT

private slots:
    void series_data()
    {
        QTest::addColumn<double>("multiplier");
        for (const double m : {1.0, 2.5, 7.0, 10.0})
            QTest::newRow(qPrintable(QStringLiteral("%1x").arg(m))) << m;
    }

    void series()
    {
        QFETCH(double, multiplier);
        const Solver solver = replicated(0.2, 0.8).solver();
        const std::vector<double> multipliers{multiplier};
        const ReplicaLagAnswer a = replicaLag(solver, 3, multipliers, 1.0);
        QCOMPARE(a.primary, std::size_t{2});
        // Writes: 150 rps into the primary, 20% of them writes: 30 per second at 1x.
        const double w = 30.0 * multiplier;
        const double rho = w * 0.8 / 1000.0;
        const LagPoint& p = a.series.front();
        HR_COMPARE_REL(p.writeRps, w, 1e-14);
        HR_COMPARE_REL(p.lag.applyUtilization, rho, 1e-14);
        HR_COMPARE_REL(*p.lag.meanLagMs, 2.0 + 0.8 / (1.0 - rho), 1e-14);
        HR_COMPARE_REL(*p.lag.p99LagMs, 2.0 + std::log(100.0) * 0.8 / (1.0 - rho), 1e-14);
        QVERIFY(!p.lag.saturated);
        // The apply thread reaches 1 at 1000 / (30 * 0.8) times today's rates.
        HR_COMPARE_REL(*a.saturatesAt, 1000.0 / 24.0, 1e-12);
    }

    void saturatedApply()
    {
        // 30 writes per second at 50 ms each: 1.5 at 1x.
        const Solver solver = replicated(0.2, 50).solver();
        const std::vector<double> multipliers{1.0};
        const ReplicaLagAnswer a = replicaLag(solver, 3, multipliers, 1.0);
        const LagPoint& p = a.series.front();
        QVERIFY(p.lag.saturated);
        QVERIFY(!p.lag.meanLagMs && !p.lag.p99LagMs);
        HR_COMPARE_REL(p.lag.lagGrowthMsPerS, 500.0, 1e-12);
        HR_COMPARE_REL(*a.saturatesAt, 1.0 / 1.5, 1e-12);
        QVERIFY(!a.readYourWritesMs);
        for (const StaleReadPoint& s : a.staleRead)
            QCOMPARE(s.probability, 1.0);
    }

    void zeroWrites()
    {
        const Solver solver = replicated(0.0, 0.8).solver();
        const std::vector<double> multipliers{1.0, 10.0};
        const ReplicaLagAnswer a = replicaLag(solver, 3, multipliers, 1.0);
        QVERIFY(!a.saturatesAt);
        for (const LagPoint& p : a.series) {
            QCOMPARE(p.writeRps, 0.0);
            HR_COMPARE_REL(*p.lag.meanLagMs, 2.8, 1e-15);
        }
        // No writes queue: P(lag > t) = e^{-(1000/0.8)(t - 2)/1000} after the 2 ms delay.
        for (const StaleReadPoint& s : a.staleRead) {
            const double want = s.afterMs < 2.0 ? 1.0 : std::exp(-1.25 * (s.afterMs - 2.0));
            HR_COMPARE_REL(s.probability, want, 1e-13);
        }
    }

    void staleReadGrid()
    {
        const Solver solver = replicated(0.2, 0.8).solver();
        const ReplicaLagAnswer a = replicaLag(solver, 3, std::vector<double>{1.0}, 1.0);
        const double p99 = 2.0 + std::log(100.0) * 0.8 / (1.0 - 0.024);
        HR_COMPARE_REL(*a.readYourWritesMs, p99, 1e-14);
        QVERIFY(a.staleRead.size() >= 10);
        QVERIFY(a.staleRead.back().afterMs >= p99);
        bool hasDelay = false;
        bool hasP99 = false;
        for (std::size_t i = 0; i < a.staleRead.size(); ++i) {
            const StaleReadPoint& s = a.staleRead[i];
            hasDelay = hasDelay || s.afterMs == 2.0;
            hasP99 = hasP99 || s.afterMs == *a.readYourWritesMs;
            const double mu = 1000.0 / 0.8;
            const double want = s.afterMs < 2.0 ? 1.0 : std::exp(-(mu - 30.0) * (s.afterMs - 2.0) / 1000.0);
            HR_COMPARE_REL(s.probability, want, 1e-13);
            if (i > 0)
                QVERIFY(s.probability <= a.staleRead[i - 1].probability && s.afterMs > a.staleRead[i - 1].afterMs);
        }
        QVERIFY(hasDelay);
        QVERIFY(hasP99);
        // At the p99 lag a read misses the write 1% of the time.
        for (const StaleReadPoint& s : a.staleRead) {
            if (s.afterMs == *a.readYourWritesMs)
                HR_COMPARE_REL(s.probability, 0.01, 1e-12);
        }
    }

    void findReplica_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("a primary") << "primary";
        QTest::newRow("an app server") << "app";
        QTest::newRow("unknown") << "nope";
        QTest::newRow("a replica without replication") << "orphan";
    }

    void findReplica()
    {
        QFETCH(QString, id);
        Model model = replicated(0.2, 0.8).model();
        Component orphan;
        orphan.id = "orphan";
        orphan.kind = ComponentKind::Database;
        orphan.role = DatabaseRole::Replica;
        orphan.set(Field::ServiceMs, 5);
        model.components.push_back(orphan);
        const auto found = headroom::engine::findReplica(model, id.toStdString());
        QVERIFY(!found.ok());
        QCOMPARE(subjectText(found.issues().front().subject), std::string("--replica"));
        QCOMPARE(*headroom::engine::findReplica(model, "replica"), std::size_t{3});
    }
};

QTEST_GUILESS_MAIN(TestReplicaLag)
#include "tst_replica_lag.moc"
