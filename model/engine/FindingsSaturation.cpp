// SPDX-License-Identifier: MIT
// Saturates: every station that saturates at or below X, and the changes that bring
// it back to the target utilization (more or bigger instances, a cache, read
// replicas, sharding, a job queue), or at least keep it answering (load shedding).
#include "AdvisorSupport.h"

#include "LoadShedding.h"
#include "StageDetection.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine::advisor {

namespace {

/// Bigger instances stop here: the largest machine a cloud rents (vertical scaling's ceiling).
constexpr std::int64_t kLargestMachineServers = 128;
/// A cache the advisor adds: 4 servers (threads), 0.5 ms a lookup.
constexpr double kCacheServers = 4.0;
constexpr double kCacheServiceMs = 0.5;
constexpr double kDefaultCacheCost = 150.0;
/// A hit ratio above this cannot be counted on.
constexpr double kHighestHitRatio = 0.95;
/// A generic station this slow (ten cache lookups) is worth caching.
constexpr double kCacheableServiceMs = 5.0;
/// Work this slow (ms) belongs behind a queue when callers need not wait for it.
constexpr double kSlowWorkMs = 100.0;
/// A replica the advisor adds applies a write in this share of the primary's service time
/// (it replays the log: no parsing or planning); the examples use 0.04 to 0.13.
constexpr double kApplyShareOfService = 0.1;
constexpr double kDefaultReplicationDelayMs = 1.0;
/// The client timeout load shedding is sized for (the shed analysis' default).
constexpr double kShedTimeoutMs = 1000.0;
/// The widest departure window (servers x timeout / service_ms) the shed analysis is run for.
constexpr double kShedWindowBudget = 1e6;

const InstancePlan* planOf(const Snapshot& s, std::size_t i)
{
    if (!s.plan)
        return nullptr;
    const auto it = std::find_if(s.plan->components.begin(), s.plan->components.end(),
                                 [i](const InstancePlan& p) { return p.component == i; });
    return it == s.plan->components.end() ? nullptr : &*it;
}

std::string nameOf(const Component& c)
{
    return c.label.empty() ? c.id : c.label;
}

/// Saturates at or below X: its headroom multiplier at the model's own rates is at most
/// X, as in the 10x analysis (the load offered with nothing shed upstream).
std::vector<Finding> detect(const Snapshot& s)
{
    std::vector<Finding> out;
    if (!s.open())
        return out;
    std::vector<std::pair<double, Finding>> found;
    for (std::size_t i = 0; i < s.model().components.size(); ++i) {
        if (!s.solver.params(i).queueing())
            continue;
        const ComponentResult& today = s.atOne->components[i];
        const std::optional<double> at = today.headroomMultiplier;
        if (!at || *at > s.x())
            continue;
        const Component& c = s.component(i);
        const ComponentResult& r = s.atX.components[i];
        const double unshed = *s.plannedUtilization(c.id);
        Finding f;
        f.kind = FindingKind::Saturates;
        f.component = c.id;
        f.severity = Severity::Critical;
        const std::string load = "at " + times(s.x()) + " it is offered " + times(r.offeredUtilization) + " its capacity";
        if (today.offeredUtilization >= 1.0)
            f.message = c.id + " is saturated already at today's load (offered " + times(today.offeredUtilization) +
                        " its capacity); " + load;
        else
            f.message = c.id + " saturates at " + times(*at) + "; " + load;
        if (r.blockingProbability > 0.0)
            f.message += ", and its bounded queue turns away " + percent(r.blockingProbability) + " of its requests";
        if (unshed > r.offeredUtilization * (1.0 + 1e-9))
            f.message += " (" + times(unshed) + " once nothing upstream sheds: the changes are sized for that)";
        f.evidence = {figure("saturates_at", at), figure("utilization", r.offeredUtilization),
                      figure("instances", static_cast<double>(s.solver.params(i).instances)),
                      figure("servers", static_cast<double>(s.solver.params(i).servers))};
        if (s.solver.sheds())
            f.evidence.push_back(figure("utilization_unshed", unshed));
        found.emplace_back(*at, std::move(f));
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, f] : found)
        out.push_back(std::move(f));
    return out;
}

