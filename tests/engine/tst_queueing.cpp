// SPDX-License-Identifier: MIT
// analyzeQueue (M/M/c, Allen-Cunneen, M/M/c/K) against closed forms, brute-force
// birth-death probabilities, published values and Little's law on every row.

#include "EngineTestSupport.h"
#include "ReferenceQueues.h"

#include "engine/ErlangFormulas.h"
#include "engine/Queueing.h"
#include "engine/Replication.h"

#include <QtTest/QTest>

#include <cmath>
#include <cstdint>
#include <optional>

using namespace headroom::engine;
namespace ref = headroom::testing::reference;
using Real = ref::Real;

namespace {

// Closed forms and the long double state sums agree with the engine to a few
// hundred ulps; the gate is 1e-9.
constexpr double kFormulaRtol = 1e-11;
// M/M/c/K against a brute-force sum over up to a million states.
constexpr double kCapacityRtol = 1e-10;
// Figures that are legitimately ~0 (blocking far below saturation): compared absolutely below this.
constexpr double kNegligible = 1e-200;
// Little's law holds by construction in exact arithmetic: rounding only.
constexpr double kLittleRtol = 1e-12;
// Richardson-extrapolated central differences with h = 1e-4 lambda: the admitted rate bends
// on a relative scale of about 1/(K - c), so truncation is ~(0.1)^4 / 30 at K - c = 1000;
// rounding ~1e-16 / 1e-4.
constexpr double kFiniteDifferenceRtol = 1e-7;

QueueInput input(double arrivalRps, double serviceMs, std::int64_t servers, std::optional<std::int64_t> capacity = {},
                 double cv = 1.0)
{
    QueueInput in;
    in.arrivalRps = arrivalRps;
    in.serviceMs = serviceMs;
    in.servers = servers;
    in.capacity = capacity;
    in.serviceCv = cv;
    return in;
}

/// L = X R and Lq = X Wq with X the admitted rate, for every stable result.
void checkLittle(const QueueMetrics& m)
{
    QVERIFY(m.meanInSystem && m.meanResponseMs && m.meanQueueLength && m.meanWaitMs);
    HR_COMPARE_MIXED(*m.meanInSystem, m.throughputRps * *m.meanResponseMs / 1000.0, kLittleRtol, 1e-300);
    // Lq can be ~0 next to L (a wait within rounding of nothing): absolute in units of L.
    HR_COMPARE_MIXED(*m.meanQueueLength, m.throughputRps * *m.meanWaitMs / 1000.0, kLittleRtol,
                     kLittleRtol * *m.meanInSystem);
    QCOMPARE_GE(*m.meanWaitMs, 0.0);
    QCOMPARE_GE(*m.meanQueueLength, 0.0);
}

} // namespace

class TestQueueing : public QObject {
    Q_OBJECT

private slots:
    void mm1ClosedForms_data();
    void mm1ClosedForms();
    void mmcBirthDeath_data();
    void mmcBirthDeath();
    void publishedMmc_data();
    void publishedMmc();
    void saturation_data();
    void saturation();
    void saturationEdgeIsExact_data();
    void saturationEdgeIsExact();
    void zeroArrivals_data();
    void zeroArrivals();
    void finiteCapacityBruteForce_data();
    void finiteCapacityBruteForce();
    void erlangLossWhenCapacityEqualsServers_data();
    void erlangLossWhenCapacityEqualsServers();
    void largeCapacityApproachesMmc_data();
    void largeCapacityApproachesMmc();
    void publishedFiniteCapacity();
    void admittedDerivative_data();
    void admittedDerivative();
    void allenCunneen_data();
    void allenCunneen();
    void regressions_data();
    void regressions();
};

// M/M/1 (Kleinrock vol. 1, section 3.2): Wq = rho / (mu - lambda), R = 1 / (mu - lambda),
// L = rho / (1 - rho), Lq = rho^2 / (1 - rho), P(wait) = rho.
void TestQueueing::mm1ClosedForms_data()
{
    QTest::addColumn<double>("rho");
    QTest::addColumn<double>("serviceMs");
    for (const double rho : {1e-6, 0.1, 0.5, 0.75, 0.9, 0.99, 0.999999}) {
        for (const double s : {0.2, 10.0, 2500.0}) {
            const QByteArray name = "M/M/1 rho=" + QByteArray::number(rho) + " S=" + QByteArray::number(s) + "ms";
            QTest::newRow(name.constData()) << rho << s;
        }
    }
}

