// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "PlanDefaults.h"
#include "Solver.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace headroom::engine {

/// How many instances one station needs at the planning multiplier.
struct InstancePlan {
    std::size_t component = 0;
    std::int64_t instances = 0;                  ///< today
    std::optional<std::int64_t> requiredInstances; ///< empty: a hot spot more instances cannot fix
    double utilizationNow = 0.0;                 ///< busiest instance at X with today's count (offered)
    std::optional<double> utilizationAfter;      ///< busiest instance at X with the required count
    double costNow = 0.0;                        ///< per month
    double costAfter = 0.0;
    bool hotSpot = false;                        ///< hottest_share above an even split
};

/// How big one connection pool must be at the planning multiplier.
struct PoolPlan {
    std::size_t link = 0;
    std::int64_t poolSize = 0;
    std::optional<std::int64_t> requiredPoolSize; ///< utilization at or under the target; empty when the database stays saturated
    std::optional<double> utilizationAfter;
    /// The smallest size whose chance of waiting is at most kPlanTargetWait, after the plan:
    /// a pool sized by utilization alone can still make many requests wait.
    std::optional<std::int64_t> recommendedPoolSize;
};

/// The wait probability the plan's pool recommendation aims for (as `pool`'s default).
inline constexpr double kPlanTargetWait = kDefaultTargetWait;

struct CapacityPlan {
    double multiplier = 1.0;
    double targetUtilization = kDefaultTargetUtilization;
    std::vector<InstancePlan> components; ///< every queueing component, in model order
    std::vector<PoolPlan> pools;
    double costNow = 0.0;
    double costAfter = 0.0;
    Issues warnings;
    /// Of the solve of the planned model at the multiplier (the pools' part); instance
    /// counts follow from the offered traffic, which needs no iteration.
    Status status = Status::Ok;
};

/// What a plan covers: the advisor needs the instance counts alone, and the pools'
/// part (a second solve and a pool sizing per pool) is most of a plan's cost.
enum class PlanScope : std::uint8_t { InstancesAndPools, InstancesOnly };

/// The smallest instance count per station that keeps its busiest instance at or
/// under `target` utilization at `multiplier` times today's traffic (offered load:
/// a tier that sheds is not counted as coping), and the pool sizes that keep each
/// pool at or under `target` once those counts are in place. Open workloads only.
/// An instance count that is within 1e-12 (relative) of meeting the target meets it.
Checked<CapacityPlan> planCapacity(const Solver& solver, double multiplier, double target,
                                   PlanScope scope = PlanScope::InstancesAndPools);

/// The smallest n >= 1 with load / n <= limit (with a 1e-12 relative tolerance).
std::int64_t smallestCount(double load, double limit);

/// A count a model can hold (1 to 10,000,000), or empty beyond it: a tier that
/// would need more instances than that cannot be planned by adding instances.
std::optional<std::int64_t> asCount(double count);

/// The model with each station's instance count (and each pool) set as planned.
Model plannedModel(const Model& model, const CapacityPlan& plan);

} // namespace headroom::engine