/// Its utilization at X from the solve, the same with nothing shed upstream, and the
/// share it turns away (0 without a bounded queue).
Figures figures(const Snapshot& s, const Finding& f)
{
    const auto i = s.index(f.component);
    return {figure("utilization", s.utilization(f.component)),
            figure("utilization_unshed", s.plannedUtilization(f.component)),
            figure("rejected_fraction", i ? s.atX.components[*i].blockingProbability : 0.0)};
}

/// Fixed when it is at or under the target at X, with and without shedding upstream;
/// load shedding only promises a bounded queue.
bool fixed(const Snapshot& changed, const Finding& f, const Candidate& c)
{
    const auto i = changed.index(f.component);
    if (!i)
        return false;
    if (!c.addsCapacity)
        return !changed.atX.components[*i].saturated;
    const double limit = changed.target() * (1.0 + 1e-12);
    return changed.atX.components[*i].offeredUtilization <= limit && *changed.plannedUtilization(f.component) <= limit;
}

/// The busiest instance's utilization at X from writes alone (a database's write_fraction
/// of what it serves; everything a non-database serves).
double writeLoad(const Snapshot& s, std::size_t i)
{
    const StationParams& p = s.solver.params(i);
    const double share = isPrimary(s.component(i)) ? s.component(i).valueOr(Field::WriteFraction, 1.0) : 1.0;
    return s.plannedRate(i) * share * p.hottestShare * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
}

/// The links that bring requests to `target` (replication aside). A cache goes only on
/// sync links from callers that are not caches themselves (`cacheable`); replicas take
/// every caller's reads.
std::vector<std::size_t> readLinks(const Snapshot& s, std::size_t target, bool cacheable)
{
    std::vector<std::size_t> out;
    const Model& m = s.model();
    for (std::size_t l = 0; l < m.links.size(); ++l) {
        const Link& link = m.links[l];
        if (link.to != m.components[target].id || link.from == link.to)
            continue;
        const LinkKind kind = effectiveLinkKind(link, m.components[target].kind);
        if (kind == LinkKind::Replication)
            continue;
        const auto from = m.indexOf(link.from);
        if (cacheable && (kind != LinkKind::Sync || hasHitRatio(m.components[*from].kind)))
            continue;
        out.push_back(l);
    }
    return out;
}

void moreInstances(const Snapshot& s, std::size_t i, Proposals& out)
{
    const Component& c = s.component(i);
    const StationParams& p = s.solver.params(i);
    const InstancePlan* plan = planOf(s, i);
    const Pattern pattern = isReplica(c) ? Pattern::ReadReplicas : Pattern::MoreInstances;
    if (isPrimary(c)) {
        out.rejected.push_back({Pattern::MoreInstances, "writes go to one primary: more instances of it are shards "
                                                        "(see sharding)"});
        return;
    }
    if (!plan || !plan->requiredInstances) {
        out.rejected.push_back({pattern, "its busiest instance takes " + percent(p.hottestShare) +
                                             " of the traffic whatever the instance count (a hot spot), so more "
                                             "instances do not relieve it"});
        return;
    }
    const std::int64_t n = *plan->requiredInstances;
    if (auto tooMany = beyondModel(n, "instances")) {
        out.rejected.push_back({pattern, std::move(*tooMany)});
        return;
    }
    Candidate cand;
    cand.pattern = pattern;
    cand.edits = instanceEdits(c, n, plan->hotSpot);
    const bool stateful = c.valueOr(Field::Stateful, 0.0) != 0.0;
    if (stateful)
        cand.edits.push_back(SetField{c.id, Field::Stateful, 0.0});
    const std::string now = " (it has " + std::to_string(p.instances) + ")";
    cand.summary = pattern == Pattern::ReadReplicas
                       ? "run " + std::to_string(n) + " instances of the read replica " + c.id + now
                       : "run " + std::to_string(n) + " instances of " + c.id + now;
    if (stateful)
        cand.summary += ", after making it stateless: its sessions move to a shared store, so that any instance "
                        "can serve any request";
    cand.sizing = {figure("instances", static_cast<double>(n))};
    out.candidates.push_back(std::move(cand));
}

