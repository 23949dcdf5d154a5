// SPDX-License-Identifier: MIT
// The traffic equations lambda = gamma + M^T (pass * lambda): acyclic propagation, caches,
// async versus sync, routing cycles against a dense Eigen solve, runaway loops rejected
// with E_ROUTING_LOOP, and the load-shedding fixed point against a plain iteration.

#include "EngineTestSupport.h"
#include "ReferenceQueues.h"

#include "engine/Solver.h"
#include "engine/Traffic.h"

#include <QtTest/QTest>

#include <Eigen/Dense>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace headroom::engine;
using namespace headroom::testing;
namespace ref = headroom::testing::reference;

namespace {

// Linear traffic: a handful of operations per node, or a well-conditioned solve
// (every node passes on less than 0.95 of what it gets, so cond(I - M^T) <= 40).
constexpr double kTrafficRtol = 1e-11;
// The shedding fixed point: the engine stops at a relative change of 1e-12.
constexpr double kFixedPointRtol = 1e-10;

std::vector<std::string> nodeNames(std::size_t n)
{
    std::vector<std::string> names;
    for (std::size_t i = 0; i < n; ++i)
        names.push_back("n" + std::to_string(i));
    return names;
}

/// Everything the engine needs for one open model, solved.
SolveResult solveModel(const Model& model, double multiplier = 1.0)
{
    auto solved = solve(model, {multiplier, false});
    if (!solved.ok())
        qFatal("the test model does not solve: %s", describeFailure(solved).constData());
    return solved.value();
}

const ComponentResult& resultOf(const Model& model, const SolveResult& result, const std::string& id)
{
    return result.components[*model.indexOf(id)];
}

/// Admitted rate of one station (all its instances) at total arrival `lambda`, from the
/// brute-force M/M/c/K probabilities: hot instance share h, the rest (1 - h) / (n - 1) each.
double admittedByBruteForce(double lambda, double serviceMs, std::int64_t servers, std::int64_t capacity,
                            std::int64_t instances = 1, double hottest = 1.0)
{
    const ref::Real mu = 1000.0L / serviceMs;
    double admitted = static_cast<double>(ref::mmck(servers, capacity, lambda * hottest, mu).throughput);
    if (instances > 1) {
        const double other = (1.0 - hottest) / static_cast<double>(instances - 1);
        admitted += static_cast<double>(instances - 1) *
                    static_cast<double>(ref::mmck(servers, capacity, lambda * other, mu).throughput);
    }
    return admitted;
}

/// A random routing network: each node sends less than 0.95 of its traffic on in total,
/// so every cycle has gain below 1. gain(i, j) is the gain of i -> j.
struct RandomNetwork {
    Eigen::MatrixXd gain;
    std::vector<RouteEdge> edges;
};

RandomNetwork randomNetwork(std::size_t n, double density, std::mt19937& rng)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto size = static_cast<Eigen::Index>(n);
    RandomNetwork network{Eigen::MatrixXd::Zero(size, size), {}};
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::size_t> targets;
        for (std::size_t j = 0; j < n; ++j) {
            if (unit(rng) < density)
                targets.push_back(j);
        }
        double budget = 0.95 * unit(rng);
        for (const std::size_t j : targets) {
            const double g = budget * unit(rng);
            budget -= g;
            network.gain(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) += g;
            network.edges.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), g});
        }
    }
    return network;
}

} // namespace

class TestTraffic : public QObject {
    Q_OBJECT

private slots:
    void acyclicPropagation();
    void cacheHitRatioOnLeavingLinks_data();
    void cacheHitRatioOnLeavingLinks();
    void asyncLoadsButAddsNoVisits();
    void cyclesAgainstDenseSolve_data();
    void cyclesAgainstDenseSolve();
    void newtonOnRandomCyclesAgainstIteration_data();
    void newtonOnRandomCyclesAgainstIteration();
    void selfLoopClosedForm_data();
    void selfLoopClosedForm();
    void runawayLoopsRejected_data();
    void runawayLoopsRejected();
    void loopsBelowOneAccepted_data();
    void loopsBelowOneAccepted();
    void sheddingFixedPointAgainstIteration_data();
    void sheddingFixedPointAgainstIteration();
    void smoothAdmissionAgainstIteration();
};

