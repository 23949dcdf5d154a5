// SPDX-License-Identifier: MIT
#pragma once

// Reference figures for the engine's tests, computed a different way from the
// engine on purpose: from the birth-death state probabilities (term sums and
// log-space sums in long double) rather than the engine's recursion on 1/B,
// closed-form geometric tails and Erlang C. Nothing here calls the engine.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace headroom::testing::reference {

using Real = long double;

/// Erlang B from its definition, (a^c / c!) / sum_{k<=c} a^k / k!, with the terms
/// built as t_k = t_{k-1} a / k in long double. Good while the terms stay in
/// long double's range (a up to about 10000).
inline Real erlangBTermSum(std::int64_t c, Real a)
{
    Real term = 1.0L;
    Real sum = 1.0L;
    for (std::int64_t k = 1; k <= c; ++k) {
        term *= a / static_cast<Real>(k);
        sum += term;
    }
    return term / sum;
}

/// Erlang B and C from log-weights ln(a^k / k!) = k ln a - lgamma(k + 1), summed
/// relative to their largest term. Works for any c (100000 and beyond).
struct Erlang {
    Real b = 0.0L;
    Real c = 0.0L;
};

/// sum_{k<c} a^k / k! and a^c / c!, both scaled by the same factor (the largest term), so
/// that neither overflows for thousands of servers: the ratios are all the formulas use.
struct ScaledErlangTerms {
    Real below = 0.0L;
    Real atC = 0.0L;
};

inline ScaledErlangTerms scaledErlangTerms(std::int64_t servers, Real a)
{
    const Real logA = std::log(a);
    const auto logWeight = [&](std::int64_t k) {
        return static_cast<Real>(k) * logA - std::lgamma(static_cast<Real>(k) + 1.0L);
    };
    Real top = -std::numeric_limits<Real>::infinity();
    for (std::int64_t k = 0; k <= servers; ++k)
        top = std::max(top, logWeight(k));
    ScaledErlangTerms out;
    for (std::int64_t k = 0; k < servers; ++k)
        out.below += std::exp(logWeight(k) - top);
    out.atC = std::exp(logWeight(servers) - top);
    return out;
}

inline Erlang erlangLogSpace(std::int64_t servers, Real a)
{
    if (servers == 0)
        return {1.0L, 1.0L};
    if (a <= 0.0L)
        return {0.0L, 0.0L};
    const auto [below, last] = scaledErlangTerms(servers, a);
    Erlang out;
    out.b = last / (below + last);
    const Real c = static_cast<Real>(servers);
    if (a >= c) {
        out.c = 1.0L;
    } else {
        // States c, c+1, ... carry a^c / c! * rho^m: a geometric series.
        const Real queued = last * c / (c - a);
        out.c = queued / (below + queued);
    }
    return out;
}

/// M/M/c from the textbook state probabilities (Gross and Harris, section 2.3):
/// p_0 = 1 / (sum_{k<c} a^k/k! + a^c / (c! (1 - rho))),
/// Lq = p_0 a^c rho / (c! (1 - rho)^2), Wq = Lq / lambda, W = Wq + 1/mu, L = Lq + a.
struct Mmc {
    Real waitProbability = 0.0L;
    Real lq = 0.0L;
    Real l = 0.0L;
    Real wqSeconds = 0.0L;
    Real rSeconds = 0.0L;
};

inline Mmc mmc(std::int64_t servers, Real lambda, Real mu)
{
    Mmc out;
    const Real a = lambda / mu;
    const Real c = static_cast<Real>(servers);
    const Real rho = a / c;
    if (lambda <= 0.0L) {
        out.rSeconds = 1.0L / mu;
        return out;
    }
    const auto [below, atC] = scaledErlangTerms(servers, a);
    const Real p0 = 1.0L / (below + atC / (1.0L - rho));
    out.waitProbability = p0 * atC / (1.0L - rho);
    out.lq = p0 * atC * rho / ((1.0L - rho) * (1.0L - rho));
    out.wqSeconds = out.lq / lambda;
    out.rSeconds = out.wqSeconds + 1.0L / mu;
    out.l = out.lq + a;
    return out;
}

