// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Result.h"

#include <optional>
#include <vector>

namespace headroom::engine {
class Solver;
}

namespace headroom::engine::sim {

/// The formulas' figure for each simulated quantity (sections 3, 4 and 11.1): what the
/// verdicts compare with. Empty where the formulas have none.
struct AnalyticCounterparts {
    struct Component {
        std::optional<double> utilization, throughputRps, meanResponseMs, meanWaitMs, waitProbability;
        std::optional<double> p50ResponseMs, p95ResponseMs, p99ResponseMs, blockingProbability, meanInSystem;
        std::optional<double> backlogGrowthRps;
        bool saturated = false;
        double offeredUtilization = 0.0;
        double syncVisits = 0.0;
    };
    struct Pool {
        std::optional<double> meanWaitMs, waitProbability;
    };
    struct Replica {
        std::optional<double> meanLagMs, p99LagMs;
        bool saturated = false;
    };
    struct Retry {
        std::optional<double> attemptsPerCall, successProbability;
    };
    std::optional<double> arrivalRps, throughputRps, meanResponseMs, rejectedFraction, failedFraction;
    std::vector<Component> components; ///< parallel to the model's components
    std::vector<Pool> pools;           ///< per pooled link, in model order
    std::vector<Replica> replicas;     ///< per replication link, in model order
    std::vector<Retry> retries;        ///< per sync link with a timeout or retries, in model order
};

/// The counterparts of a solve at the simulation's multiplier.
AnalyticCounterparts analyticCounterparts(const Solver& solver, const SolveResult& result);

} // namespace headroom::engine::sim
