// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace headroom::engine {

/// A group of identical stations of a closed network (the instances of one
/// component that get the same share of its traffic).
struct MvaStation {
    double visits = 0.0;       ///< visits per cycle to one station of the group
    double serviceMs = 0.0;    ///< mean service time per visit
    std::int64_t servers = 1;  ///< c; ignored for a delay station
    bool delay = false;        ///< infinite servers (a fixed latency)
    double multiplicity = 1.0; ///< how many identical stations the group holds
};

struct MvaStationResult {
    double responseMs = 0.0;      ///< per visit, R
    double queueLength = 0.0;     ///< mean number at one station, Q
    double waitProbability = 0.0; ///< an arriving request finds all servers busy
    /// Mean number waiting, Lq, and the mean wait per visit, W = Lq / (X V): from sums of
    /// positive terms (X D Q(N-1) for one server, sum (j - c) p_j for several), not as
    /// Q - X D and R - S, which cancel when little waits.
    double waitingCount = 0.0;
    double waitMs = 0.0;
};

struct MvaResult {
    double throughputPerMs = 0.0; ///< cycles per ms, X
    double cycleResponseMs = 0.0; ///< sum of visits times response over all stations
    std::vector<MvaStationResult> stations;
    bool approximate = false;     ///< Schweitzer-Bard approximate MVA was used
    bool converged = true;        ///< the approximate iteration settled (the exact solution always does)
};

/// Above this much work the exact solution is replaced by approximate MVA. The work
/// of the exact solution is users times the servers summed over every station
/// (instances counted one by one), times one pass per multi-server group.
inline constexpr double kExactMvaBudget = 5e7;
/// A multi-server station with more servers than this (and fewer than the users)
/// would overflow the convolution's coefficients; such networks use approximate MVA.
inline constexpr std::int64_t kExactMvaLargestStation = 600;

/// Mean value analysis of a closed network with `users` customers and think time Z.
/// Exact: the normalising constants G(n) of the product-form network (Buzen's
/// convolution, with c-server stations f(j) = D^j / (min(j,c)! c^max(j-c,0))),
/// computed column by column in n and rescaled so that G(n) s(n) = 1, where the
/// scale s(n) = X(1)...X(n) is the throughput itself. Every partial network then
/// stays in (0, 1] and all terms are positive, so nothing cancels. This gives the
/// same numbers as load-dependent MVA (Reiser and Lavenberg; Bolch et al. 8.2)
/// without its instability: that recursion finds p_k(0 | n) by subtraction and
/// diverges for busy multi-server stations. Single-server and delay stations then
/// follow MVA's Q_k(n) = X(n) D_k (1 + Q_k(n-1)) with the exact X(n); each
/// multi-server group gets a pass with it convolved last, which yields its
/// marginal probabilities against the rest of the network.
/// Beyond kExactMvaBudget, Schweitzer-Bard approximate MVA with Seidmann's
/// multi-server decomposition, marked approximate.
MvaResult solveMva(std::span<const MvaStation> stations, std::int64_t users, double thinkMs);

/// The exact work of solveMvaExact in elementary steps (see kExactMvaBudget).
double exactMvaWork(std::span<const MvaStation> stations, std::int64_t users);

/// Only the exact solution (for tests that compare it with other methods).
MvaResult solveMvaExact(std::span<const MvaStation> stations, std::int64_t users, double thinkMs);
/// Only the approximation.
MvaResult solveMvaApproximate(std::span<const MvaStation> stations, std::int64_t users, double thinkMs);

} // namespace headroom::engine