void TestQueueing::mm1ClosedForms()
{
    QFETCH(double, rho);
    QFETCH(double, serviceMs);
    const double mu = 1000.0 / serviceMs;
    const double lambda = rho * mu;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, 1));
    QCOMPARE(m.method, QueueMethod::ErlangC);
    QVERIFY(!m.saturated && !m.approximate);
    HR_COMPARE_REL(m.offeredUtilization, rho, kFormulaRtol);
    HR_COMPARE_REL(m.utilization, rho, kFormulaRtol);
    HR_COMPARE_REL(m.waitProbability, rho, kFormulaRtol);
    // In long double from the very doubles given: mu - lambda in double would cancel
    // (eps / (1 - rho) = 1e-10 at rho = 0.999999), which the engine does not.
    const Real muL = 1000.0L / static_cast<Real>(serviceMs);
    const Real lambdaL = lambda;
    const Real rhoL = lambdaL / muL;
    HR_COMPARE_OPT_REL(m.meanWaitMs, static_cast<double>(1000.0L * rhoL / (muL - lambdaL)), kFormulaRtol);
    HR_COMPARE_OPT_REL(m.meanResponseMs, static_cast<double>(1000.0L / (muL - lambdaL)), kFormulaRtol);
    HR_COMPARE_OPT_REL(m.meanInSystem, static_cast<double>(rhoL / (1.0L - rhoL)), kFormulaRtol);
    HR_COMPARE_OPT_REL(m.meanQueueLength, static_cast<double>(rhoL * rhoL / (1.0L - rhoL)), kFormulaRtol);
    QCOMPARE(m.throughputRps, lambda);
    QCOMPARE(m.blockingProbability, 0.0);
    checkLittle(m);
}

// M/M/c from the textbook p_0 and Lq = p_0 a^c rho / (c! (1 - rho)^2), evaluated from the
// state probabilities in long double (not through Erlang C).
void TestQueueing::mmcBirthDeath_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("rho");
    QTest::addColumn<double>("serviceMs");
    for (const qint64 c : {qint64(1), qint64(2), qint64(3), qint64(8), qint64(16), qint64(64), qint64(500), qint64(5000)}) {
        for (const double rho : {0.05, 0.3, 0.7, 0.9, 0.99, 0.9999}) {
            const QByteArray name = "M/M/" + QByteArray::number(c) + " rho=" + QByteArray::number(rho);
            QTest::newRow(name.constData()) << c << rho << 7.5;
        }
    }
}

void TestQueueing::mmcBirthDeath()
{
    QFETCH(qint64, servers);
    QFETCH(double, rho);
    QFETCH(double, serviceMs);
    const double mu = 1000.0 / serviceMs;
    const double lambda = rho * static_cast<double>(servers) * mu;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers));
    const ref::Mmc expected = ref::mmc(servers, lambda, mu);
    QVERIFY(!m.saturated);
    HR_COMPARE_REL(m.offeredLoad, lambda / mu, kFormulaRtol);
    HR_COMPARE_REL(m.utilization, rho, kFormulaRtol);
    HR_COMPARE_MIXED(m.waitProbability, static_cast<double>(expected.waitProbability), kFormulaRtol, kNegligible);
    HR_COMPARE_MIXED(m.erlangC, static_cast<double>(expected.waitProbability), kFormulaRtol, kNegligible);
    QVERIFY(m.meanWaitMs && m.meanResponseMs && m.meanQueueLength && m.meanInSystem);
    HR_COMPARE_MIXED(*m.meanWaitMs, static_cast<double>(expected.wqSeconds * 1000.0L), kFormulaRtol, kNegligible);
    HR_COMPARE_REL(*m.meanResponseMs, static_cast<double>(expected.rSeconds * 1000.0L), kFormulaRtol);
    HR_COMPARE_MIXED(*m.meanQueueLength, static_cast<double>(expected.lq), kFormulaRtol, kNegligible);
    HR_COMPARE_REL(*m.meanInSystem, static_cast<double>(expected.l), kFormulaRtol);
    // The conditional wait is exponential with rate c mu - lambda.
    HR_COMPARE_REL(m.waitRatePerMs, (static_cast<double>(servers) * mu - lambda) / 1000.0, kFormulaRtol);
    QCOMPARE(m.admittedDerivative, 1.0);
    checkLittle(m);
}

