// SPDX-License-Identifier: MIT
// The response-time distribution (ResponseTime, waitPlusServiceWithin) against the
// M/M/1 closed form, a bisection on the spec's M/M/c tail, a series for theta near mu,
// the hypoexponential closed form for M/M/c/K, and the mean as the integral of the tail.

#include "EngineTestSupport.h"
#include "ReferenceQueues.h"

#include "engine/Queueing.h"
#include "engine/ResponseTime.h"

#include <QtTest/QTest>

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

using namespace headroom::engine;
namespace ref = headroom::testing::reference;
using Real = ref::Real;

namespace {

// The engine finds percentiles to a relative 1e-12; the references are long double.
constexpr double kPercentileRtol = 1e-10;
// Distribution values (probabilities) against the closed forms.
constexpr double kProbabilityAtol = 1e-12;
// The tail near theta = mu against a four-term series (error ~ (d t)^4 / 120).
constexpr double kSeriesRtol = 1e-12;
// The mean as the integral of the tail (composite Gauss-Legendre, far below this).
constexpr double kIntegralRtol = 1e-9;

QueueInput input(double arrivalRps, double serviceMs, std::int64_t servers, std::optional<std::int64_t> capacity = {})
{
    QueueInput in;
    in.arrivalRps = arrivalRps;
    in.serviceMs = serviceMs;
    in.servers = servers;
    in.capacity = capacity;
    return in;
}

std::optional<ResponseTime> distributionOf(const QueueInput& in)
{
    return ResponseTime::of(in, analyzeQueue(in));
}

/// The spec's M/M/c tail, written as printed (fine while theta is not close to mu):
/// P(T > t) = (1 - C) e^(-mu t) + C (theta e^(-mu t) - mu e^(-theta t)) / (theta - mu). Rates per ms.
Real mmcTail(Real waitProbability, Real mu, Real theta, Real t)
{
    return (1.0L - waitProbability) * std::exp(-mu * t) +
           waitProbability * (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
}

/// Bisection (300 halvings in long double) for the t with tail(t) = 1 - p.
Real bisect(const std::function<Real(Real)>& tail, Real p)
{
    Real lo = 0.0L;
    Real hi = 1.0L;
    while (tail(hi) > 1.0L - p)
        hi *= 2.0L;
    for (int i = 0; i < 300; ++i) {
        const Real mid = 0.5L * (lo + hi);
        (tail(mid) > 1.0L - p ? lo : hi) = mid;
    }
    return 0.5L * (lo + hi);
}

/// P(Erlang(k, c mu) + Exp(mu) <= t): for c = 1 it is Erlang(k + 1, mu); otherwise the
/// hypoexponential closed form F_E(t) - e^(-mu t) (c / (c - 1))^k P(Erlang(k, (c - 1) mu) <= t),
/// from integrating the Erlang density against the exponential's CDF.
Real waitThenServe(std::int64_t k, std::int64_t servers, Real mu, Real t)
{
    if (k == 0)
        return -std::expm1(-mu * t);
    if (servers == 1)
        return ref::erlangCdf(k + 1, mu, t);
    const Real c = static_cast<Real>(servers);
    const Real ratio = std::pow(c / (c - 1.0L), static_cast<Real>(k));
    return ref::erlangCdf(k, c * mu, t) - std::exp(-mu * t) * ratio * ref::erlangCdf(k, (c - 1.0L) * mu, t);
}

/// M/M/c/K: P(T <= t) = sum_{n<K} p_n / (1 - p_K) P(T <= t | n found), t in ms.
Real mmckWithin(const ref::Mmck& chain, std::int64_t servers, Real muPerMs, Real t)
{
    Real total = 0.0L;
    for (std::size_t n = 0; n + 1 < chain.p.size(); ++n) {
        const auto found = static_cast<std::int64_t>(n);
        const std::int64_t k = found < servers ? 0 : found - servers + 1;
        total += chain.p[n] * waitThenServe(k, servers, muPerMs, t);
    }
    return total / (1.0L - chain.blocking);
}

/// Gauss-Legendre nodes and weights on [-1, 1] by Newton's method on P_n
/// (Numerical Recipes' gauleg), in long double.
void gaussLegendre(int n, std::vector<Real>& nodes, std::vector<Real>& weights)
{
    nodes.assign(static_cast<std::size_t>(n), 0.0L);
    weights.assign(static_cast<std::size_t>(n), 0.0L);
    const Real pi = std::acos(-1.0L);
    for (int i = 0; i < (n + 1) / 2; ++i) {
        Real z = std::cos(pi * (static_cast<Real>(i) + 0.75L) / (static_cast<Real>(n) + 0.5L));
        Real derivative = 0.0L;
        for (int iteration = 0; iteration < 100; ++iteration) {
            Real p1 = 1.0L;
            Real p2 = 0.0L;
            for (int j = 1; j <= n; ++j) {
                const Real p3 = p2;
                p2 = p1;
                p1 = ((2.0L * j - 1.0L) * z * p2 - (j - 1.0L) * p3) / j;
            }
            derivative = n * (z * p1 - p2) / (z * z - 1.0L);
            const Real previous = z;
            z = previous - p1 / derivative;
            if (std::fabs(z - previous) < 1e-19L)
                break;
        }
        const Real w = 2.0L / ((1.0L - z * z) * derivative * derivative);
        nodes[static_cast<std::size_t>(i)] = -z;
        nodes[static_cast<std::size_t>(n - 1 - i)] = z;
        weights[static_cast<std::size_t>(i)] = weights[static_cast<std::size_t>(n - 1 - i)] = w;
    }
}

/// Composite 20-point Gauss-Legendre on `panels` equal panels of [a, b].
double integrate(const std::function<double(double)>& f, double a, double b, int panels)
{
    std::vector<Real> nodes;
    std::vector<Real> weights;
    gaussLegendre(20, nodes, weights);
    const Real width = (static_cast<Real>(b) - a) / panels;
    Real total = 0.0L;
    for (int panel = 0; panel < panels; ++panel) {
        const Real mid = a + width * (panel + 0.5L);
        for (std::size_t i = 0; i < nodes.size(); ++i)
            total += weights[i] * 0.5L * width * f(static_cast<double>(mid + 0.5L * width * nodes[i]));
    }
    return static_cast<double>(total);
}

} // namespace

class TestResponseTime : public QObject {
    Q_OBJECT

private slots:
    void mm1Percentiles_data();
    void mm1Percentiles();
    void mmcPercentilesByBisection_data();
    void mmcPercentilesByBisection();
    void thetaCloseToMu_data();
    void thetaCloseToMu();
    void nearSaturation_data();
    void nearSaturation();
    void waitPlusServiceClosedForm_data();
    void waitPlusServiceClosedForm();
    void finiteCapacityWithin_data();
    void finiteCapacityWithin();
    void meanIsIntegralOfTail_data();
    void meanIsIntegralOfTail();
    void largeCapacityMatchesMmc_data();
    void largeCapacityMatchesMmc();
    void longQueueCdf_data();
    void longQueueCdf();
    void constantAndSaturated();
};

// M/M/1 FCFS: T ~ Exp(mu - lambda), so the p-quantile is -ln(1 - p) / (mu - lambda).
void TestResponseTime::mm1Percentiles_data()
{
    QTest::addColumn<double>("rho");
    QTest::addColumn<double>("p");
    for (const double rho : {1e-6, 0.2, 0.5, 0.9, 0.999}) {
        for (const double p : {0.01, 0.5, 0.95, 0.99, 0.9999}) {
            const QByteArray name = "M/M/1 rho=" + QByteArray::number(rho) + " p=" + QByteArray::number(p);
            QTest::newRow(name.constData()) << rho << p;
        }
    }
}

void TestResponseTime::mm1Percentiles()
{
    QFETCH(double, rho);
    QFETCH(double, p);
    const double serviceMs = 4.0;
    const double lambdaPerMs = rho / serviceMs;
    const auto rt = distributionOf(input(rho * 250.0, serviceMs, 1));
    QVERIFY(rt);
    const double expected = -std::log1p(-p) / (1.0 / serviceMs - lambdaPerMs);
    HR_COMPARE_REL(rt->percentile(p), expected, kPercentileRtol);
    HR_COMPARE_REL(rt->exceeds(expected), 1.0 - p, 1e-11);
    HR_COMPARE_ABS(rt->within(expected), p, kProbabilityAtol);
}

// M/M/c: the engine's percentile against a bisection on the spec's tail formula, with
// C from the birth-death sums; theta kept away from mu (tested separately below).
void TestResponseTime::mmcPercentilesByBisection_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("rho");
    QTest::addColumn<double>("p");
    for (const qint64 c : {qint64(2), qint64(3), qint64(4), qint64(8), qint64(32), qint64(1000)}) {
        for (const double rho : {0.3, 0.7, 0.95, 0.9985}) {
            for (const double p : {0.5, 0.95, 0.99, 0.999}) {
                const QByteArray name = "M/M/" + QByteArray::number(c) + " rho=" + QByteArray::number(rho) +
                                        " p=" + QByteArray::number(p);
                QTest::newRow(name.constData()) << c << rho << p;
            }
        }
    }
}

