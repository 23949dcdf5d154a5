// SPDX-License-Identifier: MIT
#include "Queueing.h"

#include "ErlangFormulas.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::engine {

namespace {

/// g(x) = 1/x - 1/(e^x - 1): smooth, 1/2 at 0 and falling to 0. For small x the two
/// terms nearly cancel, so there it is its Bernoulli series (exact to rounding below 0.25).
/// `expm1OfX` is e^x - 1, which the callers already hold (see Decay).
double bernoulliTail(double x, double expm1OfX)
{
    if (x < 0.25) {
        const double x2 = x * x;
        return 0.5 + x * (-1.0 / 12.0 +
                          x2 * (1.0 / 720.0 +
                                x2 * (-1.0 / 30240.0 +
                                      x2 * (1.0 / 1209600.0 + x2 * (-1.0 / 47900160.0 + x2 * (691.0 / 1307674368000.0))))));
    }
    return 1.0 / x - 1.0 / expm1OfX;
}

/// e^-x for x >= 0, with e^-x - 1 and e^x - 1 derived from it without cancellation: one
/// exp instead of three (the M/M/c/K figures sit inside the load-shedding fixed point,
/// evaluated many times per sweep point).
struct Decay {
    double x = 0.0;
    double value = 1.0;        ///< e^-x
    double minusOne = 0.0;     ///< e^-x - 1
    double growthMinusOne = 0.0; ///< e^x - 1