// Published figures (ETH Zurich, Advanced Systems Lab, M/M/m slides): lambda 9/s, mu 5/s;
// M/M/2: R = 1.053 s and 7.674 waiting; M/M/4: R = 0.212 s and 0.105 waiting.
// Printed to the last digit shown: the tolerance is half a unit of it.
void TestQueueing::publishedMmc_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("responseSeconds");
    QTest::addColumn<double>("waiting");
    QTest::addColumn<double>("halfUnit");
    QTest::newRow("ETH M/M/2 lambda=9 mu=5") << qint64(2) << 1.053 << 7.674 << 0.0005;
    QTest::newRow("ETH M/M/4 lambda=9 mu=5") << qint64(4) << 0.212 << 0.105 << 0.0005;
}

void TestQueueing::publishedMmc()
{
    QFETCH(qint64, servers);
    QFETCH(double, responseSeconds);
    QFETCH(double, waiting);
    QFETCH(double, halfUnit);
    const QueueMetrics m = analyzeQueue(input(9.0, 200.0, servers));
    QVERIFY(m.meanResponseMs && m.meanQueueLength);
    HR_COMPARE_ABS(*m.meanResponseMs / 1000.0, responseSeconds, halfUnit);
    HR_COMPARE_ABS(*m.meanQueueLength, waiting, halfUnit);
    checkLittle(m);
}

// rho >= 1 without a capacity: saturated, every infinite figure empty, utilization = rho.
void TestQueueing::saturation_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("rho");
    QTest::addColumn<double>("cv");
    for (const qint64 c : {qint64(1), qint64(4), qint64(100000)}) {
        for (const double rho : {1.0, 1.0000001, 1.5, 100.0}) {
            for (const double cv : {1.0, 0.0, 2.0}) {
                const QByteArray name = "M/G/" + QByteArray::number(c) + " rho=" + QByteArray::number(rho, 'g', 10) +
                                        " cv=" + QByteArray::number(cv);
                QTest::newRow(name.constData()) << c << rho << cv;
            }
        }
    }
}

void TestQueueing::saturation()
{
    QFETCH(qint64, servers);
    QFETCH(double, rho);
    QFETCH(double, cv);
    const double serviceMs = 4.0;
    const double mu = 250.0;
    const double lambda = rho * static_cast<double>(servers) * mu;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers, std::nullopt, cv));
    QVERIFY(m.saturated);
    QVERIFY(!m.meanWaitMs && !m.meanResponseMs && !m.meanQueueLength && !m.meanInSystem);
    HR_COMPARE_REL(m.utilization, rho, kFormulaRtol);
    HR_COMPARE_REL(m.offeredUtilization, rho, kFormulaRtol);
    QCOMPARE(m.throughputRps, lambda);
    QCOMPARE(m.waitProbability, 1.0);
    QCOMPARE(m.blockingProbability, 0.0);
}

// Issue 14: whether c servers of S ms saturate under lambda per second is decided exactly
// for the given doubles: lambda S >= 1000 c, compared here in exact integer arithmetic
// (a double is m 2^e; the product of two 53-bit mantissas fits in 128 bits). The rows
// walk the doubles from 4 ulps below to 4 ulps above lambda = 1000 c / S, for services that
// are not exact in binary; the M/M/c station, a one-thread apply (replication) and an
// M/M/P pool must each agree with the exact answer, and never report a saturated
// utilization below 1, an unsaturated one of 1 or more, or a negative or infinite wait.
namespace {
bool exactlySaturated(double lambda, double serviceMs, double servers)
{
    int e1 = 0;
    int e2 = 0;
    const auto m1 = static_cast<std::int64_t>(std::ldexp(std::frexp(lambda, &e1), 53));
    const auto m2 = static_cast<std::int64_t>(std::ldexp(std::frexp(serviceMs, &e2), 53));
    __extension__ using Wide = __int128;
    // lambda S = m1 m2 2^(e1 + e2 - 106) against 1000 c, an integer: scale both to 2^shift.
    const int shift = e1 + e2 - 106;
    const Wide product = static_cast<Wide>(m1) * m2;
    const auto target = static_cast<Wide>(1000.0 * servers);
    // Both sides stay below 2^127: lambda S is within a few ulps of 1000 c <= 1e6.
    return shift >= 0 ? (product << shift) >= target : product >= (target << -shift);
}
} // namespace

