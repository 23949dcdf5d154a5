// SPDX-License-Identifier: MIT
// The 10x question (spec section 7). Expected values are worked by hand from the
// model's numbers: per-instance utilization lambda * share * S / c.
#include "TestModels.h"

#include "engine/TenX.h"

#include <QtTest/QtTest>

using namespace headroom::engine;
using headroom::testing::ModelBuilder;

namespace {

/// The stage-2 architecture of the reference cases: 300 rps into 2 app instances
/// (4 servers, 15 ms), 0.5 calls into a primary (8 servers, 6 ms), 2 calls into 2 replicas (8 servers, 5 ms).
ModelBuilder stage2()
{
    ModelBuilder b;
    b.clients("users", 300)
        .component("app", ComponentKind::AppServer,
                   {{Field::Instances, 2}, {Field::Servers, 4}, {Field::ServiceMs, 15}, {Field::CostPerInstanceMonth, 140}})
        .component("primary", ComponentKind::Database,
                   {{Field::Servers, 8}, {Field::ServiceMs, 6}, {Field::WriteFraction, 0.2},
                    {Field::CostPerInstanceMonth, 600}})
        .component("replica", ComponentKind::Database,
                   {{Field::Instances, 2}, {Field::Servers, 8}, {Field::ServiceMs, 5}, {Field::CostPerInstanceMonth, 600}},
                   DatabaseRole::Replica)
        .link("users", "app")
        .link("app", "primary", 0.5)
        .link("app", "replica", 2.0)
        .link("primary", "replica", 1.0, LinkKind::Replication);
    return b;
}

const InstancePlan* planFor(const TenXAnswer& a, std::size_t component)
{
    for (const InstancePlan& p : a.plan.components) {
        if (p.component == component)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestTenX : public QObject {
    Q_OBJECT

private slots:
    void breaksInOrder()
    {
        const Solver solver = stage2().solver();
        const auto answer = tenX(solver, 10.0, 0.7);
        QVERIFY(answer.ok());
        // app: 150 rps per instance * 15 ms / 4 servers = 0.5625 -> 1/0.5625;
        // replica: 300 * 5 ms / 8 = 0.1875; primary: 150 * 6 ms / 8 = 0.1125.
        QCOMPARE(answer->breaks.size(), std::size_t{3});
        QCOMPARE(answer->breaks[0].component, std::size_t{1});
        HR_COMPARE_REL(answer->breaks[0].saturatesAt, 1.0 / 0.5625, 1e-12);
        QCOMPARE(answer->breaks[1].component, std::size_t{3});
        HR_COMPARE_REL(answer->breaks[1].saturatesAt, 1.0 / 0.1875, 1e-12);
        QCOMPARE(answer->breaks[2].component, std::size_t{2});
        HR_COMPARE_REL(answer->breaks[2].saturatesAt, 1.0 / 0.1125, 1e-12);
        QVERIFY(!answer->survives);
        QVERIFY(answer->verdict.find("app saturates at 1.78x") != std::string::npos);
    }

    void planAndCost_data()
    {
        QTest::addColumn<int>("component");
        QTest::addColumn<int>("required");
        QTest::addColumn<double>("utilizationAfter");
        // At 10x the whole load per server is app 3000*0.015/4 = 11.25, primary 1500*0.006/8 = 1.125,
        // replica 6000*0.005/8 = 3.75; required = ceil(whole / 0.7).
        QTest::newRow("app 11.25/0.7 -> 17") << 1 << 17 << 11.25 / 17;
        QTest::newRow("primary 1.125/0.7 -> 2") << 2 << 2 << 1.125 / 2;
        QTest::newRow("replica 3.75/0.7 -> 6") << 3 << 6 << 3.75 / 6;
    }

    void planAndCost()
    {
        QFETCH(int, component);
        QFETCH(int, required);
        QFETCH(double, utilizationAfter);
        const Solver solver = stage2().solver();
        const auto answer = tenX(solver, 10.0, 0.7);
        QVERIFY(answer.ok());
        const InstancePlan* plan = planFor(*answer, static_cast<std::size_t>(component));
        QVERIFY(plan);
        QVERIFY(plan->requiredInstances);
        QCOMPARE(*plan->requiredInstances, std::int64_t{required});
        HR_COMPARE_REL(*plan->utilizationAfter, utilizationAfter, 1e-12);
        // 2*140 + 600 + 2*600 now; 17*140 + 2*600 + 6*600 at 10x.
        HR_COMPARE_REL(answer->plan.costNow, 2080.0, 1e-12);
        HR_COMPARE_REL(answer->plan.costAfter, 7180.0, 1e-12);
    }

    void nPlusOne_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("instances");
        QTest::addColumn<bool>("survives");
        QTest::addColumn<int>("needed");
        // One server of 1 ms per instance: whole load at 1x = rate / 1000; losing one of n
        // leaves rate/1000/(n-1) per instance; needed = floor(whole) + 2.
        QTest::newRow("3 instances, 1.9 whole: 0.95 after loss") << 1900.0 << 3 << true << 3;
        QTest::newRow("3 instances, 2.1 whole: 1.05 after loss") << 2100.0 << 3 << false << 4;
        QTest::newRow("2 instances, 0.5 whole: 0.5 after loss") << 500.0 << 2 << true << 2;
        QTest::newRow("5 instances, 4.0 whole: exactly 1 fails") << 4000.0 << 5 << false << 6;
    }

    void nPlusOne()
    {
        QFETCH(double, rate);
        QFETCH(int, instances);
        QFETCH(bool, survives);
        QFETCH(int, needed);
        ModelBuilder b;
        b.clients("users", rate)
            .component("web", ComponentKind::WebServer, {{Field::Instances, instances}, {Field::ServiceMs, 1}})
            .link("users", "web");
        const auto answer = tenX(b.solver(), 1.0, 0.7);
        QVERIFY(answer.ok());
        QCOMPARE(answer->nPlusOne.size(), std::size_t{1});
        const RedundancyCheck& check = answer->nPlusOne.front();
        HR_COMPARE_REL(check.utilizationAfterLoss, rate / 1000.0 / (instances - 1), 1e-12);
        QCOMPARE(check.survivesLossOfOne, survives);
        QVERIFY(check.instancesNeeded);
        QCOMPARE(*check.instancesNeeded, std::int64_t{needed});
    }

    void externalNeverSaturates()
    {
        ModelBuilder b;
        b.clients("users", 1e6)
            .component("api", ComponentKind::External, {{Field::LatencyMs, 120}})
            .component("web", ComponentKind::WebServer, {{Field::Servers, 64}, {Field::ServiceMs, 0.01}})
            .link("users", "api")
            .link("users", "web");
        const auto answer = tenX(b.solver(), 10.0, 0.7);
        QVERIFY(answer.ok());
        QVERIFY(!answer->saturatesAt[1]);
        // web: 1e6 rps * 0.01 ms / 64 = 0.15625 -> saturates at 6.4x.
        QCOMPARE(answer->breaks.size(), std::size_t{1});
        QCOMPARE(answer->breaks.front().component, std::size_t{2});
        for (const InstancePlan& p : answer->plan.components)
            QVERIFY(p.component != 1);
    }

    void survivesWhenNothingBreaks()
    {
        ModelBuilder b;
        b.clients("users", 10).component("web", ComponentKind::WebServer, {{Field::ServiceMs, 5}}).link("users", "web");
        const auto answer = tenX(b.solver(), 10.0, 0.7);
        QVERIFY(answer.ok());
        QVERIFY(answer->survives);
        QVERIFY(answer->breaks.empty());
        // 10 rps * 5 ms = 0.05 -> the first limit is at 20x.
        QVERIFY(answer->verdict.find("nothing saturates at 10x") != std::string::npos);
        QVERIFY(answer->verdict.find("web at 20x") != std::string::npos);
    }

    void hotSpot_data()
    {
        QTest::addColumn<double>("share");
        QTest::addColumn<bool>("fixable");
        QTest::addColumn<int>("required");
        // whole load 1.0 at 1x (1000 rps, 1 ms, 1 server), target 0.7:
        // share 0.4 -> busiest at 0.4 <= 0.7; n >= 1/0.4 -> 3; others 0.6 -> 1 more -> 2; so 3.
        QTest::newRow("share 0.4 of 4: fixable with 3") << 0.4 << true << 3;
        // share 0.8 -> the busiest runs at 0.8 whatever the count.
        QTest::newRow("share 0.8 of 4: a hot spot") << 0.8 << false << 0;
    }

    void hotSpot()
    {
        QFETCH(double, share);
        QFETCH(bool, fixable);
        QFETCH(int, required);
        ModelBuilder b;
        b.clients("users", 1000)
            .component("shard", ComponentKind::Database,
                       {{Field::Instances, 4}, {Field::ServiceMs, 1}, {Field::HottestShare, share}})
            .link("users", "shard");
        const auto answer = tenX(b.solver(), 1.0, 0.7);
        QVERIFY(answer.ok());
        const InstancePlan* plan = planFor(*answer, 1);
        QVERIFY(plan);
        QVERIFY(plan->hotSpot);
        QCOMPARE(plan->requiredInstances.has_value(), fixable);
        if (fixable)
            QCOMPARE(*plan->requiredInstances, std::int64_t{required});
        else
            QVERIFY(!answer->plan.warnings.empty() && answer->plan.warnings.front().subject.name == "shard");
    }

    void boundaryIsInclusive()
    {
        // 2.1 / 0.7 is 3.0000000000000004 in floating point; three instances meet the target exactly.
        ModelBuilder b;
        b.clients("users", 2100).component("web", ComponentKind::WebServer, {{Field::ServiceMs, 1}}).link("users", "web");
        const auto answer = tenX(b.solver(), 1.0, 0.7);
        QVERIFY(answer.ok());
        QCOMPARE(*planFor(*answer, 1)->requiredInstances, std::int64_t{3});
    }

    void closedWorkloadRefused()
    {
        Model model = ModelBuilder()
                          .component("users", ComponentKind::Clients, {{Field::Users, 10}, {Field::ThinkMs, 1000}})
                          .component("web", ComponentKind::WebServer, {{Field::ServiceMs, 5}})
                          .link("users", "web")
                          .model();
        auto solver = Solver::create(model);
        QVERIFY(solver.ok());
        const auto answer = tenX(*solver, 10.0, 0.7);
        QVERIFY(!answer.ok());
        QCOMPARE(subjectText(answer.issues().front().subject), std::string("workload"));
    }

    void loadCurveMatchesSolve()
    {
        const Solver solver = stage2().solver();
        const std::vector<double> multipliers{0.5, 1.0, 1.5, 2.0};
        const LoadCurve curve = loadCurve(solver, multipliers);
        for (std::size_t k = 0; k < multipliers.size(); ++k) {
            // app utilization is linear: 0.5625 per unit multiplier.
            HR_COMPARE_REL(curve.utilization[1][k], 0.5625 * multipliers[k], 1e-12);
            const SolveResult r = solver.solve({multipliers[k], false});
            QCOMPARE(curve.responseMs[k].has_value(), r.meanResponseMs.has_value());
            if (r.meanResponseMs)
                HR_COMPARE_REL(*curve.responseMs[k], *r.meanResponseMs, 1e-14);
        }
        // At 2x app is saturated (1.125): the end-to-end response is infinite.
        QVERIFY(!curve.responseMs[3]);
    }
};

QTEST_GUILESS_MAIN(TestTenX)
#include "tst_tenx.moc"
