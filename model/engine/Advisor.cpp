// SPDX-License-Identifier: MIT
// The advisor: runs every check, then tries each finding's candidate changes on a
// copy of the model, re-solves it and keeps only the changes that fix the finding.
#include "Advisor.h"

#include "AdvisorSupport.h"
#include "Sweep.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <tuple>

namespace headroom::engine {

namespace {

constexpr std::array<std::string_view, 7> kKindNames{
    "saturates", "n_plus_one", "replica_lag", "pool_wait", "connections", "stateful", "over_engineering",
};
constexpr std::array<std::string_view, 3> kSeverityNames{"critical", "warning", "info"};
constexpr std::array<std::string_view, 11> kPatternNames{
    "more_instances", "bigger_instances", "cache",      "read_replicas", "connection_pool", "external_pooler",
    "queue",          "sharding",         "load_shedding", "stateless",  "simplify",
};

/// Ties in cost go to the simpler pattern: the playbook's earlier stages first. For a
/// tier that already runs several instances, one more of the same is simpler than
/// bigger machines; for a single machine, a bigger one is (no balancer, no state to move).
int simplicity(Pattern pattern, bool scaledOut)
{
    switch (pattern) {
    case Pattern::BiggerInstances:
        return scaledOut ? 1 : 0;
    case Pattern::MoreInstances:
        return scaledOut ? 0 : 4;
    case Pattern::ConnectionPool:
        return 1;
    case Pattern::Stateless:
        return 2;
    case Pattern::Simplify:
        return 3;
    case Pattern::ReadReplicas:
        return 5;
    case Pattern::ExternalPooler:
        return 6;
    case Pattern::Cache:
        return 7;
    case Pattern::Queue:
        return 8;
    case Pattern::Sharding:
        return 9;
    case Pattern::LoadShedding:
        return 10;
    }
    return 11;
}

using advisor::Candidate;
using advisor::FindingRules;
using advisor::Snapshot;

using FindingKey = std::tuple<FindingKind, std::string, std::optional<std::string>>;

FindingKey keyOf(const Finding& f)
{
    return {f.kind, f.component, f.linkTo};
}

/// The kinds whose new appearance after a change is reported as a side effect.
constexpr std::array<FindingKind, 4> kSideEffectKinds{FindingKind::PoolWait, FindingKind::Connections,
                                                      FindingKind::ReplicaLag, FindingKind::Stateful};

std::set<FindingKey> sideEffectKeys(const Snapshot& s, std::vector<std::string>* messages,
                                    const std::set<FindingKey>& known)
{
    std::set<FindingKey> keys;
    for (const FindingKind kind : kSideEffectKinds) {
        const FindingRules& rules = advisor::rulesFor(kind);
        if (!s.open() && !rules.closedToo)
            continue;
        for (const Finding& f : rules.detect(s)) {
            const FindingKey key = keyOf(f);
            keys.insert(key);
            if (messages && !known.contains(key))
                messages->push_back(f.message);
        }
    }
    return keys;
}

/// What a change saturates at X that was not saturated before. A station whose own
/// load the change raises (rerouted work, a new component) makes the change a
/// failure; one that was held back by a shedding station upstream and now gets its
/// full load is unmasked: a consequence to report, not the change's fault.
struct NewSaturation {
    std::vector<std::string> caused;
    std::vector<std::string> unmasked;
};

NewSaturation newlySaturated(const Snapshot& base, const Snapshot& changed)
{
    NewSaturation out;
    for (std::size_t j = 0; j < changed.model().components.size(); ++j) {
        if (!changed.solver.params(j).queueing() || !(changed.atX.components[j].offeredUtilization >= 1.0))
            continue;
        const std::string& id = changed.component(j).id;
        const auto before = base.utilization(id);
        if (before && *before >= 1.0)
            continue;
        const std::string text = id + " (offered " + advisor::times(changed.atX.components[j].offeredUtilization) +
                                 " its capacity at " + advisor::times(changed.x()) + ")";
        const auto plannedBefore = base.plannedUtilization(id);
        const double plannedAfter = changed.plannedUtilization(id).value_or(0.0);
        if (!plannedBefore || plannedAfter > *plannedBefore * (1.0 + 1e-9))
            out.caused.push_back(text);
        else
            out.unmasked.push_back(text);
    }
    for (const ReplicationResult& r : changed.atX.replication) {
        if (!r.saturated)
            continue;
        const std::string& id = changed.component(r.replica).id;
        const auto i = base.index(id);
        const bool before = i && std::any_of(base.atX.replication.begin(), base.atX.replication.end(),
                                             [&](const ReplicationResult& b) { return b.replica == *i && b.saturated; });
        if (!before)
            out.caused.push_back(id + "'s replication (its apply thread cannot keep up)");
    }
    return out;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : "; ") + item;
    return out;
}

std::string figuresText(const Figures& figures)
{
    std::string out;
    for (const Figure& f : figures)
        out += (out.empty() ? "" : ", ") + f.key + " " + (f.value ? formatNumber(*f.value) : std::string("infinite"));
    return out;
}

/// Tries every candidate for one finding and keeps the verified ones, best first.
void recommend(const Snapshot& base, Finding& finding, const std::set<FindingKey>& baseKeys)
{
    const FindingRules& rules = advisor::rulesFor(finding.kind);
    advisor::Proposals proposals = rules.propose(base, finding);
    finding.notOffered = std::move(proposals.rejected);
    finding.advice = std::move(proposals.advice);
    const Figures before = rules.figures(base, finding);
    std::vector<Recommendation> verified;
    for (Candidate& candidate : proposals.candidates) {
        const auto reject = [&](std::string reason) {
            finding.notOffered.push_back({candidate.pattern, std::move(reason)});
        };
        auto edited = applyEdits(base.model(), candidate.edits);
        if (!edited) {
            reject("its edits do not apply: " + edited.issues().front().message);
            continue;
        }
        auto changed = advisor::takeSnapshot(*edited, base.options);
        if (!changed) {
            reject("the changed model is invalid: " + issueText(changed.issues().front()));
            continue;
        }
        const Figures after = rules.figures(*changed, finding);
        if (!rules.fixed(*changed, finding, candidate)) {
            reject("re-solved at " + advisor::times(base.x()) + " it does not fix this (" + figuresText(after) + ")");
            continue;
        }
        const NewSaturation saturated = newlySaturated(base, *changed);
        if (!saturated.caused.empty()) {
            reject("it would saturate " + joined(saturated.caused));
            continue;
        }
        Recommendation r;
        r.pattern = candidate.pattern;
        r.summary = std::move(candidate.summary);
        r.edits = std::move(candidate.edits);
        r.before = before;
        r.after = after;
        r.sizing = std::move(candidate.sizing);
        r.costDeltaPerMonth = changed->solver.monthlyCost() - base.solver.monthlyCost();
        r.addsCapacity = candidate.addsCapacity;
        std::set<FindingKey> known = baseKeys;
        known.insert(keyOf(finding));
        for (const std::string& next : saturated.unmasked)
            r.sideEffects.push_back(next + " saturates once a shedding station upstream no longer holds its load back "
                                           "(see its own finding)");
        sideEffectKeys(*changed, &r.sideEffects, known);
        verified.push_back(std::move(r));
    }
    // Changes that add capacity first; then the cheapest; ties to the simpler pattern.
    const auto subject = base.index(finding.component);
    const bool scaledOut = subject && base.solver.params(*subject).instances > 1;
    std::stable_sort(verified.begin(), verified.end(), [scaledOut](const Recommendation& a, const Recommendation& b) {
        if (a.addsCapacity != b.addsCapacity)
            return a.addsCapacity;
        const double tolerance = 1e-9 * std::max({1.0, std::fabs(a.costDeltaPerMonth), std::fabs(b.costDeltaPerMonth)});
        if (std::fabs(a.costDeltaPerMonth - b.costDeltaPerMonth) > tolerance)
            return a.costDeltaPerMonth < b.costDeltaPerMonth;
        return simplicity(a.pattern, scaledOut) < simplicity(b.pattern, scaledOut);
    });
    if (verified.empty())
        return;
    finding.recommendation = std::move(verified.front());
    finding.alternatives.assign(std::make_move_iterator(verified.begin() + 1), std::make_move_iterator(verified.end()));
}

std::vector<Finding> detectAll(const Snapshot& s)
{
    std::vector<Finding> out;
    for (const FindingRules& rules : advisor::allFindingRules()) {
        if (!s.open() && !rules.closedToo)
            continue;
        auto found = rules.detect(s);
        out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Finding& a, const Finding& b) { return a.severity < b.severity; });
    return out;
}

} // namespace