void TestQueueing::saturationEdgeIsExact_data()
{
    QTest::addColumn<double>("serviceMs");
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<int>("ulps");
    for (const double serviceMs : {3.0, 7.3, 0.1, 1000.0 / 3.0, 12.345678901}) {
        for (const qint64 c : {qint64(1), qint64(3), qint64(7), qint64(64), qint64(1000)}) {
            for (int ulps = -4; ulps <= 4; ++ulps) {
                const QByteArray name = "S=" + QByteArray::number(serviceMs, 'g', 12) + " c=" + QByteArray::number(c) +
                                        " lambda=1000c/S" + (ulps >= 0 ? "+" : "") + QByteArray::number(ulps) + "ulp";
                QTest::newRow(name.constData()) << serviceMs << c << ulps;
            }
        }
    }
}

void TestQueueing::saturationEdgeIsExact()
{
    QFETCH(double, serviceMs);
    QFETCH(qint64, servers);
    QFETCH(int, ulps);
    const double c = static_cast<double>(servers);
    double lambda = 1000.0 * c / serviceMs;
    for (int i = 0; i < std::abs(ulps); ++i)
        lambda = std::nextafter(lambda, ulps > 0 ? 1e300 : 0.0);
    const bool expected = exactlySaturated(lambda, serviceMs, c);

    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers));
    QCOMPARE(m.saturated, expected);
    QCOMPARE(m.offeredUtilization >= 1.0, expected);
    if (!expected) {
        QVERIFY(m.meanWaitMs && std::isfinite(*m.meanWaitMs) && *m.meanWaitMs >= 0.0);
        QVERIFY(m.waitRatePerMs > 0.0);
        // theta = c mu - lambda to full precision: the spare capacity over S, not c mu - lambda.
        HR_COMPARE_REL(m.waitRatePerMs * 1000.0 * serviceMs, spareCapacity(lambda, serviceMs, c), 1e-15);
    }

    // Replication: one apply thread of apply_ms S at 1000 / S writes per second, one ulp off.
    const double applyMs = serviceMs;
    const double writes = std::nextafter(1000.0 / applyMs, ulps > 0 ? 1e300 : 0.0);
    const bool applySaturated = exactlySaturated(writes, applyMs, 1.0);
    const LagFigures lag = replicationLag(writes, applyMs, 0.0);
    QCOMPARE(lag.saturated, applySaturated);
    QCOMPARE(lag.applyUtilization >= 1.0, applySaturated);
    QCOMPARE(lag.meanLagMs.has_value(), !applySaturated);
    if (lag.meanLagMs)
        QVERIFY(std::isfinite(*lag.meanLagMs) && *lag.meanLagMs > 0.0);

    // A pool of c connections held S ms: M/M/c again, through poolWait.
    const PoolWait pool = poolWait(lambda, serviceMs, servers, erlangB(servers, lambda * serviceMs / 1000.0));
    QCOMPARE(pool.saturated, expected);
    QCOMPARE(pool.meanWaitMs.has_value(), !expected);
    if (pool.meanWaitMs) {
        QVERIFY(std::isfinite(*pool.meanWaitMs) && *pool.meanWaitMs >= 0.0);
        QVERIFY(pool.waitProbability >= 0.0 && pool.waitProbability <= 1.0);
        // The same queue as the station above: the same mean wait.
        HR_COMPARE_REL(*pool.meanWaitMs, *m.meanWaitMs, 1e-9);
    }
}