void TestResponseTime::mmcPercentilesByBisection()
{
    QFETCH(qint64, servers);
    QFETCH(double, rho);
    QFETCH(double, p);
    const double serviceMs = 10.0;
    const double lambda = rho * static_cast<double>(servers) * 100.0;
    const auto rt = distributionOf(input(lambda, serviceMs, servers));
    QVERIFY(rt);
    const Real mu = 0.1L;
    const Real theta = (static_cast<Real>(servers) * 100.0L - lambda) / 1000.0L;
    QVERIFY2(std::fabs(theta - mu) > 1e-3L * mu, "row too close to theta = mu for the direct formula");
    const Real c = ref::mmc(servers, lambda, 100.0L).waitProbability;
    const auto tail = [&](Real t) { return mmcTail(c, mu, theta, t); };
    const auto expected = static_cast<double>(bisect(tail, p));
    HR_COMPARE_REL(rt->percentile(p), expected, kPercentileRtol);
    for (const double t : {0.1 * expected, expected, 3.0 * expected})
        HR_COMPARE_ABS(rt->exceeds(t), static_cast<double>(tail(t)), kProbabilityAtol);
}

// c = 2, lambda = mu (1 - eps): theta = mu (1 + eps). Written with d = theta - mu the tail is
// e^(-mu t) (1 + C mu (1 - e^(-d t)) / d), and (1 - e^(-x)) / x = 1 - x/2 + x^2/6 - x^3/24 + ...
// with |x| <= 1e-4 here, so four terms are exact to 1e-18: no cancellation in the reference.
// At eps = 0 this is the spec's limit (1 - C) e^(-mu t) + C (1 + mu t) e^(-mu t).
void TestResponseTime::thetaCloseToMu_data()
{
    QTest::addColumn<double>("eps");
    for (const double eps : {0.0, 1e-15, -1e-15, 1e-12, -1e-12, 1e-9, -1e-9, 1e-7, -1e-7})
        QTest::newRow(QByteArray("M/M/2 theta=mu(1+" + QByteArray::number(eps) + ")").constData()) << eps;
}

