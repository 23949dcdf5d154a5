// SPDX-License-Identifier: MIT
#include "engine/sim/CombineReplications.h"

#include "engine/Solver.h"
#include "engine/sim/AnalyticCounterparts.h"
#include "engine/sim/Simulation.h"

#include <cmath>

namespace headroom::engine::sim {

namespace {

using Values = std::vector<std::optional<double>>;

/// One figure of every replication, picked by `get`.
template <typename Get>
Values collect(const std::vector<ReplicationFigures>& replications, Get get)
{
    Values out;
    out.reserve(replications.size());
    for (const ReplicationFigures& r : replications)
        out.push_back(get(r));
    return out;
}

/// The mean over the replications that have a value, or none.
std::optional<double> meanOf(const Values& values)
{
    double sum = 0.0;
    int n = 0;
    for (const auto& v : values) {
        if (v) {
            sum += *v;
            ++n;
        }
    }
    return n > 0 ? std::optional(sum / n) : std::nullopt;
}

} // namespace

void combineReplications(const Solver& solver, const SimulationPlan& plan,
                         const std::vector<ReplicationFigures>& replications, SimulationResult& result)
{
    const Model& model = solver.model();
    const double confidence = plan.options.confidence;
    const bool profiled = plan.options.profile.has_value();
    const bool open = solver.workload() == Workload::Open;
    // A run over a profile is not in a steady state: the formulas have nothing to compare with.
    AnalyticCounterparts analytic;
    if (!profiled)
        analytic = analyticCounterparts(solver, solver.solve({plan.options.multiplier, true}));
    const auto formula = [&](auto&& pick) -> std::optional<double> { return profiled ? std::nullopt : pick(); };
    const auto estimate = [&](const Values& values, std::optional<double> counterpart) {
        return estimateOf(values, confidence, counterpart);
    };

    for (const ReplicationFigures& r : replications)
        result.events += r.events;
    result.warnings = solver.validationWarnings();
    result.warnings.insert(result.warnings.end(), plan.warnings.begin(), plan.warnings.end());
    if (profiled)
        result.warnings.push_back({Subject::model("load profile"),
                                   "the figures are averages over the whole run, which is not in a steady state, so "
                                   "the formulas have nothing to compare with"});

    const std::size_t n = model.components.size();
    result.components.assign(n, {});
    bool responseDiverges = false;
    for (std::size_t i = 0; i < n; ++i) {
        ComponentSimulation& c = result.components[i];
        c.kind = model.components[i].kind;
        if (c.kind == ComponentKind::Clients)
            continue;
        c.simulated = true;
        const auto get = [&](auto member) {
            return collect(replications, [&](const ReplicationFigures& r) { return r.components[i].*member; });
        };
        const AnalyticCounterparts::Component a = profiled ? AnalyticCounterparts::Component{} : analytic.components[i];
        const auto offered = estimate(get(&ComponentFigures::offeredUtilization), std::nullopt);
        c.diverging = !profiled && isStation(c.kind) && !solver.params(i).capacity &&
                      (a.saturated || (open && offered && offered->ciLow >= 1.0));
        c.utilization = estimate(get(&ComponentFigures::utilization), formula([&] { return a.utilization; }));
        c.throughputRps = estimate(get(&ComponentFigures::throughputRps), formula([&] { return a.throughputRps; }));
        c.blockingProbability = estimate(get(&ComponentFigures::blockingProbability),
                                         formula([&] { return std::optional(a.blockingProbability.value_or(0.0)); }));
        if (c.diverging) {
            // No steady state: the backlog grows, so no mean of it is reported (spec section 9).
            c.backlogGrowthRps = estimate(get(&ComponentFigures::backlogGrowthRps), a.backlogGrowthRps);
            responseDiverges = responseDiverges || a.syncVisits > 0.0 || !a.saturated;
            const double growth = c.backlogGrowthRps ? c.backlogGrowthRps->mean : 0.0;
            result.warnings.push_back({Subject::component(model.components[i].id, i),
                                       "diverging: offered more than it can serve, its backlog grows by about " +
                                           formatNumber(std::round(growth * 10) / 10) +
                                           " requests a second; what it sends on is what it serves"});
            continue;
        }
        c.meanResponseMs = estimate(get(&ComponentFigures::meanResponseMs), formula([&] { return a.meanResponseMs; }));
        c.meanWaitMs = estimate(get(&ComponentFigures::meanWaitMs), formula([&] { return a.meanWaitMs; }));
        c.waitProbability = estimate(get(&ComponentFigures::waitProbability), formula([&] { return a.waitProbability; }));
        c.p50ResponseMs = estimate(get(&ComponentFigures::p50ResponseMs), formula([&] { return a.p50ResponseMs; }));
        c.p95ResponseMs = estimate(get(&ComponentFigures::p95ResponseMs), formula([&] { return a.p95ResponseMs; }));
        c.p99ResponseMs = estimate(get(&ComponentFigures::p99ResponseMs), formula([&] { return a.p99ResponseMs; }));
        c.meanInSystem = estimate(get(&ComponentFigures::meanInSystem), formula([&] { return a.meanInSystem; }));
    }

    const auto system = [&](auto member) {
        return collect(replications, [&](const ReplicationFigures& r) { return r.system.*member; });
    };
    SystemSimulation& s = result.system;
    s.arrivalRps = estimate(system(&SystemFigures::arrivalRps), formula([&] { return analytic.arrivalRps; }));
    s.throughputRps = estimate(system(&SystemFigures::throughputRps), formula([&] { return analytic.throughputRps; }));
    s.rejectedFraction = estimate(system(&SystemFigures::rejectedFraction), formula([&] { return analytic.rejectedFraction; }));
    s.failedFraction = estimate(system(&SystemFigures::failedFraction), formula([&] { return analytic.failedFraction; }));
    if (!responseDiverges) {
        s.meanResponseMs = estimate(system(&SystemFigures::meanResponseMs), formula([&] { return analytic.meanResponseMs; }));
        s.p50ResponseMs = estimate(system(&SystemFigures::p50ResponseMs), std::nullopt);
        s.p95ResponseMs = estimate(system(&SystemFigures::p95ResponseMs), std::nullopt);
        s.p99ResponseMs = estimate(system(&SystemFigures::p99ResponseMs), std::nullopt);
    }

    const SimNetwork network = SimNetwork::compile(solver);
    for (std::size_t p = 0; p < network.pooledLinks.size(); ++p) {
        PoolSimulation pool;
        pool.link = network.pooledLinks[p];
        pool.from = *model.indexOf(model.links[pool.link].from);
        pool.to = *model.indexOf(model.links[pool.link].to);
        const auto get = [&](auto member) {
            return collect(replications, [&](const ReplicationFigures& r) { return r.pools[p].*member; });
        };
        const AnalyticCounterparts::Pool a = profiled ? AnalyticCounterparts::Pool{} : analytic.pools[p];
        pool.meanWaitMs = estimate(get(&PoolFigures::meanWaitMs), a.meanWaitMs);
        pool.waitProbability = estimate(get(&PoolFigures::waitProbability), a.waitProbability);
        result.pools.push_back(pool);
    }
    for (std::size_t k = 0; k < network.replicas.size(); ++k) {
        ReplicaSimulation rep;
        rep.replica = network.replicas[k].component;
        rep.primary = network.replicas[k].primary;
        const AnalyticCounterparts::Replica a = profiled ? AnalyticCounterparts::Replica{} : analytic.replicas[k];
        rep.diverging = a.saturated;
        if (!rep.diverging) {
            const auto get = [&](auto member) {
                return collect(replications, [&](const ReplicationFigures& r) { return r.replicas[k].*member; });
            };
            rep.meanLagMs = estimate(get(&ReplicaFigures::meanLagMs), a.meanLagMs);
            rep.p99LagMs = estimate(get(&ReplicaFigures::p99LagMs), a.p99LagMs);
        }
        result.replicas.push_back(rep);
    }
    for (std::size_t k = 0; k < network.guardedLinks.size(); ++k) {
        RetrySimulation retry;
        retry.link = network.guardedLinks[k];
        retry.from = *model.indexOf(model.links[retry.link].from);
        retry.to = *model.indexOf(model.links[retry.link].to);
        const auto get = [&](auto member) {
            return collect(replications, [&](const ReplicationFigures& r) { return r.retries[k].*member; });
        };
        const AnalyticCounterparts::Retry a = profiled ? AnalyticCounterparts::Retry{} : analytic.retries[k];
        retry.attemptsPerCall = estimate(get(&RetryFigures::attemptsPerCall), a.attemptsPerCall);
        retry.successProbability = estimate(get(&RetryFigures::successProbability), a.successProbability);
        result.retries.push_back(retry);
    }

    if (!profiled)
        return;
    Timeline& tl = result.timeline.emplace();
    tl.bucketS = plan.bucketS;
    const std::size_t buckets = replications.front().timeline->buckets;
    for (std::size_t b = 0; b < buckets; ++b)
        tl.startS.push_back(static_cast<double>(b) * plan.bucketS);
    const auto series = [&](auto pick) {
        std::vector<std::optional<double>> out(buckets);
        for (std::size_t b = 0; b < buckets; ++b)
            out[b] = meanOf(collect(replications, [&](const ReplicationFigures& r) { return pick(*r.timeline, b); }));
        return out;
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (model.components[i].kind == ComponentKind::Clients)
            continue;
        Timeline::ComponentSeries c;
        c.component = i;
        c.meanInSystem = series([i](const TimelineFigures& t, std::size_t b) {
            return std::optional(t.meanInSystem[i * t.buckets + b]);
        });
        c.utilization = series([i](const TimelineFigures& t, std::size_t b) {
            return std::optional(t.utilization[i * t.buckets + b]);
        });
        c.p99ResponseMs = series([i](const TimelineFigures& t, std::size_t b) { return t.p99ResponseMs[i * t.buckets + b]; });
        tl.components.push_back(std::move(c));
    }
    for (std::size_t k = 0; k < network.replicas.size(); ++k) {
        Timeline::ReplicaSeries rep;
        rep.replica = network.replicas[k].component;
        rep.meanLagMs = series([k](const TimelineFigures& t, std::size_t b) { return t.meanLagMs[k * t.buckets + b]; });
        tl.replicas.push_back(std::move(rep));
    }
    tl.throughputRps = series([](const TimelineFigures& t, std::size_t b) { return std::optional(t.throughputRps[b]); });
    tl.p99ResponseMs = series([](const TimelineFigures& t, std::size_t b) { return t.systemP99ResponseMs[b]; });
    tl.rejectedFraction = series([](const TimelineFigures& t, std::size_t b) { return t.rejectedFraction[b]; });
    for (std::size_t w = 0; w < plan.watches.size(); ++w) {
        Timeline::Drain d;
        d.component = plan.watches[w].component;
        d.overloadStartS = plan.watches[w].overloadStartS;
        d.overloadEndS = plan.watches[w].overloadEndS;
        const Values values = collect(replications, [w](const ReplicationFigures& r) { return r.timeline->drainS[w]; });
        const bool everyOne = std::all_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); });
        if (everyOne) {
            d.drainS = meanOf(values);
            d.estimate = estimate(values, std::nullopt);
        }
        tl.drains.push_back(d);
    }
}

} // namespace headroom::engine::sim