void biggerInstances(const Snapshot& s, std::size_t i, Proposals& out)
{
    const Component& c = s.component(i);
    const StationParams& p = s.solver.params(i);
    // Erlangs on the busiest instance: it keeps its share whatever its size.
    const double busiest = s.plannedRate(i) * p.hottestShare * p.serviceMs / 1000.0;
    const std::int64_t servers = smallestCount(busiest, s.target());
    if (servers > kLargestMachineServers) {
        out.rejected.push_back({Pattern::BiggerInstances,
                                "needs " + std::to_string(servers) + " servers per instance, beyond the " +
                                    std::to_string(kLargestMachineServers) +
                                    " of the largest machine: vertical scaling is exhausted"});
        return;
    }
    if (servers <= p.servers)
        return;
    const double scale = static_cast<double>(servers) / static_cast<double>(p.servers);
    Candidate cand;
    cand.pattern = Pattern::BiggerInstances;
    cand.edits.push_back(SetField{c.id, Field::Servers, static_cast<double>(servers)});
    // Cost roughly linear in capacity (the playbook).
    if (p.costPerInstanceMonth > 0.0)
        cand.edits.push_back(SetField{c.id, Field::CostPerInstanceMonth, p.costPerInstanceMonth * scale});
    // A bound on requests in flight grows with the servers that work them off.
    if (p.capacity)
        cand.edits.push_back(SetField{c.id, Field::Capacity,
                                      std::min(kMaxCount, std::ceil(static_cast<double>(*p.capacity) * scale))});
    cand.summary = "move " + c.id + " to machines of " + std::to_string(servers) + " servers (it has " +
                   std::to_string(p.servers) + "), " + times(scale) + " the size";
    cand.sizing = {figure("servers", static_cast<double>(servers))};
    out.candidates.push_back(std::move(cand));
}