// No traffic: nothing waits, a request would take exactly its service time.
void TestQueueing::zeroArrivals_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<qint64>("capacity"); // 0: unbounded
    QTest::newRow("M/M/1 lambda=0") << qint64(1) << qint64(0);
    QTest::newRow("M/M/8 lambda=0") << qint64(8) << qint64(0);
    QTest::newRow("M/M/1/1 lambda=0") << qint64(1) << qint64(1);
    QTest::newRow("M/M/4/20 lambda=0") << qint64(4) << qint64(20);
}

void TestQueueing::zeroArrivals()
{
    QFETCH(qint64, servers);
    QFETCH(qint64, capacity);
    const auto cap = capacity > 0 ? std::optional<std::int64_t>(capacity) : std::nullopt;
    const QueueMetrics m = analyzeQueue(input(0.0, 12.5, servers, cap));
    QVERIFY(!m.saturated);
    QCOMPARE(m.utilization, 0.0);
    QCOMPARE(m.offeredUtilization, 0.0);
    QCOMPARE(m.blockingProbability, 0.0);
    QCOMPARE(m.waitProbability, 0.0);
    QCOMPARE(m.throughputRps, 0.0);
    HR_COMPARE_OPT_REL(m.meanResponseMs, 12.5, kFormulaRtol);
    QCOMPARE(m.meanWaitMs.value_or(-1.0), 0.0);
    QCOMPARE(m.meanQueueLength.value_or(-1.0), 0.0);
    QCOMPARE(m.meanInSystem.value_or(-1.0), 0.0);
}

// M/M/c/K against the brute-force state probabilities p_0..p_K (long double, log space):
// B = p_K, X = lambda (1 - B), L = sum n p_n, Lq = sum (n - c) p_n, R = L / X,
// Wq = Lq / X (equivalently R - 1/mu), P(wait | admitted) = sum_{c..K-1} p_n / (1 - B),
// utilization = sum min(n, c) p_n / c (= X / (c mu)).
void TestQueueing::finiteCapacityBruteForce_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<qint64>("capacity");
    QTest::addColumn<double>("rho");
    struct Row {
        qint64 c;
        qint64 k;
        double rho;
    };
    const Row rows[] = {
        {1, 1, 0.5},       {1, 2, 0.5},        {1, 10, 0.5},        {1, 10, 1.0},       {1, 10, 3.0},
        {1, 50, 0.999},    {1, 50, 1.001},     {2, 2, 1.5},         {3, 7, 40.0 / 90.0}, {4, 6, 1.25},
        {8, 50, 0.7},      {8, 50, 1.0},       {8, 50, 1.3},        {5, 200, 50.0},     {5, 200, 1e-3},
        {16, 1000, 0.999}, {16, 1000, 1.0},    {16, 1000, 1.001},   {100, 150, 0.95},   {100, 101, 2.0},
        {1000, 1000, 0.9}, {1000, 1200, 1.02}, {1, 1000000, 0.9},   {4, 1000000, 0.95}, {4, 1000000, 1.0},
        {4, 1000000, 1.0001}, {3, 1000000, 1.5}, {2000, 2500, 0.5},
        // Either side of where the closed form switches from expm1 to e^-x - 1 (x = (K - c) |ln rho|
        // = 0.5) and from the series to 1/x - 1/(e^x - 1) (x = 0.25), below and above rho = 1.
        {8, 9, 0.6}, {8, 9, 0.62}, {8, 10, 0.77}, {8, 10, 0.79}, {8, 9, 1.6}, {8, 9, 1.7}, {2, 4, 1.3},
        {2, 4, 1.28}, {1, 2, 0.78}, {1, 2, 1.29},
        // e^-x underflows (x > 746): the queue's far end has no mass in a double.
        {1, 2000, 0.5}, {4, 3000, 0.7}, {2, 2000, 2.0}, {4, 3000, 1.4},
    };
    for (const Row& r : rows) {
        const QByteArray name = "M/M/" + QByteArray::number(r.c) + "/" + QByteArray::number(r.k) +
                                " rho=" + QByteArray::number(r.rho, 'g', 6);
        QTest::newRow(name.constData()) << r.c << r.k << r.rho;
    }
}

