// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Kinds.h"
#include "engine/Result.h"
#include "engine/sim/Statistics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace headroom::engine::sim {

/// One component's simulated figures beside its formulas (spec section 9). Per-instance
/// figures are the busiest instance's; throughput and mean_in_system are totals.
/// An empty estimate has no value: nobody visited, or (diverging) no steady state.
struct ComponentSimulation {
    ComponentKind kind = ComponentKind::Station;
    bool simulated = false; ///< false for the clients, which are the workload
    bool diverging = false; ///< offered utilization >= 1: the backlog grows, there is no mean to report
    std::optional<Estimate> utilization;
    std::optional<Estimate> throughputRps;
    std::optional<Estimate> meanResponseMs;
    std::optional<Estimate> meanWaitMs;
    std::optional<Estimate> waitProbability;
    std::optional<Estimate> p50ResponseMs;
    std::optional<Estimate> p95ResponseMs;
    std::optional<Estimate> p99ResponseMs;
    std::optional<Estimate> blockingProbability;
    std::optional<Estimate> meanInSystem;
    std::optional<Estimate> backlogGrowthRps; ///< diverging components only
};

struct PoolSimulation {
    std::size_t link = 0; ///< model link index
    std::size_t from = 0;
    std::size_t to = 0;
    std::optional<Estimate> meanWaitMs;
    std::optional<Estimate> waitProbability;
};

struct ReplicaSimulation {
    std::size_t replica = 0;
    std::size_t primary = 0;
    bool diverging = false; ///< the apply thread cannot keep up: lag grows without bound
    std::optional<Estimate> meanLagMs;
    std::optional<Estimate> p99LagMs;
};

struct RetrySimulation {
    std::size_t link = 0;
    std::size_t from = 0;
    std::size_t to = 0;
    std::optional<Estimate> attemptsPerCall;
    std::optional<Estimate> successProbability;
};

struct SystemSimulation {
    std::optional<Estimate> arrivalRps; ///< requests issued per second (open: the external rate)
    std::optional<Estimate> throughputRps;
    std::optional<Estimate> meanResponseMs;
    std::optional<Estimate> p50ResponseMs;
    std::optional<Estimate> p95ResponseMs;
    std::optional<Estimate> p99ResponseMs;
    std::optional<Estimate> rejectedFraction;
    std::optional<Estimate> failedFraction;
};

/// Load over time (spec 9.1): per bucket, the mean over replications; empty where no
/// replication had a value (a percentile of a bucket without completions).
struct Timeline {
    double bucketS = 0.0;
    std::vector<double> startS; ///< each bucket's start
    struct ComponentSeries {
        std::size_t component = 0;
        std::vector<std::optional<double>> meanInSystem;
        std::vector<std::optional<double>> utilization;
        std::vector<std::optional<double>> p99ResponseMs;
    };
    std::vector<ComponentSeries> components; ///< every component but the clients, in model order
    struct ReplicaSeries {
        std::size_t replica = 0;
        std::vector<std::optional<double>> meanLagMs;
    };
    std::vector<ReplicaSeries> replicas;
    std::vector<std::optional<double>> throughputRps;
    std::vector<std::optional<double>> p99ResponseMs;
    std::vector<std::optional<double>> rejectedFraction;
    /// A component overloaded at some time: from the end of its last overload until its
    /// backlog first fell back to what it held before (mean over replications).
    struct Drain {
        std::size_t component = 0;
        double overloadStartS = 0.0; ///< the last overload, from the profile
        double overloadEndS = 0.0;
        std::optional<double> drainS;      ///< empty if it never drained in some replication
        std::optional<Estimate> estimate;  ///< the interval, when every replication drained
    };
    std::vector<Drain> drains;
};

enum class SimulationStatus : std::uint8_t { Completed, Cancelled };

struct SimulationResult {
    SimulationStatus status = SimulationStatus::Completed;
    Workload workload = Workload::Open;
    double multiplier = 1.0;
    int replications = 0;
    double durationS = 0.0; ///< measured per replication (a profile: the whole run)
    double warmupS = 0.0;
    std::uint64_t seed = 1;
    double confidence = 0.95;
    unsigned threads = 1;
    std::uint64_t events = 0; ///< over all replications
    double wallMs = 0.0;
    SystemSimulation system;
    std::vector<ComponentSimulation> components; ///< parallel to the model's components
    std::vector<PoolSimulation> pools;
    std::vector<ReplicaSimulation> replicas;
    std::vector<RetrySimulation> retries;
    std::optional<Timeline> timeline; ///< with a load profile
    Issues warnings;
};

} // namespace headroom::engine::sim
