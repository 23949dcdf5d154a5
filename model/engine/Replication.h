// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

namespace headroom::engine {

struct LagFigures {
    double applyUtilization = 0.0;
    std::optional<double> meanLagMs;
    std::optional<double> p99LagMs;
    double lagGrowthMsPerS = 0.0;
    bool saturated = false;
};

/// Replication lag of a replica that applies a write stream of w per second with
/// one thread (M/M/1, service apply_ms): rho = w apply_ms / 1000,
/// mean = delay + apply_ms / (1 - rho), p99 = delay + ln(100) apply_ms / (1 - rho);
/// rho >= 1: saturated, lag grows by (rho - 1) * 1000 ms per second.
LagFigures replicationLag(double writeRps, double applyMs, double delayMs);

/// P(lag > t): the chance a read t ms after a write still misses it,
/// e^(-(mu - w)(t - d) / 1000) for t >= d and 1 before (mu = 1000 / apply_ms).
double staleReadProbability(double writeRps, double applyMs, double delayMs, double afterMs);

} // namespace headroom::engine