// A diamond given in reverse order: 0 -> 1 (x2), 0 -> 2 (x0.5), 1 -> 3 (x1), 2 -> 3 (x3),
// 3 -> 4 (x0.1). By hand: l0 = 100, l1 = 200, l2 = 50, l3 = 200 + 150 = 350, l4 = 35.
void TestTraffic::acyclicPropagation()
{
    const auto names = nodeNames(5);
    const std::vector<RouteEdge> edges{{3, 4, 0.1}, {2, 3, 3.0}, {1, 3, 1.0}, {0, 2, 0.5}, {0, 1, 2.0}};
    auto net = TrafficNetwork::compile(names, edges, std::vector<bool>(5, false));
    QVERIFY2(net.ok(), describeFailure(net).constData());
    const std::vector<double> gamma{100.0, 0.0, 0.0, 0.0, 0.0};
    const std::vector<double> expected{100.0, 200.0, 50.0, 350.0, 35.0};
    std::vector<double> lambda(5, -1.0);
    net->solveWithPass(gamma, std::vector<double>(5, 1.0), lambda);
    for (std::size_t i = 0; i < 5; ++i)
        HR_COMPARE_REL(lambda[i], expected[i], kTrafficRtol);

    // Passing on half of what node 1 gets halves its contribution downstream.
    std::vector<double> pass(5, 1.0);
    pass[1] = 0.5;
    net->solveWithPass(gamma, pass, lambda);
    HR_COMPARE_REL(lambda[3], 100.0 + 150.0, kTrafficRtol);
    HR_COMPARE_REL(lambda[4], 25.0, kTrafficRtol);

    // Nothing bounded: solve() is the same linear pass and says it converged.
    std::vector<double> passOut(5, 0.0);
    QVERIFY(net->solve(gamma, 1.0, [](std::size_t, double) { return Admission{}; }, lambda, passOut));
    for (std::size_t i = 0; i < 5; ++i) {
        HR_COMPARE_REL(lambda[i], expected[i], kTrafficRtol);
        QCOMPARE(passOut[i], 1.0);
    }
}

// Calls leaving a cache or CDN are multiplied by (1 - hit ratio); calls into it are not.
void TestTraffic::cacheHitRatioOnLeavingLinks_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("hitRatio");
    QTest::addColumn<double>("calls");
    for (const auto kind : {ComponentKind::Cache, ComponentKind::Cdn}) {
        for (const double h : {0.0, 0.8, 0.95, 1.0}) {
            const QByteArray name = QByteArray(kind == ComponentKind::Cache ? "cache" : "cdn") +
                                    " hit=" + QByteArray::number(h);
            QTest::newRow((name + " calls=2").constData()) << static_cast<int>(kind) << h << 2.0;
        }
    }
}

void TestTraffic::cacheHitRatioOnLeavingLinks()
{
    QFETCH(int, kind);
    QFETCH(double, hitRatio);
    QFETCH(double, calls);
    Model model;
    model.components = {openClients("users", 500.0), station("app", 2.0, 64, ComponentKind::AppServer),
                        ComponentBuilder(station("cache", 0.1, 64, static_cast<ComponentKind>(kind)))
                            .set(Field::HitRatio, hitRatio),
                        station("db", 0.5, 64, ComponentKind::Database)};
    model.links = {route("users", "app"), route("app", "cache", calls), route("cache", "db", 1.5)};
    const SolveResult r = solveModel(model);
    HR_COMPARE_REL(resultOf(model, r, "app").arrivalRps, 500.0, kTrafficRtol);
    HR_COMPARE_REL(resultOf(model, r, "cache").arrivalRps, 500.0 * calls, kTrafficRtol);
    HR_COMPARE_MIXED(resultOf(model, r, "db").arrivalRps, 500.0 * calls * (1.0 - hitRatio) * 1.5, kTrafficRtol,
                     1e-12);
    HR_COMPARE_MIXED(resultOf(model, r, "db").visitsPerRequest, calls * (1.0 - hitRatio) * 1.5, kTrafficRtol, 1e-15);
}