void TestResponseTime::thetaCloseToMu()
{
    QFETCH(double, eps);
    const double serviceMs = 10.0;
    const double lambda = 100.0 * (1.0 - eps);
    const QueueInput in = input(lambda, serviceMs, 2);
    const auto rt = distributionOf(in);
    QVERIFY(rt);
    const Real a = static_cast<Real>(lambda) / 100.0L;
    const Real c = a * a / (2.0L + a); // Erlang C for two servers, closed form
    const Real mu = 0.1L;
    const Real d = ((200.0L - static_cast<Real>(lambda)) - 100.0L) / 1000.0L;
    const auto tail = [&](Real t) {
        const Real x = d * t;
        const Real ratio = 1.0L - x / 2.0L + x * x / 6.0L - x * x * x / 24.0L;
        return std::exp(-mu * t) * (1.0L + c * mu * t * ratio);
    };
    for (const double t : {0.001, 1.0, 10.0, 50.0, 200.0, 1000.0})
        HR_COMPARE_REL(rt->exceeds(t), static_cast<double>(tail(t)), kSeriesRtol);
    // eps = 0 is also the spec's own limit formula.
    if (eps == 0.0) {
        for (const double t : {1.0, 30.0, 300.0}) {
            const Real limit = (1.0L - c) * std::exp(-mu * t) + c * (1.0L + mu * t) * std::exp(-mu * t);
            HR_COMPARE_REL(rt->exceeds(t), static_cast<double>(limit), kSeriesRtol);
        }
    }
    for (const double p : {0.5, 0.99}) {
        const auto expected = static_cast<double>(bisect(tail, p));
        HR_COMPARE_REL(rt->percentile(p), expected, kPercentileRtol);
    }
}

