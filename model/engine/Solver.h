// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Model.h"
#include "Queueing.h"
#include "Result.h"
#include "Traffic.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace headroom::engine {

struct SolveOptions {
    double multiplier = 1.0; ///< scales every rate_rps (open) or users (closed, rounded)
    /// Percentiles (a root search each) and warnings in words. Sweeps and charts
    /// leave them out; every figure they do use is the same either way.
    bool details = true;
};

/// A station's parameters with defaults applied, as the formulas use them.
struct StationParams {
    ComponentKind kind = ComponentKind::Station;
    std::int64_t servers = 1;
    std::int64_t instances = 1;
    double hottestShare = 1.0; ///< share of the busiest instance
    double serviceMs = 1.0;
    double serviceCv = 1.0;
    std::optional<std::int64_t> capacity;
    double latencyMs = 0.0;    ///< external only
    double costPerInstanceMonth = 0.0;

    [[nodiscard]] bool queueing() const { return isStation(kind); }
    /// Share of each of the other instances, (1 - hottest) / (instances - 1).
    [[nodiscard]] double otherShare() const;
};

/// The figures of every instance of one station at one arrival rate.
struct StationLoad {
    double offeredRps = 0.0; ///< the total arrival rate it was evaluated at
    QueueMetrics busiest;
    std::optional<QueueMetrics> others; ///< when instances > 1
    double admittedRps = 0.0;
    double admittedDerivative = 1.0;
};

/// The traffic of an open workload at one multiplier.
struct TrafficState {
    std::vector<double> arrival; ///< offered rate into each component (clients: their own rate)
    std::vector<double> pass;    ///< admitted share of each component's arrivals, 1 - B
    std::vector<double> sync;    ///< rate that reaches each component over sync paths only
    bool converged = true;       ///< the load-shedding fixed point settled
    /// Shedding stations' figures at their final arrival rate, from the fixed point, so
    /// they are not evaluated twice: one slot per station with a capacity, in component
    /// order, empty when nothing sheds.
    std::vector<std::optional<StationLoad>> sheddingLoads;
};

/// Storage for repeated solves: a sweep passes the same workspace to every point, so
/// it allocates on the first point only (the what-if slider and the charts re-solve per tick).
struct SolveWorkspace {
    TrafficState traffic;
    SolveResult result;
};

/// Evaluates one station (all its instances) at a total arrival rate.
StationLoad loadStation(const StationParams& params, double arrivalRps, std::optional<std::int64_t> capacity);

/// A model compiled for solving: validated once, its routing analysed once,
/// then solved as often as a what-if slider needs.
class Solver {
public:
    /// Validates the model (errors name the component and field) and compiles its routing
    /// (a loop with gain >= 1 is an error).
    static Checked<Solver> create(Model model);

    [[nodiscard]] SolveResult solve(const SolveOptions& options = {}) const;
    /// The same figures as solve(options), written into `workspace.result` (returned),
    /// reusing the workspace's storage.
    const SolveResult& solve(const SolveOptions& options, SolveWorkspace& workspace) const;

    /// Whether the figures at `multiplier` stay within what a double carries: every
    /// arrival rate, offered load (rate x service_ms), rate x latency_ms, write stream
    /// x apply_ms and pooled rate x pool_overhead_ms at most 1e300 (a closed workload
    /// bounds its rates by N / (think + the cycle's service demand)). create() checks
    /// multiplier 1; whoever solves at other multipliers checks those.
    [[nodiscard]] Issues checkMagnitudes(double multiplier) const;

    /// Only the traffic of an open workload: linear in the multiplier unless
    /// something sheds, when the fixed point is solved (only shedding stations are evaluated).
    /// @pre workload() == Workload::Open
    [[nodiscard]] TrafficState traffic(double multiplier) const;
    /// The same, written into `into` (its storage reused).
    void traffic(double multiplier, TrafficState& into) const;

    [[nodiscard]] const Model& model() const { return m_model; }
    [[nodiscard]] Workload workload() const { return m_workload; }
    [[nodiscard]] const Issues& validationWarnings() const { return m_warnings; }
    [[nodiscard]] const StationParams& params(std::size_t component) const { return m_params[component]; }
    /// Sum of rate_rps over the open clients at multiplier 1.
    [[nodiscard]] double externalRate() const { return m_externalRate; }
    /// Whether some station sheds load (has a capacity), so traffic is not linear in the multiplier.
    [[nodiscard]] bool sheds() const { return m_sheddingStations > 0; }
    /// Offered arrival rate of every component at multiplier 1 with nothing shed
    /// (open workloads; it scales linearly with the multiplier).
    [[nodiscard]] std::span<const double> unitTraffic() const { return m_unitTraffic; }
    /// Traffic carried by a link (requests per second) for given arrival rates and admitted fractions.
    [[nodiscard]] double linkTraffic(std::size_t link, std::span<const double> arrival,
                                     std::span<const double> pass) const;
    /// Monthly cost of the model as it stands.
    [[nodiscard]] double monthlyCost() const;

private:
    Solver(Model model, TrafficNetwork full, TrafficNetwork sync);

    void startResult(const SolveOptions& options, SolveResult& result) const;
    void solveOpen(const SolveOptions& options, SolveWorkspace& workspace) const;
    void solveClosed(const SolveOptions& options, SolveResult& result) const;
    void finish(SolveResult& result, std::span<const double> arrival, std::span<const double> pass,
                bool details) const;
    void addPools(SolveResult& result, std::span<const double> arrival, std::span<const double> pass,
                  bool details) const;
    void addReplication(SolveResult& result, bool details) const;
    void chooseBottleneck(SolveResult& result) const;

    Model m_model;
    Workload m_workload = Workload::Open;
    Issues m_warnings;
    std::vector<StationParams> m_params;
    std::vector<double> m_linkGain;      ///< per link: calls times (1 - hit ratio of a cache source)
    std::vector<LinkKind> m_linkKind;    ///< per link, default applied
    std::vector<std::size_t> m_linkFrom, m_linkTo;
    std::vector<std::size_t> m_pooledLinks;         ///< links with a pool_size
    std::vector<std::int64_t> m_pooledConnections;  ///< per component: pooled connections into it
    TrafficNetwork m_full;               ///< sync and async links
    TrafficNetwork m_sync;               ///< sync links only
    std::vector<double> m_unitGamma;     ///< external rate into each component at multiplier 1
    std::vector<double> m_unitSyncGamma;
    std::vector<double> m_unitTraffic;   ///< offered rates at multiplier 1, nothing shed
    std::vector<double> m_unitSync;      ///< sync-only rates at multiplier 1, nothing shed
    std::vector<double> m_unitVisits;    ///< sync visits per external request (or per cycle), nothing shed
    std::vector<bool> m_asyncFed;        ///< closed workloads: reached through an async link (from the links)
    double m_externalRate = 0.0;
    double m_users = 0.0;
    double m_thinkMs = 0.0;
    std::vector<std::uint32_t> m_sheddingSlot; ///< per component: its slot, or kNoSlot
    std::size_t m_sheddingStations = 0;        ///< stations with a capacity (open workloads)
    static constexpr std::uint32_t kNoSlot = UINT32_MAX;
};

/// Validate, compile and solve in one call.
Checked<SolveResult> solve(const Model& model, const SolveOptions& options = {});

} // namespace headroom::engine