// Async links (explicit, or the default into a queue) load their target but add nothing to
// the caller's response: visits count sync paths only. An explicit sync link into a queue counts.
void TestTraffic::asyncLoadsButAddsNoVisits()
{
    Model model;
    model.components = {openClients("users", 100.0),
                        station("app", 5.0, 8, ComponentKind::AppServer),
                        station("jobs", 1.0, 4, ComponentKind::Queue),
                        station("worker", 20.0, 16, ComponentKind::Worker),
                        station("mail", 3.0, 4),
                        station("audit", 1.0, 2, ComponentKind::Queue),
                        station("db", 2.0, 8, ComponentKind::Database)};
    model.links = {route("users", "app"),
                   route("app", "jobs", 2.0),                    // default: async into a queue
                   route("jobs", "worker", 1.0),                 // sync, but behind an async hop
                   route("worker", "db", 3.0),                   // load only
                   route("app", "mail", 0.5, LinkKind::Async),   // explicit async
                   route("app", "audit", 1.0, LinkKind::Sync),   // explicit sync into a queue
                   route("app", "db", 1.0)};
    const SolveResult r = solveModel(model);
    // Arrivals by hand.
    HR_COMPARE_REL(resultOf(model, r, "jobs").arrivalRps, 200.0, kTrafficRtol);
    HR_COMPARE_REL(resultOf(model, r, "worker").arrivalRps, 200.0, kTrafficRtol);
    HR_COMPARE_REL(resultOf(model, r, "mail").arrivalRps, 50.0, kTrafficRtol);
    HR_COMPARE_REL(resultOf(model, r, "audit").arrivalRps, 100.0, kTrafficRtol);
    HR_COMPARE_REL(resultOf(model, r, "db").arrivalRps, 600.0 + 100.0, kTrafficRtol);
    // Sync visits per request.
    QCOMPARE(resultOf(model, r, "app").visitsPerRequest, 1.0);
    QCOMPARE(resultOf(model, r, "jobs").visitsPerRequest, 0.0);
    QCOMPARE(resultOf(model, r, "worker").visitsPerRequest, 0.0);
    QCOMPARE(resultOf(model, r, "mail").visitsPerRequest, 0.0);
    QCOMPARE(resultOf(model, r, "audit").visitsPerRequest, 1.0);
    QCOMPARE(resultOf(model, r, "db").visitsPerRequest, 1.0);
    // End to end: app + audit + db, each once; the async branches are not waited for.
    const double expected = *resultOf(model, r, "app").avgResponseMs + *resultOf(model, r, "audit").avgResponseMs +
                            *resultOf(model, r, "db").avgResponseMs;
    HR_COMPARE_OPT_REL(r.meanResponseMs, expected, kTrafficRtol);
}

// Random routing with cycles: the engine's SCC + sparse LU against one dense LU of the
// whole system (I - M^T diag(pass)) lambda = gamma, written here with Eigen.
void TestTraffic::cyclesAgainstDenseSolve_data()
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<double>("density");
    QTest::addColumn<unsigned>("seed");
    QTest::newRow("3 nodes, dense") << 3 << 0.9 << 1u;
    QTest::newRow("10 nodes, p=0.3") << 10 << 0.3 << 2u;
    QTest::newRow("50 nodes, p=0.1") << 50 << 0.1 << 3u;
    QTest::newRow("50 nodes, p=0.02 (several cycles)") << 50 << 0.02 << 4u;
    QTest::newRow("200 nodes, p=0.03") << 200 << 0.03 << 5u;
    QTest::newRow("400 nodes, p=0.005") << 400 << 0.005 << 6u;
}

