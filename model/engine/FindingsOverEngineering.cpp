// SPDX-License-Identifier: MIT
// Over-engineering: shards, read replicas and caches the load at X does not need.
// Premature architecture costs money and complexity too; the check removes the
// pattern from a copy of the model and re-solves it at X.
#include "AdvisorSupport.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace headroom::engine::advisor {

namespace {

/// Taking one pattern out of the model.
struct Simplification {
    std::string subject;              ///< the shards, the replica or the cache
    std::vector<std::string> related; ///< what takes its load instead
    std::vector<ModelEdit> edits;
    std::string summary;
};

Simplification unshard(const Component& primary)
{
    return {primary.id, {primary.id}, instanceEdits(primary, 1, false),
            "run " + primary.id + " as one database instead of " +
                formatNumber(primary.valueOr(Field::Instances, 1.0)) + " shards"};
}

/// The replica's reads go back to its primary; the replica goes.
std::optional<Simplification> dropReplica(const Snapshot& s, std::size_t replica)
{
    const Model& m = s.model();
    const Component& r = m.components[replica];
    std::optional<std::size_t> primary;
    for (const Link& link : m.links) {
        if (link.to == r.id && effectiveLinkKind(link, r.kind) == LinkKind::Replication)
            primary = m.indexOf(link.from);
    }
    if (!primary)
        return std::nullopt;
    const std::string& p = m.components[*primary].id;
    Simplification out{r.id, {p}, {}, ""};
    for (const Link& link : m.links) {
        if (link.to != r.id || link.from == r.id || effectiveLinkKind(link, r.kind) == LinkKind::Replication)
            continue;
        if (const auto there = linkIndex(m, link.from, p))
            out.edits.push_back(SetLinkField{link.from, p, LinkField::Calls, m.links[*there].calls() + link.calls()});
        else
            out.edits.push_back(RetargetLink{link.from, r.id, link.from, p});
    }
    out.edits.push_back(RemoveComponent{r.id});
    const auto keep = keepWriteStreams(s.solver, out.edits);
    out.edits.insert(out.edits.end(), keep.begin(), keep.end());
    out.summary = "send " + r.id + "'s reads back to " + p + " and remove the replica (keep one for failover if you "
                  "need it: the model does not weigh availability)";
    return out;
}

/// Every lookup goes on to what the cache called: a -> cache (a calls) and cache -> b
/// (b calls per miss) become a -> b with a x b calls.
std::optional<Simplification> dropCache(const Snapshot& s, std::size_t cache)
{
    const Model& m = s.model();
    const Component& c = m.components[cache];
    std::vector<const Link*> in;
    std::vector<const Link*> out;
    for (const Link& link : m.links) {
        if (link.from == link.to)
            continue;
        if (link.to == c.id)
            in.push_back(&link);
        else if (link.from == c.id)
            out.push_back(&link);
    }
    if (in.empty() || out.empty())
        return std::nullopt; // a store of record (nothing behind it), not a cache to remove
    Simplification result{c.id, {}, {}, ""};
    std::map<std::pair<std::string, std::string>, std::pair<double, bool>> through; // (a, b) -> calls, async
    for (const Link* a : in) {
        for (const Link* b : out) {
            const std::size_t to = *m.indexOf(b->to);
            const bool async = effectiveLinkKind(*a, c.kind) == LinkKind::Async ||
                               effectiveLinkKind(*b, m.components[to].kind) == LinkKind::Async;
            auto& entry = through[{a->from, b->to}];
            entry.first += a->calls() * b->calls();
            entry.second = entry.second || async;
        }
    }
    for (const Link* b : out)
        result.related.push_back(b->to);
    for (const auto& [ends, entry] : through) {
        const auto& [from, to] = ends;
        if (const auto there = linkIndex(m, from, to)) {
            result.edits.push_back(SetLinkField{from, to, LinkField::Calls, m.links[*there].calls() + entry.first});
            continue;
        }
        Link direct;
        direct.from = from;
        direct.to = to;
        direct.set(LinkField::Calls, entry.first);
        const bool queueTarget = m.components[*m.indexOf(to)].kind == ComponentKind::Queue;
        if (entry.second != queueTarget)
            direct.kind = entry.second ? LinkKind::Async : LinkKind::Sync;
        result.edits.push_back(AddLink{direct});
    }
    result.edits.push_back(RemoveComponent{c.id});
    const auto keep = keepWriteStreams(s.solver, result.edits);
    result.edits.insert(result.edits.end(), keep.begin(), keep.end());
    std::string targets;
    for (const std::string& id : result.related)
        targets += (targets.empty() ? "" : ", ") + id;
    result.summary = "remove the cache " + c.id + ": its callers go straight to " + targets;
    return result;
}

/// The simplifications of every component, or of component `only`.
std::vector<Simplification> simplifications(const Snapshot& s, std::optional<std::size_t> only)
{
    std::vector<Simplification> out;
    for (std::size_t i = 0; i < s.model().components.size(); ++i) {
        if (only && i != *only)
            continue;
        const Component& c = s.component(i);
        if (isPrimary(c) && s.solver.params(i).instances > 1)
            out.push_back(unshard(c));
        else if (isReplica(c)) {
            if (auto r = dropReplica(s, i))
                out.push_back(std::move(*r));
        } else if (hasHitRatio(c.kind)) {
            if (auto r = dropCache(s, i))
                out.push_back(std::move(*r));
        }
    }
    return out;
}

/// The highest utilization at X among `ids` (those present).
double highest(const Snapshot& s, const std::vector<std::string>& ids)
{
    double u = 0.0;
    for (const std::string& id : ids)
        u = std::max(u, s.utilization(id).value_or(0.0));
    return u;
}

/// Every station whose load the change raises stays at or under the target at X.
bool raisedWithinTarget(const Snapshot& base, const Snapshot& changed)
{
    for (std::size_t j = 0; j < changed.model().components.size(); ++j) {
        if (!changed.solver.params(j).queueing())
            continue;
        const double after = changed.atX.components[j].offeredUtilization;
        const auto before = base.utilization(changed.component(j).id);
        const bool raised = !before || after > *before * (1.0 + 1e-9);
        if (raised && after > changed.target() * (1.0 + 1e-12))
            return false;
    }
    return true;
}

std::string describe(const Snapshot& s, const Simplification& simple, double after)
{
    const std::size_t i = *s.index(simple.subject);
    const Component& c = s.component(i);
    const std::string within = " at " + times(s.x()) + " (target " + percent(s.target()) + ")";
    const double cost = s.solver.params(i).costPerInstanceMonth * static_cast<double>(s.solver.params(i).instances);
    const std::string price = cost > 0.0 ? ", and " + formatNumber(std::round(cost)) + " per month," : "";
    if (isPrimary(c))
        return c.id + " is split into " + std::to_string(s.solver.params(i).instances) +
               " shards, but one instance would be at " + percent(after) + within + ": sharding costs complexity" +
               price + " that the load does not need";
    if (isReplica(c))
        return c.id + " (" + std::to_string(s.solver.params(i).instances) + " read replicas) could go: " +
               simple.related.front() + " alone would serve every read at " + percent(after) + within;
    return "the cache " + c.id + " could go: without it, what it fronts stays at " + percent(after) + within;
}

/// The over-built patterns of every component, or of component `only`.
std::vector<Finding> detectAmong(const Snapshot& s, std::optional<std::size_t> only)
{
    std::vector<Finding> out;
    for (const Simplification& simple : simplifications(s, only)) {
        auto edited = applyEdits(s.model(), simple.edits);
        if (!edited)
            continue;
        auto changed = takeSnapshot(*edited, s.options);
        if (!changed || !raisedWithinTarget(s, *changed))
            continue;
        const double after = highest(*changed, simple.related);
        Finding f;
        f.kind = FindingKind::OverEngineering;
        f.component = simple.subject;
        f.related = simple.related;
        f.severity = Severity::Info;
        f.message = describe(s, simple, after);
        const std::size_t i = *s.index(simple.subject);
        f.evidence = {figure("instances", static_cast<double>(s.solver.params(i).instances)),
                      figure("utilization", highest(s, simple.related)), figure("utilization_without", after)};
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<Finding> detect(const Snapshot& s)
{
    return detectAmong(s, std::nullopt);
}

Figures figures(const Snapshot& s, const Finding& f)
{
    const auto i = s.index(f.component);
    // After a simplification a sharded primary has one instance; a removed pattern has none.
    const double instances = i ? static_cast<double>(s.solver.params(*i).instances) : 0.0;
    return {figure("instances", instances), figure("utilization", highest(s, f.related))};
}

Proposals propose(const Snapshot& s, const Finding& f)
{
    Proposals out;
    const auto subject = s.index(f.component);
    if (!subject)
        return out;
    for (Simplification& simple : simplifications(s, subject)) {
        if (simple.subject != f.component)
            continue;
        Candidate cand;
        cand.pattern = Pattern::Simplify;
        cand.edits = std::move(simple.edits);
        cand.summary = std::move(simple.summary);
        out.candidates.push_back(std::move(cand));
    }
    return out;
}

bool fixed(const Snapshot& changed, const Finding& f, const Candidate&)
{
    // Only the finding's own component can still be found over-built: checking it alone
    // spares a re-solve per component of the model for every candidate.
    const auto i = changed.index(f.component);
    const bool stillFound = i && !detectAmong(changed, *i).empty();
    return !stillFound && highest(changed, f.related) <= changed.target() * (1.0 + 1e-12);
}

} // namespace

FindingRules overEngineeringRules()
{
    return {FindingKind::OverEngineering, true, detect, figures, propose, fixed};
}

} // namespace headroom::engine::advisor