void cache(const Snapshot& s, std::size_t i, Proposals& out)
{
    const Component& c = s.component(i);
    const StationParams& p = s.solver.params(i);
    const double writeShare = isPrimary(c) ? c.valueOr(Field::WriteFraction, 1.0) : 0.0;
    const bool slowStation = c.kind == ComponentKind::Station && !isExternalPooler(s.model(), i) &&
                             p.serviceMs >= kCacheableServiceMs;
    if (c.kind != ComponentKind::Database && !slowStation)
        return;
    if (writeShare >= 1.0) {
        out.rejected.push_back({Pattern::Cache, "it serves only writes (write_fraction 1): a cache takes reads"});
        return;
    }
    const double readShare = 1.0 - writeShare;
    const std::vector<std::size_t> links = readLinks(s, i, true);
    double reads = 0.0;
    for (const std::size_t l : links)
        reads += s.plannedLinkRate(l) * readShare;
    if (links.empty() || !(reads > 0.0)) {
        out.rejected.push_back({Pattern::Cache, "its reads already come through a cache: a higher hit ratio there "
                                                "is the lever"});
        return;
    }
    // The most traffic it can take with its busiest instance at the target.
    const double capacity = s.target() * 1000.0 * static_cast<double>(p.servers) / (p.serviceMs * p.hottestShare);
    const double needed = (s.plannedRate(i) - capacity) / reads;
    if (needed >= 1.0) {
        out.rejected.push_back({Pattern::Cache, "even a perfect cache leaves it at " + percent(writeLoad(s, i)) +
                                                    " at " + times(s.x()) + " with its writes alone: a cache takes reads"});
        return;
    }
    if (needed > kHighestHitRatio) {
        out.rejected.push_back({Pattern::Cache, "needs a hit ratio of " + formatNumber(std::round(needed * 1000) / 1000) +
                                                    " on its reads, above the " + formatNumber(kHighestHitRatio) +
                                                    " a cache can be counted on for"});
        return;
    }
    const double hitRatio = std::min(kHighestHitRatio, std::ceil(needed * 100.0 - 1e-9) / 100.0);
    const std::int64_t instances = smallestCount(reads * kCacheServiceMs / 1000.0 / kCacheServers, s.target());
    if (auto tooMany = beyondModel(instances, "cache instances")) {
        out.rejected.push_back({Pattern::Cache, std::move(*tooMany)});
        return;
    }

    Component added;
    added.id = uniqueId(s.model(), c.id + "_cache");
    added.kind = ComponentKind::Cache;
    added.label = "Cache for " + nameOf(c);
    std::vector<std::size_t> callers;
    for (const std::size_t l : links)
        callers.push_back(*s.model().indexOf(s.model().links[l].from));
    const auto [x, y] = placeBetween(s.model(), callers, i);
    added.set(Field::X, x);
    added.set(Field::Y, y);
    added.set(Field::Servers, kCacheServers);
    added.set(Field::ServiceMs, kCacheServiceMs);
    added.set(Field::HitRatio, hitRatio);
    if (instances > 1)
        added.set(Field::Instances, static_cast<double>(instances));
    if (const double cost = newComponentCost(s.model(), pricedOfKind(s.model(), ComponentKind::Cache), kDefaultCacheCost);
        cost > 0.0)
        added.set(Field::CostPerInstanceMonth, cost);

    Candidate cand;
    cand.pattern = Pattern::Cache;
    cand.edits.push_back(AddComponent{added, i});
    for (const std::size_t l : links) {
        const Link& link = s.model().links[l];
        Link toCache;
        toCache.from = link.from;
        toCache.to = added.id;
        toCache.set(LinkField::Calls, link.calls() * readShare);
        cand.edits.push_back(AddLink{toCache});
        if (writeShare > 0.0)
            cand.edits.push_back(SetLinkField{link.from, link.to, LinkField::Calls, link.calls() * writeShare});
        else
            cand.edits.push_back(RemoveLink{link.from, link.to});
    }
    Link misses;
    misses.from = added.id;
    misses.to = c.id;
    cand.edits.push_back(AddLink{misses});
    const auto keep = keepWriteStreams(s.solver, cand.edits);
    cand.edits.insert(cand.edits.end(), keep.begin(), keep.end());
    cand.summary = "put a cache (" + std::to_string(instances) + " x " + formatNumber(kCacheServers) + " servers, " +
                   formatNumber(kCacheServiceMs) + " ms a lookup) in front of " + c.id + " for its " +
                   formatNumber(std::round(reads)) + " reads per second at " + times(s.x()) +
                   ": it needs a hit ratio of at least " + formatNumber(std::round(needed * 1000) / 1000) +
                   (writeShare > 0.0 ? "; writes still go to " + c.id : "");
    cand.sizing = {figure("hit_ratio_needed", needed), figure("hit_ratio", hitRatio), figure("read_rps", reads),
                   figure("instances", static_cast<double>(instances))};
    out.candidates.push_back(std::move(cand));
}

