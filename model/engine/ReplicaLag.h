// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Replication.h"
#include "Solver.h"

#include <optional>
#include <span>
#include <vector>

namespace headroom::engine {

struct LagPoint {
    double multiplier = 1.0;
    double writeRps = 0.0;
    LagFigures lag;
    Status status = Status::Ok; ///< of the traffic (or closed solve) the write stream comes from
};

struct StaleReadPoint {
    double afterMs = 0.0;
    double probability = 1.0;
};

/// How far one replica falls behind as traffic grows (spec section 7).
struct ReplicaLagAnswer {
    std::size_t replica = 0;
    std::size_t primary = 0;
    std::optional<double> saturatesAt;      ///< multiplier where the apply thread reaches 1; empty: never
    std::vector<LagPoint> series;
    double staleReadMultiplier = 1.0;       ///< the model's own multiplier
    std::vector<StaleReadPoint> staleRead;  ///< P(lag > t) on a grid that reaches the p99 lag
    std::optional<double> readYourWritesMs; ///< t where P(lag > t) falls to 1% (the p99 lag)
    Status status = Status::Ok;             ///< the worst of the series' points
};

/// The replica `id` must be a database with role replica fed by a replication link.
Checked<std::size_t> findReplica(const Model& model, std::string_view id);

/// Replica lag against the multiplier, and the stale-read curve at `ownMultiplier`.
ReplicaLagAnswer replicaLag(const Solver& solver, std::size_t replica, std::span<const double> multipliers,
                            double ownMultiplier);

} // namespace headroom::engine