void TestTraffic::cyclesAgainstDenseSolve()
{
    QFETCH(int, nodes);
    QFETCH(double, density);
    QFETCH(unsigned, seed);
    const auto n = static_cast<std::size_t>(nodes);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const RandomNetwork random = randomNetwork(n, density, rng);

    Eigen::VectorXd gamma(nodes);
    Eigen::VectorXd pass(nodes);
    for (std::size_t i = 0; i < n; ++i) {
        gamma[static_cast<Eigen::Index>(i)] = unit(rng) < 0.3 ? 1000.0 * unit(rng) : 0.0;
        pass[static_cast<Eigen::Index>(i)] = unit(rng) < 0.5 ? 1.0 : unit(rng);
    }
    auto net = TrafficNetwork::compile(nodeNames(n), random.edges, std::vector<bool>(n, false));
    QVERIFY2(net.ok(), describeFailure(net).constData());

    const std::vector<double> gammaList(gamma.data(), gamma.data() + nodes);
    for (const bool everythingPasses : {true, false}) {
        const Eigen::VectorXd p = everythingPasses ? Eigen::VectorXd::Ones(nodes) : pass;
        const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(nodes, nodes) - random.gain.transpose() * p.asDiagonal();
        const Eigen::VectorXd expected = system.fullPivLu().solve(gamma);
        std::vector<double> lambda(n, 0.0);
        const std::vector<double> passList(p.data(), p.data() + nodes);
        net->solveWithPass(gammaList, passList, lambda);
        const double scale = expected.cwiseAbs().maxCoeff();
        for (std::size_t i = 0; i < n; ++i)
            HR_COMPARE_MIXED(lambda[i], expected[static_cast<Eigen::Index>(i)], kTrafficRtol, kTrafficRtol * scale);
    }
}

// The shedding fixed point on random cycles, half the nodes bounded with a smooth
// admission a(x) = x / (1 + x/100): Newton (a dense LU up to 64 nodes a block, the
// sparse LU beyond) against plain iteration, which converges because every node passes
// on less than 0.95 of what it admits.
void TestTraffic::newtonOnRandomCyclesAgainstIteration_data()
{
    cyclesAgainstDenseSolve_data();
}

void TestTraffic::newtonOnRandomCyclesAgainstIteration()
{
    QFETCH(int, nodes);
    QFETCH(double, density);
    QFETCH(unsigned, seed);
    const auto n = static_cast<std::size_t>(nodes);
    std::mt19937 rng(seed + 100);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const RandomNetwork random = randomNetwork(n, density, rng);
    std::vector<bool> bounded(n);
    std::vector<double> gamma(n);
    for (std::size_t i = 0; i < n; ++i) {
        bounded[i] = unit(rng) < 0.5;
        gamma[i] = unit(rng) < 0.3 ? 1000.0 * unit(rng) : 0.0;
    }
    auto net = TrafficNetwork::compile(nodeNames(n), random.edges, bounded);
    QVERIFY2(net.ok(), describeFailure(net).constData());
    const auto fraction = [](double x) { return 1.0 / (1.0 + x / 100.0); };
    const auto admit = [&](std::size_t, double x) {
        return Admission{fraction(x), 1.0 / ((1.0 + x / 100.0) * (1.0 + x / 100.0))};
    };
    std::vector<double> lambda(n, 0.0);
    std::vector<double> pass(n, 0.0);
    QVERIFY(net->solve(gamma, 1.0, admit, lambda, pass));

    Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(gamma.data(), nodes);
    const Eigen::VectorXd g = x;
    for (int step = 0; step < 100000; ++step) {
        Eigen::VectorXd admitted = x;
        for (std::size_t i = 0; i < n; ++i) {
            if (bounded[i])
                admitted[static_cast<Eigen::Index>(i)] *= fraction(x[static_cast<Eigen::Index>(i)]);
        }
        const Eigen::VectorXd next = g + random.gain.transpose() * admitted;
        const double change = (next - x).cwiseAbs().maxCoeff();
        x = next;
        if (change <= 1e-14 * std::max(1.0, x.cwiseAbs().maxCoeff()))
            break;
    }
    const double scale = std::max(1.0, x.cwiseAbs().maxCoeff());
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = static_cast<Eigen::Index>(i);
        HR_COMPARE_MIXED(lambda[i], x[k], kFixedPointRtol, kFixedPointRtol * scale);
        HR_COMPARE_REL(pass[i], bounded[i] ? fraction(x[k]) : 1.0, kFixedPointRtol);
    }
}

