// SPDX-License-Identifier: MIT
// planCapacity: required instances (the published 10x reference case, minimality, exact
// boundaries), hot spots, costs, pools, and the planned model.

#include "EngineTestSupport.h"
#include "ReferenceQueues.h"

#include "engine/CapacityPlan.h"
#include "engine/Solver.h"
#include "io/ModelFile.h"

#include <QtTest/QTest>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

using namespace headroom::engine;
using namespace headroom::testing;
namespace ref = headroom::testing::reference;

namespace {

constexpr double kFormulaRtol = 1e-12;

Solver solverFor(const Model& model)
{
    auto solver = Solver::create(model);
    if (!solver.ok())
        qFatal("the test model does not compile:%s", describeFailure(solver).constData());
    return std::move(solver).value();
}

Model loadModel(const QString& path)
{
    auto loaded = headroom::model::loadModelFile(path);
    if (!loaded.ok())
        qFatal("cannot read %s:%s", qPrintable(path), describeFailure(loaded).constData());
    return std::move(loaded).value();
}

/// clients -> one app tier, as the rows describe it.
Model oneTier(double rate, double serviceMs, double servers, double instances, std::optional<double> share = {},
              double cost = 0.0)
{
    Model m;
    ComponentBuilder app = station("app", serviceMs, servers, ComponentKind::AppServer);
    app.set(Field::Instances, instances).set(Field::CostPerInstanceMonth, cost);
    if (share)
        app.set(Field::HottestShare, *share);
    m.components = {openClients("users", rate), app};
    m.links = {route("users", "app")};
    return m;
}

const InstancePlan* planFor(const CapacityPlan& plan, std::size_t component)
{
    for (const InstancePlan& item : plan.components) {
        if (item.component == component)
            return &item;
    }
    return nullptr;
}

} // namespace

class TestCapacityPlan : public QObject {
    Q_OBJECT

private slots:
    void publishedTenX();
    void requiredInstances_data();
    void requiredInstances();
    void smallestCountBoundaries_data();
    void smallestCountBoundaries();
    void hotSpots_data();
    void hotSpots();
    void costs();
    void poolsSizedAfterInstances();
    void closedWorkloadRefused();
};

// The reference 10x analysis of web-stage2 (analyses/expected/01-tenx-web-stage2.json):
// app needs 17 instances at 10x with target 0.7. By hand: 3000 rps x 15 ms / 4 servers =
// 11.25 servers' worth, / 0.7 = 16.07 -> 17. The primary: 1500 x 6 / 8 = 1.125 -> 2; the
// replicas: 6000 x 5 / 8 = 3.75 -> 6. Costs 140 x 2 + 600 + 600 x 2 = 2080 now,
// 140 x 17 + 600 x 2 + 600 x 6 = 7180 after.
void TestCapacityPlan::publishedTenX()
{
    const Model model = loadModel(QStringLiteral(HEADROOM_SHARED_DIR) + "/reference/analyses/cases/01-tenx-web-stage2.json");
    const Solver solver = solverFor(model);
    const auto plan = planCapacity(solver, 10.0, 0.7);
    QVERIFY2(plan.ok(), describeFailure(plan).constData());
    QCOMPARE(plan->multiplier, 10.0);
    QCOMPARE(plan->targetUtilization, 0.7);
    QCOMPARE(plan->components.size(), std::size_t(3)); // the queueing components, in model order

    const InstancePlan* app = planFor(*plan, *model.indexOf("app"));
    QVERIFY(app);
    QCOMPARE(app->instances, std::int64_t(2));
    QCOMPARE(app->requiredInstances, std::optional<std::int64_t>(17));
    QVERIFY(!app->hotSpot);
    HR_COMPARE_REL(app->utilizationNow, 11.25 / 2.0, kFormulaRtol);
    HR_COMPARE_OPT_REL(app->utilizationAfter, 11.25 / 17.0, kFormulaRtol);
    QCOMPARE(planFor(*plan, *model.indexOf("primary"))->requiredInstances, std::optional<std::int64_t>(2));
    QCOMPARE(planFor(*plan, *model.indexOf("replica"))->requiredInstances, std::optional<std::int64_t>(6));
    HR_COMPARE_REL(plan->costNow, 2080.0, kFormulaRtol);
    HR_COMPARE_REL(plan->costAfter, 7180.0, kFormulaRtol);
    HR_COMPARE_REL(app->costNow, 280.0, kFormulaRtol);
    HR_COMPARE_REL(app->costAfter, 140.0 * 17.0, kFormulaRtol);
}

