// SPDX-License-Identifier: MIT
#pragma once

#include "Queueing.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace headroom::engine {

/// P(Erlang(k, c mu) + Exp(mu) <= t) for k = 0..kmax, written into `out`: the
/// chance that a request that finds k others queued ahead of it (c servers busy)
/// is answered within t. By uniformisation at rate c mu it is
/// sum_{j>=k} Pois(j; c mu t) (1 - r^(j-k)) with r = 1 - 1/c, evaluated by a
/// backward recursion over positive terms only, so nothing cancels.
/// `scratch` is reused between calls to avoid allocation.
void waitPlusServiceWithin(double muPerMs, std::int64_t servers, double tMs, std::size_t kmax,
                           std::vector<double>& out, std::vector<double>& scratch);

/// The response-time distribution of one instance of a station (FCFS).
class ResponseTime {
public:
    /// From the figures of analyzeQueue. Empty for a saturated unbounded queue.
    static std::optional<ResponseTime> of(const QueueInput& input, const QueueMetrics& metrics);
    /// A fixed delay (external dependencies).
    static ResponseTime constant(double ms);

    /// P(T <= t), t in ms.
    [[nodiscard]] double within(double tMs) const;
    /// P(T > t).
    [[nodiscard]] double exceeds(double tMs) const;
    /// The smallest t with P(T <= t) >= p, for 0 < p < 1, to a relative 1e-12.
    [[nodiscard]] double percentile(double p) const;

private:
    enum class Shape : std::uint8_t { Constant, ErlangMix, FiniteCapacity };
    ResponseTime() = default;

    Shape m_shape = Shape::Constant;
    double m_constantMs = 0.0;
    double m_mu = 0.0;        ///< per ms
    double m_waitProb = 0.0;  ///< ErlangMix: P(wait)
    double m_theta = 0.0;     ///< ErlangMix: rate of the conditional wait, per ms
    std::int64_t m_servers = 1;
    std::int64_t m_queueRoom = 0; ///< FiniteCapacity: K - c
    double m_below = 1.0;
    double m_logFirstQueued = 0.0;
    double m_logRho = 0.0;
    double m_meanMs = 0.0;
};

} // namespace headroom::engine