void readReplicas(const Snapshot& s, std::size_t i, Proposals& out)
{
    const Component& c = s.component(i);
    const StationParams& p = s.solver.params(i);
    const double writeShare = c.valueOr(Field::WriteFraction, 1.0);
    if (writeShare >= 1.0) {
        out.rejected.push_back({Pattern::ReadReplicas, "it serves only writes (write_fraction 1): replicas take reads"});
        return;
    }
    if (p.instances > 1) {
        out.rejected.push_back({Pattern::ReadReplicas,
                                "it is sharded: in this model a replica would apply every shard's writes; model each "
                                "shard and its replica as separate components"});
        return;
    }
    const double writes = writeLoad(s, i);
    if (writes > s.target()) {
        out.rejected.push_back({Pattern::ReadReplicas, "its writes alone keep it at " + percent(writes) + " at " +
                                                           times(s.x()) + ": replicas take only reads"});
        return;
    }
    const double readShare = 1.0 - writeShare;
    const std::vector<std::size_t> links = readLinks(s, i, false);
    if (links.empty())
        return;
    Candidate cand;
    cand.pattern = Pattern::ReadReplicas;
    const std::vector<std::size_t> existing = replicasOf(s.model(), i);
    std::string replica;
    if (!existing.empty()) {
        replica = s.component(existing.front()).id;
    } else {
        Component added;
        added.id = uniqueId(s.model(), c.id + "_replica");
        added.kind = ComponentKind::Database;
        added.role = DatabaseRole::Replica;
        added.label = "Read replica of " + nameOf(c);
        added.set(Field::X, c.valueOr(Field::X, 0.0));
        added.set(Field::Y, c.valueOr(Field::Y, 0.0) + 110.0);
        added.set(Field::Servers, static_cast<double>(p.servers));
        added.set(Field::ServiceMs, p.serviceMs);
        // Apply and delay like the model's other replicas, else the documented defaults.
        const Model& m = s.model();
        const auto other = std::find_if(m.components.begin(), m.components.end(),
                                        [](const Component& o) { return isReplica(o); });
        added.set(Field::ApplyMs, other != m.components.end() && other->has(Field::ApplyMs)
                                      ? *other->get(Field::ApplyMs)
                                      : p.serviceMs * kApplyShareOfService);
        added.set(Field::ReplicationDelayMs, other != m.components.end() && other->has(Field::ReplicationDelayMs)
                                                 ? *other->get(Field::ReplicationDelayMs)
                                                 : kDefaultReplicationDelayMs);
        if (const auto max = c.get(Field::MaxConnections))
            added.set(Field::MaxConnections, *max);
        if (const double cost = newComponentCost(m, i, 0.0); cost > 0.0)
            added.set(Field::CostPerInstanceMonth, cost);
        replica = added.id;
        cand.edits.push_back(AddComponent{added, i + 1});
        Link replication;
        replication.from = c.id;
        replication.to = replica;
        replication.kind = LinkKind::Replication;
        cand.edits.push_back(AddLink{replication});
    }
    for (const std::size_t l : links) {
        const Link& link = s.model().links[l];
        const double reads = link.calls() * readShare;
        if (const auto there = linkIndex(s.model(), link.from, replica)) {
            cand.edits.push_back(
                SetLinkField{link.from, replica, LinkField::Calls, s.model().links[*there].calls() + reads});
        } else {
            Link moved;
            moved.from = link.from;
            moved.to = replica;
            moved.kind = link.kind;
            moved.set(LinkField::Calls, reads);
            cand.edits.push_back(AddLink{moved});
        }
        if (writeShare > 0.0)
            cand.edits.push_back(SetLinkField{link.from, link.to, LinkField::Calls, link.calls() * writeShare});
        else
            cand.edits.push_back(RemoveLink{link.from, link.to});
    }
    // Size the replicas for the reads they now take.
    auto rerouted = applyEdits(s.model(), cand.edits);
    if (!rerouted)
        return;
    auto solver = Solver::create(*rerouted);
    if (!solver) {
        out.rejected.push_back({Pattern::ReadReplicas, "the rerouted model is invalid: " +
                                                           solver.issues().front().message});
        return;
    }
    const std::size_t r = *rerouted->indexOf(replica);
    const StationParams& rp = solver->params(r);
    const double whole = s.x() * solver->unitTraffic()[r] * rp.serviceMs / 1000.0 / static_cast<double>(rp.servers);
    const std::int64_t n = smallestCount(whole, s.target());
    if (auto tooMany = beyondModel(n, "replicas")) {
        out.rejected.push_back({Pattern::ReadReplicas, std::move(*tooMany)});
        return;
    }
    const auto sized = instanceEdits(rerouted->components[r], n, false);
    cand.edits.insert(cand.edits.end(), sized.begin(), sized.end());
    const auto keep = keepWriteStreams(s.solver, cand.edits);
    cand.edits.insert(cand.edits.end(), keep.begin(), keep.end());
    cand.summary = "route the " + percent(readShare) + " read share of " + c.id + " to " + std::to_string(n) +
                   " read replicas (" + replica + (existing.empty() ? ", new" : ", it has " + std::to_string(rp.instances)) +
                   "); reads that must see their own writes stay on " + c.id;
    cand.sizing = {figure("replicas", static_cast<double>(n)), figure("read_share", readShare)};
    out.candidates.push_back(std::move(cand));
}

