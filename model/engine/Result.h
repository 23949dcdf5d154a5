// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Kinds.h"
#include "Queueing.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::engine {

enum class Workload : std::uint8_t { Open, Closed };

/// How far figures can be taken as they are. Every solve and every analysis says it, so
/// that a chart or a table never shows unsettled figures without a flag. Ordered by
/// severity: the worse of two is the larger.
enum class Status : std::uint8_t {
    Ok,           ///< every figure is its formula's
    Saturated,    ///< something saturates (a component, a pool, a replica's apply thread): its waits are infinite
    NotConverged, ///< an iteration did not settle (the load-shedding fixed point, approximate MVA): figures are
                  ///< its last iterate
};

/// "ok", "saturated", "not_converged": as the result JSON spells it.
constexpr std::string_view statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return "ok";
    case Status::Saturated:
        return "saturated";
    case Status::NotConverged:
        return "not_converged";
    }
    return "ok";
}

/// The worse of two statuses.
constexpr Status worse(Status a, Status b)
{
    return a < b ? b : a;
}

/// How a component's figures were obtained, for tooltips and the report's assumptions.
enum class Method : std::uint8_t {
    None,           ///< the workload itself (clients)
    ErlangC,        ///< M/M/c
    AllenCunneen,   ///< M/G/c, approximate
    FiniteCapacity, ///< M/M/c/K
    FixedDelay,     ///< external dependency
    MvaExact,       ///< closed workload, exact (load-dependent) MVA
    MvaApproximate, ///< closed workload, Schweitzer-Bard approximate MVA
};

/// Figures for one component. Per-instance figures are the busiest instance's;
/// arrival, throughput and the queue lengths are totals over all instances.
/// An empty optional is an infinite value (a saturated queue).
struct ComponentResult {
    ComponentKind kind = ComponentKind::Station;
    Method method = Method::None;
    double arrivalRps = 0.0;
    double throughputRps = 0.0;
    double utilization = 0.0;        ///< busiest instance, carried load (offered when saturated)
    double offeredUtilization = 0.0; ///< busiest instance, offered load
    double waitProbability = 0.0;
    double blockingProbability = 0.0;
    std::optional<double> meanWaitMs;
    std::optional<double> meanResponseMs;
    std::optional<double> avgResponseMs;
    std::optional<double> p50ResponseMs;
    std::optional<double> p95ResponseMs;
    std::optional<double> p99ResponseMs;
    std::optional<double> meanQueueLength;
    std::optional<double> meanInSystem;
    std::optional<double> headroomMultiplier;
    double visitsPerRequest = 0.0;   ///< sync visits per external request (open) or per cycle (closed)
    bool saturated = false;
    bool approximate = false;
};

struct ReplicationResult {
    std::size_t replica = 0; ///< component index
    std::size_t primary = 0;
    double writeRps = 0.0;
    double applyUtilization = 0.0;
    std::optional<double> meanLagMs;
    std::optional<double> p99LagMs;
    double lagGrowthMsPerS = 0.0;
    bool saturated = false;
};

struct PoolResult {
    std::size_t link = 0; ///< link index in the model
    std::size_t from = 0;
    std::size_t to = 0;
    std::int64_t poolSize = 0;
    double perInstanceRps = 0.0;
    std::optional<double> holdMs;
    std::optional<double> utilization;
    double waitProbability = 0.0;
    std::optional<double> meanWaitMs;
    std::int64_t connectionsTotal = 0;
    std::optional<std::int64_t> maxConnections;
    bool saturated = false;
};

/// The answer to one solve. `components` is parallel to the model's components
/// (clients included, with Method::None).
struct SolveResult {
    double multiplier = 1.0;
    Workload workload = Workload::Open;
    Status status = Status::Ok;
    bool stable = true;
    double throughputRps = 0.0;
    std::optional<double> meanResponseMs;
    std::optional<std::size_t> bottleneck;
    std::optional<double> maxMultiplier;
    std::vector<ComponentResult> components;
    std::vector<ReplicationResult> replication;
    std::vector<PoolResult> pools;
    Issues warnings;
};

} // namespace headroom::engine
