// SPDX-License-Identifier: MIT
// The simulator against exact queueing results (spec section 9), every run seeded so the
// test is deterministic: M/M/1, M/M/c, M/D/1 and M/G/1 (Pollaczek-Khinchine), M/M/c/K
// blocking, a Jackson network with a cache and branching, closed MVA, replica lag, tandem
// end-to-end percentiles and an exact connection pool (tst_simulation_behaviour: the rest).
#include "ReferenceQueues.h"
#include "SimTestSupport.h"

#include "engine/ErlangFormulas.h"

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

namespace {

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
        QVERIFY(headroom::testing::isClose(*s.meanResponseMs->analytic, response, 1e-12));
        QVERIFY(headroom::testing::isClose(*s.p99ResponseMs->analytic, std::log(100.0) * response, 1e-9));
        QVERIFY(headroom::testing::isClose(*r.system.meanResponseMs->analytic, response, 1e-12));
        QCOMPARE(s.utilization->verdict, Verdict::Agrees);
        QCOMPARE(r.system.p99ResponseMs->verdict, Verdict::NoAnalytic);
    }

    void mmcAgainstErlangC()
    {
        // 4 servers of 20 ms at 170/s: rho 0.85.
        const ModelBuilder b = single(170, 20, 4);
        const auto exact = headroom::testing::reference::mmc(4, 170.0L, 50.0L);
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
        QVERIFY(headroom::testing::isClose(*s.meanWaitMs->analytic, wait, 1e-12));
    }

    void mmckBlocking()
    {
        // 2 servers, room for 5, offered 2.5 Erlangs: a quarter and more is turned away.
        const ModelBuilder b = single(250, 10, 2, 1.0, 5.0);
        const auto exact = headroom::testing::reference::mmck(2, 5, 250.0L, 100.0L);
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
        QVERIFY(headroom::testing::isClose(*lag.meanLagMs->analytic, 2.0 + 4.0 / 0.6, 1e-12));
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

};

QTEST_GUILESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
