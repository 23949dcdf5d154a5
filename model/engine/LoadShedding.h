// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Solver.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace headroom::engine {

struct ShedPoint {
    double multiplier = 1.0;
    double offeredRps = 0.0;
    double goodputRps = 0.0;         ///< admitted and answered within the timeout
    double rejectedFraction = 0.0;
    std::optional<double> meanResponseMs; ///< empty past saturation without a bound
};

/// Goodput with and without a bounded queue on one station (spec section 7).
struct LoadSheddingAnswer {
    std::size_t component = 0;
    std::int64_t capacity = 0;                 ///< K used for the curve with shedding
    std::int64_t recommendedCapacity = 0;      ///< the shortest queue that keeps 99% of the best goodput
    double timeoutMs = 1000.0;
    std::vector<ShedPoint> withShedding;
    std::vector<ShedPoint> withoutShedding;
    Status status = Status::Ok; ///< NotConverged when the offered traffic did not settle at some multiplier
};

/// The component `id` must be a queueing station.
Checked<std::size_t> findShedComponent(const Model& model, std::string_view id);

/// Load shedding curves for station `component` over `multipliers`. K is `capacity`,
/// else the component's own capacity, else the recommended capacity: the smallest
/// K >= servers whose goodput at the highest multiplier is at least 99% of the best
/// goodput of any K up to servers + 10000 (or of no bound, where that is stable).
LoadSheddingAnswer loadShedding(const Solver& solver, std::size_t component, std::optional<std::int64_t> capacity,
                                double timeoutMs, std::span<const double> multipliers);

/// Goodput of one instance-group for every K from c to c + extra (index K - c): the
/// rate admitted and answered within the timeout, lambda sum_{n<K} p_n g_n, where g_n
/// is the chance that an arrival finding n in the system is answered in time.
std::vector<double> goodputByCapacity(double arrivalRps, double serviceMs, std::int64_t servers, double timeoutMs,
                                      std::int64_t extra);

} // namespace headroom::engine