void TestQueueing::finiteCapacityBruteForce()
{
    QFETCH(qint64, servers);
    QFETCH(qint64, capacity);
    QFETCH(double, rho);
    const double serviceMs = 20.0;
    const double mu = 50.0;
    const double lambda = rho * static_cast<double>(servers) * mu;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers, capacity));
    const ref::Mmck expected = ref::mmck(servers, capacity, lambda, mu);

    QCOMPARE(m.method, QueueMethod::FiniteCapacity);
    QVERIFY(!m.saturated);
    QVERIFY(!m.approximate);
    HR_COMPARE_REL(m.offeredUtilization, rho, kFormulaRtol);
    HR_COMPARE_MIXED(m.blockingProbability, static_cast<double>(expected.blocking), kCapacityRtol, kNegligible);
    HR_COMPARE_REL(m.throughputRps, static_cast<double>(expected.throughput), kCapacityRtol);
    HR_COMPARE_REL(m.utilization, static_cast<double>(expected.utilization), kCapacityRtol);
    HR_COMPARE_MIXED(m.waitProbability, static_cast<double>(expected.waitProbability), kCapacityRtol, kNegligible);
    QVERIFY(m.meanInSystem && m.meanQueueLength && m.meanResponseMs && m.meanWaitMs);
    HR_COMPARE_REL(*m.meanInSystem, static_cast<double>(expected.l), kCapacityRtol);
    HR_COMPARE_MIXED(*m.meanQueueLength, static_cast<double>(expected.lq), kCapacityRtol, kNegligible);
    HR_COMPARE_REL(*m.meanResponseMs, static_cast<double>(expected.rSeconds * 1000.0L), kCapacityRtol);
    // Wq = R - 1/mu loses relative accuracy when the wait is tiny next to the service time.
    HR_COMPARE_MIXED(*m.meanWaitMs, static_cast<double>(expected.wqSeconds * 1000.0L), kCapacityRtol,
                     kCapacityRtol * serviceMs);
    // Carried utilization is below 1 in exact arithmetic, but at rho >> 1 it is 1 - (a tiny
    // idle probability) and rounds to 1.
    QCOMPARE_LE(m.utilization, 1.0);
    checkLittle(m);
}

// K = c is the Erlang loss system: blocking = Erlang B (here from the term sum), no waiting.
void TestQueueing::erlangLossWhenCapacityEqualsServers_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("load");
    QTest::newRow("M/M/1/1 a=0.5") << qint64(1) << 0.5;
    QTest::newRow("M/M/2/2 a=3") << qint64(2) << 3.0;
    QTest::newRow("M/M/10/10 a=6.2157") << qint64(10) << 6.215707011;
    QTest::newRow("M/M/100/100 a=84.064") << qint64(100) << 84.06415889;
    QTest::newRow("M/M/50/50 a=500") << qint64(50) << 500.0;
}

void TestQueueing::erlangLossWhenCapacityEqualsServers()
{
    QFETCH(qint64, servers);
    QFETCH(double, load);
    const double serviceMs = 10.0;
    const double lambda = load * 100.0;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers, servers));
    const auto expectedB = static_cast<double>(ref::erlangBTermSum(servers, load));
    HR_COMPARE_REL(m.blockingProbability, expectedB, kFormulaRtol);
    QCOMPARE(m.waitProbability, 0.0);
    QVERIFY(m.meanWaitMs && m.meanResponseMs);
    HR_COMPARE_ABS(*m.meanWaitMs, 0.0, 1e-12 * serviceMs);
    HR_COMPARE_REL(*m.meanResponseMs, serviceMs, kFormulaRtol);
    HR_COMPARE_REL(*m.meanInSystem, load * (1.0 - expectedB), kFormulaRtol);
    checkLittle(m);
}

// A capacity of a million with rho < 1 never blocks in practice: the figures are M/M/c's.
void TestQueueing::largeCapacityApproachesMmc_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("rho");
    QTest::newRow("M/M/1/1e6 rho=0.9") << qint64(1) << 0.9;
    QTest::newRow("M/M/8/1e6 rho=0.99") << qint64(8) << 0.99;
    QTest::newRow("M/M/64/1e6 rho=0.5") << qint64(64) << 0.5;
    QTest::newRow("M/M/2/1e6 rho=0.9999") << qint64(2) << 0.9999;
}

