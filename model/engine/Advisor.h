// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Model.h"
#include "ModelEdit.h"
#include "PlanDefaults.h"
#include "Result.h"
#include "Solver.h"
#include "StageDetection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::engine {

/// What a finding is about (spec section 8).
enum class FindingKind : std::uint8_t {
    Saturates,       ///< a station saturates at or below the planning multiplier
    NPlusOne,        ///< a compute tier cannot lose one instance at peak
    ReplicaLag,      ///< a replica's p99 lag passes the threshold, or it cannot keep up
    PoolWait,        ///< a connection pool makes too many requests wait
    Connections,     ///< the pools into a database open more than its max_connections
    Stateful,        ///< a stateful tier runs on several instances
    OverEngineering, ///< a pattern far beyond what the load needs
};

enum class Severity : std::uint8_t { Critical, Warning, Info };

/// The playbook patterns a recommendation applies.
enum class Pattern : std::uint8_t {
    MoreInstances,
    BiggerInstances,
    Cache,
    ReadReplicas,
    ConnectionPool,
    ExternalPooler,
    Queue,
    Sharding,
    LoadShedding,
    Stateless,
    Simplify,
};

/// Spellings in the advisor's JSON ("n_plus_one", "critical", "read_replicas").
std::string_view findingKindName(FindingKind kind);
std::string_view severityName(Severity severity);
std::string_view patternName(Pattern pattern);

/// What the advisor plans for.
struct AdvisorOptions {
    /// The planning multiplier X (absolute: a scenario's already applied).
    double multiplier = kDefaultPlanningMultiplier;
    /// A recommendation keeps what it fixes at or under this at X.
    double targetUtilization = kDefaultTargetUtilization;
    double targetWait = kDefaultTargetWait; ///< acceptable chance of waiting for a pooled connection
    double lagThresholdMs = 1000.0;  ///< p99 replica lag above this is a finding
};

/// Checks the options: 0 <= X <= 1e9, 0 < U <= 1, 0 < wait < 1, lag threshold > 0.
Issues checkAdvisorOptions(const AdvisorOptions& options);

/// One figure of a finding or recommendation ("utilization": 4.2); empty is infinite.
struct Figure {
    std::string key;
    std::optional<double> value;

    bool operator==(const Figure&) const = default;
};
using Figures = std::vector<Figure>;

/// The value of `key` in `figures` (an empty optional when missing or infinite).
std::optional<double> figureValue(const Figures& figures, std::string_view key);

/// A change that fixes a finding, verified by re-solving the changed model at X.
struct Recommendation {
    Pattern pattern = Pattern::MoreInstances;
    std::string summary;            ///< "run 15 instances of app (it has 4)"
    std::vector<ModelEdit> edits;   ///< applyEdits(model, edits) is the verified model
    Figures before;                 ///< the finding's figures without the change
    Figures after;                  ///< the same figures from solving the changed model
    Figures sizing;                 ///< what the pattern was sized to ("instances", "hit_ratio_needed", ...)
    double costDeltaPerMonth = 0.0; ///< monthly cost of the changed model minus today's
    /// False for load shedding: it keeps the station answering (a bounded queue) but
    /// adds no capacity, so the station still turns work away.
    bool addsCapacity = true;
    /// Findings the change brings elsewhere (more connections, a pool that now waits).
    std::vector<std::string> sideEffects;
};

/// A pattern considered for a finding and not offered, with the reason.
struct RejectedPattern {
    Pattern pattern = Pattern::MoreInstances;
    std::string reason;

    bool operator==(const RejectedPattern&) const = default;
};

/// One thing the advisor found, with the evidence and what to do about it.
struct Finding {
    FindingKind kind = FindingKind::Saturates;
    std::string component;              ///< the component it is about (for a pool: the caller)
    std::optional<std::string> linkTo;  ///< pool findings: the database the pool connects to
    /// Other components the finding involves (a replica's primary, the callers of a
    /// database whose connections overflow, what a cache sits in front of).
    std::vector<std::string> related;
    Severity severity = Severity::Warning;
    std::string message;                ///< the finding in words, with its figures
    Figures evidence;                   ///< the figures the message quotes
    std::optional<Recommendation> recommendation; ///< the cheapest verified fix (ties: the simpler pattern)
    std::vector<Recommendation> alternatives;     ///< the other verified fixes, cheapest first
    std::vector<RejectedPattern> notOffered;      ///< patterns tried that do not fix it, and why
    std::string advice;                 ///< what to do when no pattern in the model fixes it
};

/// The advisor's answer: where the architecture stands and what to do next.
struct Advice {
    AdvisorOptions options;
    Workload workload = Workload::Open;
    StageAssessment stage;
    std::vector<Finding> findings;            ///< critical first, then warnings, then info
    std::vector<std::string> skippedChecks;   ///< checks that do not apply (closed workloads), with why
    double costPerMonth = 0.0;                ///< the model as it stands
};

/// The stage, the findings and a verified recommendation for each (spec section 8).
/// Every recommendation's edits were applied to a copy of the model, re-solved at
/// X, and the finding's own check run again on the result: a change is offered
/// only if the finding is gone (for a saturating station: at or under the target
/// utilization at X) and nothing that was fine before saturates. Open workloads get
/// every check; closed ones the stage, stateful, connections and over-engineering.
Checked<Advice> advise(const Solver& solver, const AdvisorOptions& options = {});
Checked<Advice> advise(const Model& model, const AdvisorOptions& options = {});

/// The findings alone, without recommendations: what verification re-runs on a changed model.
Checked<std::vector<Finding>> detectFindings(const Solver& solver, const AdvisorOptions& options = {});

} // namespace headroom::engine
