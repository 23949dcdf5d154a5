// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

namespace headroom::engine {

/// One instance of a station, as the formulas see it.
struct QueueInput {
    double arrivalRps = 0.0;   ///< lambda offered to this instance, per second
    double serviceMs = 1.0;    ///< mean service time; mu = 1000 / serviceMs per server
    std::int64_t servers = 1;  ///< c
    double serviceCv = 1.0;    ///< coefficient of variation of the service time
    std::optional<std::int64_t> capacity; ///< K, queued plus in service; none = unbounded
};

/// Which formula produced the figures, so the UI and reports can name it.
enum class QueueMethod : std::uint8_t {
    ErlangC,       ///< M/M/c, exact
    AllenCunneen,  ///< M/G/c by the Allen-Cunneen approximation
    FiniteCapacity ///< M/M/c/K, exact
};

/// Figures for one instance. Times in milliseconds, rates per second.
/// Infinite values (a saturated unbounded queue) are empty optionals.
struct QueueMetrics {
    QueueMethod method = QueueMethod::ErlangC;
    double offeredLoad = 0.0;        ///< a = lambda / mu, Erlangs
    double offeredUtilization = 0.0; ///< rho = a / c
    double utilization = 0.0;        ///< carried: lambda (1 - B) / (c mu); rho when saturated
    double waitProbability = 0.0;    ///< an admitted request waits
    double blockingProbability = 0.0;
    double throughputRps = 0.0;      ///< admitted rate (offered rate when saturated)
    double admittedDerivative = 1.0; ///< d throughput / d lambda, for the traffic fixed point
    bool saturated = false;
    bool approximate = false;
    std::optional<double> meanWaitMs;
    std::optional<double> meanResponseMs;
    std::optional<double> meanQueueLength;
    std::optional<double> meanInSystem;

    // What the response-time distribution needs.
    double erlangC = 0.0;            ///< M/M/c: probability of waiting
    double waitRatePerMs = 0.0;      ///< rate of the conditional wait, c mu - lambda (scaled for Allen-Cunneen)
    double belowServersMass = 1.0;   ///< M/M/c/K: P(an admitted arrival finds a free server)
    double logFirstQueuedMass = 0.0; ///< M/M/c/K: ln p_c / (1 - B)
    double logRho = 0.0;             ///< M/M/c/K: ln rho
};

/// M/M/c (Erlang C), Allen-Cunneen when serviceCv != 1, M/M/c/K when a capacity is set.
/// @pre arrivalRps >= 0, serviceMs > 0, servers >= 1, capacity >= servers, all finite.
QueueMetrics analyzeQueue(const QueueInput& input);

} // namespace headroom::engine
