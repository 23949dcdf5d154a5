// SPDX-License-Identifier: MIT
#pragma once

// Independent reference computations for the analysis tests: direct sums in long
// double, written without the engine's recursions.

#include <cmath>
#include <cstdint>
#include <vector>

namespace headroom::testing {

/// Erlang C by the textbook sum: (a^c/c!)(c/(c-a)) / (sum_{k<c} a^k/k! + (a^c/c!)(c/(c-a))).
inline double bruteErlangC(int c, double a)
{
    long double term = 1.0L;
    long double sum = 0.0L;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= static_cast<long double>(a) / (k + 1);
    }
    const long double last = term * c / (c - static_cast<long double>(a));
    return static_cast<double>(last / (sum + last));
}

/// Stationary probabilities p_0..p_K of M/M/c/K with offered load a.
inline std::vector<long double> bruteMmckDistribution(int c, int capacity, double a)
{
    std::vector<long double> p(static_cast<std::size_t>(capacity) + 1);
    p[0] = 1.0L;
    for (int n = 1; n <= capacity; ++n)
        p[static_cast<std::size_t>(n)] = p[static_cast<std::size_t>(n - 1)] * a / std::min(n, c);
    long double total = 0.0L;
    for (const long double x : p)
        total += x;
    for (long double& x : p)
        x /= total;
    return p;
}

/// P(Poisson(x) >= k) by summing the lower terms.
inline long double poissonAtLeast(int k, long double x)
{
    long double term = std::exp(-x);
    long double below = 0.0L;
    for (int j = 0; j < k; ++j) {
        below += term;
        term *= x / (j + 1);
    }
    return 1.0L - below;
}

/// P(Erlang(k, nu) + Exp(mu) <= t) for nu > mu by the hypoexponential closed form
/// P(W <= t) - e^{-mu t} (nu / (nu - mu))^k P(Gamma(k, nu - mu) <= t); for nu == mu it is
/// an Erlang(k + 1, mu). Rates per ms, t in ms.
inline double bruteWaitPlusService(int k, double nu, double mu, double t)
{
    if (k == 0)
        return static_cast<double>(1.0L - std::exp(-static_cast<long double>(mu) * t));
    if (nu == mu)
        return static_cast<double>(poissonAtLeast(k + 1, static_cast<long double>(mu) * t));
    const long double wait = poissonAtLeast(k, static_cast<long double>(nu) * t);
    const long double ratio = std::pow(static_cast<long double>(nu) / (nu - mu), k);
    const long double gamma = poissonAtLeast(k, static_cast<long double>(nu - mu) * t);
    return static_cast<double>(wait - std::exp(-static_cast<long double>(mu) * t) * ratio * gamma);
}

/// Goodput of M/M/c/K: lambda sum_{n<K} p_n P(answered within t | finds n). Rates per second, times in ms.
inline double bruteGoodput(double lambda, double serviceMs, int c, int capacity, double timeoutMs)
{
    const double mu = 1.0 / serviceMs;
    const auto p = bruteMmckDistribution(c, capacity, lambda * serviceMs / 1000.0);
    long double good = 0.0L;
    for (int n = 0; n < capacity; ++n) {
        const int k = n < c ? 0 : n - c + 1;
        good += p[static_cast<std::size_t>(n)] * bruteWaitPlusService(k, c * mu, mu, timeoutMs);
    }
    return static_cast<double>(lambda * good);
}

} // namespace headroom::testing
