// SPDX-License-Identifier: MIT
#pragma once

#include "CapacityPlan.h"
#include "Issue.h"
#include "PlanDefaults.h"
#include "Solver.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace headroom::engine {

/// A component that saturates at or below the planning multiplier.
struct Break {
    std::size_t component = 0;
    double saturatesAt = 0.0; ///< its headroom multiplier, in multiples of the model's own rates
};

/// N+1: whether a tier survives losing one of today's instances at the planning multiplier.
struct RedundancyCheck {
    std::size_t component = 0;
    std::int64_t instances = 0;
    double utilizationAfterLoss = 0.0;           ///< busiest remaining instance, offered
    bool survivesLossOfOne = false;              ///< utilization after the loss stays under 1
    std::optional<std::int64_t> instancesNeeded; ///< smallest count that survives losing one; empty for a hot spot
};

/// The answer to "what breaks first if traffic grows X times, and what does it take?"
struct TenXAnswer {
    double multiplier = kDefaultPlanningMultiplier;
    double targetUtilization = kDefaultTargetUtilization;
    std::vector<Break> breaks;               ///< ascending by saturatesAt
    std::vector<std::optional<double>> saturatesAt; ///< per component (stations only; empty = never)
    bool survives = true;
    CapacityPlan plan;
    std::vector<RedundancyCheck> nPlusOne;   ///< components with more than one instance
    std::string verdict;                     ///< one sentence: "app saturates at 1.78x; at 10x it needs 17 instances"
    Status status = Status::Ok;              ///< of the solve at the model's own rates (saturatesAt) and the plan
};

/// Spec section 7, the 10x question. `baseMultiplier` is the multiplier the
/// model is taken at (a scenario's); `multiplier` is absolute (already scaled).
/// Open workloads only.
Checked<TenXAnswer> tenX(const Solver& solver, double multiplier, double target);

/// The load curve behind the 10x chart: end-to-end response and every
/// component's busiest-instance utilization at each multiplier.
struct LoadCurve {
    std::vector<double> multipliers;
    std::vector<Status> status;                          ///< per multiplier
    std::vector<std::optional<double>> responseMs;       ///< per multiplier; empty once something visited saturates
    std::vector<std::vector<double>> utilization;        ///< [component][multiplier], offered
};

/// Solves the model at every multiplier, without percentiles. When nothing sheds
/// the traffic is linear in the multiplier, so each point only re-evaluates the
/// stations (no routing solve).
LoadCurve loadCurve(const Solver& solver, std::span<const double> multipliers);

} // namespace headroom::engine