// One node that calls itself with gain g: lambda = gamma / (1 - g).
void TestTraffic::selfLoopClosedForm_data()
{
    QTest::addColumn<double>("selfGain");
    for (const double g : {0.0, 0.1, 0.5, 0.9, 0.999, 0.999999})
        QTest::newRow(QByteArray("self-loop calls=" + QByteArray::number(g)).constData()) << g;
}

void TestTraffic::selfLoopClosedForm()
{
    QFETCH(double, selfGain);
    Model model;
    model.components = {openClients("users", 10.0), station("retry", 0.001, 1000)};
    model.links = {route("users", "retry"), route("retry", "retry", selfGain)};
    const SolveResult r = solveModel(model);
    HR_COMPARE_REL(resultOf(model, r, "retry").arrivalRps, 10.0 / (1.0 - selfGain), kTrafficRtol);
    HR_COMPARE_REL(resultOf(model, r, "retry").visitsPerRequest, 1.0 / (1.0 - selfGain), kTrafficRtol);
}

// A routing cycle whose gain is 1 or more has no finite solution: create() refuses it with
// an issue about a component of the loop whose message carries E_ROUTING_LOOP.
void TestTraffic::runawayLoopsRejected_data()
{
    QTest::addColumn<Model>("model");
    QTest::addColumn<QStringList>("loopMembers");

    const auto base = [](std::vector<Component> extra, std::vector<Link> links) {
        Model m;
        m.components = {openClients("users", 10.0), station("a", 1.0, 4), station("b", 1.0, 4), station("c", 1.0, 4)};
        for (Component& c : extra)
            m.components.push_back(std::move(c));
        m.links = std::move(links);
        return m;
    };
    QTest::newRow("self-loop calls=1") << base({}, {route("users", "a"), route("a", "a", 1.0)}) << QStringList{"a"};
    QTest::newRow("self-loop calls=1.5") << base({}, {route("users", "a"), route("a", "a", 1.5)}) << QStringList{"a"};
    QTest::newRow("two-node loop 2 x 0.5")
        << base({}, {route("users", "a"), route("a", "b", 2.0), route("b", "a", 0.5)}) << QStringList{"a", "b"};
    QTest::newRow("two-node loop 3 x 0.5")
        << base({}, {route("users", "a"), route("a", "b", 3.0), route("b", "a", 0.5)}) << QStringList{"a", "b"};
    QTest::newRow("four-node loop 2 x 0.5 x 2 x 0.5")
        << base({station("d", 1.0, 4)},
                {route("users", "a"), route("a", "b", 2.0), route("b", "c", 0.5), route("c", "d", 2.0), route("d", "a", 0.5)})
        << QStringList{"a", "b", "c", "d"};
    QTest::newRow("loop through a cache: 1 x 2 x (1 - 0.5)")
        << base({ComponentBuilder(station("cache", 0.1, 4, ComponentKind::Cache)).set(Field::HitRatio, 0.5)},
                {route("users", "a"), route("a", "cache", 1.0), route("cache", "a", 2.0)})
        << QStringList{"a", "cache"};
    QTest::newRow("two cycles sharing a node: 0.6 + 1 x 0.5")
        << base({}, {route("users", "a"), route("a", "b", 1.0), route("b", "a", 0.6), route("b", "c", 1.0),
                     route("c", "a", 0.5)})
        << QStringList{"a", "b", "c"};
    QTest::newRow("async loop through a queue")
        << base({station("q", 1.0, 4, ComponentKind::Queue)}, {route("users", "a"), route("a", "q"), route("q", "a")})
        << QStringList{"a", "q"};
    QTest::newRow("loop downstream of a healthy one")
        << base({}, {route("users", "a"), route("a", "a", 0.5), route("a", "b"), route("b", "c", 4.0), route("c", "b", 0.25)})
        << QStringList{"b", "c"};
    Model closed = base({}, {route("users", "a"), route("a", "b", 1.0), route("b", "a", 1.0)});
    closed.components[0] = closedClients("users", 10, 1000.0);
    QTest::newRow("closed workload, two-node loop 1 x 1") << closed << QStringList{"a", "b"};
}