// Utilization 1 - 10^-k, k = 1..15 (issue 14): the problem stays well conditioned, because
// theta = c mu - lambda is exact here (mu = 1000/s and lambda a double above c mu / 2, so the
// subtraction is exact, Sterbenz). The percentiles must follow it to 1e-9 however close
// to 1 rho is; rebuilding theta as mu + (theta - mu) cost eps / (c (1 - rho)) of it.
// M/M/1: T ~ Exp(theta) exactly, the p-quantile -ln(1 - p) / theta. M/M/c: a long double
// bisection on the spec's tail, which does not cancel here (theta << mu).
void TestResponseTime::nearSaturation_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<int>("k");
    for (const qint64 c : {qint64(1), qint64(2), qint64(7), qint64(64)}) {
        for (int k = 1; k <= 15; ++k) {
            const QByteArray name = "M/M/" + QByteArray::number(c) + " rho=1-1e-" + QByteArray::number(k);
            QTest::newRow(name.constData()) << c << k;
        }
    }
}

void TestResponseTime::nearSaturation()
{
    QFETCH(qint64, servers);
    QFETCH(int, k);
    const double capacityRps = 1000.0 * static_cast<double>(servers); // service 1 ms
    const double lambda = capacityRps * (1.0 - std::pow(10.0, -k));
    const QueueInput in = input(lambda, 1.0, servers);
    const QueueMetrics metrics = analyzeQueue(in);
    QVERIFY2(!metrics.saturated, "1 - 10^-k is below saturation");
    QCOMPARE_LT(metrics.offeredUtilization, 1.0);
    const auto rt = ResponseTime::of(in, metrics);
    QVERIFY(rt);
    const Real theta = (static_cast<Real>(capacityRps) - static_cast<Real>(lambda)) / 1000.0L; // per ms, exact
    const Real mu = 1.0L;
    for (const double p : {0.5, 0.95, 0.99}) {
        Real expected = 0.0L;
        if (servers == 1) {
            expected = -std::log1p(-static_cast<Real>(p)) / theta;
        } else {
            const Real c = ref::mmc(servers, lambda, 1000.0L).waitProbability;
            expected = bisect([&](Real t) { return mmcTail(c, mu, theta, t); }, p);
        }
        HR_COMPARE_REL(rt->percentile(p), static_cast<double>(expected), 1e-9);
    }
    // The mean is exact too: R = C / theta + 1 / mu.
    const Real waitProbability = servers == 1 ? static_cast<Real>(lambda) / 1000.0L
                                              : ref::mmc(servers, lambda, 1000.0L).waitProbability;
    HR_COMPARE_OPT_REL(metrics.meanResponseMs, static_cast<double>(waitProbability / theta + 1.0L), 1e-12);
}