// Required instances against counts worked out by hand (whole = x rate S / 1000 / c, then the
// smallest n with whole / n <= target), including loads that sit exactly on the target,
// where floating point puts whole / target an ulp above the integer. The planned model,
// solved at x, must meet the target, and one instance fewer must not.
void TestCapacityPlan::requiredInstances_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("serviceMs");
    QTest::addColumn<double>("servers");
    QTest::addColumn<double>("instances");
    QTest::addColumn<double>("multiplier");
    QTest::addColumn<double>("target");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("load exactly at target: 0.7 / 0.7") << 70.0 << 10.0 << 1.0 << 1.0 << 1.0 << 0.7 << qint64(1);
    QTest::newRow("just above target: 0.71 / 0.7") << 71.0 << 10.0 << 1.0 << 1.0 << 1.0 << 0.7 << qint64(2);
    QTest::newRow("exactly 4 at target: 2.8 / 0.7") << 280.0 << 10.0 << 1.0 << 1.0 << 1.0 << 0.7 << qint64(4);
    QTest::newRow("exactly 3 at target: 2.1 / 0.7 (fp 3.0000000000000004)") << 210.0 << 10.0 << 1.0 << 1.0 << 1.0 << 0.7
                                                                            << qint64(3);
    QTest::newRow("exactly 3 at target: 0.9 / 0.3 (fp 3.0000000000000004)") << 90.0 << 10.0 << 1.0 << 1.0 << 1.0 << 0.3
                                                                            << qint64(3);
    QTest::newRow("a hair over 4: 2.8000028 / 0.7") << 280.00028 << 10.0 << 1.0 << 1.0 << 1.0 << 0.7 << qint64(5);
    QTest::newRow("multi-server at target: 2100 rps, 1 ms, 3 servers") << 2100.0 << 1.0 << 3.0 << 1.0 << 1.0 << 0.7
                                                                      << qint64(1);
    QTest::newRow("target 1: exactly 2") << 1000.0 << 10.0 << 5.0 << 1.0 << 1.0 << 1.0 << qint64(2);
    QTest::newRow("target 0.1: exactly 10") << 100.0 << 10.0 << 1.0 << 1.0 << 1.0 << 0.1 << qint64(10);
    QTest::newRow("over-provisioned: 10 today, 2 needed") << 100.0 << 10.0 << 1.0 << 10.0 << 1.0 << 0.7 << qint64(2);
    QTest::newRow("multiplier 10 on the stage-2 app tier") << 300.0 << 15.0 << 4.0 << 2.0 << 10.0 << 0.7 << qint64(17);
    QTest::newRow("multiplier 2.5: 7 x 2.5 = 17.5 servers' worth / 0.7 = 25 exactly") << 280.0 << 100.0 << 4.0 << 3.0
                                                                                   << 2.5 << 0.7 << qint64(25);
    QTest::newRow("tiny load") << 1.0 << 1.0 << 1.0 << 3.0 << 1.0 << 0.7 << qint64(1);
    QTest::newRow("no traffic") << 0.0 << 10.0 << 1.0 << 4.0 << 1.0 << 0.7 << qint64(1);
}

void TestCapacityPlan::requiredInstances()
{
    QFETCH(double, rate);
    QFETCH(double, serviceMs);
    QFETCH(double, servers);
    QFETCH(double, instances);
    QFETCH(double, multiplier);
    QFETCH(double, target);
    QFETCH(qint64, expected);
    const Model model = oneTier(rate, serviceMs, servers, instances);
    const Solver solver = solverFor(model);
    const auto plan = planCapacity(solver, multiplier, target);
    QVERIFY2(plan.ok(), describeFailure(plan).constData());
    const InstancePlan* app = planFor(*plan, 1);
    QVERIFY(app);
    QCOMPARE(app->requiredInstances, std::optional<std::int64_t>(expected));
    const double whole = multiplier * rate * serviceMs / 1000.0 / servers;
    HR_COMPARE_MIXED(app->utilizationNow, whole / instances, kFormulaRtol, 1e-300);
    HR_COMPARE_OPT_REL(app->utilizationAfter, whole / static_cast<double>(expected), kFormulaRtol);

    // The planned model meets the target at the multiplier (the load on the target counts as meeting it).
    const Model planned = plannedModel(model, *plan);
    QCOMPARE(planned.components[1].get(Field::Instances), std::optional<double>(static_cast<double>(expected)));
    const SolveResult after = solverFor(planned).solve({multiplier, false});
    QCOMPARE_LE(after.components[1].utilization, target * (1.0 + 1e-12));
    if (expected > 1) {
        Model fewer = planned;
        fewer.components[1].set(Field::Instances, static_cast<double>(expected - 1));
        const SolveResult tight = solverFor(fewer).solve({multiplier, false});
        QCOMPARE_GT(tight.components[1].utilization, target * (1.0 + 1e-12));
    }
}

