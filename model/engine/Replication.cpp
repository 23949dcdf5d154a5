// SPDX-License-Identifier: MIT
#include "Replication.h"

#include <cmath>

namespace headroom::engine {

LagFigures replicationLag(double writeRps, double applyMs, double delayMs)
{
    LagFigures lag;
    lag.applyUtilization = writeRps * applyMs / 1000.0;
    if (lag.applyUtilization >= 1.0) {
        lag.saturated = true;
        lag.lagGrowthMsPerS = (lag.applyUtilization - 1.0) * 1000.0;
        return lag;
    }
    const double stretched = applyMs / (1.0 - lag.applyUtilization);
    lag.meanLagMs = delayMs + stretched;
    lag.p99LagMs = delayMs + std::log(100.0) * stretched;
    return lag;
}

double staleReadProbability(double writeRps, double applyMs, double delayMs, double afterMs)
{
    if (afterMs < delayMs)
        return 1.0;
    const double mu = 1000.0 / applyMs;
    if (writeRps >= mu)
        return 1.0;
    return std::exp(-(mu - writeRps) * (afterMs - delayMs) / 1000.0);
}

} // namespace headroom::engine