// waitPlusServiceWithin(k) = P(Erlang(k, c mu) + Exp(mu) <= t) against the hypoexponential
// closed form (c >= 2) or the Erlang(k + 1, mu) CDF (c = 1).
void TestResponseTime::waitPlusServiceClosedForm_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("muPerMs");
    QTest::addColumn<double>("tMs");
    QTest::addColumn<int>("kmax");
    QTest::newRow("c=1 mu=0.1 t=5") << qint64(1) << 0.1 << 5.0 << 40;
    QTest::newRow("c=1 mu=0.1 t=300") << qint64(1) << 0.1 << 300.0 << 80;
    QTest::newRow("c=2 mu=1 t=0.5") << qint64(2) << 1.0 << 0.5 << 30;
    QTest::newRow("c=2 mu=1 t=20") << qint64(2) << 1.0 << 20.0 << 60;
    QTest::newRow("c=3 mu=0.03 t=100") << qint64(3) << 0.03 << 100.0 << 40;
    QTest::newRow("c=8 mu=0.2 t=40") << qint64(8) << 0.2 << 40.0 << 120;
    QTest::newRow("c=64 mu=0.01 t=200") << qint64(64) << 0.01 << 200.0 << 200;
    QTest::newRow("c=4 mu=0.1 t=1e-6") << qint64(4) << 0.1 << 1e-6 << 10;
}

void TestResponseTime::waitPlusServiceClosedForm()
{
    QFETCH(qint64, servers);
    QFETCH(double, muPerMs);
    QFETCH(double, tMs);
    QFETCH(int, kmax);
    std::vector<double> out;
    std::vector<double> scratch;
    waitPlusServiceWithin(muPerMs, servers, tMs, static_cast<std::size_t>(kmax), out, scratch);
    QCOMPARE(out.size(), static_cast<std::size_t>(kmax) + 1);
    for (int k = 0; k <= kmax; ++k) {
        const auto expected = static_cast<double>(waitThenServe(k, servers, muPerMs, tMs));
        HR_COMPARE_ABS(out[static_cast<std::size_t>(k)], expected, kProbabilityAtol);
        if (k > 0)
            QCOMPARE_LE(out[static_cast<std::size_t>(k)], out[static_cast<std::size_t>(k - 1)]);
    }
}

// M/M/c/K: within(t) against the state-by-state sum of hypoexponential CDFs (PASTA: an
// admitted arrival sees p_n / (1 - p_K)), and percentiles checked on that reference CDF.
void TestResponseTime::finiteCapacityWithin_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<qint64>("capacity");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("serviceMs");
    QTest::newRow("M/M/1/5 rho=0.8") << qint64(1) << qint64(5) << 80.0 << 10.0;
    QTest::newRow("M/M/1/30 rho=1.5") << qint64(1) << qint64(30) << 150.0 << 10.0;
    QTest::newRow("M/M/1/3000 rho=1.1") << qint64(1) << qint64(3000) << 110.0 << 10.0;
    QTest::newRow("M/M/3/7 lambda=40 mu=30") << qint64(3) << qint64(7) << 40.0 << 1000.0 / 30.0;
    QTest::newRow("M/M/4/6 lambda=50 mu=10") << qint64(4) << qint64(6) << 50.0 << 100.0;
    QTest::newRow("M/M/2/10 rho=0.5") << qint64(2) << qint64(10) << 100.0 << 10.0;
    QTest::newRow("M/M/2/20 rho=1") << qint64(2) << qint64(20) << 200.0 << 10.0;
    QTest::newRow("M/M/5/30 rho=2") << qint64(5) << qint64(30) << 1000.0 << 10.0;
    QTest::newRow("M/M/8/60 rho=0.9") << qint64(8) << qint64(60) << 720.0 << 10.0;
    QTest::newRow("M/M/16/40 rho=1.2") << qint64(16) << qint64(40) << 1920.0 << 10.0;
    QTest::newRow("M/M/3/103 rho=0.7") << qint64(3) << qint64(103) << 210.0 << 10.0;
    QTest::newRow("M/M/4/4 (loss) rho=0.9") << qint64(4) << qint64(4) << 360.0 << 10.0;
    QTest::newRow("M/M/2/2000 rho=1.2") << qint64(2) << qint64(2000) << 240.0 << 10.0;
    QTest::newRow("M/M/4/500 rho=1.05") << qint64(4) << qint64(500) << 420.0 << 10.0;
    QTest::newRow("M/M/64/200 rho=0.99") << qint64(64) << qint64(200) << 6336.0 << 10.0;
}