// smallestCount: the smallest n >= 1 with load / n <= limit, a load within 1e-12 of the
// limit counting as on it. Expected counts by hand.
void TestCapacityPlan::smallestCountBoundaries_data()
{
    QTest::addColumn<double>("load");
    QTest::addColumn<double>("limit");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("no load") << 0.0 << 0.7 << qint64(1);
    QTest::newRow("tiny load") << 1e-300 << 0.7 << qint64(1);
    QTest::newRow("on the limit") << 0.7 << 0.7 << qint64(1);
    QTest::newRow("2.1 / 0.7") << 2.1 << 0.7 << qint64(3);
    QTest::newRow("2.8 / 0.7") << 2.8 << 0.7 << qint64(4);
    QTest::newRow("0.9 / 0.3") << 0.9 << 0.3 << qint64(3);
    QTest::newRow("1e-7 over the limit") << 0.7000001 << 0.7 << qint64(2);
    QTest::newRow("100 / 1") << 100.0 << 1.0 << qint64(100);
    QTest::newRow("1e-9 over 100") << 100.0000001 << 1.0 << qint64(101);
    QTest::newRow("a million / 0.5") << 1e6 << 0.5 << qint64(2000000);
}

void TestCapacityPlan::smallestCountBoundaries()
{
    QFETCH(double, load);
    QFETCH(double, limit);
    QFETCH(qint64, expected);
    QCOMPARE(smallestCount(load, limit), expected);
}

// Hot spots: an explicit hottest_share above 1/instances stays with the busiest instance
// whatever the count. If that instance alone exceeds the target, no count helps (null and
// a warning); otherwise the count is the smallest n with share >= 1/n and the others'
// (1 - share) / (n - 1) of the load at or under the target, found here by brute force.
void TestCapacityPlan::hotSpots_data()
{
    QTest::addColumn<double>("rate"); // 10 ms, one server: whole = rate / 100
    QTest::addColumn<double>("instances");
    QTest::addColumn<double>("share");
    QTest::addColumn<bool>("fixable");
    QTest::newRow("share 0.5 of 4, hot 0.5") << 100.0 << 4.0 << 0.5 << true;
    QTest::newRow("share 0.3 of 4, hot 0.6, others need 2") << 200.0 << 4.0 << 0.3 << true;
    QTest::newRow("share 0.3 of 4, hot 0.9") << 300.0 << 4.0 << 0.3 << false;
    QTest::newRow("share 0.8 of 4, hot 0.8") << 100.0 << 4.0 << 0.8 << false;
    QTest::newRow("share 0.7 of 2, hot exactly 0.7") << 100.0 << 2.0 << 0.7 << true;
    QTest::newRow("share 0.1 of 20, heavy rest") << 600.0 << 20.0 << 0.1 << true;
}

void TestCapacityPlan::hotSpots()
{
    QFETCH(double, rate);
    QFETCH(double, instances);
    QFETCH(double, share);
    QFETCH(bool, fixable);
    const double target = 0.7;
    const Model model = oneTier(rate, 10.0, 1.0, instances, share, 50.0);
    const Solver solver = solverFor(model);
    const auto plan = planCapacity(solver, 1.0, target);
    QVERIFY(plan.ok());
    const InstancePlan* app = planFor(*plan, 1);
    QVERIFY(app);
    QVERIFY(app->hotSpot);
    const double whole = rate / 100.0;
    HR_COMPARE_REL(app->utilizationNow, whole * share, kFormulaRtol);
    if (!fixable) {
        QVERIFY(!app->requiredInstances);
        bool warned = false;
        for (const Issue& w : plan->warnings)
            warned = warned || w.subject == Subject::component("app", 1);
        QVERIFY2(warned, "no warning about the hot spot");
        HR_COMPARE_REL(app->costAfter, 50.0 * instances, kFormulaRtol); // today's count stays
        return;
    }
    std::int64_t expected = 0;
    for (std::int64_t n = 1; n < 100000 && expected == 0; ++n) {
        const double others = n > 1 ? (1.0 - share) / static_cast<double>(n - 1) : 1.0 - share;
        const bool shareValid = share >= 1.0 / static_cast<double>(n) - 1e-15;
        const bool othersFit = n > 1 ? others * whole <= target * (1.0 + 1e-12) : share >= 1.0;
        if (shareValid && othersFit && share * whole <= target * (1.0 + 1e-12))
            expected = n;
    }
    QCOMPARE(app->requiredInstances, std::optional<std::int64_t>(expected));
    HR_COMPARE_OPT_REL(app->utilizationAfter, share * whole, kFormulaRtol);
    // The planned model keeps the hot spot and meets the target on every instance.
    const Model planned = plannedModel(model, *plan);
    QCOMPARE(planned.components[1].get(Field::HottestShare), std::optional<double>(share));
    const SolveResult after = solverFor(planned).solve({1.0, false});
    QCOMPARE_LE(after.components[1].utilization, target * (1.0 + 1e-12));
}

