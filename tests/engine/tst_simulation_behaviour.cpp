// SPDX-License-Identifier: MIT
// The simulator's behaviour beyond the steady queues (spec sections 9, 9.1 and 11.1), every
// run seeded: timeouts with retries, diverging stations, the same numbers with any thread
// count, common random numbers, the coverage of the 95% interval, a burst draining as a
// fluid argument predicts, cancel and progress, and the options it refuses.
#include "SimTestSupport.h"

#include <QtTest/QtTest>

#include <atomic>
#include <cmath>
#include <stop_token>

using namespace headroom::engine;
using namespace headroom::engine::sim;
using headroom::testing::ModelBuilder;
using headroom::testing::component;
using headroom::testing::runOf;
using headroom::testing::simulateOrFail;
using headroom::testing::single;

class TestSimulationBehaviour : public QObject {
    Q_OBJECT

private slots:
    void timeoutsAbandonAttemptsAndRetry()
    {
        // An API that always answers in 100 ms behind a 30 ms timeout with 2 retries: every
        // call makes 3 attempts and fails; the API still serves all of them.
        ModelBuilder b;
        b.open("users", 10);
        b.station("app", 1, 100, ComponentKind::AppServer);
        b.external("api", 100);
        b.link("users", "app");
        Link& call = b.link("app", "api");
        call.set(LinkField::TimeoutMs, 30);
        call.set(LinkField::Retries, 2);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(2000));
        QCOMPARE(r.retries.size(), std::size_t{1});
        QCOMPARE(r.retries[0].attemptsPerCall->mean, 3.0);
        QCOMPARE(r.retries[0].successProbability->mean, 0.0);
        QCOMPARE(r.retries[0].attemptsPerCall->verdict, Verdict::NoAnalytic);
        QCOMPARE(r.system.failedFraction->mean, 1.0);
        QVERIFY(!r.system.failedFraction->analytic);
        QVERIFY(!r.system.meanResponseMs); // nothing completed
        SIM_CONSISTENT(component(r, b, "api").throughputRps, 30.0, 0.01);
    }

    void timeoutsLetFastAnswersThrough()
    {
        // 10 ms exponential behind a 25 ms timeout and no retries, at low load: P(fail) is
        // P(R > 25) = e^(-(mu - lambda) 25 ms) with lambda 1/s, mu 100/s.
        ModelBuilder b;
        b.open("users", 1);
        b.station("app", 0.01, 100, ComponentKind::AppServer);
        b.station("svc", 10, 1);
        b.link("users", "app");
        b.link("app", "svc").set(LinkField::TimeoutMs, 25);
        const double fail = std::exp(-99.0 * 0.025);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(40000));
        SIM_CONSISTENT(r.system.failedFraction, fail, 0.05);
        SIM_CONSISTENT(r.retries[0].successProbability, 1.0 - fail, 0.01);
        QCOMPARE(r.retries[0].attemptsPerCall->mean, 1.0);
    }

    void divergingStationHasNoMean()
    {
        const ModelBuilder b = single(150, 10, 1);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(100, 1, 4));
        const ComponentSimulation& s = component(r, b, "s");
        QVERIFY(s.diverging);
        QVERIFY(!s.meanResponseMs && !s.p99ResponseMs && !s.meanInSystem && !s.meanWaitMs);
        SIM_CONSISTENT(s.backlogGrowthRps, 50.0, 0.1);
        QCOMPARE(s.backlogGrowthRps->verdict, Verdict::Agrees);
        SIM_CONSISTENT(s.utilization, 1.0, 0.001);
        QVERIFY(!r.system.meanResponseMs);
    }

    void sameSeedSameNumbersWhateverTheThreads()
    {
        ModelBuilder b;
        b.open("users", 120);
        b.station("app", 12, 4, ComponentKind::AppServer).set(Field::ServiceCv, 1.7);
        b.station("db", 5, 2, ComponentKind::Database).set(Field::Capacity, 6);
        b.external("api", 40);
        b.link("users", "app");
        b.link("app", "db", 1.5).set(LinkField::PoolSize, 3);
        b.link("app", "api", 0.3).set(LinkField::TimeoutMs, 60);
        const Solver solver = b.solver();
        SimulationOptions options = runOf(60, 42, 6);
        options.threads = 1;
        const SimulationResult one = simulateOrFail(solver, options);
        options.threads = 3;
        const SimulationResult three = simulateOrFail(solver, options);
        QCOMPARE(one.threads, 1u);
        QCOMPARE(three.threads, 3u);
        QCOMPARE(one.events, three.events);
        const auto same = [](const std::optional<Estimate>& a, const std::optional<Estimate>& b) {
            return a.has_value() == b.has_value() && (!a || (a->mean == b->mean && a->ciLow == b->ciLow && a->ciHigh == b->ciHigh));
        };
        QVERIFY(same(one.system.meanResponseMs, three.system.meanResponseMs));
        QVERIFY(same(one.system.p99ResponseMs, three.system.p99ResponseMs));
        for (std::size_t i = 0; i < one.components.size(); ++i) {
            QVERIFY(same(one.components[i].meanResponseMs, three.components[i].meanResponseMs));
            QVERIFY(same(one.components[i].utilization, three.components[i].utilization));
            QVERIFY(same(one.components[i].p95ResponseMs, three.components[i].p95ResponseMs));
        }
        QVERIFY(same(one.pools[0].meanWaitMs, three.pools[0].meanWaitMs));
        QVERIFY(same(one.retries[0].successProbability, three.retries[0].successProbability));
        // Another seed gives other numbers.
        options.seed = 43;
        const SimulationResult other = simulateOrFail(solver, options);
        QVERIFY(other.system.meanResponseMs->mean != one.system.meanResponseMs->mean);
    }

    void scenariosShareTheirArrivals()
    {
        // Common random numbers: a faster app changes every response but not one arrival.
        ModelBuilder slow = single(80, 10, 1);
        ModelBuilder fast = single(80, 6, 1);
        const SimulationResult a = simulateOrFail(slow.solver(), runOf(200, 9, 5));
        const SimulationResult b = simulateOrFail(fast.solver(), runOf(200, 9, 5));
        QCOMPARE(a.system.arrivalRps->mean, b.system.arrivalRps->mean);
        QCOMPARE(a.system.arrivalRps->ciLow, b.system.arrivalRps->ciLow);
        QVERIFY(a.system.meanResponseMs->mean > b.system.meanResponseMs->mean);
    }

    void intervalCoverageIsNearItsConfidence()
    {
        // 200 seeded runs of 10 replications of an M/M/1 at rho 0.5: the 95% interval of
        // the utilization and of the mean response should hold the exact value about 190
        // times (binomial standard deviation about 3).
        const ModelBuilder b = single(50, 10, 1);
        const Solver solver = b.solver();
        int utilization = 0;
        int response = 0;
        constexpr int runs = 200;
        for (int seed = 1; seed <= runs; ++seed) {
            const SimulationResult r = simulateOrFail(solver, runOf(100, static_cast<std::uint64_t>(seed)));
            const ComponentSimulation& s = component(r, b, "s");
            utilization += (s.utilization->ciLow <= 0.5 && 0.5 <= s.utilization->ciHigh) ? 1 : 0;
            response += (s.meanResponseMs->ciLow <= 20.0 && 20.0 <= s.meanResponseMs->ciHigh) ? 1 : 0;
        }
        const QByteArray counts = QByteArray::number(utilization) + " and " + QByteArray::number(response) + " of 200";
        QVERIFY2(utilization >= 180 && utilization <= 198, counts.constData());
        QVERIFY2(response >= 180 && response <= 198, counts.constData());
    }

    void burstBuildsAndDrainsLikeAFluid()
    {
        // An M/M/1 of 10 ms at 50/s, tripled to 150/s for 60 s: the backlog grows at
        // 50/s to about 3,000 requests, then drains at 50/s: about 60 s.
        const ModelBuilder b = single(50, 10, 1);
        SimulationOptions options;
        options.replications = 10;
        options.profile = *LoadProfile::create({{0, 1}, {100, 1}, {100, 3}, {160, 3}, {160, 1}, {400, 1}});
        options.bucketS = 5;
        const SimulationResult r = simulateOrFail(b.solver(), options);
        QVERIFY(r.timeline);
        const Timeline& tl = *r.timeline;
        QCOMPARE(tl.startS.size(), std::size_t{80});
        const auto& s = tl.components.front();
        // The bucket [155, 160): the fluid backlog 50 (t - 100) averages 2,875 over it.
        const double last = *s.meanInSystem[31];
        QVERIFY2(std::fabs(last - 2875.0) < 0.05 * 2875.0, QByteArray::number(last).constData());
        QVERIFY(*s.meanInSystem[10] < 10.0);      // before the burst: about rho / (1 - rho) = 1
        QVERIFY(*s.utilization[25] > 0.99);        // during it the server never rests
        QVERIFY(*s.meanInSystem[70] < 10.0);       // drained long before the end
        QCOMPARE(tl.drains.size(), std::size_t{1});
        QCOMPARE(tl.drains[0].overloadStartS, 100.0);
        QCOMPARE(tl.drains[0].overloadEndS, 160.0);
        QVERIFY(tl.drains[0].drainS);
        QVERIFY2(std::fabs(*tl.drains[0].drainS - 60.0) < 6.0, QByteArray::number(*tl.drains[0].drainS).constData());
        // Throughput over the burst is the server's capacity, 100/s.
        QVERIFY(std::fabs(*tl.throughputRps[25] - 100.0) < 5.0);
        QVERIFY(!r.system.meanResponseMs->analytic); // no steady state, no formula to compare
    }

    void progressAndCancel()
    {
        const ModelBuilder b = single(1000, 0.5, 1);
        auto plan = planSimulation(b.solver(), runOf(5000, 1, 4));
        QVERIFY(plan);
        std::stop_source stop;
        std::vector<double> seen;
        SimulationControl control;
        control.stop = stop.get_token();
        control.onProgress = [&](const SimulationProgress& p) {
            seen.push_back(p.fraction);
            if (p.fraction > 0.05)
                stop.request_stop();
        };
        const SimulationResult r = simulate(b.solver(), *plan, control);
        QCOMPARE(r.status, SimulationStatus::Cancelled);
        QVERIFY(!seen.empty());
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY(seen.back() < 0.9);
        QVERIFY(r.components.empty());
    }

    void badOptionsAreRefusedByName_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("subject");
        QTest::newRow("replications 0") << 0 << "replications";
        QTest::newRow("confidence 1") << 1 << "confidence";
        QTest::newRow("negative duration") << 2 << "duration_s";
        QTest::newRow("bucket without a profile") << 3 << "bucket_s";
        QTest::newRow("warm-up with a profile") << 4 << "warmup_s";
        QTest::newRow("a run too long for memory") << 5 << "duration_s";
        QTest::newRow("too many buckets") << 6 << "bucket_s";
    }
    void badOptionsAreRefusedByName()
    {
        QFETCH(int, which);
        QFETCH(QString, subject);
        const ModelBuilder b = single(100, 5, 1);
        SimulationOptions o;
        const LoadProfile profile = *LoadProfile::create({{0, 1}, {3600, 2}});
        switch (which) {
        case 0: o.replications = 0; break;
        case 1: o.confidence = 1.0; break;
        case 2: o.durationS = -5.0; break;
        case 3: o.bucketS = 5.0; break;
        case 4: o.profile = profile; o.warmupS = 10.0; break;
        case 5: o.durationS = 1e8; break;
        case 6: o.profile = profile; o.bucketS = 0.001; break;
        default: break;
        }
        const auto plan = planSimulation(b.solver(), o);
        QVERIFY(!plan);
        QVERIFY2(headroom::testing::hasSubject(plan.issues(), subject.toStdString()),
                 headroom::testing::describe(plan.issues()).constData());
    }

    void defaultsFollowTheContract()
    {
        // 100,000 external requests per replication, a tenth of that as warm-up.
        const ModelBuilder b = single(250, 1, 1);
        const auto plan = planSimulation(b.solver(), SimulationOptions{});
        QVERIFY(plan);
        QCOMPARE(plan->durationS, 400.0);
        QCOMPARE(plan->warmupS, 40.0);
        QCOMPARE(plan->options.replications, 10);
    }
};

QTEST_GUILESS_MAIN(TestSimulationBehaviour)
#include "tst_simulation_behaviour.moc"