void sharding(const Snapshot& s, std::size_t i, Proposals& out)
{
    const Component& c = s.component(i);
    const StationParams& p = s.solver.params(i);
    const InstancePlan* plan = planOf(s, i);
    const double perServer = s.plannedRate(i) * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
    const double writes = writeLoad(s, i);
    const bool hotSpot = plan && plan->hotSpot;
    if (p.instances == 1 && writes <= s.target()) {
        out.rejected.push_back({Pattern::Sharding, "its writes alone keep one server at " + percent(writes) + " at " +
                                                       times(s.x()) + ": replicas or a cache are the simpler fix"});
        return;
    }
    // A hot key is spread by re-sharding (an even split); otherwise the plan's count.
    const std::int64_t n = hotSpot ? smallestCount(perServer, s.target())
                                   : (plan && plan->requiredInstances ? *plan->requiredInstances : 0);
    if (n <= 0)
        return;
    if (auto tooMany = beyondModel(n, "shards")) {
        out.rejected.push_back({Pattern::Sharding, std::move(*tooMany)});
        return;
    }
    Candidate cand;
    cand.pattern = Pattern::Sharding;
    cand.edits = instanceEdits(c, n, false);
    cand.summary = hotSpot ? "re-shard " + c.id + " so that its hot key spreads evenly over " + std::to_string(n) +
                                 " shards (today the busiest takes " + percent(p.hottestShare) + ")"
                           : "split " + c.id + " into " + std::to_string(n) + " shards by key, evenly" +
                                 (p.instances > 1 ? " (it has " + std::to_string(p.instances) + ")" : "");
    if (!replicasOf(s.model(), i).empty())
        cand.summary += "; in this model each replica still applies every shard's writes";
    cand.sizing = {figure("shards", static_cast<double>(n))};
    out.candidates.push_back(std::move(cand));
}

void queue(const Snapshot& s, std::size_t i, Proposals& out)
{
    const Component& c = s.component(i);
    const StationParams& p = s.solver.params(i);
    const bool compute = isComputeTier(s.model(), i);
    if (!compute || p.serviceMs < kSlowWorkMs || !(s.atX.components[i].visitsPerRequest > 0.0))
        return;
    const Model& m = s.model();
    for (const Link& link : m.links) {
        if (link.to == c.id && m.components[*m.indexOf(link.from)].kind == ComponentKind::Clients) {
            out.rejected.push_back({Pattern::Queue, "users call it directly: something must take the request and "
                                                    "enqueue the work"});
            return;
        }
    }
    const std::int64_t n = smallestCount(s.plannedRate(i) * p.serviceMs / 1000.0 / static_cast<double>(p.servers),
                                         s.target());
    if (auto tooMany = beyondModel(n, "worker nodes")) {
        out.rejected.push_back({Pattern::Queue, std::move(*tooMany)});
        return;
    }
    // The same machines become the queue's workers: same id, servers, service and cost.
    Component workers = c;
    workers.kind = ComponentKind::Queue;
    workers.role.reset();
    workers.label = "Job queue: " + nameOf(c);
    workers.set(Field::Instances, n > 1 ? std::optional<double>(static_cast<double>(n)) : std::nullopt);
    workers.set(Field::HottestShare, std::nullopt);
    workers.set(Field::Capacity, std::nullopt);
    Candidate cand;
    cand.pattern = Pattern::Queue;
    cand.edits.push_back(RemoveComponent{c.id});
    cand.edits.push_back(AddComponent{workers, i});
    for (const Link& link : m.links) {
        if (link.from != c.id && link.to != c.id)
            continue;
        Link kept = link;
        if (link.to == c.id)
            kept.kind.reset(); // into a queue: async
        cand.edits.push_back(AddLink{kept});
    }
    cand.summary = "move " + c.id + "'s slow work (" + formatNumber(p.serviceMs) +
                   " ms) behind a job queue if callers need not wait for its answer: they enqueue it and " +
                   std::to_string(n) + " worker nodes of " + std::to_string(p.servers) +
                   " keep up; users no longer wait for it";
    cand.sizing = {figure("instances", static_cast<double>(n))};
    out.candidates.push_back(std::move(cand));
}