void TestTraffic::runawayLoopsRejected()
{
    QFETCH(Model, model);
    QFETCH(QStringList, loopMembers);
    const auto solver = Solver::create(model);
    QVERIFY2(!solver.ok(), "a runaway routing loop was accepted");
    bool found = false;
    for (const Issue& issue : solver.issues()) {
        const bool aboutLoop = issue.message.find("E_ROUTING_LOOP") != std::string::npos;
        if (aboutLoop) {
            QVERIFY2(issue.subject.kind == Subject::Kind::Component &&
                         loopMembers.contains(QString::fromStdString(issue.subject.name)),
                     qPrintable("the loop issue is about '" + QString::fromStdString(subjectText(issue.subject)) +
                                "', not a member of the loop " + loopMembers.join(", ")));
            for (const QString& member : loopMembers)
                QVERIFY2(issue.message.find(member.toStdString()) != std::string::npos,
                         qPrintable("the message does not name " + member + ": " +
                                    QString::fromStdString(issue.message)));
            found = true;
        }
    }
    QVERIFY2(found, ("no E_ROUTING_LOOP issue:" + describe(solver.issues())).constData());
    // The one-call API says the same, without solving anything.
    QVERIFY(!solve(model).ok());
}

// Loops that multiply traffic by less than 1 are fine, however close to 1, and a
// replication link (no request traffic) never closes a loop.
void TestTraffic::loopsBelowOneAccepted_data()
{
    QTest::addColumn<Model>("model");
    QTest::addColumn<QString>("component");
    QTest::addColumn<double>("expectedArrival");

    Model twoNode;
    twoNode.components = {openClients("users", 10.0), station("a", 0.01, 64), station("b", 0.01, 64)};
    twoNode.links = {route("users", "a"), route("a", "b", 1.9), route("b", "a", 0.5)};
    // l_a = 10 + 0.5 l_b, l_b = 1.9 l_a  =>  l_a = 10 / (1 - 0.95) = 200.
    QTest::newRow("two-node loop 1.9 x 0.5") << twoNode << "a" << 200.0;

    Model cache;
    cache.components = {openClients("users", 10.0), station("a", 0.01, 64),
                        ComponentBuilder(station("cache", 0.01, 64, ComponentKind::Cache)).set(Field::HitRatio, 0.5)};
    cache.links = {route("users", "a"), route("a", "cache", 1.0), route("cache", "a", 1.98)};
    // Loop gain 1 x 1.98 x 0.5 = 0.99: l_a = 10 / 0.01 = 1000.
    QTest::newRow("loop through a cache, gain 0.99") << cache << "a" << 1000.0;

    Model replication;
    replication.components = {openClients("users", 10.0),
                              station("primary", 1.0, 8, ComponentKind::Database),
                              ComponentBuilder(station("replica", 1.0, 8, ComponentKind::Database))
                                  .role(DatabaseRole::Replica)};
    replication.links = {route("users", "replica"), route("replica", "primary", 1.0),
                         route("primary", "replica", 1.0, LinkKind::Replication)};
    QTest::newRow("replication back into the caller") << replication << "primary" << 10.0;
}

