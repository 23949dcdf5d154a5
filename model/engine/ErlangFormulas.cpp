// SPDX-License-Identifier: MIT
#include "ErlangFormulas.h"

#include <cmath>
#include <limits>

namespace headroom::engine {

double inverseErlangB(std::int64_t c, double a)
{
    if (c <= 0)
        return 1.0;
    if (a <= 0.0)
        return std::numeric_limits<double>::infinity();
    // 1/B(n) = 1 + (n / a) / B(n-1), two steps at a time: 1/B(n+1) = 1 + t' + t' t / B(n-1)
    // with t = n / a, t' = (n + 1) / a. The terms do not depend on the running value, so
    // they pipeline, and the chain is one multiply and one add per two servers.
    // (std::fma would be a library call without -mfma.)
    const double perServer = 1.0 / a;
    double inverse = 1.0;
    std::int64_t n = 1;
    if (c % 2 == 1) {
        inverse = 1.0 + perServer;
        n = 2;
    }
    for (; n < c; n += 2) {
        const double t = static_cast<double>(n) * perServer;
        const double next = static_cast<double>(n + 1) * perServer;
        inverse = (1.0 + next) + (next * t) * inverse;
        if (inverse > 1e300)
            return std::numeric_limits<double>::infinity();
    }
    return inverse;
}

double erlangB(std::int64_t c, double a)
{
    const double inverse = inverseErlangB(c, a);
    return std::isinf(inverse) ? 0.0 : 1.0 / inverse;
}

double erlangCFromInverseB(std::int64_t c, double a, double inverseB)
{
    const double rho = a / static_cast<double>(c);
    if (rho >= 1.0)
        return 1.0;
    if (std::isinf(inverseB))
        return 0.0;
    return 1.0 / (rho + (1.0 - rho) * inverseB);
}

double erlangC(std::int64_t c, double a)
{
    if (a >= static_cast<double>(c))
        return 1.0;
    return erlangCFromInverseB(c, a, inverseErlangB(c, a));
}

PoolWait poolWait(double lambdaPerS, double holdMs, std::int64_t size, double erlangB)
{
    PoolWait out;
    const double p = static_cast<double>(size);
    const double spare = spareCapacity(lambdaPerS, holdMs, p);
    if (!(spare > 0.0)) {
        out.saturated = true;
        return out;
    }
    const double idle = spare / (1000.0 * p); // 1 - rho
    const double rho = lambdaPerS * holdMs / (1000.0 * p);
    out.waitProbability = erlangB / (idle + rho * erlangB);
    out.meanWaitMs = out.waitProbability * holdMs * 1000.0 / spare;
    return out;
}

} // namespace headroom::engine
