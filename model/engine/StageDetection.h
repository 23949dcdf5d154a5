// SPDX-License-Identifier: MIT
#pragma once

#include "Model.h"

#include <string>
#include <string_view>
#include <vector>

namespace headroom::engine {

/// The stages of the scaling playbook, 0 (monolith) to 7 (services).
inline constexpr int kLastStage = 7;

/// The playbook's name of a stage ("Database separation"); empty outside 0..7.
std::string_view stageName(int stage);

/// One pattern of the playbook found in the drawn architecture.
struct StageEvidence {
    int stage = 0;
    std::string pattern;                 ///< "read replicas"
    std::string text;                    ///< "a primary (db) with 4 read replicas (rep)"
    std::vector<std::string> components; ///< the ids that show it

    bool operator==(const StageEvidence&) const = default;
};

/// Which stage the architecture is at: the highest pattern it has adopted.
struct StageAssessment {
    int stage = 0;
    std::string name;
    std::string reason;                 ///< one sentence with the evidence: "...: stage 4"
    std::vector<StageEvidence> present; ///< every pattern found, highest stage first
    /// Stages from 2 up to `stage` - 1 whose pattern is absent: the architecture
    /// skipped them (stages are not strictly sequential).
    std::vector<int> skipped;
};

/// Stage detection from the architecture alone (no solving):
/// 7 services: three or more compute tiers that each own a primary database
///   (reach it, through caches and poolers only, and no other tier does);
/// 6 sharding: a database primary with more than one instance;
/// 5 queues: a job queue;
/// 4 load balancing: a load balancer, or a compute tier with more than one instance;
/// 3 caching: a cache or CDN;
/// 2 database separation: read replicas or an external pooler;
/// 1 vertical scaling: a compute tier or database on one machine of 16 servers or more;
/// 0 monolith: none of these.
StageAssessment detectStage(const Model& model);

/// App, web and worker servers and generic stations (other than external poolers):
/// the tiers that run the application's own code.
bool isComputeTier(const Model& model, std::size_t component);

/// A station that only passes pooled connections on to databases (PgBouncer, ProxySQL):
/// every link out of it goes to a database with a pool, and something calls it.
bool isExternalPooler(const Model& model, std::size_t component);

} // namespace headroom::engine
