// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>

namespace headroom::engine {

/// Reciprocal of Erlang B, 1 / B(c, a), by the recursion
/// 1/B(n) = 1 + (n / a) * 1/B(n-1), 1/B(0) = 1. It has no factorials or powers,
/// so it stays accurate for c up to millions. Returns +infinity once B would be
/// below 1e-300 (the recursion only grows from there).
/// @pre c >= 0, a >= 0 and finite.
double inverseErlangB(std::int64_t c, double a);

/// Erlang B: the probability that all c servers are busy in M/M/c/c with offered load a Erlangs.
double erlangB(std::int64_t c, double a);

/// Erlang C: the probability that an arrival waits in M/M/c,
/// C = 1 / (rho + (1 - rho) / B) with rho = a / c. Returns 1 when a >= c.
double erlangC(std::int64_t c, double a);

/// Erlang C from an already computed 1/B (avoids a second recursion).
double erlangCFromInverseB(std::int64_t c, double a, double inverseB);

/// The spare capacity of c servers of mean service time S ms offered lambda per second:
/// 1000 c - lambda S, which is 1000 c (1 - rho) (ms of idle server time per second).
/// Rounded once (fma), so its sign says exactly whether the servers saturate, and it
/// keeps full relative precision next to saturation, where c mu - lambda or 1 - rho
/// computed from rounded rates lose eps / (1 - rho) of it. c mu - lambda = spare / S.
inline double spareCapacity(double lambdaPerS, double serviceMs, double servers)
{
    return std::fma(-lambdaPerS, serviceMs, 1000.0 * servers);
}

/// The largest double below 1: what an unsaturated utilization is kept at or under, so
/// that a figure rounded up to 1 never contradicts the exact decision above.
inline constexpr double kLargestBelowOne = 1.0 - 0x1p-53;

/// The wait for one of P connections of a pool (M/M/P) held H ms on average and asked
/// for lambda times per second.
struct PoolWait {
    bool saturated = false;
    double waitProbability = 1.0;     ///< Erlang C; 1 when saturated
    std::optional<double> meanWaitMs; ///< C / (P / H - lambda), empty when saturated
};

/// From Erlang B for P connections at the offered load lambda H / 1000 (callers that
/// walk pool sizes keep B by its recursion): C = B / (1 - rho + rho B) and the mean wait
/// C H / (1 - rho) / P, with 1 - rho from the spare capacity, so nothing cancels near
/// saturation.
PoolWait poolWait(double lambdaPerS, double holdMs, std::int64_t size, double erlangB);

} // namespace headroom::engine