void TestResponseTime::finiteCapacityWithin()
{
    QFETCH(qint64, servers);
    QFETCH(qint64, capacity);
    QFETCH(double, lambda);
    QFETCH(double, serviceMs);
    const auto rt = distributionOf(input(lambda, serviceMs, servers, capacity));
    QVERIFY(rt);
    const ref::Mmck chain = ref::mmck(servers, capacity, lambda, 1000.0L / serviceMs);
    const Real mu = 1.0L / serviceMs;
    const double mean = static_cast<double>(chain.rSeconds * 1000.0L);
    double previous = 0.0;
    for (const double f : {0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0}) {
        const double t = f * mean;
        const double within = rt->within(t);
        HR_COMPARE_ABS(within, static_cast<double>(mmckWithin(chain, servers, mu, t)), kProbabilityAtol);
        // Non-decreasing, up to the rounding of a sum of probabilities.
        QCOMPARE_GE(within, previous - kProbabilityAtol);
        previous = within;
    }
    for (const double p : {0.5, 0.95, 0.99}) {
        const double t = rt->percentile(p);
        HR_COMPARE_ABS(static_cast<double>(mmckWithin(chain, servers, mu, t)), p, 1e-11);
    }
}

// The mean of a non-negative variable is the integral of its tail: the distribution the
// engine reports must have the mean response the engine (and the birth-death sums) report.
void TestResponseTime::meanIsIntegralOfTail_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<qint64>("capacity"); // 0: unbounded
    QTest::addColumn<double>("rho");
    QTest::newRow("M/M/1 rho=0.5") << qint64(1) << qint64(0) << 0.5;
    QTest::newRow("M/M/2 rho=0.5 (theta=mu)") << qint64(2) << qint64(0) << 0.5;
    QTest::newRow("M/M/4 rho=0.9") << qint64(4) << qint64(0) << 0.9;
    QTest::newRow("M/M/32 rho=0.99") << qint64(32) << qint64(0) << 0.99;
    QTest::newRow("M/M/3/7 rho=0.44") << qint64(3) << qint64(7) << 40.0 / 90.0;
    QTest::newRow("M/M/1/20 rho=1") << qint64(1) << qint64(20) << 1.0;
    QTest::newRow("M/M/4/50 rho=1.5") << qint64(4) << qint64(50) << 1.5;
    QTest::newRow("M/M/8/500 rho=0.95") << qint64(8) << qint64(500) << 0.95;
}

void TestResponseTime::meanIsIntegralOfTail()
{
    QFETCH(qint64, servers);
    QFETCH(qint64, capacity);
    QFETCH(double, rho);
    const double serviceMs = 10.0;
    const double lambda = rho * static_cast<double>(servers) * 100.0;
    const auto cap = capacity > 0 ? std::optional<std::int64_t>(capacity) : std::nullopt;
    const auto rt = distributionOf(input(lambda, serviceMs, servers, cap));
    QVERIFY(rt);
    const double mean = cap ? static_cast<double>(ref::mmck(servers, capacity, lambda, 100.0L).rSeconds * 1000.0L)
                            : static_cast<double>(ref::mmc(servers, lambda, 100.0L).rSeconds * 1000.0L);
    // Beyond 80 means every tail here is below e^-40.
    const double end = 80.0 * mean;
    const double integral = integrate([&](double t) { return rt->exceeds(t); }, 0.0, end, 400);
    HR_COMPARE_REL(integral, mean, kIntegralRtol);
}

// K = 1e6 with rho < 1 never fills: its distribution is M/M/c's.
void TestResponseTime::largeCapacityMatchesMmc_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("rho");
    QTest::newRow("M/M/1/1e6 rho=0.9") << qint64(1) << 0.9;
    QTest::newRow("M/M/4/1e6 rho=0.8") << qint64(4) << 0.8;
    QTest::newRow("M/M/16/1e6 rho=0.97") << qint64(16) << 0.97;
}

