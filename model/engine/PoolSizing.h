// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "PlanDefaults.h"
#include "Solver.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace headroom::engine {

/// One pool size of the sizing curve.
struct PoolSizePoint {
    std::int64_t poolSize = 0;
    std::optional<double> utilization; ///< empty when the hold time is infinite
    double waitProbability = 1.0;      ///< 1 for a saturated size
    std::optional<double> meanWaitMs;  ///< empty for a saturated size
};

/// How big the connection pool on one link should be (spec section 7).
struct PoolSizing {
    std::size_t link = 0;
    double perInstanceRps = 0.0;
    std::optional<double> holdMs;                  ///< database response + pool overhead; empty if saturated
    std::int64_t callerInstances = 1;
    std::int64_t currentPoolSize = 0;
    std::optional<std::int64_t> smallestStableSize; ///< empty when no size is stable
    std::vector<PoolSizePoint> series;             ///< sizes 1..N
    double targetWait = kDefaultTargetWait;
    std::optional<std::int64_t> recommendedPoolSize;
    std::optional<std::int64_t> perNodeBudget;     ///< floor(max_connections / caller instances)
    std::optional<std::int64_t> connectionsAtRecommended;      ///< this link's pools at the recommended size
    std::int64_t otherPooledConnections = 0;       ///< pools of other links into the same database
    std::optional<std::int64_t> maxConnections;
    std::optional<double> pooledResponseMs;        ///< pool wait at the recommended size + database response
    std::optional<double> unpooledResponseMs;      ///< connect_ms + database response
    std::optional<double> databaseResponseMs;
    Status status = Status::Ok;                    ///< of the solve at the multiplier
};

/// The most pool sizes a curve is drawn or printed for (`--max-size`, a chart reaching a
/// link's current size): a pool_size of 10,000,000 must not make a chart of ten million
/// points (a report once took 11 s and gigabytes).
inline constexpr std::int64_t kMostPoolSizes = 100'000;

/// Pool sizing for the pooled link `link` at `multiplier`. Sizes 1..maxSize (default
/// four times the smallest stable size). Uses the Erlang B recursion size by size,
/// so the whole curve costs O(N).
Checked<PoolSizing> poolSizing(const Solver& solver, std::size_t link, double multiplier,
                               std::optional<std::int64_t> maxSize, double targetWait);

/// The pooled link from `from` to `to`, or an issue saying why there is none.
Checked<std::size_t> findPooledLink(const Model& model, std::string_view from, std::string_view to);

} // namespace headroom::engine