/// M/M/c/K by brute force over the K + 1 birth-death states, in log space
/// (w_n = a^n / n! for n <= c, w_c rho^(n-c) above), normalised by the largest.
struct Mmck {
    std::vector<Real> p; ///< p_0 .. p_K
    Real blocking = 0.0L;
    Real throughput = 0.0L; ///< admitted, per second
    Real l = 0.0L;
    Real lq = 0.0L;
    Real rSeconds = 0.0L;
    Real wqSeconds = 0.0L;
    Real waitProbability = 0.0L; ///< an admitted arrival finds all servers busy
    Real utilization = 0.0L;     ///< mean busy servers / c
};

inline Mmck mmck(std::int64_t servers, std::int64_t capacity, Real lambda, Real mu)
{
    Mmck out;
    const auto states = static_cast<std::size_t>(capacity) + 1;
    std::vector<Real> logW(states, 0.0L);
    if (lambda <= 0.0L) {
        out.p.assign(states, 0.0L);
        out.p[0] = 1.0L;
        out.rSeconds = 1.0L / mu;
        return out;
    }
    // ln w_n = n ln a - ln n! up to c, then ln w_c + (n - c) ln rho: written out
    // for every n rather than accumulated, so a million states lose no accuracy.
    const Real logA = std::log(lambda) - std::log(mu);
    const Real c = static_cast<Real>(servers);
    const Real logRho = logA - std::log(c);
    const Real logAtC = c * logA - std::lgamma(c + 1.0L);
    for (std::size_t n = 1; n < states; ++n) {
        const Real nn = static_cast<Real>(n);
        logW[n] = nn <= c ? nn * logA - std::lgamma(nn + 1.0L) : logAtC + (nn - c) * logRho;
    }
    const Real top = *std::max_element(logW.begin(), logW.end());
    out.p.resize(states);
    Real total = 0.0L;
    for (std::size_t n = 0; n < states; ++n) {
        out.p[n] = std::exp(logW[n] - top);
        total += out.p[n];
    }
    for (Real& p : out.p)
        p /= total;
    Real busy = 0.0L;
    Real queuedAdmitted = 0.0L;
    for (std::size_t n = 0; n < states; ++n) {
        const Real nn = static_cast<Real>(n);
        out.l += nn * out.p[n];
        if (nn > c)
            out.lq += (nn - c) * out.p[n];
        busy += std::min(nn, c) * out.p[n];
        if (nn >= c && n + 1 < states)
            queuedAdmitted += out.p[n];
    }
    out.blocking = out.p.back();
    out.throughput = lambda * (1.0L - out.blocking);
    out.rSeconds = out.l / out.throughput;
    out.wqSeconds = out.lq / out.throughput;
    out.waitProbability = queuedAdmitted / (1.0L - out.blocking);
    out.utilization = busy / c;
    return out;
}

/// P(Poisson(x) >= k) from positive terms only: summed upwards from k when k > x (the
/// terms fall from there), else 1 - P(Poisson(x) < k) summed downwards from k - 1 (that
/// lower tail is at most about a half, so the subtraction keeps its accuracy).
inline Real poissonUpperTail(std::int64_t k, Real x)
{
    if (k <= 0)
        return 1.0L;
    if (x <= 0.0L)
        return 0.0L;
    const auto logTerm = [x](std::int64_t j) {
        const Real jj = static_cast<Real>(j);
        return std::exp(-x + jj * std::log(x) - std::lgamma(jj + 1.0L));
    };
    Real sum = 0.0L;
    if (static_cast<Real>(k) > x) {
        Real term = logTerm(k);
        for (std::int64_t j = k;; ++j) {
            sum += term;
            term *= x / static_cast<Real>(j + 1);
            if (term < sum * 1e-22L || term == 0.0L)
                break;
        }
        return sum;
    }
    Real term = logTerm(k - 1);
    for (std::int64_t j = k - 1; j >= 0; --j) {
        sum += term;
        term *= static_cast<Real>(j) / x;
        if (term < sum * 1e-22L || term == 0.0L)
            break;
    }
    return 1.0L - sum;
}

/// P(Erlang(k, rate) <= t) = P(Poisson(rate t) >= k).
inline Real erlangCdf(std::int64_t k, Real rate, Real t)
{
    return poissonUpperTail(k, rate * t);
}

} // namespace headroom::testing::reference