void TestTraffic::loopsBelowOneAccepted()
{
    QFETCH(Model, model);
    QFETCH(QString, component);
    QFETCH(double, expectedArrival);
    const auto solved = solve(model, {1.0, false});
    QVERIFY2(solved.ok(), describeFailure(solved).constData());
    HR_COMPARE_REL(resultOf(model, solved.value(), component.toStdString()).arrivalRps, expectedArrival, 1e-10);
}

// Shedding stations: the engine's Newton iteration against the plain fixed-point iteration
// lambda <- gamma + M^T (admitted(lambda)), with admitted rates from the brute-force M/M/c/K
// probabilities, iterated here until nothing changes.
void TestTraffic::sheddingFixedPointAgainstIteration_data()
{
    QTest::addColumn<double>("rate");
    for (const double rate : {10.0, 150.0, 400.0, 1000.0, 5000.0})
        QTest::newRow(QByteArray("shedding loop, rate=" + QByteArray::number(rate)).constData()) << rate;
}

void TestTraffic::sheddingFixedPointAgainstIteration()
{
    QFETCH(double, rate);
    // users -> a (c=2, K=5, 10 ms) -> b (c=1, K=3, 4 ms) -> a (x0.5), a -> a (x0.2),
    // b -> c (c=4, K=6, 3 instances, hottest 0.5, 20 ms), c -> d (unbounded, 1 ms).
    Model model;
    model.components = {openClients("users", rate),
                        ComponentBuilder(station("a", 10.0, 2)).set(Field::Capacity, 5),
                        ComponentBuilder(station("b", 4.0, 1)).set(Field::Capacity, 3),
                        ComponentBuilder(station("c", 20.0, 4))
                            .set(Field::Capacity, 6)
                            .set(Field::Instances, 3)
                            .set(Field::HottestShare, 0.5),
                        station("d", 1.0, 64)};
    model.links = {route("users", "a"), route("a", "b"), route("b", "a", 0.5), route("a", "a", 0.2), route("b", "c"),
                   route("c", "d")};
    const SolveResult r = solveModel(model);
    for (const Issue& warning : r.warnings)
        QVERIFY2(warning.message.find("did not settle") == std::string::npos, issueText(warning).c_str());

    double la = rate;
    double lb = 0.0;
    for (int i = 0; i < 100000; ++i) {
        const double admittedA = admittedByBruteForce(la, 10.0, 2, 5);
        const double admittedB = admittedByBruteForce(lb, 4.0, 1, 3);
        const double nextA = rate + 0.2 * admittedA + 0.5 * admittedB;
        const double nextB = admittedA;
        const bool settled = std::fabs(nextA - la) <= 1e-15 * nextA && std::fabs(nextB - lb) <= 1e-15 * nextB;
        la = nextA;
        lb = nextB;
        if (settled)
            break;
    }
    const double lc = admittedByBruteForce(lb, 4.0, 1, 3);
    const double ld = admittedByBruteForce(lc, 20.0, 4, 6, 3, 0.5);
    HR_COMPARE_REL(resultOf(model, r, "a").arrivalRps, la, kFixedPointRtol);
    HR_COMPARE_REL(resultOf(model, r, "b").arrivalRps, lb, kFixedPointRtol);
    HR_COMPARE_REL(resultOf(model, r, "c").arrivalRps, lc, kFixedPointRtol);
    HR_COMPARE_REL(resultOf(model, r, "d").arrivalRps, ld, kFixedPointRtol);
    HR_COMPARE_REL(resultOf(model, r, "c").throughputRps, ld, kFixedPointRtol);
    HR_COMPARE_REL(resultOf(model, r, "a").throughputRps, admittedByBruteForce(la, 10.0, 2, 5), kFixedPointRtol);
}