void TestQueueing::largeCapacityApproachesMmc()
{
    QFETCH(qint64, servers);
    QFETCH(double, rho);
    const double serviceMs = 3.0;
    const double mu = 1000.0 / 3.0;
    const double lambda = rho * static_cast<double>(servers) * mu;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers, 1000000));
    const ref::Mmc expected = ref::mmc(servers, lambda, mu);
    // p_K / p_c = rho^(K-c) and p_c < 1, so B < rho^(K-c): e^-100 at rho = 0.9999.
    QCOMPARE_LE(m.blockingProbability, std::pow(rho, 1000000.0 - static_cast<double>(servers)));
    HR_COMPARE_REL(m.waitProbability, static_cast<double>(expected.waitProbability), kCapacityRtol);
    HR_COMPARE_OPT_REL(m.meanResponseMs, static_cast<double>(expected.rSeconds * 1000.0L), kCapacityRtol);
    HR_COMPARE_OPT_REL(m.meanQueueLength, static_cast<double>(expected.lq), kCapacityRtol);
    HR_COMPARE_OPT_REL(m.meanInSystem, static_cast<double>(expected.l), kCapacityRtol);
    HR_COMPARE_REL(m.utilization, rho, kCapacityRtol);
    checkLittle(m);
}

// Published M/M/c/K values: M/M/3/7 with lambda 40/s, mu 30/s has R = 0.036517 s;
// M/M/4/6 with lambda 50/s, mu 10/s blocks P(6) = 0.293543. Half a unit of the last digit.
void TestQueueing::publishedFiniteCapacity()
{
    const QueueMetrics mm3k7 = analyzeQueue(input(40.0, 1000.0 / 30.0, 3, 7));
    QVERIFY(mm3k7.meanResponseMs);
    HR_COMPARE_ABS(*mm3k7.meanResponseMs / 1000.0, 0.036517, 0.0000005);
    checkLittle(mm3k7);
    if (QTest::currentTestFailed())
        return;

    const QueueMetrics mm4k6 = analyzeQueue(input(50.0, 100.0, 4, 6));
    HR_COMPARE_ABS(mm4k6.blockingProbability, 0.293543, 0.0000005);
    checkLittle(mm4k6);
}

// d(admitted)/d(lambda) against a central difference of the admitted rate, Richardson
// extrapolated (D = (4 D(h/2) - D(h)) / 3, error O(h^4)). The M/M/16/1000 row is also
// checked against a 50-digit mpmath derivative of lambda (1 - p_K): 0.339859541677475.
void TestQueueing::admittedDerivative_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<qint64>("capacity");
    QTest::addColumn<double>("rho");
    struct Row {
        qint64 c;
        qint64 k;
        double rho;
    };
    const Row rows[] = {{1, 1, 0.5}, {1, 10, 0.9},  {1, 10, 1.0},   {3, 7, 0.44}, {4, 6, 1.25},
                        {8, 8, 2.0}, {8, 50, 1.3},  {16, 1000, 1.001}, {5, 200, 50.0}, {2, 100000, 0.7}};
    for (const Row& r : rows) {
        const QByteArray name = "M/M/" + QByteArray::number(r.c) + "/" + QByteArray::number(r.k) +
                                " rho=" + QByteArray::number(r.rho);
        QTest::newRow(name.constData()) << r.c << r.k << r.rho;
    }
}

void TestQueueing::admittedDerivative()
{
    QFETCH(qint64, servers);
    QFETCH(qint64, capacity);
    QFETCH(double, rho);
    const double serviceMs = 10.0;
    const double lambda = rho * static_cast<double>(servers) * 100.0;
    const auto central = [&](double h) {
        const double up = analyzeQueue(input(lambda + h, serviceMs, servers, capacity)).throughputRps;
        const double down = analyzeQueue(input(lambda - h, serviceMs, servers, capacity)).throughputRps;
        return (up - down) / (2.0 * h);
    };
    const double h = 1e-4 * lambda;
    const double difference = (4.0 * central(h / 2.0) - central(h)) / 3.0;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers, capacity));
    HR_COMPARE_MIXED(m.admittedDerivative, difference, kFiniteDifferenceRtol, 1e-9);
    QCOMPARE_LE(m.admittedDerivative, 1.0);
}