namespace advisor {

const std::vector<FindingRules>& allFindingRules()
{
    static const std::vector<FindingRules> rules{saturatesRules(),   nPlusOneRules(),    replicaLagRules(),
                                                 poolWaitRules(),    connectionsRules(), statefulRules(),
                                                 overEngineeringRules()};
    return rules;
}

const FindingRules& rulesFor(FindingKind kind)
{
    const auto& rules = allFindingRules();
    return *std::find_if(rules.begin(), rules.end(), [kind](const FindingRules& r) { return r.kind == kind; });
}

} // namespace advisor

std::string_view findingKindName(FindingKind kind)
{
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::string_view severityName(Severity severity)
{
    return kSeverityNames[static_cast<std::size_t>(severity)];
}

std::string_view patternName(Pattern pattern)
{
    return kPatternNames[static_cast<std::size_t>(pattern)];
}

std::optional<double> figureValue(const Figures& figures, std::string_view key)
{
    const auto it = std::find_if(figures.begin(), figures.end(), [key](const Figure& f) { return f.key == key; });
    return it == figures.end() ? std::nullopt : it->value;
}

Issues checkAdvisorOptions(const AdvisorOptions& options)
{
    Issues issues;
    if (auto problem = checkMultiplier(options.multiplier, "--multiplier"))
        issues.push_back(*problem);
    if (!(options.targetUtilization > 0.0 && options.targetUtilization <= 1.0))
        issues.push_back({Subject::argument("--target-utilization"),
                          "must be above 0 and at most 1, got " + formatNumber(options.targetUtilization)});
    if (!(options.targetWait > 0.0 && options.targetWait < 1.0))
        issues.push_back({Subject::argument("--target-wait"),
                          "must be a probability above 0 and below 1, got " + formatNumber(options.targetWait)});
    if (!(options.lagThresholdMs > 0.0 && std::isfinite(options.lagThresholdMs)))
        issues.push_back({Subject::argument("--lag-threshold-ms"),
                          "must be a number of milliseconds above 0, got " + formatNumber(options.lagThresholdMs)});
    return issues;
}

Checked<std::vector<Finding>> detectFindings(const Solver& solver, const AdvisorOptions& options)
{
    if (Issues issues = checkAdvisorOptions(options); !issues.empty())
        return issues;
    // The snapshot compiles its own copy (a Solver is move-only; compiling is cheap).
    auto base = advisor::takeSnapshot(solver.model(), options);
    if (!base)
        return base.issues();
    return detectAll(*base);
}

Checked<Advice> advise(const Solver& solver, const AdvisorOptions& options)
{
    return advise(solver.model(), options);
}

Checked<Advice> advise(const Model& model, const AdvisorOptions& options)
{
    if (Issues issues = checkAdvisorOptions(options); !issues.empty())
        return issues;
    auto base = advisor::takeSnapshot(model, options);
    if (!base)
        return base.issues();
    const Solver& solver = base->solver;
    Advice advice;
    advice.options = options;
    advice.workload = solver.workload();
    advice.stage = detectStage(model);
    advice.costPerMonth = solver.monthlyCost();
    if (!base->open()) {
        for (const FindingRules& rules : advisor::allFindingRules()) {
            if (!rules.closedToo)
                advice.skippedChecks.push_back(std::string(findingKindName(rules.kind)) +
                                               ": needs an open workload (rate_rps); in a closed one the load "
                                               "follows the response, so nothing saturates and X is a user count");
        }
    }
    advice.findings = detectAll(*base);
    const std::set<FindingKey> baseKeys = sideEffectKeys(*base, nullptr, {});
    for (Finding& finding : advice.findings)
        recommend(*base, finding, baseKeys);
    return advice;
}

} // namespace headroom::engine
