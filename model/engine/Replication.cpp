// SPDX-License-Identifier: MIT
#include "Replication.h"

#include "ErlangFormulas.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

LagFigures replicationLag(double writeRps, double applyMs, double delayMs)
{
    LagFigures lag;
    lag.applyUtilization = writeRps * applyMs / 1000.0;
    // 1000 (1 - rho), exact in sign and precise next to saturation (ErlangFormulas.h).
    const double spare = spareCapacity(writeRps, applyMs, 1.0);
    if (!(spare > 0.0)) {
        lag.saturated = true;
        lag.applyUtilization = std::max(lag.applyUtilization, 1.0);
        lag.lagGrowthMsPerS = -spare; // (rho - 1) 1000
        return lag;
    }
    lag.applyUtilization = std::min(lag.applyUtilization, kLargestBelowOne);
    const double stretched = applyMs * 1000.0 / spare; // apply_ms / (1 - rho)
    lag.meanLagMs = delayMs + stretched;
    lag.p99LagMs = delayMs + std::log(100.0) * stretched;
    return lag;
}

double staleReadProbability(double writeRps, double applyMs, double delayMs, double afterMs)
{
    if (afterMs < delayMs)
        return 1.0;
    const double spare = spareCapacity(writeRps, applyMs, 1.0);
    if (!(spare > 0.0))
        return 1.0;
    // mu - w = spare / apply_ms per second.
    return std::exp(-(spare / applyMs) * (afterMs - delayMs) / 1000.0);
}

} // namespace headroom::engine
