// SPDX-License-Identifier: MIT
// The database's findings: replica lag, pool waits, and connections beyond
// max_connections, with the pool resize and the external pooler that fix them.
#include "AdvisorSupport.h"

#include "PoolSizing.h"
#include "StageDetection.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine::advisor {

namespace {

/// An external pooler the advisor adds (PgBouncer): many threads, 0.05 ms a request.
constexpr double kPoolerServers = 64.0;
constexpr double kPoolerServiceMs = 0.05;
constexpr double kDefaultPoolerCost = 50.0;

// Replica lag

const ReplicationResult* replicationOf(const Snapshot& s, std::string_view replica)
{
    const auto i = s.index(replica);
    if (!i)
        return nullptr;
    const auto it = std::find_if(s.atX.replication.begin(), s.atX.replication.end(),
                                 [&](const ReplicationResult& r) { return r.replica == *i; });
    return it == s.atX.replication.end() ? nullptr : &*it;
}

std::vector<Finding> detectReplicaLag(const Snapshot& s)
{
    std::vector<Finding> out;
    if (!s.open())
        return out;
    for (const ReplicationResult& r : s.atX.replication) {
        const std::string& replica = s.component(r.replica).id;
        const std::string& primary = s.component(r.primary).id;
        Finding f;
        f.kind = FindingKind::ReplicaLag;
        f.component = replica;
        f.related = {primary};
        if (r.saturated) {
            f.severity = Severity::Critical;
            f.message = replica + " cannot keep up with " + primary + "'s writes at " + times(s.x()) + ": applying " +
                        formatNumber(std::round(r.writeRps)) + " writes per second takes " +
                        times(r.applyUtilization) + " of its one apply thread, so its lag grows by " +
                        formatNumber(std::round(r.lagGrowthMsPerS)) + " ms every second";
        } else if (r.p99LagMs && *r.p99LagMs > s.options.lagThresholdMs) {
            f.severity = Severity::Warning;
            f.message = replica + " lags up to " + formatNumber(std::round(*r.p99LagMs)) + " ms behind " + primary +
                        " at " + times(s.x()) + " (p99; threshold " + formatNumber(s.options.lagThresholdMs) +
                        " ms): a read issued within " + formatNumber(std::round(*r.p99LagMs)) +
                        " ms of a write may not see it";
        } else {
            continue;
        }
        f.evidence = {figure("p99_lag_ms", r.p99LagMs), figure("apply_utilization", r.applyUtilization),
                      figure("write_rps", r.writeRps)};
        out.push_back(std::move(f));
    }
    return out;
}

Figures replicaLagFigures(const Snapshot& s, const Finding& f)
{
    const ReplicationResult* r = replicationOf(s, f.component);
    return {figure("p99_lag_ms", r ? r->p99LagMs : std::nullopt),
            figure("apply_utilization", r ? std::optional<double>(r->applyUtilization) : std::nullopt)};
}

/// No pattern in the model shortens lag: each replica applies the primary's whole
/// write stream on one thread, whatever the replica count, size or sharding.
Proposals proposeReplicaLag(const Snapshot& s, const Finding& f)
{
    Proposals out;
    const ReplicationResult* r = replicationOf(s, f.component);
    const std::string window = r && r->p99LagMs ? formatNumber(std::round(*r->p99LagMs)) + " ms" : "ever longer";
    out.advice = "No change the model can express shortens it: each replica applies the primary's whole write stream "
                 "on one thread, so more replicas, a bigger replica or (here) sharding the primary do not help. "
                 "Route reads that must see their own writes to the primary (the read-your-writes window is " +
                 window + "), and watch and alert on the lag; a faster apply (parallel apply, faster storage) or "
                 "per-shard replicas (each shard and its replica as separate components) are the ways out.";
    return out;
}

// Pools

/// The pool that `from`'s requests to `database` go through: the pooled link itself,
/// or an external pooler's pool when `from` calls the pooler.
const PoolResult* poolPath(const Snapshot& s, std::string_view from, std::string_view database)
{
    const Model& m = s.model();
    const auto a = s.index(from);
    const auto d = s.index(database);
    if (!a || !d)
        return nullptr;
    const auto poolOn = [&](std::size_t source) -> const PoolResult* {
        const auto it = std::find_if(s.atX.pools.begin(), s.atX.pools.end(),
                                     [&](const PoolResult& p) { return p.from == source && p.to == *d; });
        return it == s.atX.pools.end() ? nullptr : &*it;
    };
    if (const PoolResult* direct = poolOn(*a))
        return direct;
    for (const Link& link : m.links) {
        if (link.from != from)
            continue;
        const auto via = m.indexOf(link.to);
        if (via && isExternalPooler(m, *via))
            if (const PoolResult* pooled = poolOn(*via))
                return pooled;
    }
    return nullptr;
}

std::int64_t connectionsInto(const Snapshot& s, std::size_t database)
{
    const auto it = std::find_if(s.atX.pools.begin(), s.atX.pools.end(),
                                 [&](const PoolResult& p) { return p.to == database; });
    return it == s.atX.pools.end() ? 0 : it->connectionsTotal;
}

std::vector<Finding> detectPoolWait(const Snapshot& s)
{
    std::vector<Finding> out;
    if (!s.open())
        return out;
    for (const PoolResult& pool : s.atX.pools) {
        // A pool into a saturated database is that database's saturates finding.
        if (s.atX.components[pool.to].saturated || !(pool.perInstanceRps > 0.0) ||
            pool.waitProbability <= s.options.targetWait)
            continue;
        Finding f;
        f.kind = FindingKind::PoolWait;
        f.component = s.component(pool.from).id;
        f.linkTo = s.component(pool.to).id;
        const std::string name = "the pool " + f.component + " -> " + *f.linkTo + " (" +
                                 std::to_string(pool.poolSize) + " connections per instance)";
        if (pool.saturated) {
            f.severity = Severity::Critical;
            f.message = name + " cannot keep up at " + times(s.x()) + ": it would need " +
                        formatNumber(std::round(pool.utilization.value_or(1.0) * static_cast<double>(pool.poolSize) * 10) / 10) +
                        " connections busy at once, so requests wait for one without bound";
        } else {
            f.severity = Severity::Warning;
            f.message = name + " makes " + percent(pool.waitProbability) + " of requests wait for a connection at " +
                        times(s.x()) + " (target " + percent(s.options.targetWait) + ")";
        }
        f.evidence = {figure("wait_probability", pool.waitProbability),
                      figure("pool_size", static_cast<double>(pool.poolSize)), figure("mean_wait_ms", pool.meanWaitMs)};
        out.push_back(std::move(f));
    }
    return out;
}

Figures poolWaitFigures(const Snapshot& s, const Finding& f)
{
    const PoolResult* pool = poolPath(s, f.component, f.linkTo.value_or(""));
    if (!pool)
        return {figure("wait_probability", std::nullopt), figure("pool_size", std::nullopt),
                figure("connections_total", std::nullopt)};
    return {figure("wait_probability", pool->waitProbability), figure("pool_size", static_cast<double>(pool->poolSize)),
            figure("connections_total", static_cast<double>(pool->connectionsTotal))};
}

std::vector<Finding> detectConnections(const Snapshot& s)
{
    std::vector<Finding> out;
    for (std::size_t d = 0; d < s.model().components.size(); ++d) {
        const Component& db = s.component(d);
        const auto max = db.get(Field::MaxConnections);
        const std::int64_t total = connectionsInto(s, d);
        if (!max || static_cast<double>(total) <= *max)
            continue;
        Finding f;
        f.kind = FindingKind::Connections;
        f.component = db.id;
        f.severity = Severity::Critical;
        std::vector<std::string> parts;
        for (const PoolResult& pool : s.atX.pools) {
            if (pool.to != d)
                continue;
            const std::string& caller = s.component(pool.from).id;
            f.related.push_back(caller);
            parts.push_back(caller + " " + std::to_string(pool.poolSize) + " x " +
                            std::to_string(s.solver.params(pool.from).instances));
        }
        std::string list;
        for (const std::string& part : parts)
            list += (list.empty() ? "" : ", ") + part;
        f.message = "the pools into " + db.id + " can open " + std::to_string(total) + " connections (" + list +
                    "), more than its max_connections " + formatNumber(*max) +
                    ": at a burst new connections are refused";
        f.evidence = {figure("connections_total", static_cast<double>(total)), figure("max_connections", *max)};
        out.push_back(std::move(f));
    }
    return out;
}

Figures connectionsFigures(const Snapshot& s, const Finding& f)
{
    const auto d = s.index(f.component);
    double wait = 0.0;
    for (const PoolResult& pool : s.atX.pools) {
        if (d && pool.to == *d && pool.perInstanceRps > 0.0)
            wait = std::max(wait, pool.waitProbability);
    }
    return {figure("connections_total", d ? static_cast<double>(connectionsInto(s, *d)) : 0.0),
            figure("max_connections", d ? s.component(*d).get(Field::MaxConnections) : std::nullopt),
            figure("wait_probability", wait)};
}

bool connectionsExceeded(const Snapshot& s, std::string_view database)
{
    const std::vector<Finding> found = detectConnections(s);
    return std::any_of(found.begin(), found.end(), [&](const Finding& f) { return f.component == database; });
}

/// Every pool into `database` with traffic waits at most the target.
bool poolsWaitWithinTarget(const Snapshot& s, std::string_view database)
{
    const auto d = s.index(database);
    return d && std::all_of(s.atX.pools.begin(), s.atX.pools.end(), [&](const PoolResult& p) {
               return p.to != *d || !(p.perInstanceRps > 0.0) || p.waitProbability <= s.options.targetWait;
           });
}

/// Inserts an external pooler between the pooled callers and `database`, with one
/// pool from the pooler sized by poolSizing at X.
void externalPooler(const Snapshot& s, std::size_t database, Proposals& out)
{
    const Model& m = s.model();
    const Component& db = m.components[database];
    std::vector<std::size_t> links;
    std::vector<std::size_t> callers;
    double rate = 0.0;
    std::optional<double> overhead;
    for (std::size_t l = 0; l < m.links.size(); ++l) {
        const Link& link = m.links[l];
        if (link.to != db.id || !link.get(LinkField::PoolSize))
            continue;
        links.push_back(l);
        callers.push_back(*m.indexOf(link.from));
        rate += s.plannedLinkRate(l);
        if (const auto o = link.get(LinkField::PoolOverheadMs))
            overhead = std::max(overhead.value_or(0.0), *o);
    }
    if (links.empty())
        return;
    const std::int64_t instances = smallestCount(rate * kPoolerServiceMs / 1000.0 / kPoolerServers, s.target());
    if (auto tooMany = beyondModel(instances, "pooler instances")) {
        out.rejected.push_back({Pattern::ExternalPooler, std::move(*tooMany)});
        return;
    }
    std::optional<std::size_t> existing;
    for (std::size_t i = 0; i < m.components.size() && !existing; ++i) {
        if (isExternalPooler(m, i))
            existing = i;
    }
    Component pooler;
    pooler.id = uniqueId(m, db.id + "_pooler");
    pooler.kind = ComponentKind::Station;
    pooler.label = "PgBouncer";
    const auto [x, y] = placeBetween(m, callers, database);
    pooler.set(Field::X, x);
    pooler.set(Field::Y, y);
    pooler.set(Field::Servers, kPoolerServers);
    pooler.set(Field::ServiceMs, kPoolerServiceMs);
    if (instances > 1)
        pooler.set(Field::Instances, static_cast<double>(instances));
    if (const double cost = newComponentCost(m, existing, kDefaultPoolerCost); cost > 0.0)
        pooler.set(Field::CostPerInstanceMonth, cost);

    std::vector<ModelEdit> edits{AddComponent{pooler, database}};
    for (const std::size_t l : links) {
        const Link& link = m.links[l];
        edits.push_back(RetargetLink{link.from, link.to, link.from, pooler.id});
        for (const LinkField field : {LinkField::PoolSize, LinkField::PoolOverheadMs, LinkField::ConnectMs}) {
            if (link.get(field))
                edits.push_back(SetLinkField{link.from, pooler.id, field, std::nullopt});
        }
    }
    Link pooled;
    pooled.from = pooler.id;
    pooled.to = db.id;
    pooled.set(LinkField::PoolSize, 1.0);
    pooled.set(LinkField::PoolOverheadMs, overhead);
    edits.push_back(AddLink{pooled});

    // Size the pooler's pool on the changed model: its hold time is the database's response.
    auto changed = applyEdits(m, edits);
    if (!changed)
        return;
    auto solver = Solver::create(*changed);
    if (!solver) {
        out.rejected.push_back({Pattern::ExternalPooler, "the changed model is invalid: " +
                                                             solver.issues().front().message});
        return;
    }
    const auto sizing = poolSizing(*solver, *linkIndex(*changed, pooler.id, db.id), s.x(), std::nullopt,
                                   s.options.targetWait);
    if (!sizing || !sizing->recommendedPoolSize) {
        out.rejected.push_back({Pattern::ExternalPooler, db.id + " is saturated at " + times(s.x()) +
                                                             ": no pool size is enough until it is fixed"});
        return;
    }
    const std::int64_t size = *sizing->recommendedPoolSize;
    const std::int64_t total = size * instances;
    const auto max = db.get(Field::MaxConnections);
    if (max && static_cast<double>(total) > *max) {
        out.rejected.push_back({Pattern::ExternalPooler, "even through a pooler " + db.id + " needs " +
                                                             std::to_string(total) + " connections at " + times(s.x()) +
                                                             ", more than its max_connections " + formatNumber(*max)});
        return;
    }
    std::get<AddLink>(edits.back()).link.set(LinkField::PoolSize, static_cast<double>(size));
    Candidate cand;
    cand.pattern = Pattern::ExternalPooler;
    cand.edits = std::move(edits);
    cand.summary = "put an external pooler (PgBouncer, " + pooler.id + ") between the callers and " + db.id +
                   ": their " + std::to_string(connectionsInto(s, database)) + " pooled connections become " +
                   std::to_string(total) + " from the pooler" +
                   (max ? " (per-node budget " + formatNumber(std::floor(*max / static_cast<double>(instances))) +
                              " of its " + formatNumber(*max) + ")"
                        : std::string());
    cand.sizing = {figure("pool_size", static_cast<double>(size)), figure("connections_total", static_cast<double>(total)),
                   figure("pooler_instances", static_cast<double>(instances))};
    out.candidates.push_back(std::move(cand));
}

Proposals proposePoolWait(const Snapshot& s, const Finding& f)
{
    Proposals out;
    const std::size_t d = *s.index(*f.linkTo);
    const std::size_t l = *linkIndex(s.model(), f.component, *f.linkTo);
    const auto sizing = poolSizing(s.solver, l, s.x(), std::nullopt, s.options.targetWait);
    if (!sizing || !sizing->recommendedPoolSize) {
        out.advice = *f.linkTo + " is saturated at " + times(s.x()) + ": fix it first, then size the pool";
        return out;
    }
    const std::int64_t size = *sizing->recommendedPoolSize;
    const std::int64_t instances = sizing->callerInstances;
    const std::int64_t total = sizing->otherPooledConnections + size * instances;
    const auto max = s.component(d).get(Field::MaxConnections);
    if (max && static_cast<double>(total) > *max) {
        out.rejected.push_back({Pattern::ConnectionPool, std::to_string(size) + " connections per instance x " +
                                                             std::to_string(instances) + " instances bring " + *f.linkTo +
                                                             " to " + std::to_string(total) +
                                                             " connections, more than its max_connections " +
                                                             formatNumber(*max)});
        externalPooler(s, d, out);
        return out;
    }
    Candidate cand;
    cand.pattern = Pattern::ConnectionPool;
    cand.edits.push_back(SetLinkField{f.component, *f.linkTo, LinkField::PoolSize, static_cast<double>(size)});
    cand.summary = "resize the pool " + f.component + " -> " + *f.linkTo + " to " + std::to_string(size) +
                   " connections per instance (it has " + std::to_string(sizing->currentPoolSize) + "): " +
                   *f.linkTo + " gets " + std::to_string(total) + " connections" +
                   (max ? " of its " + formatNumber(*max) : std::string());
    cand.sizing = {figure("pool_size", static_cast<double>(size)), figure("connections_total", static_cast<double>(total)),
                   figure("per_node_budget", sizing->perNodeBudget ? std::optional<double>(static_cast<double>(
                                                                         *sizing->perNodeBudget))
                                                                   : std::nullopt)};
    out.candidates.push_back(std::move(cand));
    return out;
}

bool poolWaitFixed(const Snapshot& changed, const Finding& f, const Candidate&)
{
    const PoolResult* pool = poolPath(changed, f.component, f.linkTo.value_or(""));
    return pool && pool->waitProbability <= changed.options.targetWait && !connectionsExceeded(changed, *f.linkTo);
}

Proposals proposeConnections(const Snapshot& s, const Finding& f)
{
    Proposals out;
    const std::size_t d = *s.index(f.component);
    const Model& m = s.model();
    const double max = *s.component(d).get(Field::MaxConnections);
    // The smallest pools that keep waits under the target at X.
    std::vector<ModelEdit> resize;
    std::vector<std::string> parts;
    std::int64_t total = 0;
    bool sized = true;
    for (std::size_t l = 0; l < m.links.size() && sized; ++l) {
        const Link& link = m.links[l];
        if (link.to != f.component || !link.get(LinkField::PoolSize))
            continue;
        const auto sizing = poolSizing(s.solver, l, s.x(), std::nullopt, s.options.targetWait);
        sized = sizing && sizing->recommendedPoolSize;
        if (!sized)
            break;
        const std::int64_t size = *sizing->recommendedPoolSize;
        total += size * sizing->callerInstances;
        parts.push_back(link.from + " " + std::to_string(size) + " (it has " + std::to_string(sizing->currentPoolSize) + ")");
        if (size != sizing->currentPoolSize)
            resize.push_back(SetLinkField{link.from, link.to, LinkField::PoolSize, static_cast<double>(size)});
    }
    if (!sized) {
        out.rejected.push_back({Pattern::ConnectionPool, f.component + " is saturated at " + times(s.x()) +
                                                             ": no pool size keeps waits down until it is fixed"});
    } else if (static_cast<double>(total) > max) {
        out.rejected.push_back({Pattern::ConnectionPool, "the smallest pools that keep waits under " +
                                                             percent(s.options.targetWait) + " at " + times(s.x()) +
                                                             " still need " + std::to_string(total) +
                                                             " connections, more than " + formatNumber(max)});
    } else {
        Candidate cand;
        cand.pattern = Pattern::ConnectionPool;
        cand.edits = std::move(resize);
        std::string list;
        for (const std::string& part : parts)
            list += (list.empty() ? "" : ", ") + part;
        cand.summary = "size each pool into " + f.component + " to what " + times(s.x()) + " needs: " + list +
                       " connections per instance, " + std::to_string(total) + " in all of its " + formatNumber(max);
        cand.sizing = {figure("connections_total", static_cast<double>(total))};
        out.candidates.push_back(std::move(cand));
    }
    externalPooler(s, d, out);
    return out;
}

bool connectionsFixed(const Snapshot& changed, const Finding& f, const Candidate&)
{
    return !connectionsExceeded(changed, f.component) && poolsWaitWithinTarget(changed, f.component);
}

bool notFoundAgain(const Snapshot& changed, const Finding& f, const Candidate&)
{
    return !stillFound(changed, f);
}

} // namespace

FindingRules replicaLagRules()
{
    return {FindingKind::ReplicaLag, false, detectReplicaLag, replicaLagFigures, proposeReplicaLag, notFoundAgain};
}

FindingRules poolWaitRules()
{
    return {FindingKind::PoolWait, false, detectPoolWait, poolWaitFigures, proposePoolWait, poolWaitFixed};
}

FindingRules connectionsRules()
{
    return {FindingKind::Connections, true, detectConnections, connectionsFigures, proposeConnections,
            connectionsFixed};
}

} // namespace headroom::engine::advisor