void shedLoad(const Snapshot& s, std::size_t i, Proposals& out)
{
    const StationParams& p = s.solver.params(i);
    if (p.capacity)
        return;
    // The shed analysis walks the Poisson window of departures within the timeout,
    // servers x timeout / service_ms wide: beyond this it takes too long to offer.
    if (static_cast<double>(p.servers) * kShedTimeoutMs / p.serviceMs > kShedWindowBudget) {
        out.rejected.push_back({Pattern::LoadShedding, "it completes more than " + formatNumber(kShedWindowBudget) +
                                                           " requests within the timeout, too many for the shed "
                                                           "analysis to size a bound; bound its queue by hand"});
        return;
    }
    const std::string& id = s.component(i).id;
    const std::vector<double> at{s.x()};
    LoadSheddingAnswer answer = loadShedding(s.solver, i, std::nullopt, kShedTimeoutMs, at);
    // The bound must also hold the servers a scenario gives the component.
    std::int64_t capacity = answer.recommendedCapacity;
    for (const Scenario& scenario : s.model().scenarios) {
        for (const Override& o : scenario.overrides) {
            if (o.component == id && o.field == Field::Servers)
                capacity = std::max(capacity, static_cast<std::int64_t>(o.value));
        }
    }
    if (auto tooMany = beyondModel(capacity, "requests of capacity")) {
        out.rejected.push_back({Pattern::LoadShedding, std::move(*tooMany)});
        return;
    }
    if (capacity != answer.recommendedCapacity)
        answer = loadShedding(s.solver, i, capacity, kShedTimeoutMs, at);
    const ShedPoint& with = answer.withShedding.front();
    Candidate cand;
    cand.pattern = Pattern::LoadShedding;
    cand.addsCapacity = false;
    cand.edits.push_back(SetField{id, Field::Capacity, static_cast<double>(capacity)});
    cand.summary = "bound " + id + "'s queue at " + std::to_string(capacity) +
                   " requests per instance (fast rejections): at " + times(s.x()) + " it still answers " +
                   formatNumber(std::round(with.goodputRps)) + " requests per second within " +
                   formatNumber(kShedTimeoutMs) + " ms and turns away " + percent(with.rejectedFraction) +
                   "; it adds no capacity";
    cand.sizing = {figure("capacity", static_cast<double>(capacity)), figure("goodput_rps", with.goodputRps),
                   figure("rejected_fraction", with.rejectedFraction)};
    out.candidates.push_back(std::move(cand));
}

Proposals propose(const Snapshot& s, const Finding& f)
{
    Proposals out;
    const std::size_t i = *s.index(f.component);
    moreInstances(s, i, out);
    biggerInstances(s, i, out);
    cache(s, i, out);
    if (isPrimary(s.component(i))) {
        readReplicas(s, i, out);
        sharding(s, i, out);
    }
    queue(s, i, out);
    shedLoad(s, i, out);
    return out;
}

} // namespace

FindingRules saturatesRules()
{
    return {FindingKind::Saturates, false, detect, figures, propose, fixed};
}

} // namespace headroom::engine::advisor
