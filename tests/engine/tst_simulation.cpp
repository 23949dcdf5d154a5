// SPDX-License-Identifier: MIT
// The simulator against exact queueing results (spec section 9), every run seeded so the
// test is deterministic: M/M/1, M/M/c, M/D/1 and M/G/1 (Pollaczek-Khinchine), M/M/c/K
// blocking, a Jackson network with a cache and branching, closed MVA, replica lag, tandem
// end-to-end percentiles, an exact connection pool, timeouts with retries, diverging
// stations, common random numbers, the same numbers with any thread count, the coverage
// of the 95% interval, a burst draining as a fluid argument predicts, cancel and progress.
#include "ReferenceQueues.h"
#include "SimTestSupport.h"

#include "engine/ErlangFormulas.h"

#include <QtTest/QtTest>

#include <atomic>
#include <cmath>
#include <stop_token>

using namespace headroom::engine;
using namespace headroom::engine::sim;
using headroom::test::ModelBuilder;
using headroom::test::simulateOrFail;

namespace {

SimulationOptions runOf(double durationS, std::uint64_t seed = 1, int replications = 10)
{
    SimulationOptions o;
    o.durationS = durationS;
    o.seed = seed;
    o.replications = replications;
    return o;
}

/// One station fed by Poisson arrivals.
ModelBuilder single(double rateRps, double serviceMs, double servers, double cv = 1.0,
                    std::optional<double> capacity = std::nullopt)
{
    ModelBuilder b;
    b.open("users", rateRps);
    Component& s = b.station("s", serviceMs, servers);
    s.set(Field::ServiceCv, cv);
    if (capacity)
        s.set(Field::Capacity, *capacity);
    b.link("users", "s");
    return b;
}

const ComponentSimulation& component(const SimulationResult& r, const ModelBuilder& b, const std::string& id)
{
    return r.components[*b.model().indexOf(id)];
}

/// P(T > t) of a sum of independent exponentials with distinct rates (hypoexponential):
/// sum_i prod_{j != i} r_j / (r_j - r_i) e^(-r_i t).
double hypoexponentialTail(const std::vector<double>& rates, double t)
{
    double tail = 0.0;
    for (std::size_t i = 0; i < rates.size(); ++i) {
        double weight = 1.0;
        for (std::size_t j = 0; j < rates.size(); ++j) {
            if (j != i)
                weight *= rates[j] / (rates[j] - rates[i]);
        }
        tail += weight * std::exp(-rates[i] * t);
    }
    return tail;
}

double hypoexponentialQuantile(const std::vector<double>& rates, double p)
{
    double lo = 0.0;
    double hi = 100.0;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (hypoexponentialTail(rates, mid) > 1.0 - p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

} // namespace

class TestSimulation : public QObject {
    Q_OBJECT

private slots:
    void mm1MeansAndPercentiles()
    {
        // lambda 70/s, 10 ms: rho 0.7, R = S / (1 - rho), T exponential with rate mu - lambda.
        const ModelBuilder b = single(70, 10, 1);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(2000));
        const ComponentSimulation& s = component(r, b, "s");
        const double response = 10.0 / 0.3;
        SIM_CONSISTENT(s.utilization, 0.7, 0.01);
        SIM_CONSISTENT(s.throughputRps, 70.0, 0.01);
        SIM_CONSISTENT(s.meanResponseMs, response, 0.03);
        SIM_CONSISTENT(s.meanWaitMs, response - 10.0, 0.04);
        SIM_CONSISTENT(s.waitProbability, 0.7, 0.01);
        SIM_CONSISTENT(s.meanInSystem, 70.0 * response / 1000.0, 0.03);
        SIM_CONSISTENT(s.p50ResponseMs, std::log(2.0) * response, 0.03);
        SIM_CONSISTENT(s.p95ResponseMs, std::log(20.0) * response, 0.03);
        SIM_CONSISTENT(s.p99ResponseMs, std::log(100.0) * response, 0.04);
        SIM_CONSISTENT(r.system.meanResponseMs, response, 0.03);
        SIM_CONSISTENT(r.system.p99ResponseMs, std::log(100.0) * response, 0.04);
        SIM_CONSISTENT(r.system.throughputRps, 70.0, 0.01);
        QCOMPARE(r.system.rejectedFraction->mean, 0.0);
        // Each figure carries its formula's value (exact here); end-to-end percentiles have none.
        QVERIFY(headroom::test::isClose(*s.meanResponseMs->analytic, response, 1e-12));
        QVERIFY(headroom::test::isClose(*s.p99ResponseMs->analytic, std::log(100.0) * response, 1e-9));
        QVERIFY(headroom::test::isClose(*r.system.meanResponseMs->analytic, response, 1e-12));
        QCOMPARE(s.utilization->verdict, Verdict::Agrees);
        QCOMPARE(r.system.p99ResponseMs->verdict, Verdict::NoAnalytic);
    }

    void mmcAgainstErlangC()
    {
        // 4 servers of 20 ms at 170/s: rho 0.85.
        const ModelBuilder b = single(170, 20, 4);
        const auto exact = headroom::test::reference::mmc(4, 170.0L, 50.0L);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(1500));
        const ComponentSimulation& s = component(r, b, "s");
        SIM_CONSISTENT(s.utilization, 0.85, 0.01);
        SIM_CONSISTENT(s.waitProbability, static_cast<double>(exact.waitProbability), 0.03);
        SIM_CONSISTENT(s.meanResponseMs, static_cast<double>(exact.rSeconds) * 1000.0, 0.04);
        SIM_CONSISTENT(s.meanInSystem, static_cast<double>(exact.l), 0.04);
        const ComponentResult analytic = b.solver().solve().components[1];
        SIM_CONSISTENT(s.p95ResponseMs, *analytic.p95ResponseMs, 0.04);
        SIM_CONSISTENT(s.p99ResponseMs, *analytic.p99ResponseMs, 0.05);
    }

