// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace headroom::engine::sim {

/// What one replication measured, reduced to one number per figure (its samples are
/// gone): the replications' numbers become the estimates and their intervals.
/// Per-instance figures are the busiest instance's (all instances together when the
/// split is even); throughput, in-system and backlog are totals.
struct ComponentFigures {
    std::optional<double> utilization;
    std::optional<double> throughputRps;
    std::optional<double> meanResponseMs;
    std::optional<double> meanWaitMs;
    std::optional<double> waitProbability;
    std::optional<double> p50ResponseMs;
    std::optional<double> p95ResponseMs;
    std::optional<double> p99ResponseMs;
    std::optional<double> blockingProbability;
    std::optional<double> meanInSystem;
    std::optional<double> offeredUtilization; ///< arrivals x service_ms over the busiest instance's servers
    std::optional<double> backlogGrowthRps;   ///< admitted minus served, per second, all instances
};

struct PoolFigures {
    std::optional<double> meanWaitMs;
    std::optional<double> waitProbability;
};

struct ReplicaFigures {
    std::optional<double> meanLagMs;
    std::optional<double> p99LagMs;
};

struct RetryFigures {
    std::optional<double> attemptsPerCall;
    std::optional<double> successProbability;
};

struct SystemFigures {
    std::optional<double> arrivalRps; ///< requests issued per second
    std::optional<double> throughputRps;
    std::optional<double> meanResponseMs;
    std::optional<double> p50ResponseMs;
    std::optional<double> p95ResponseMs;
    std::optional<double> p99ResponseMs;
    std::optional<double> rejectedFraction;
    std::optional<double> failedFraction;
};

/// One replication's timeline: flat arrays, bucket-major per component or replica.
struct TimelineFigures {
    std::size_t buckets = 0;
    std::vector<double> meanInSystem;               ///< [component * buckets + b]
    std::vector<double> utilization;                ///< [component * buckets + b]
    std::vector<std::optional<double>> p99ResponseMs; ///< [component * buckets + b]
    std::vector<std::optional<double>> meanLagMs;   ///< [replica * buckets + b]
    std::vector<double> throughputRps;              ///< [b]
    std::vector<std::optional<double>> systemP99ResponseMs;
    std::vector<std::optional<double>> rejectedFraction;
    std::vector<std::optional<double>> drainS;      ///< per watched component: seconds, none if it never drained
};

struct ReplicationFigures {
    std::uint64_t events = 0;
    bool cancelled = false;
    std::vector<ComponentFigures> components; ///< parallel to the model's components
    std::vector<PoolFigures> pools;           ///< per pooled link
    std::vector<ReplicaFigures> replicas;     ///< per replication link
    std::vector<RetryFigures> retries;        ///< per link with a timeout or retries
    SystemFigures system;
    std::optional<TimelineFigures> timeline;
};

} // namespace headroom::engine::sim