void TestResponseTime::largeCapacityMatchesMmc()
{
    QFETCH(qint64, servers);
    QFETCH(double, rho);
    const double serviceMs = 10.0;
    const double lambda = rho * static_cast<double>(servers) * 100.0;
    const auto bounded = distributionOf(input(lambda, serviceMs, servers, 1000000));
    QVERIFY(bounded);
    const Real mu = 0.1L;
    const Real theta = (static_cast<Real>(servers) * 100.0L - lambda) / 1000.0L;
    const Real c = ref::mmc(servers, lambda, 100.0L).waitProbability;
    const auto tail = [&](Real t) { return mmcTail(c, mu, theta, t); };
    for (const double t : {0.5, 5.0, 20.0, 100.0, 400.0})
        HR_COMPARE_ABS(bounded->within(t), static_cast<double>(1.0L - tail(t)), kProbabilityAtol);
    for (const double p : {0.5, 0.99})
        HR_COMPARE_REL(bounded->percentile(p), static_cast<double>(bisect(tail, p)), 1e-9);
}

// Very long M/M/1/K queues (K up to the largest count the contract allows, 10^7) over
// capacity: an admitted request that finds n others is done after n + 1 services, so
// P(T <= t) = sum_j Pois(j; mu t) F(j - 1) with F(m) = P(N <= m | admitted)
// = (rho^(m+1) - 1) / (rho^K - 1), written in log form; the Poisson window is summed in
// long double and normalised by its own total. At t near the median the engine must
// agree to the contract's 1e-9.
void TestResponseTime::longQueueCdf_data()
{
    QTest::addColumn<qint64>("capacity");
    QTest::newRow("M/M/1/3000 rho=1.01") << qint64(3000);
    QTest::newRow("M/M/1/1e5 rho=1.01") << qint64(100000);
    QTest::newRow("M/M/1/1e6 rho=1.01") << qint64(1000000);
    QTest::newRow("regression: M/M/1/1e7 rho=1.01, P(T <= t) off by 4e-8") << qint64(10000000);
}

void TestResponseTime::longQueueCdf()
{
    QFETCH(qint64, capacity);
    const double rho = 1.01;
    const auto rt = distributionOf(input(rho * 100.0, 10.0, 1, capacity));
    QVERIFY(rt);
    const Real logRho = std::log(static_cast<Real>(rho));
    const Real k = static_cast<Real>(capacity);
    const auto admittedCdf = [&](Real m) -> Real {
        if (m < 0.0L)
            return 0.0L;
        if (m >= k - 1.0L)
            return 1.0L;
        return std::exp((m + 1.0L - k) * logRho) * std::expm1(-(m + 1.0L) * logRho) / std::expm1(-k * logRho);
    };
    // Admitted arrivals find about K - rho / (rho - 1) others: t near the median.
    const double t = (static_cast<double>(capacity) - 101.0) * 10.0;
    const Real x = static_cast<Real>(t) / 10.0L;
    const Real spread = 40.0L * std::sqrt(x) + 50.0L;
    Real total = 0.0L;
    Real norm = 0.0L;
    for (Real j = std::max(0.0L, std::floor(x - spread)); j <= x + spread; j += 1.0L) {
        const Real p = std::exp(-x + j * std::log(x) - std::lgamma(j + 1.0L));
        norm += p;
        total += p * admittedCdf(j - 1.0L);
    }
    HR_COMPARE_REL(rt->within(t), static_cast<double>(total / norm), 1e-9);
}

// An external dependency answers in exactly its latency; a saturated queue has no distribution.
void TestResponseTime::constantAndSaturated()
{
    const ResponseTime fixed = ResponseTime::constant(42.0);
    for (const double p : {0.01, 0.5, 0.99})
        QCOMPARE(fixed.percentile(p), 42.0);
    QCOMPARE(fixed.within(41.999), 0.0);
    QCOMPARE(fixed.within(42.0), 1.0);
    QCOMPARE(fixed.exceeds(41.999), 1.0);

    const QueueInput saturated = input(500.0, 10.0, 4); // rho = 1.25
    QVERIFY(!ResponseTime::of(saturated, analyzeQueue(saturated)).has_value());
    const QueueInput exactlyFull = input(400.0, 10.0, 4); // rho = 1
    QVERIFY(!ResponseTime::of(exactlyFull, analyzeQueue(exactlyFull)).has_value());
}

QTEST_GUILESS_MAIN(TestResponseTime)
#include "tst_response_time.moc"