    void pollaczekKhinchine_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("cv");
        QTest::addColumn<double>("precision");
        QTest::newRow("M/D/1 rho 0.7") << 70.0 << 0.0 << 0.02;
        QTest::newRow("M/G/1 cv 0.5 rho 0.7") << 70.0 << 0.5 << 0.03;
        QTest::newRow("M/G/1 cv 2 rho 0.5") << 50.0 << 2.0 << 0.06;
    }
    void pollaczekKhinchine()
    {
        // Wq = rho S (1 + cv^2) / (2 (1 - rho)), exact for one server.
        QFETCH(double, rate);
        QFETCH(double, cv);
        QFETCH(double, precision);
        const ModelBuilder b = single(rate, 10, 1, cv);
        const double rho = rate * 0.01;
        const double wait = rho * 10.0 * (1.0 + cv * cv) / (2.0 * (1.0 - rho));
        const SimulationResult r = simulateOrFail(b.solver(), runOf(cv > 1.0 ? 6000 : 2000));
        const ComponentSimulation& s = component(r, b, "s");
        SIM_CONSISTENT(s.meanWaitMs, wait, precision);
        SIM_CONSISTENT(s.meanResponseMs, wait + 10.0, precision);
        SIM_CONSISTENT(s.utilization, rho, 0.01);
        // Allen-Cunneen is Pollaczek-Khinchine for one server: the formula is the exact value.
        QVERIFY(headroom::test::isClose(*s.meanWaitMs->analytic, wait, 1e-12));
    }

    void mmckBlocking()
    {
        // 2 servers, room for 5, offered 2.5 Erlangs: a quarter and more is turned away.
        const ModelBuilder b = single(250, 10, 2, 1.0, 5.0);
        const auto exact = headroom::test::reference::mmck(2, 5, 250.0L, 100.0L);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(600));
        const ComponentSimulation& s = component(r, b, "s");
        SIM_CONSISTENT(s.blockingProbability, static_cast<double>(exact.blocking), 0.02);
        SIM_CONSISTENT(s.throughputRps, static_cast<double>(exact.throughput), 0.01);
        SIM_CONSISTENT(s.meanInSystem, static_cast<double>(exact.l), 0.02);
        SIM_CONSISTENT(s.meanResponseMs, static_cast<double>(exact.rSeconds) * 1000.0, 0.02);
        SIM_CONSISTENT(s.utilization, static_cast<double>(exact.utilization), 0.01);
        QVERIFY(!s.diverging);
        SIM_CONSISTENT(r.system.rejectedFraction, static_cast<double>(exact.blocking), 0.02);
    }

    void jacksonNetworkWithCacheAndBranching()
    {
        // Feed-forward and exponential, each station visited at most once per request: every
        // station sees Poisson arrivals (Burke), so its figures are exactly M/M/c.
        ModelBuilder b;
        b.open("users", 100);
        b.station("lb", 4, 2, ComponentKind::LoadBalancer);
        b.station("app", 25, 4, ComponentKind::AppServer);
        b.station("cache", 2, 1, ComponentKind::Cache).set(Field::HitRatio, 0.7);
        b.station("db", 8, 1, ComponentKind::Database);
        b.station("svc", 10, 1);
        b.station("jobs", 20, 1, ComponentKind::Queue);
        b.link("users", "lb");
        b.link("lb", "app");
        b.link("app", "cache");
        b.link("cache", "db");
        b.link("app", "svc", 0.4);
        b.link("app", "jobs", 0.2);
        const Solver solver = b.solver();
        const SolveResult exact = solver.solve();
        const SimulationResult r = simulateOrFail(solver, runOf(1500));
        for (const char* id : {"lb", "app", "cache", "db", "svc", "jobs"}) {
            const ComponentResult& a = exact.components[*b.model().indexOf(id)];
            const ComponentSimulation& s = component(r, b, id);
            QVERIFY2(!s.diverging, id);
            SIM_CONSISTENT(s.utilization, a.utilization, 0.02);
            SIM_CONSISTENT(s.throughputRps, a.throughputRps, 0.01);
            SIM_CONSISTENT(s.meanResponseMs, *a.meanResponseMs, 0.03);
            SIM_CONSISTENT(s.p99ResponseMs, *a.p99ResponseMs, 0.05);
        }
        SIM_CONSISTENT(r.system.meanResponseMs, *exact.meanResponseMs, 0.02);
    }

    void closedWorkloadAgainstMva()
    {
        ModelBuilder b;
        b.closed("testers", 20, 500);
        b.station("app", 20, 1, ComponentKind::AppServer);
        b.station("db", 30, 2, ComponentKind::Database);
        b.link("testers", "app");
        b.link("app", "db");
        const Solver solver = b.solver();
        const SolveResult exact = solver.solve();
        const SimulationResult r = simulateOrFail(solver, runOf(1000));
        QCOMPARE(r.workload, Workload::Closed);
        SIM_CONSISTENT(r.system.throughputRps, exact.throughputRps, 0.01);
        SIM_CONSISTENT(r.system.meanResponseMs, *exact.meanResponseMs, 0.02);
        for (const char* id : {"app", "db"}) {
            const ComponentResult& a = exact.components[*b.model().indexOf(id)];
            const ComponentSimulation& s = component(r, b, id);
            SIM_CONSISTENT(s.utilization, a.utilization, 0.01);
            SIM_CONSISTENT(s.meanResponseMs, *a.meanResponseMs, 0.02);
            SIM_CONSISTENT(s.meanInSystem, *a.meanInSystem, 0.02);
        }
    }

    void replicaLagIsMm1()
    {
        // 200 reads and writes a second, half of them writes; each of two replica instances
        // applies 100 writes a second at 4 ms: lag = 2 ms + an M/M/1 sojourn at rho 0.4.
        ModelBuilder b;
        b.open("users", 200);
        b.station("db", 5, 4, ComponentKind::Database).set(Field::WriteFraction, 0.5);
        Component& replica = b.station("rep", 5, 4, ComponentKind::Database);
        replica.role = DatabaseRole::Replica;
        replica.set(Field::Instances, 2);
        replica.set(Field::ApplyMs, 4);
        replica.set(Field::ReplicationDelayMs, 2);
        b.link("users", "db");
        b.link("db", "rep", 1.0, LinkKind::Replication);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(1000));
        QCOMPARE(r.replicas.size(), std::size_t{1});
        const ReplicaSimulation& lag = r.replicas.front();
        QVERIFY(!lag.diverging);
        SIM_CONSISTENT(lag.meanLagMs, 2.0 + 4.0 / 0.6, 0.02);
        SIM_CONSISTENT(lag.p99LagMs, 2.0 + std::log(100.0) * 4.0 / 0.6, 0.03);
        QVERIFY(headroom::test::isClose(*lag.meanLagMs->analytic, 2.0 + 4.0 / 0.6, 1e-12));
    }

    void tandemEndToEndPercentiles()
    {
        // Three M/M/1 in series (Reich: independent sojourns), so the end-to-end time is a
        // sum of exponentials with rates mu_i - lambda: 150, 50 and 16.67 per second.
        ModelBuilder b;
        b.open("users", 50);
        b.station("a", 5);
        b.station("b", 10);
        b.station("c", 15);
        b.link("users", "a");
        b.link("a", "b");
        b.link("b", "c");
        const std::vector<double> rates{150.0, 50.0, 1000.0 / 15.0 - 50.0};
        const SimulationResult r = simulateOrFail(b.solver(), runOf(3000));
        double mean = 0.0;
        for (const double rate : rates)
            mean += 1000.0 / rate;
        SIM_CONSISTENT(r.system.meanResponseMs, mean, 0.03);
        SIM_CONSISTENT(r.system.p50ResponseMs, 1000.0 * hypoexponentialQuantile(rates, 0.50), 0.03);
        SIM_CONSISTENT(r.system.p95ResponseMs, 1000.0 * hypoexponentialQuantile(rates, 0.95), 0.04);
        SIM_CONSISTENT(r.system.p99ResponseMs, 1000.0 * hypoexponentialQuantile(rates, 0.99), 0.05);
    }

    void poolIsAnExactSemaphore()
    {
        // The app never queues and the database never does (64 servers, at most 4 pooled
        // calls at once), so a connection is held for exactly one exponential service:
        // the pool is M/M/4 with 3 Erlangs offered, Erlang C exactly.
        ModelBuilder b;
        b.open("users", 300);
        b.station("app", 0.001, 1000, ComponentKind::AppServer);
        b.station("db", 10, 64, ComponentKind::Database);
        b.link("users", "app");
        b.link("app", "db").set(LinkField::PoolSize, 4);
        const double c = erlangC(4, 3.0);
        const SimulationResult r = simulateOrFail(b.solver(), runOf(600));
        QCOMPARE(r.pools.size(), std::size_t{1});
        SIM_CONSISTENT(r.pools[0].waitProbability, c, 0.03);
        SIM_CONSISTENT(r.pools[0].meanWaitMs, c / (4.0 / 10.0 - 0.3), 0.04);
        // The pool's wait is part of the response.
        SIM_CONSISTENT(r.system.meanResponseMs, 10.0 + 0.001 + c / (4.0 / 10.0 - 0.3), 0.03);
    }

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
        QVERIFY2(headroom::test::hasSubject(plan.issues(), subject.toStdString()),
                 headroom::test::describe(plan.issues()).constData());
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

QTEST_GUILESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
