// SPDX-License-Identifier: MIT
#include "Queueing.h"

#include "ErlangFormulas.h"

#include <cmath>
#include <limits>

namespace headroom::engine {

namespace {

constexpr double kTailEpsilon = 1e-18;

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
};

// rho <= 1: reference p_c = 1; terms rho^m fall, so the tail can stop once it is negligible.
CapacityMasses massesFromBelow(double inverseB, double rho, std::int64_t extra)
{
    CapacityMasses m;
    double tail = 0.0;       // sum_{m=1}^{extra-1} rho^m
    double weighted = 0.0;   // sum_{m=1}^{extra} m rho^m
    double term = 1.0;
    const double oneMinusRho = 1.0 - rho;
    for (std::int64_t i = 1; i <= extra; ++i) {
        term *= rho;
        if (i < extra)
            tail += term;
        weighted += static_cast<double>(i) * term;
        if (oneMinusRho > 0.0) {
            const double restBound = term * rho / oneMinusRho;
            const double weightedBound =
                term * rho * (static_cast<double>(i + 1) / oneMinusRho + rho / (oneMinusRho * oneMinusRho));
            if (restBound < kTailEpsilon * (1.0 + tail) && weightedBound < kTailEpsilon * weighted)
                break;
        }
    }
    const double last = extra == 0 ? 1.0 : std::exp(static_cast<double>(extra) * std::log(rho));
    if (std::isinf(inverseB)) {
        // p_c and above are below 1e-300 of p_0: the instance never queues.
        m.total = m.admitted = m.below = 1.0;
        return m;
    }
    m.below = inverseB - 1.0;
    m.firstQueued = 1.0;
    m.atCapacity = last;
    m.queued = extra == 0 ? 0.0 : 1.0 + tail;
    m.admitted = m.below + m.queued;
    m.total = m.admitted + m.atCapacity;
    m.queueLength = weighted;
    return m;
}

// rho > 1: reference p_K = 1; terms rho^-(K-n) fall going down from K.
CapacityMasses massesFromAbove(double inverseB, double rho, std::int64_t extra)
{
    CapacityMasses m;
    const double inverseRho = 1.0 / rho;
    double tail = 0.0;     // sum_{j=1}^{extra} rho^-j: states c..K-1
    double weighted = 0.0; // sum_{j=0}^{extra-1} (extra - j) rho^-j
    double term = 1.0;
    const double ratioGap = 1.0 - inverseRho;
    for (std::int64_t j = 0; j < extra; ++j) {
        weighted += static_cast<double>(extra - j) * term;
        term *= inverseRho;
        tail += term;
        const double restBound = term * inverseRho / ratioGap;
        if (restBound < kTailEpsilon * tail &&
            restBound * static_cast<double>(extra) < kTailEpsilon * weighted)
            break;
    }
    const double scale = std::exp(-static_cast<double>(extra) * std::log(rho)); // p_c / p_K
    m.below = (inverseB - 1.0) * scale;
    m.firstQueued = scale;
    m.atCapacity = 1.0;
    m.queued = extra == 0 ? 0.0 : tail;
    m.admitted = m.below + m.queued;
    m.total = m.admitted + 1.0;
    m.queueLength = weighted;
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
    const double inverseB = inverseErlangB(c, a);
    const CapacityMasses m =
        rho <= 1.0 ? massesFromBelow(inverseB, rho, extra) : massesFromAbove(inverseB, rho, extra);
    const double blocking = m.atCapacity / m.total;
    const double admittedShare = m.admitted / m.total;
    const double queueLength = m.queueLength / m.total;
    const double busy = a * admittedShare;
    const double inSystem = busy + queueLength;
    const double throughput = in.arrivalRps * admittedShare;
    const double responseSeconds = inSystem / throughput;

    out.blockingProbability = blocking;
    out.throughputRps = throughput;
    out.utilization = throughput / (static_cast<double>(c) * mu);
    out.waitProbability = m.queued / m.admitted;
    out.meanInSystem = inSystem;
    out.meanQueueLength = queueLength;
    out.meanResponseMs = responseSeconds * 1000.0;
    out.meanWaitMs = (responseSeconds - 1.0 / mu) * 1000.0;
    // d/dlambda [lambda (1 - B)] = 1 - B - B (K - L), since dB/dlambda = B (K - L) / lambda.
    out.admittedDerivative =
        admittedShare - blocking * (static_cast<double>(*in.capacity) - inSystem);
    out.belowServersMass = m.below / m.admitted;
    out.logFirstQueuedMass = std::log(m.firstQueued / m.admitted);
    out.logRho = std::log(rho);
    return out;
}

QueueMetrics unbounded(const QueueInput& in, double mu, double a)
{
    QueueMetrics out;
    const auto c = in.servers;
    const double lambda = in.arrivalRps;
    const double rho = a / static_cast<double>(c);
    const bool allenCunneen = in.serviceCv != 1.0;
    out.method = allenCunneen ? QueueMethod::AllenCunneen : QueueMethod::ErlangC;
    out.approximate = allenCunneen;
    out.offeredLoad = a;
    out.offeredUtilization = rho;
    out.utilization = rho;
    out.throughputRps = lambda;
    if (rho >= 1.0) {
        out.saturated = true;
        out.waitProbability = 1.0;
        out.erlangC = 1.0;
        return out;
    }
    const double erlang = erlangC(c, a);
    const double variability = allenCunneen ? (1.0 + in.serviceCv * in.serviceCv) / 2.0 : 1.0;
    const double theta = static_cast<double>(c) * mu - lambda; // per second
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
