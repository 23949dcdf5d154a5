// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Kinds.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace headroom::engine {
class Solver;
}

namespace headroom::engine::sim {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

/// How one visit's service time is drawn.
enum class ServiceShape : std::uint8_t {
    Exponential,   ///< service_cv 1
    Deterministic, ///< service_cv 0
    Gamma,         ///< shape 1 / cv^2
};

/// One link as the simulator walks it: flat numbers, defaults applied.
struct SimLink {
    std::uint32_t target = 0;      ///< component index
    std::uint32_t modelLink = 0;   ///< index in the model's links
    std::uint32_t wholeCalls = 0;  ///< floor(calls)
    double extraCall = 0.0;        ///< calls - floor(calls): the chance of one more
    bool sync = true;
    std::uint32_t pool = kNone;    ///< index of its first pool (the calling component's instance 0), if pooled
    std::uint32_t poolLink = kNone; ///< index among pooled links (statistics), if pooled
    std::uint32_t poolSize = 0;
    double poolOverheadMs = 0.0;
    double timeoutMs = std::numeric_limits<double>::infinity();
    std::uint32_t retries = 0;
    std::uint32_t retryLink = kNone; ///< index among links with a timeout or retries (statistics)
    [[nodiscard]] bool guarded() const { return retryLink != kNone; }
};

enum class Behaviour : std::uint8_t { Clients, Station, External };

/// One component with its defaults applied.
struct SimComponent {
    ComponentKind kind = ComponentKind::Station;
    Behaviour behaviour = Behaviour::Station;
    std::uint32_t instances = 1;
    std::uint32_t firstInstance = 0; ///< index of its instance 0 among all instances
    std::uint32_t servers = 1;
    std::uint32_t capacity = kNone;  ///< K, or none
    double hottestShare = 1.0;
    bool evenSplit = true;           ///< every instance is the busiest one
    std::uint32_t groupSize = 1;     ///< instances measured as "the busiest": all when even, else instance 0
    double serviceMs = 1.0;
    ServiceShape shape = ServiceShape::Exponential;
    double gammaShape = 1.0;
    double latencyMs = 0.0;
    double missProbability = 1.0;    ///< caches: 1 - hit_ratio; others 1 (every visit fires its links)
    double writeProbability = 0.0;   ///< a primary with replicas: write_fraction; else 0
    std::uint32_t firstSync = 0, endSync = 0;   ///< its sync links in `links`, file order
    std::uint32_t firstAsync = 0, endAsync = 0; ///< its async links in `links`, right after the sync ones
    std::uint32_t firstReplica = 0, endReplica = 0; ///< replicas it feeds, in `replicaOf`
    double rateRps = 0.0;            ///< open clients: rate_rps
};

/// A replica's apply threads, one per instance.
struct SimReplica {
    std::uint32_t component = 0;
    std::uint32_t primary = 0;
    std::uint32_t firstThread = 0;
    std::uint32_t instances = 1;
    double applyMs = 1.0;
    double delayMs = 0.0;
};

/// The model compiled for simulation: everything the event loop needs in flat arrays.
struct SimNetwork {
    std::vector<SimComponent> components;
    std::vector<SimLink> links; ///< grouped by calling component: its sync links, then its async links
    std::vector<SimReplica> replicas;
    std::vector<std::uint32_t> replicaOf; ///< per primary, the replicas it feeds (indices into `replicas`)
    std::vector<std::uint32_t> pooledLinks;  ///< model link index of each pooled link
    std::vector<std::uint32_t> guardedLinks; ///< model link index of each link with a timeout or retries
    std::uint32_t instanceCount = 0;
    std::uint32_t poolCount = 0;
    std::uint32_t applyThreads = 0;
    bool closed = false;
    std::uint32_t clients = 0;       ///< closed: the clients component
    double users = 0.0;              ///< closed: users at 1x
    double thinkMs = 0.0;

    static SimNetwork compile(const Solver& solver);
};

} // namespace headroom::engine::sim
