// SPDX-License-Identifier: MIT
#include "engine/sim/AnalyticCounterparts.h"

#include "engine/Solver.h"

namespace headroom::engine::sim {

namespace {

/// Section 11.1's fixed point (the attempts per call and the success probability of a
/// link with a timeout or retries) is not in the engine yet: until it is, these are
/// empty and the simulation's figures carry the verdict no_analytic. This is the one
/// place to fill them in.
AnalyticCounterparts::Retry retryCounterpart(const Solver& /*solver*/, const SolveResult& /*result*/,
                                             std::size_t /*link*/)
{
    return {};
}

bool guarded(const Link& link, LinkKind kind)
{
    return kind == LinkKind::Sync && (link.get(LinkField::TimeoutMs) || link.get(LinkField::Retries));
}

} // namespace

AnalyticCounterparts analyticCounterparts(const Solver& solver, const SolveResult& result)
{
    const Model& model = solver.model();
    AnalyticCounterparts out;
    const bool open = result.workload == Workload::Open;
    out.throughputRps = result.throughputRps;
    out.meanResponseMs = result.meanResponseMs;
    bool anyGuarded = false;
    for (const Link& link : model.links) {
        const auto to = model.indexOf(link.to);
        if (to && guarded(link, effectiveLinkKind(link, model.components[*to].kind)))
            anyGuarded = true;
    }
    if (open) {
        const double external = solver.externalRate() * result.multiplier;
        out.arrivalRps = external;
        out.rejectedFraction = external > 0.0 ? std::optional(1.0 - result.throughputRps / external) : std::nullopt;
        // The formulas shed load but never fail a request; with timeouts, 11.1's figure is needed.
        if (!anyGuarded)
            out.failedFraction = 0.0;
    } else {
        out.arrivalRps = result.throughputRps;
    }
    out.components.resize(result.components.size());
    for (std::size_t i = 0; i < result.components.size(); ++i) {
        const ComponentResult& r = result.components[i];
        AnalyticCounterparts::Component& c = out.components[i];
        if (r.kind == ComponentKind::Clients)
            continue;
        c.saturated = r.saturated;
        c.offeredUtilization = r.offeredUtilization;
        c.syncVisits = r.visitsPerRequest;
        c.utilization = r.saturated ? 1.0 : r.utilization; // a saturated server is busy all the time
        c.throughputRps = r.throughputRps;
        c.meanResponseMs = r.meanResponseMs;
        c.meanWaitMs = r.meanWaitMs;
        c.waitProbability = r.waitProbability;
        c.p50ResponseMs = r.p50ResponseMs;
        c.p95ResponseMs = r.p95ResponseMs;
        c.p99ResponseMs = r.p99ResponseMs;
        c.blockingProbability = r.blockingProbability;
        c.meanInSystem = r.meanInSystem;
        if (r.saturated && isStation(r.kind)) {
            // What each instance cannot serve, summed: its backlog grows by that much a second.
            const StationParams& p = solver.params(i);
            const double capacity = static_cast<double>(p.servers) * 1000.0 / p.serviceMs;
            const double hot = r.arrivalRps * p.hottestShare;
            double growth = std::max(0.0, hot - capacity);
            if (p.instances > 1)
                growth += static_cast<double>(p.instances - 1) * std::max(0.0, r.arrivalRps * p.otherShare() - capacity);
            c.backlogGrowthRps = growth;
        }
    }
    for (const PoolResult& pool : result.pools)
        out.pools.push_back({pool.meanWaitMs, pool.saturated ? std::optional<double>() : pool.waitProbability});
    for (const ReplicationResult& rep : result.replication)
        out.replicas.push_back({rep.meanLagMs, rep.p99LagMs, rep.saturated});
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        const Link& link = model.links[l];
        const auto to = model.indexOf(link.to);
        if (to && guarded(link, effectiveLinkKind(link, model.components[*to].kind)))
            out.retries.push_back(retryCounterpart(solver, result, l));
    }
    return out;
}

} // namespace headroom::engine::sim
