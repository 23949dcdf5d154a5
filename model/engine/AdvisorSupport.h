// SPDX-License-Identifier: MIT
// The advisor's inside: the snapshot every check reads, the per-kind detectors,
// figures and proposals, and the helpers they share. Not part of the public API.
#pragma once

#include "Advisor.h"
#include "CapacityPlan.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace headroom::engine::advisor {

/// A compiled model solved at the planning multiplier: what every check reads.
struct Snapshot {
    Solver solver;
    AdvisorOptions options;
    SolveResult atX;                  ///< without percentiles
    std::optional<SolveResult> atOne; ///< open workloads: the model's own rates, for saturates_at
    std::optional<CapacityPlan> plan; ///< open workloads: the instance counts at X and the target (no pools)

    [[nodiscard]] const Model& model() const { return solver.model(); }
    [[nodiscard]] double x() const { return options.multiplier; }
    [[nodiscard]] double target() const { return options.targetUtilization; }
    [[nodiscard]] bool open() const { return solver.workload() == Workload::Open; }
    [[nodiscard]] const Component& component(std::size_t i) const { return model().components[i]; }
    [[nodiscard]] std::optional<std::size_t> index(std::string_view id) const { return model().indexOf(id); }
    /// The busiest instance's offered utilization at X, if `id` is a station of this model.
    [[nodiscard]] std::optional<double> utilization(std::string_view id) const;
    /// Offered rate into a component at X with nothing shed (the plan's convention).
    [[nodiscard]] double plannedRate(std::size_t i) const { return x() * solver.unitTraffic()[i]; }
    /// The busiest instance's utilization at X with nothing shed upstream (the plan's convention).
    [[nodiscard]] std::optional<double> plannedUtilization(std::string_view id) const;
    /// Traffic on a link at X with nothing shed.
    [[nodiscard]] double plannedLinkRate(std::size_t link) const;
};

/// Compiles and solves `model` at the options' multiplier.
Checked<Snapshot> takeSnapshot(Solver solver, const AdvisorOptions& options);
Checked<Snapshot> takeSnapshot(const Model& model, const AdvisorOptions& options);

/// A change to try for a finding, before it is verified.
struct Candidate {
    Pattern pattern = Pattern::MoreInstances;
    std::string summary;
    std::vector<ModelEdit> edits;
    Figures sizing;
    bool addsCapacity = true;
};

/// What a finding's proposer offers: changes to verify, patterns ruled out before any
/// solving (with why), and advice in words when nothing in the model can fix it.
struct Proposals {
    std::vector<Candidate> candidates;
    std::vector<RejectedPattern> rejected;
    std::string advice;
};

/// Everything the advisor knows about one kind of finding.
struct FindingRules {
    FindingKind kind;
    bool closedToo; ///< applies to closed workloads as well
    /// Every finding of this kind in the snapshot, without recommendations.
    std::vector<Finding> (*detect)(const Snapshot&);
    /// The figures the finding is about (before and after a change), for its subject.
    Figures (*figures)(const Snapshot&, const Finding&);
    /// Changes that may fix it.
    Proposals (*propose)(const Snapshot&, const Finding&);
    /// Whether the changed snapshot no longer has the finding (re-running its check).
    bool (*fixed)(const Snapshot& changed, const Finding&, const Candidate&);
};

/// The rules of every kind, in the order findings are listed within a severity.
const std::vector<FindingRules>& allFindingRules();
const FindingRules& rulesFor(FindingKind kind);

// Each kind's rules (one file per group of kinds).
FindingRules saturatesRules();
FindingRules nPlusOneRules();
FindingRules statefulRules();
FindingRules replicaLagRules();
FindingRules poolWaitRules();
FindingRules connectionsRules();
FindingRules overEngineeringRules();

/// Whether the detector still reports a finding about the same subject.
bool stillFound(const Snapshot& changed, const Finding& finding);

// Shared helpers.

bool isPrimary(const Component& c);
bool isReplica(const Component& c);
/// The replicas fed by a primary's replication links.
std::vector<std::size_t> replicasOf(const Model& model, std::size_t primary);
std::optional<std::size_t> linkIndex(const Model& model, std::string_view from, std::string_view to);

/// `base`, or `base_2`, `base_3` ... : the first id no component has (valid, at most 64 characters).
std::string uniqueId(const Model& model, std::string_view base);
/// The monthly cost per instance of a component the advisor adds: what `like` costs
/// when given, else `fallback` (the documented default); 0 when the model prices
/// nothing, so that its costs stay comparable.
double newComponentCost(const Model& model, std::optional<std::size_t> like, double fallback);
/// The first component of `kind` that carries a cost, if any.
std::optional<std::size_t> pricedOfKind(const Model& model, ComponentKind kind);
/// A diagram position between the callers and the target, a little above them.
std::pair<double, double> placeBetween(const Model& model, const std::vector<std::size_t>& from, std::size_t to);

/// Edits that keep every primary's write stream (rate x write_fraction) as it was in
/// `before` once `edits` move reads to or from it: write_fraction = writes / new rate.
/// Empty if the edited model does not compile (verification then rejects it).
std::vector<ModelEdit> keepWriteStreams(const Solver& before, const std::vector<ModelEdit>& edits);

/// Whether a count fits a model (1 to 10,000,000); if not, the reason to give
/// ("needs 12000000 instances, more than a model holds").
std::optional<std::string> beyondModel(std::int64_t count, std::string_view what);

/// Edits that give a station `count` instances, evenly split unless `keepShare`.
std::vector<ModelEdit> instanceEdits(const Component& c, std::int64_t count, bool keepShare);

// Words and figures.
std::string percent(double fraction);
std::string times(double multiplier);
std::string money(double perMonth);
Figure figure(std::string key, std::optional<double> value);

} // namespace headroom::engine::advisor