    explicit Decay(double exponent) : x(exponent)
    {
        // Past this e^-x is below the smallest subnormal; exp would take its slow underflow path.
        constexpr double kUnderflow = 746.0;
        value = x < kUnderflow ? std::exp(-x) : 0.0;
        // Where e^-x is near 1, e^-x - 1 cancels: there expm1 is needed. From 0.5 on
        // 1 - e^-x >= 0.39, so the difference loses at most a bit.
        minusOne = x < 0.5 ? std::expm1(-x) : value - 1.0;
        // e^x - 1 = (1 - e^-x) / e^-x; infinite when e^-x underflows, as e^x - 1 would be.
        growthMinusOne = -minusOne / value;
    }
};

/// sum_{j=0}^{m-1} r^j for r = e^-eps: (1 - r^m) / (1 - r). `ratioMinusOne` is r - 1
/// (from the ratio itself, exact near 1) and `power` is r^m.
double geometricSum(double ratioMinusOne, const Decay& power, std::int64_t m)
{
    if (ratioMinusOne == 0.0)
        return static_cast<double>(m);
    return power.minusOne / ratioMinusOne;
}

/// Sums of the geometric part of the M/M/c/K distribution, relative to a
/// reference state chosen so that nothing overflows: p_c when rho <= 1, p_K above.
struct CapacityMasses {
    double total = 0.0;        ///< sum of all p_n (unnormalised)
    double admitted = 0.0;     ///< sum of p_n for n < K
    double below = 0.0;        ///< sum of p_n for n < c
    double queued = 0.0;       ///< sum of p_n for c <= n < K
    double queueLength = 0.0;  ///< sum of (n - c) p_n
    double atCapacity = 0.0;   ///< p_K
    double firstQueued = 0.0;  ///< p_c
    double logFirstQueued = -std::numeric_limits<double>::infinity(); ///< ln p_c, exact where p_c underflows
};

// The geometric part in closed form, so a long queue costs the same as a short one. With
// r = e^-eps the ratio of neighbouring states, sum_{m=1}^{M} m r^m is the plain sum times the
// mean of a truncated geometric distribution, 1 - g(eps) + M g(eps M): all positive terms,
// where the textbook r (1 - (M+1) r^M + M r^(M+1)) / (1 - r)^2 cancels near rho = 1.
// r - 1 and e^eps - 1 come from rho itself (rho - 1 is exact near 1, Sterbenz), not from
// expm1 of its logarithm.

// rho <= 1: reference p_c = 1, ratio r = rho.
CapacityMasses massesFromBelow(double inverseB, double rho, double eps, std::int64_t extra)
{
    CapacityMasses m;
    if (std::isinf(inverseB)) {
        // p_c and above are below 1e-300 of p_0: the instance never queues.
        m.total = m.admitted = m.below = 1.0;
        return m;
    }
    const double count = static_cast<double>(extra);
    const Decay power(eps * count); // rho^(K-c)
    const double sum = geometricSum(rho - 1.0, power, extra); // states c .. K-1
    m.below = inverseB - 1.0;
    m.firstQueued = 1.0;
    m.logFirstQueued = 0.0;
    m.atCapacity = extra == 0 ? 1.0 : power.value;
    m.queued = sum;
    m.admitted = m.below + m.queued;
    m.total = m.admitted + m.atCapacity;
    // sum_{m=1}^{K-c} m rho^m
    m.queueLength = extra == 0 ? 0.0
                               : rho * sum *
                                     (1.0 - bernoulliTail(eps, (1.0 - rho) / rho) +
                                      count * bernoulliTail(power.x, power.growthMinusOne));
    return m;
}

// rho > 1: reference p_K = 1, ratio r = 1/rho going down from K.
// `inverseBMinusOne` is 1 / B(c, a) - 1, which the caller computes without cancellation.
CapacityMasses massesFromAbove(double inverseBMinusOne, double rho, double eps, std::int64_t extra)
{
    CapacityMasses m;
    const double count = static_cast<double>(extra);
    const Decay power(eps * count); // rho^-(K-c)
    const double sum = geometricSum((1.0 - rho) / rho, power, extra); // sum_{j=0}^{K-c-1} rho^-j
    // p_c / p_K; it underflows for a long queue far over capacity, so its log is kept too.
    const double logScale = -power.x;
    const double scale = power.value;
    m.below = inverseBMinusOne * scale;
    m.firstQueued = scale;
    m.logFirstQueued = logScale;
    m.atCapacity = 1.0;
    m.queued = sum / rho; // sum_{j=1}^{K-c} rho^-j: states c .. K-1
    m.admitted = m.below + m.queued;
    m.total = m.admitted + 1.0;
    // sum_{j=0}^{K-c-1} (K - c - j) rho^-j
    m.queueLength = extra == 0 ? 0.0
                               : sum * (count * (1.0 - bernoulliTail(power.x, power.growthMinusOne)) +
                                        bernoulliTail(eps, rho - 1.0));
    return m;
}

QueueMetrics finiteCapacity(const QueueInput& in, double mu, double a)
{
    QueueMetrics out;
    out.method = QueueMethod::FiniteCapacity;
    out.approximate = in.serviceCv != 1.0;
    const auto c = in.servers;
    const std::int64_t extra = *in.capacity - c;
    const double rho = a / static_cast<double>(c);
    out.offeredLoad = a;
    out.offeredUtilization = rho;
    if (in.arrivalRps <= 0.0) {
        out.meanWaitMs = 0.0;
        out.meanResponseMs = 1000.0 / mu;
        out.meanQueueLength = 0.0;
        out.meanInSystem = 0.0;
        out.belowServersMass = 1.0;
        out.logFirstQueuedMass = -std::numeric_limits<double>::infinity();
        return out;
    }
    // Above capacity 1 / B(c, a) - 1 = (c / a) / B(c - 1, a) (the recursion's last step): subtracting 1
    // from 1 / B(c, a) would cancel to 0 when a >> c and leave no admitted state.
    const double logRho = std::log(rho);
    const CapacityMasses m =
        rho <= 1.0 ? massesFromBelow(inverseErlangB(c, a), rho, -logRho, extra)
                   : massesFromAbove(static_cast<double>(c) / a * inverseErlangB(c - 1, a), rho, logRho, extra);
    const double blocking = m.atCapacity / m.total;
    const double admittedShare = m.admitted / m.total;
    const double queueLength = m.queueLength / m.total;
    const double busy = a * admittedShare;
    const double inSystem = busy + queueLength;
    const double throughput = in.arrivalRps * admittedShare;
    const double responseSeconds = inSystem / throughput;

    out.blockingProbability = blocking;
    out.throughputRps = throughput;
    // Below 1 in exact arithmetic; at rho >> 1 it is 1 - (a tiny idle chance) and the
    // rounding can land one ulp above 1, which only a saturated station may report.
    out.utilization = std::min(1.0, throughput / (static_cast<double>(c) * mu));
    out.waitProbability = m.queued / m.admitted;
    out.meanInSystem = inSystem;
    out.meanQueueLength = queueLength;
    out.meanResponseMs = responseSeconds * 1000.0;
    // Wq = Lq / X, which equals R - 1/mu but does not cancel: with K = c (or a wait far
    // below the service time) the subtraction came out slightly negative.
    out.meanWaitMs = queueLength / throughput * 1000.0;
    // d/dlambda [lambda (1 - B)] = 1 - B - B (K - L), since dB/dlambda = B (K - L) / lambda.
    out.admittedDerivative =
        admittedShare - blocking * (static_cast<double>(*in.capacity) - inSystem);
    out.belowServersMass = m.below / m.admitted;
    out.logFirstQueuedMass = m.logFirstQueued - std::log(m.admitted);
    out.logRho = logRho;
    return out;
}

QueueMetrics unbounded(const QueueInput& in, double mu, double a)
{
    QueueMetrics out;
    const auto c = in.servers;
    const double lambda = in.arrivalRps;
    // Whether the instance saturates is decided on its inputs (the exact sign of the spare
    // capacity), not on a rho rounded to 1, and theta = c mu - lambda keeps full relative
    // precision however close to 1 rho is (the percentiles depend on it). rho is then kept
    // on the same side of 1, so `offeredUtilization >= 1` and `saturated` always agree.
    const double spare = spareCapacity(lambda, in.serviceMs, static_cast<double>(c));
    const bool saturated = !(spare > 0.0);
    const double rounded = a / static_cast<double>(c);
    const double rho = saturated ? std::max(rounded, 1.0) : std::min(rounded, kLargestBelowOne);
    const bool allenCunneen = in.serviceCv != 1.0;
    out.method = allenCunneen ? QueueMethod::AllenCunneen : QueueMethod::ErlangC;
    out.approximate = allenCunneen;
    out.offeredLoad = a;
    out.offeredUtilization = rho;
    out.utilization = rho;
    out.throughputRps = lambda;
    if (saturated) {
        out.saturated = true;
        out.waitProbability = 1.0;
        out.erlangC = 1.0;
        return out;
    }
    const double erlang = erlangC(c, a);
    const double variability = allenCunneen ? (1.0 + in.serviceCv * in.serviceCv) / 2.0 : 1.0;
    const double theta = spare / in.serviceMs; // c mu - lambda, per second
    const double waitSeconds = erlang / theta * variability;
    const double responseSeconds = waitSeconds + 1.0 / mu;
    out.erlangC = erlang;
    out.waitProbability = erlang;
    out.waitRatePerMs = theta / 1000.0 / variability;
    out.meanWaitMs = waitSeconds * 1000.0;
    out.meanResponseMs = responseSeconds * 1000.0;
    out.meanQueueLength = lambda * waitSeconds;
    out.meanInSystem = lambda * responseSeconds;
    return out;
}

} // namespace

QueueMetrics analyzeQueue(const QueueInput& input)
{
    const double mu = 1000.0 / input.serviceMs;
    const double a = input.arrivalRps / mu;
    if (input.capacity)
        return finiteCapacity(input, mu, a);
    return unbounded(input, mu, a);
}

} // namespace headroom::engine
