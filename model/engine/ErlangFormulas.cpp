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
    // The divisions do not depend on the running value, so they pipeline; the
    // dependency chain is one multiply and one add per server. (std::fma would be a
    // library call without -mfma.)
    double inverse = 1.0;
    for (std::int64_t n = 1; n <= c; ++n) {
        inverse = 1.0 + inverse * (static_cast<double>(n) / a);
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

} // namespace headroom::engine