// Costs: cost_per_instance_month times instances, summed over every component (clients
// and externals count once); after the plan, planned counts where there is one.
void TestCapacityPlan::costs()
{
    Model model;
    model.components = {
        ComponentBuilder("users", ComponentKind::Clients).set(Field::RateRps, 1000.0).set(Field::CostPerInstanceMonth, 7.0),
        ComponentBuilder(station("web", 20.0, 4, ComponentKind::WebServer))
            .set(Field::Instances, 3)
            .set(Field::CostPerInstanceMonth, 90.0),
        ComponentBuilder(station("db", 2.0, 8, ComponentKind::Database)).set(Field::CostPerInstanceMonth, 1200.0),
        ComponentBuilder(station("hot", 5.0, 1))
            .set(Field::Instances, 2)
            .set(Field::HottestShare, 0.9)
            .set(Field::CostPerInstanceMonth, 10.0),
        ComponentBuilder("saas", ComponentKind::External).set(Field::LatencyMs, 80.0).set(Field::CostPerInstanceMonth, 499.0),
    };
    model.links = {route("users", "web"), route("web", "db", 2.0), route("web", "hot", 0.2), route("web", "saas", 0.1)};
    const Solver solver = solverFor(model);
    const auto plan = planCapacity(solver, 3.0, 0.6);
    QVERIFY(plan.ok());
    // By hand at 3x: web 3000 rps x 20 ms / 4 = 15 -> /0.6 = 25; db 6000 x 2 / 8 = 1.5 -> 2.5 -> 3;
    // hot: 600 rps x 5 ms = 3.0 x 0.9 = 2.7 > 0.6: no count helps, today's 2 stay.
    QCOMPARE(planFor(*plan, 1)->requiredInstances, std::optional<std::int64_t>(25));
    QCOMPARE(planFor(*plan, 2)->requiredInstances, std::optional<std::int64_t>(3));
    QVERIFY(!planFor(*plan, 3)->requiredInstances);
    HR_COMPARE_REL(plan->costNow, 7.0 + 90.0 * 3 + 1200.0 + 10.0 * 2 + 499.0, kFormulaRtol);
    HR_COMPARE_REL(plan->costAfter, 7.0 + 90.0 * 25 + 1200.0 * 3 + 10.0 * 2 + 499.0, kFormulaRtol);
    HR_COMPARE_REL(solver.monthlyCost(), plan->costNow, kFormulaRtol);
}

// Pools are sized once the instance counts are in place: per instance of the caller,
// lambda_p = link traffic / planned instances, hold = the database's response at x with its
// planned count (here from the birth-death M/M/c figures), the smallest P with
// lambda_p H / 1000 / P <= target.
void TestCapacityPlan::poolsSizedAfterInstances()
{
    const Model model = loadModel(QStringLiteral(HEADROOM_SHARED_DIR) + "/reference/cases/web-stage2.json");
    const Solver solver = solverFor(model);
    const auto plan = planCapacity(solver, 10.0, 0.7);
    QVERIFY(plan.ok());
    QCOMPARE(plan->pools.size(), std::size_t(1));
    const PoolPlan& pool = plan->pools.front();
    QCOMPARE(pool.poolSize, std::int64_t(10));
    // app 17 instances, primary 2: each primary gets 750 rps at 6 ms on 8 servers.
    const double hold = static_cast<double>(ref::mmc(8, 750.0L, 1000.0L / 6.0L).rSeconds * 1000.0L);
    const double perInstance = 1500.0 / 17.0;
    const double offered = perInstance * hold / 1000.0;
    std::int64_t expected = 1;
    while (offered / static_cast<double>(expected) > 0.7)
        ++expected;
    QCOMPARE(pool.requiredPoolSize, std::optional<std::int64_t>(expected));
    HR_COMPARE_OPT_REL(pool.utilizationAfter, offered / static_cast<double>(expected), 1e-10);
    const Model planned = plannedModel(model, *plan);
    QCOMPARE(planned.links[1].get(LinkField::PoolSize), std::optional<double>(static_cast<double>(expected)));
}

// In a closed workload the load follows the response: no capacity plan.
void TestCapacityPlan::closedWorkloadRefused()
{
    Model model;
    model.components = {closedClients("users", 10, 100.0), station("app", 10.0)};
    model.links = {route("users", "app")};
    const auto plan = planCapacity(solverFor(model), 2.0, 0.7);
    QVERIFY(!plan.ok());
    QCOMPARE(subjectText(plan.issues().front().subject), std::string("workload"));
}

QTEST_GUILESS_MAIN(TestCapacityPlan)
#include "tst_capacity_plan.moc"
