// SPDX-License-Identifier: MIT
// N+1 (a compute tier that cannot lose an instance at peak) and stateful tiers
// scaled out (the statelessness warning).
#include "AdvisorSupport.h"

#include "StageDetection.h"
#include "TenX.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine::advisor {

namespace {

bool isStateful(const Component& c)
{
    return c.valueOr(Field::Stateful, 0.0) != 0.0;
}

/// Compute tiers the users' requests pass through (sync visits).
bool onSyncPath(const Snapshot& s, std::size_t i)
{
    return isComputeTier(s.model(), i) && s.atX.components[i].visitsPerRequest > 0.0;
}

std::optional<RedundancyCheck> redundancyOf(const TenXAnswer& answer, std::size_t i)
{
    const auto it = std::find_if(answer.nPlusOne.begin(), answer.nPlusOne.end(),
                                 [i](const RedundancyCheck& r) { return r.component == i; });
    return it == answer.nPlusOne.end() ? std::nullopt : std::optional<RedundancyCheck>(*it);
}

std::vector<Finding> detectNPlusOne(const Snapshot& s)
{
    std::vector<Finding> out;
    if (!s.open())
        return out;
    const auto answer = tenX(s.solver, s.x(), s.target());
    if (!answer)
        return out;
    for (std::size_t i = 0; i < s.model().components.size(); ++i) {
        if (!onSyncPath(s, i))
            continue;
        const Component& c = s.component(i);
        const std::int64_t instances = s.solver.params(i).instances;
        Finding f;
        f.kind = FindingKind::NPlusOne;
        f.component = c.id;
        if (instances == 1) {
            f.severity = Severity::Warning;
            f.message = c.id + " runs on one instance: losing it stops every request that needs it (no redundancy)";
            f.evidence = {figure("instances", 1.0), figure("utilization", s.atX.components[i].offeredUtilization)};
            out.push_back(std::move(f));
            continue;
        }
        const auto check = redundancyOf(*answer, i);
        if (!check || check->survivesLossOfOne)
            continue;
        f.severity = Severity::Critical;
        f.message = c.id + " cannot lose one of its " + std::to_string(instances) + " instances at " + times(s.x()) +
                    ": the busiest remaining one would be offered " + times(check->utilizationAfterLoss) +
                    " its capacity";
        f.evidence = {figure("instances", static_cast<double>(instances)),
                      figure("utilization_after_loss", check->utilizationAfterLoss)};
        out.push_back(std::move(f));
    }
    return out;
}

/// Instances and the busiest remaining instance's utilization after losing one (empty:
/// nothing remains).
Figures nPlusOneFigures(const Snapshot& s, const Finding& f)
{
    const auto i = s.index(f.component);
    if (!i)
        return {figure("instances", 0.0), figure("utilization_after_loss", std::nullopt)};
    const std::int64_t instances = s.solver.params(*i).instances;
    std::optional<double> after;
    if (instances > 1) {
        if (const auto answer = tenX(s.solver, s.x(), s.target()))
            if (const auto check = redundancyOf(*answer, *i))
                after = check->utilizationAfterLoss;
    }
    return {figure("instances", static_cast<double>(instances)), figure("utilization_after_loss", after)};
}

Proposals proposeNPlusOne(const Snapshot& s, const Finding& f)
{
    Proposals out;
    const std::size_t i = *s.index(f.component);
    const Component& c = s.component(i);
    const StationParams& p = s.solver.params(i);
    std::optional<std::int64_t> needed;
    if (p.instances == 1) {
        // As TenX's N+1 count for an even split: n - 1 instances each under 1.
        const double whole = s.plannedRate(i) * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
        const double count = std::floor(whole) + 2.0;
        if (!(count <= kMaxCount)) {
            out.rejected.push_back({Pattern::MoreInstances, "needs " + formatNumber(count) +
                                                                " instances, more than a model holds (" +
                                                                formatNumber(kMaxCount) + ")"});
            return out;
        }
        needed = static_cast<std::int64_t>(count);
    } else if (const auto answer = tenX(s.solver, s.x(), s.target())) {
        if (const auto check = redundancyOf(*answer, i))
            needed = check->instancesNeeded;
    }
    if (!needed) {
        out.rejected.push_back({Pattern::MoreInstances, "its busiest instance keeps " + percent(p.hottestShare) +
                                                            " of the traffic (a hot spot), so losing another "
                                                            "instance cannot be covered by adding more"});
        return out;
    }
    if (auto tooMany = *needed < 1 ? std::optional<std::string>("needs more instances than can be counted")
                                   : beyondModel(*needed, "instances")) {
        out.rejected.push_back({Pattern::MoreInstances, std::move(*tooMany)});
        return out;
    }
    Candidate cand;
    cand.pattern = Pattern::MoreInstances;
    const bool hotSpot = c.has(Field::HottestShare) &&
                         p.hottestShare > (1.0 / static_cast<double>(p.instances)) * (1.0 + 1e-12);
    cand.edits = instanceEdits(c, *needed, hotSpot);
    cand.summary = "run " + std::to_string(*needed) + " instances of " + c.id + " (it has " +
                   std::to_string(p.instances) + "), so that losing one at " + times(s.x()) + " loses no capacity";
    if (isStateful(c)) {
        cand.edits.push_back(SetField{c.id, Field::Stateful, 0.0});
        cand.summary += ", after making it stateless: its sessions move to a shared store";
    }
    cand.sizing = {figure("instances", static_cast<double>(*needed))};
    out.candidates.push_back(std::move(cand));
    return out;
}

std::vector<Finding> detectStateful(const Snapshot& s)
{
    std::vector<Finding> out;
    for (std::size_t i = 0; i < s.model().components.size(); ++i) {
        const Component& c = s.component(i);
        const std::int64_t instances = s.solver.params(i).instances;
        if (!s.solver.params(i).queueing() || !isStateful(c) || instances <= 1)
            continue;
        Finding f;
        f.kind = FindingKind::Stateful;
        f.component = c.id;
        f.severity = Severity::Warning;
        f.message = c.id + " keeps session state in memory but runs on " + std::to_string(instances) +
                    " instances: a user's next request may land where their session is not, and losing an "
                    "instance loses its sessions";
        f.evidence = {figure("stateful_instances", static_cast<double>(instances))};
        out.push_back(std::move(f));
    }
    return out;
}

Figures statefulFigures(const Snapshot& s, const Finding& f)
{
    const auto i = s.index(f.component);
    const bool stateful = i && isStateful(s.component(*i));
    return {figure("stateful_instances", stateful ? static_cast<double>(s.solver.params(*i).instances) : 0.0)};
}

Proposals proposeStateless(const Snapshot& s, const Finding& f)
{
    Proposals out;
    const Model& m = s.model();
    const auto store = std::find_if(m.components.begin(), m.components.end(),
                                    [](const Component& c) { return c.kind == ComponentKind::Cache; });
    Candidate cand;
    cand.pattern = Pattern::Stateless;
    cand.edits.push_back(SetField{f.component, Field::Stateful, 0.0});
    cand.summary = "make " + f.component + " stateless: move its sessions to a shared store such as " +
                   (store != m.components.end() ? "the cache " + store->id : std::string("Redis")) +
                   " (the store's own cost is not in the model)";
    out.candidates.push_back(std::move(cand));
    return out;
}

bool notFoundAgain(const Snapshot& changed, const Finding& f, const Candidate&)
{
    return !stillFound(changed, f);
}

} // namespace

FindingRules nPlusOneRules()
{
    return {FindingKind::NPlusOne, false, detectNPlusOne, nPlusOneFigures, proposeNPlusOne, notFoundAgain};
}

FindingRules statefulRules()
{
    return {FindingKind::Stateful, true, detectStateful, statefulFigures, proposeStateless, notFoundAgain};
}

} // namespace headroom::engine::advisor