// Allen-Cunneen: Wq = C / (c mu - lambda) (1 + cv^2) / 2. cv = 1 is exactly M/M/c (and not
// approximate); cv = 0 halves the wait; cv = 2 multiplies it by 2.5. Marked approximate.
void TestQueueing::allenCunneen_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("rho");
    QTest::addColumn<double>("cv");
    QTest::addColumn<double>("factor");
    for (const qint64 c : {qint64(1), qint64(4), qint64(32)}) {
        for (const double rho : {0.3, 0.9}) {
            for (const auto& [cv, factor] : {std::pair{1.0, 1.0}, std::pair{0.0, 0.5}, std::pair{2.0, 2.5},
                                             std::pair{0.5, 0.625}}) {
                const QByteArray name = "M/G/" + QByteArray::number(c) + " rho=" + QByteArray::number(rho) +
                                        " cv=" + QByteArray::number(cv);
                QTest::newRow(name.constData()) << c << rho << cv << factor;
            }
        }
    }
}

void TestQueueing::allenCunneen()
{
    QFETCH(qint64, servers);
    QFETCH(double, rho);
    QFETCH(double, cv);
    QFETCH(double, factor);
    const double serviceMs = 8.0;
    const double mu = 125.0;
    const double lambda = rho * static_cast<double>(servers) * mu;
    const QueueMetrics m = analyzeQueue(input(lambda, serviceMs, servers, std::nullopt, cv));
    const ref::Mmc exponential = ref::mmc(servers, lambda, mu);
    const bool exact = cv == 1.0;
    QCOMPARE(m.approximate, !exact);
    QCOMPARE(m.method, exact ? QueueMethod::ErlangC : QueueMethod::AllenCunneen);
    const double wq = factor * static_cast<double>(exponential.wqSeconds * 1000.0L);
    HR_COMPARE_OPT_REL(m.meanWaitMs, wq, kFormulaRtol);
    HR_COMPARE_OPT_REL(m.meanResponseMs, wq + serviceMs, kFormulaRtol);
    HR_COMPARE_REL(m.waitProbability, static_cast<double>(exponential.waitProbability), kFormulaRtol);
    HR_COMPARE_REL(m.utilization, rho, kFormulaRtol);
    checkLittle(m);
}

// Bugs found by this suite, kept as named rows. Both were in finiteCapacity():
// Wq = R - 1/mu cancelled to -3.5e-15 ms with K = c (now Lq / X), and at rho = 50 the
// carried utilization rounded to 1.0000000000000002 (now capped at 1).
void TestQueueing::regressions_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<qint64>("capacity");
    QTest::addColumn<double>("rho");
    QTest::newRow("regression: M/M/2/2 rho=1.5, wait -3.5e-15 ms") << qint64(2) << qint64(2) << 1.5;
    QTest::newRow("regression: M/M/1/1 rho=3, wait -3.5e-15 ms") << qint64(1) << qint64(1) << 3.0;
    QTest::newRow("regression: M/M/5/200 rho=50, utilization 1 + 2e-16") << qint64(5) << qint64(200) << 50.0;
    QTest::newRow("M/M/3/1e6 rho=1.5, utilization rounds to 1, never above") << qint64(3) << qint64(1000000) << 1.5;
}

void TestQueueing::regressions()
{
    QFETCH(qint64, servers);
    QFETCH(qint64, capacity);
    QFETCH(double, rho);
    const double lambda = rho * static_cast<double>(servers) * 50.0;
    const QueueMetrics m = analyzeQueue(input(lambda, 20.0, servers, capacity));
    QVERIFY(!m.saturated);
    QCOMPARE_LE(m.utilization, 1.0);
    QVERIFY(m.meanWaitMs);
    QCOMPARE_GE(*m.meanWaitMs, 0.0);
    checkLittle(m);
}

QTEST_GUILESS_MAIN(TestQueueing)
#include "tst_queueing.moc"
