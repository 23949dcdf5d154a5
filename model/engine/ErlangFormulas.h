// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

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

} // namespace headroom::engine
