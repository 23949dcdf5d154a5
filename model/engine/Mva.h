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
};

struct MvaResult {
    double throughputPerMs = 0.0; ///< cycles per ms, X
    double cycleResponseMs = 0.0; ///< sum of visits times response over all stations
    std::vector<MvaStationResult> stations;
    bool approximate = false;     ///< Schweitzer-Bard approximate MVA was used
};

/// Above this much work (users times the sum of servers of the multi-server
/// stations, plus users times the number of stations) the exact recursion is
/// replaced by approximate MVA.
inline constexpr double kExactMvaBudget = 5e7;

/// Exact mean value analysis of a closed network with `users` customers and
/// think time Z: R_k(n) = S_k (1 + Q_k(n-1)) for one server,
/// R_k(n) = S_k / c_k (1 + Q_k(n-1) + sum_{j=0}^{c_k-2} (c_k-1-j) p_k(j | n-1)) for c_k servers
/// (load-dependent MVA, Reiser and Lavenberg; Bolch et al. section 8.2),
/// X(n) = n / (Z + sum_k V_k R_k(n)), Q_k(n) = X(n) V_k R_k(n).
/// Beyond kExactMvaBudget, Schweitzer-Bard approximate MVA with Seidmann's
/// multi-server decomposition, marked approximate.
MvaResult solveMva(std::span<const MvaStation> stations, std::int64_t users, double thinkMs);

/// Only the exact recursion (for tests that compare it with other methods).
MvaResult solveMvaExact(std::span<const MvaStation> stations, std::int64_t users, double thinkMs);
/// Only the approximation.
MvaResult solveMvaApproximate(std::span<const MvaStation> stations, std::int64_t users, double thinkMs);

} // namespace headroom::engine
