// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Solver.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace headroom::engine {

/// `steps` multipliers evenly spaced from `from` to `to`, both ends included exactly.
/// @pre steps >= 2
std::vector<double> evenlySpaced(double from, double to, int steps);

/// Checks a --from/--to/--steps range: steps >= 2, 0 <= from < to <= kMaxMultiplier.
Issues checkRange(double from, double to, int steps);

/// The largest multiplier accepted anywhere: beyond it rates stop meaning anything.
inline constexpr double kMaxMultiplier = 1e9;

/// Checks one multiplier: finite, 0 or more, at most kMaxMultiplier; an issue names `option`.
std::optional<Issue> checkMultiplier(double multiplier, std::string_view option);

/// The system-level figures of one solve.
struct SweepPoint {
    double multiplier = 1.0;
    Status status = Status::Ok;
    bool stable = true;
    double throughputRps = 0.0;
    std::optional<double> meanResponseMs;
    std::optional<std::size_t> bottleneck;
    double bottleneckUtilization = 0.0;
    std::optional<double> maxMultiplier;
    std::vector<std::size_t> saturated; ///< components saturated at this multiplier
};

/// One summary per multiplier, without percentiles.
std::vector<SweepPoint> sweep(const Solver& solver, std::span<const double> multipliers);

} // namespace headroom::engine