// TrafficNetwork::solve with a smooth admission a(x) = x / (1 + x/100) (derivative
// 1 / (1 + x/100)^2) on a three-node cycle (gain 1 x 0.8 x 0.7 / (1 - 0.3) = 0.8 with nothing
// shed) with a self-loop: Newton against plain iteration.
void TestTraffic::smoothAdmissionAgainstIteration()
{
    const auto names = nodeNames(4);
    const std::vector<RouteEdge> edges{{0, 1, 1.0}, {1, 2, 0.8}, {2, 0, 0.7}, {1, 1, 0.3}, {2, 3, 2.0}};
    auto net = TrafficNetwork::compile(names, edges, {true, true, false, true});
    QVERIFY2(net.ok(), describeFailure(net).constData());
    const auto fraction = [](double x) { return 1.0 / (1.0 + x / 100.0); };
    const auto admit = [&](std::size_t, double x) {
        return Admission{fraction(x), 1.0 / ((1.0 + x / 100.0) * (1.0 + x / 100.0))};
    };
    const std::vector<double> gamma{300.0, 20.0, 0.0, 5.0};
    std::vector<double> lambda(4, 0.0);
    std::vector<double> pass(4, 0.0);
    QVERIFY(net->solve(gamma, 1.0, admit, lambda, pass));

    std::vector<double> x = gamma;
    for (int i = 0; i < 1000000; ++i) {
        const double out0 = x[0] * fraction(x[0]);
        const double out1 = x[1] * fraction(x[1]);
        const double out2 = x[2]; // node 2 is not bounded
        const std::vector<double> next{gamma[0] + 0.7 * out2, gamma[1] + 1.0 * out0 + 0.3 * out1,
                                       gamma[2] + 0.8 * out1, gamma[3] + 2.0 * out2};
        double change = 0.0;
        for (std::size_t k = 0; k < 4; ++k)
            change = std::max(change, std::fabs(next[k] - x[k]) / next[k]);
        x = next;
        if (change < 1e-16)
            break;
    }
    for (std::size_t k = 0; k < 4; ++k)
        HR_COMPARE_REL(lambda[k], x[k], kFixedPointRtol);
    HR_COMPARE_REL(pass[0], fraction(x[0]), kFixedPointRtol);
    HR_COMPARE_REL(pass[1], fraction(x[1]), kFixedPointRtol);
    QCOMPARE(pass[2], 1.0);

    // `scale` multiplies the external rates: the same as scaling gamma by hand, both for
    // the shedding fixed point and for fixed pass fractions.
    std::vector<double> scaledGamma = gamma;
    for (double& g : scaledGamma)
        g *= 2.5;
    std::vector<double> byHand(4, 0.0);
    std::vector<double> passByHand(4, 0.0);
    QVERIFY(net->solve(scaledGamma, 1.0, admit, byHand, passByHand));
    QVERIFY(net->solve(gamma, 2.5, admit, lambda, pass));
    for (std::size_t k = 0; k < 4; ++k) {
        HR_COMPARE_REL(lambda[k], byHand[k], 1e-14);
        HR_COMPARE_REL(pass[k], passByHand[k], 1e-14);
    }
    net->solveWithPass(scaledGamma, pass, byHand);
    net->solveWithPass(gamma, pass, lambda, 2.5);
    for (std::size_t k = 0; k < 4; ++k)
        HR_COMPARE_REL(lambda[k], byHand[k], 1e-14);
}

QTEST_GUILESS_MAIN(TestTraffic)
#include "tst_traffic.moc"
