// SPDX-License-Identifier: MIT
#include "Solver.h"

#include "ErlangFormulas.h"
#include "Mva.h"
#include "Replication.h"
#include "ResponseTime.h"
#include "Validation.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

namespace {

constexpr std::array<double, 3> kPercentiles{0.50, 0.95, 0.99};

Method methodOf(QueueMethod method)
{
    switch (method) {
    case QueueMethod::ErlangC:
        return Method::ErlangC;
    case QueueMethod::AllenCunneen:
        return Method::AllenCunneen;
    case QueueMethod::FiniteCapacity:
        return Method::FiniteCapacity;
    }
    return Method::ErlangC;
}

std::optional<double> sumIfFinite(std::optional<double> a, std::optional<double> b, double bWeight)
{
    if (!a || !b)
        return std::nullopt;
    return *a + bWeight * *b;
}

StationParams paramsOf(const Component& c)
{
    StationParams p;
    p.kind = c.kind;
    p.servers = static_cast<std::int64_t>(c.valueOr(Field::Servers, 1.0));
    p.instances = static_cast<std::int64_t>(c.valueOr(Field::Instances, 1.0));
    p.hottestShare = c.valueOr(Field::HottestShare, 1.0 / static_cast<double>(p.instances));
    p.serviceMs = c.valueOr(Field::ServiceMs, 1.0);
    p.serviceCv = c.valueOr(Field::ServiceCv, 1.0);
    if (const auto k = c.get(Field::Capacity))
        p.capacity = static_cast<std::int64_t>(*k);
    p.latencyMs = c.valueOr(Field::LatencyMs, 0.0);
    p.costPerInstanceMonth = c.valueOr(Field::CostPerInstanceMonth, 0.0);
    if (!p.queueing())
        p.instances = 1;
    return p;
}

/// Figures of a station component from the load on its instances, written into a
/// default ComponentResult `r` in place (a sweep writes 200 of them per point).
void stationFigures(const StationParams& params, double arrivalRps, const StationLoad& load, bool percentiles,
                    ComponentResult& r)
{
    r.kind = params.kind;
    const QueueMetrics& hot = load.busiest;
    r.method = methodOf(hot.method);
    r.arrivalRps = arrivalRps;
    r.throughputRps = load.admittedRps;
    r.utilization = hot.utilization;
    r.offeredUtilization = hot.offeredUtilization;
    r.waitProbability = hot.waitProbability;
    r.blockingProbability = hot.blockingProbability;
    r.meanWaitMs = hot.meanWaitMs;
    r.meanResponseMs = hot.meanResponseMs;
    r.saturated = hot.saturated || (load.others && load.others->saturated);
    r.approximate = hot.approximate;
    if (hot.offeredUtilization > 0.0)
        r.headroomMultiplier = 1.0 / hot.offeredUtilization;
    const double rest = static_cast<double>(params.instances - 1);
    if (load.others) {
        const QueueMetrics& cold = *load.others;
        r.meanInSystem = sumIfFinite(hot.meanInSystem, cold.meanInSystem, rest);
        r.meanQueueLength = sumIfFinite(hot.meanQueueLength, cold.meanQueueLength, rest);
        if (hot.meanResponseMs && cold.meanResponseMs) {
            const double hotWeight = hot.throughputRps;
            const double coldWeight = rest * cold.throughputRps;
            r.avgResponseMs = hotWeight + coldWeight > 0.0
                                  ? (hotWeight * *hot.meanResponseMs + coldWeight * *cold.meanResponseMs) /
                                        (hotWeight + coldWeight)
                                  : *hot.meanResponseMs;
        }
    } else {
        r.meanInSystem = hot.meanInSystem;
        r.meanQueueLength = hot.meanQueueLength;
        r.avgResponseMs = hot.meanResponseMs;
    }
    if (percentiles && !hot.saturated) {
        const QueueInput input{arrivalRps * params.hottestShare, params.serviceMs, params.servers, params.serviceCv,
                               params.capacity};
        if (const auto distribution = ResponseTime::of(input, hot)) {
            r.p50ResponseMs = distribution->percentile(kPercentiles[0]);
            r.p95ResponseMs = distribution->percentile(kPercentiles[1]);
            r.p99ResponseMs = distribution->percentile(kPercentiles[2]);
        }
    }
}

/// Figures of an external dependency, written into a default ComponentResult `r`.
void externalFigures(const StationParams& params, double arrivalRps, ComponentResult& r)
{
    r.kind = params.kind;
    r.method = Method::FixedDelay;
    r.arrivalRps = arrivalRps;
    r.throughputRps = arrivalRps;
    r.meanWaitMs = 0.0;
    r.meanResponseMs = params.latencyMs;
    r.avgResponseMs = params.latencyMs;
    r.p50ResponseMs = r.p95ResponseMs = r.p99ResponseMs = params.latencyMs;
    r.meanQueueLength = 0.0;
    r.meanInSystem = arrivalRps * params.latencyMs / 1000.0;
}

/// Which components receive work that crossed an `async` link on its way from the
/// clients: decided on the links (positive gains), not by comparing two computed rates,
/// so that a closed workload's stations are told apart exactly. Only such a station can
/// be loaded beyond what the users' cycle itself allows.
std::vector<bool> reachedAsynchronously(std::size_t n, std::span<const std::size_t> from,
                                        std::span<const std::size_t> to, std::span<const LinkKind> kinds,
                                        std::span<const double> gain, const std::vector<bool>& isClients)
{
    // Breadth-first over links with a positive gain: O(components + links).
    std::vector<std::size_t> start(n + 1, 0);
    for (std::size_t l = 0; l < from.size(); ++l)
        ++start[from[l] + 1];
    for (std::size_t i = 0; i < n; ++i)
        start[i + 1] += start[i];
    std::vector<std::size_t> outgoing(from.size());
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t l = 0; l < from.size(); ++l)
        outgoing[next[from[l]]++] = l;
    auto spread = [&](std::vector<bool>& marked) {
        std::vector<std::size_t> frontier;
        for (std::size_t i = 0; i < n; ++i) {
            if (marked[i])
                frontier.push_back(i);
        }
        while (!frontier.empty()) {
            const std::size_t i = frontier.back();
            frontier.pop_back();
            for (std::size_t e = start[i]; e < start[i + 1]; ++e) {
                const std::size_t l = outgoing[e];
                if (kinds[l] != LinkKind::Replication && gain[l] > 0.0 && !marked[to[l]]) {
                    marked[to[l]] = true;
                    frontier.push_back(to[l]);
                }
            }
        }
    };
    // Reachable from the clients at all, then reachable through at least one async link.
    std::vector<bool> reached = isClients;
    spread(reached);
    std::vector<bool> async(n, false);
    for (std::size_t l = 0; l < from.size(); ++l) {
        if (kinds[l] == LinkKind::Async && gain[l] > 0.0 && reached[from[l]])
            async[to[l]] = true;
    }
    spread(async);
    return async;
}

} // namespace

double StationParams::otherShare() const
{
    return instances > 1 ? (1.0 - hottestShare) / static_cast<double>(instances - 1) : 0.0;
}

StationLoad loadStation(const StationParams& params, double arrivalRps, std::optional<std::int64_t> capacity)
{
    StationLoad load;
    load.offeredRps = arrivalRps;
    QueueInput input{arrivalRps * params.hottestShare, params.serviceMs, params.servers, params.serviceCv, capacity};
    load.busiest = analyzeQueue(input);
    load.admittedRps = load.busiest.throughputRps;
    load.admittedDerivative = params.hottestShare * load.busiest.admittedDerivative;
    if (params.instances > 1) {
        const double rest = static_cast<double>(params.instances - 1);
        input.arrivalRps = arrivalRps * params.otherShare();
        // An even split (the default) makes every instance the busiest one.
        load.others = input.arrivalRps == arrivalRps * params.hottestShare ? load.busiest : analyzeQueue(input);
        load.admittedRps += rest * load.others->throughputRps;
        load.admittedDerivative += rest * params.otherShare() * load.others->admittedDerivative;
    }
    return load;
}

Solver::Solver(Model model, TrafficNetwork full, TrafficNetwork sync)
    : m_model(std::move(model)), m_full(std::move(full)), m_sync(std::move(sync))
{
}

Checked<Solver> Solver::create(Model model)
{
    ValidationReport report = validateModel(model);
    if (!report.ok())
        return report.errors;

    const std::size_t n = model.components.size();
    const Workload workload = isClosedWorkload(model) ? Workload::Closed : Workload::Open;
    std::vector<StationParams> params;
    params.reserve(n);
    for (const Component& c : model.components)
        params.push_back(paramsOf(c));

    std::vector<std::string> names;
    names.reserve(n);
    for (const Component& c : model.components)
        names.push_back(c.id);

    std::vector<RouteEdge> fullEdges;
    std::vector<RouteEdge> syncEdges;
    std::vector<double> gain;
    std::vector<LinkKind> kinds;
    std::vector<std::size_t> from;
    std::vector<std::size_t> to;
    std::vector<double> gamma(n, 0.0);
    std::vector<double> syncGamma(n, 0.0);
    std::vector<double> visitGamma(n, 0.0); // open clients weighted equally, for zero traffic
    double externalRate = 0.0;
    int openClients = 0;
    double users = 0.0;
    double think = 0.0;
    for (const Component& c : model.components) {
        if (c.kind != ComponentKind::Clients)
            continue;
        if (const auto rate = c.get(Field::RateRps)) {
            externalRate += *rate;
            ++openClients;
        } else {
            users = c.valueOr(Field::Users, 0.0);
            think = c.valueOr(Field::ThinkMs, 0.0);
        }
    }
    const auto index = model.indexById();
    for (const Link& link : model.links) {
        const std::size_t a = index.at(link.from);
        const std::size_t b = index.at(link.to);
        const Component& source = model.components[a];
        const LinkKind kind = effectiveLinkKind(link, model.components[b].kind);
        double g = link.calls();
        if (hasHitRatio(source.kind))
            g *= 1.0 - source.valueOr(Field::HitRatio, 0.0);
        from.push_back(a);
        to.push_back(b);
        kinds.push_back(kind);
        gain.push_back(g);
        if (kind == LinkKind::Replication)
            continue;
        if (source.kind == ComponentKind::Clients) {
            const double weight = workload == Workload::Open ? source.valueOr(Field::RateRps, 0.0) : 1.0;
            gamma[b] += weight * link.calls();
            if (kind == LinkKind::Sync) {
                syncGamma[b] += weight * link.calls();
                visitGamma[b] += link.calls();
            }
            continue;
        }
        const RouteEdge edge{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), g};
        fullEdges.push_back(edge);
        if (kind == LinkKind::Sync)
            syncEdges.push_back(edge);
    }
    std::vector<bool> bounded(n, false);
    for (std::size_t i = 0; i < n; ++i)
        bounded[i] = workload == Workload::Open && params[i].queueing() && params[i].capacity.has_value();

    auto full = TrafficNetwork::compile(names, fullEdges, bounded);
    if (!full)
        return full.issues();
    auto sync = TrafficNetwork::compile(names, syncEdges, bounded);
    if (!sync)
        return sync.issues();

    Solver solver(std::move(model), std::move(full).value(), std::move(sync).value());
    solver.m_workload = workload;
    solver.m_warnings = std::move(report.warnings);
    solver.m_params = std::move(params);
    solver.m_linkGain = std::move(gain);
    solver.m_linkKind = std::move(kinds);
    solver.m_linkFrom = std::move(from);
    solver.m_linkTo = std::move(to);
    solver.m_pooledConnections.assign(n, 0);
    for (std::size_t l = 0; l < solver.m_model.links.size(); ++l) {
        if (const auto size = solver.m_model.links[l].get(LinkField::PoolSize)) {
            solver.m_pooledLinks.push_back(l);
            solver.m_pooledConnections[solver.m_linkTo[l]] +=
                static_cast<std::int64_t>(*size) * solver.m_params[solver.m_linkFrom[l]].instances;
        }
    }
    solver.m_unitGamma = std::move(gamma);
    solver.m_unitSyncGamma = std::move(syncGamma);
    solver.m_externalRate = externalRate;
    solver.m_users = users;
    solver.m_thinkMs = think;
    solver.m_sheddingSlot.assign(n, kNoSlot);
    for (std::size_t i = 0; i < n; ++i) {
        if (bounded[i])
            solver.m_sheddingSlot[i] = static_cast<std::uint32_t>(solver.m_sheddingStations++);
    }

    const std::vector<double> ones(n, 1.0);
    solver.m_unitTraffic.assign(n, 0.0);
    solver.m_unitSync.assign(n, 0.0);
    solver.m_full.solveWithPass(solver.m_unitGamma, ones, solver.m_unitTraffic);
    solver.m_sync.solveWithPass(solver.m_unitSyncGamma, ones, solver.m_unitSync);
    solver.m_unitVisits.assign(n, 0.0);
    if (workload == Workload::Closed) {
        solver.m_unitVisits = solver.m_unitSync;
    } else if (externalRate > 0.0) {
        for (std::size_t i = 0; i < n; ++i)
            solver.m_unitVisits[i] = solver.m_unitSync[i] / externalRate;
    } else if (openClients > 0) {
        solver.m_sync.solveWithPass(visitGamma, ones, solver.m_unitVisits);
        for (double& v : solver.m_unitVisits)
            v /= openClients;
    }

    if (workload == Workload::Closed) {
        std::vector<bool> isClients(n, false);
        for (std::size_t i = 0; i < n; ++i)
            isClients[i] = solver.m_params[i].kind == ComponentKind::Clients;
        solver.m_asyncFed = reachedAsynchronously(n, solver.m_linkFrom, solver.m_linkTo, solver.m_linkKind,
                                                  solver.m_linkGain, isClients);
        for (std::size_t i = 0; i < n; ++i) {
            const Component& c = solver.m_model.components[i];
            if (!solver.m_params[i].queueing())
                continue;
            if (c.has(Field::Capacity))
                solver.m_warnings.push_back({Subject::component(c.id, i),
                                             "capacity is ignored in a closed workload: mean value "
                                             "analysis assumes every request is admitted"});
            if (c.valueOr(Field::ServiceCv, 1.0) != 1.0)
                solver.m_warnings.push_back({Subject::component(c.id, i),
                                             "service_cv is ignored in a closed workload: mean value "
                                             "analysis assumes exponential service; figures are approximate"});
            if (solver.m_asyncFed[i])
                solver.m_warnings.push_back({Subject::component(c.id, i),
                                             "receives asynchronous work in a closed workload; that load is "
                                             "counted in its utilization but not in the users' cycle "
                                             "(approximate)"});
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const Component& c = solver.m_model.components[i];
            if (solver.m_params[i].capacity && c.valueOr(Field::ServiceCv, 1.0) != 1.0)
                solver.m_warnings.push_back({Subject::component(c.id, i),
                                             "service_cv is not modelled with a capacity: M/M/c/K assumes "
                                             "exponential service; figures are approximate"});
        }
    }
    if (Issues issues = solver.checkMagnitudes(1.0); !issues.empty())
        return issues;
    return solver;
}

Issues Solver::checkMagnitudes(double multiplier) const
{
    // Beyond these the formulas' intermediate products (c mu, lambda R, ...) overflow.
    // One problem is reported: those downstream of it are its consequences.
    constexpr double kLargest = 1e300;
    constexpr double kShortestMs = 1e-290;
    const std::size_t n = m_params.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Component& c = m_model.components[i];
        for (const Field field : {Field::ServiceMs, Field::ApplyMs}) {
            const std::string key(fieldRule(field).key);
            if (const auto ms = c.get(field); ms && *ms < kShortestMs && m_params[i].queueing())
                return {{Subject::component(c.id, i, key), "must be at least " + formatNumber(kShortestMs) +
                                                               " ms, so that 1000 / " + key + " stays finite; got " +
                                                               formatNumber(*ms)}};
        }
    }
    // Upper bounds of every arrival rate: exact for an open workload without shedding.
    double scale = multiplier;
    if (m_workload == Workload::Closed) {
        double demand = m_thinkMs;
        for (std::size_t i = 0; i < n; ++i) {
            const StationParams& p = m_params[i];
            if (p.kind != ComponentKind::Clients)
                demand += m_unitSync[i] * (p.queueing() ? p.serviceMs : p.latencyMs);
        }
        const double users = std::min(std::round(m_users * multiplier), 1e12);
        const auto clients = std::find_if(m_model.components.begin(), m_model.components.end(),
                                          [](const Component& c) { return c.kind == ComponentKind::Clients; });
        if (users > 0.0 && !(demand > 0.0))
            return {{Subject::component(clients->id,
                                        static_cast<std::size_t>(clients - m_model.components.begin()), "think_ms"),
                     "must be above 0 when the users visit nothing that takes time over sync links: "
                     "otherwise they cycle infinitely fast"}};
        // Responses and queue lengths reach users x the cycle's time: named by its largest part.
        if (!(users * demand <= kLargest)) {
            Subject subject = Subject::component(
                clients->id, static_cast<std::size_t>(clients - m_model.components.begin()), "think_ms");
            double largest = m_thinkMs;
            for (std::size_t i = 0; i < n; ++i) {
                const StationParams& p = m_params[i];
                const double part = p.kind == ComponentKind::Clients
                                        ? 0.0
                                        : m_unitSync[i] * (p.queueing() ? p.serviceMs : p.latencyMs);
                if (part > largest) {
                    largest = part;
                    subject = Subject::component(
                        m_model.components[i].id, i,
                        std::string(fieldRule(p.queueing() ? Field::ServiceMs : Field::LatencyMs).key));
                }
            }
            return {{subject, "with " + formatNumber(users) + " users at " + formatNumber(multiplier) +
                                  "x, users x the time of one cycle (think_ms and every visit's time) goes beyond "
                                  "1e300 ms, past what can be computed"}};
        }
        scale = users > 0.0 ? users * 1000.0 / demand : 0.0;
    }
    const std::string at = " at " + formatNumber(multiplier) + "x";
    const auto tooLarge = [&](const Subject& subject, double rate, const std::string& product) {
        return Issues{{subject, "with " + formatNumber(rate) + " requests per second" + at + ", " + product +
                                    " goes beyond 1e300, past what can be computed"}};
    };
    for (std::size_t i = 0; i < n; ++i) {
        const Component& c = m_model.components[i];
        const StationParams& p = m_params[i];
        if (p.kind == ComponentKind::Clients)
            continue;
        const double arrival = scale * m_unitTraffic[i];
        if (!(arrival <= kLargest))
            return {{Subject::component(c.id, i), "its arrival rate" + at +
                                                       " goes beyond 1e300 requests per second: the rates and calls "
                                                       "that lead to it multiply past what can be computed"}};
        const double time = p.queueing() ? p.serviceMs : p.latencyMs;
        const std::string key(fieldRule(p.queueing() ? Field::ServiceMs : Field::LatencyMs).key);
        if (!(arrival * time <= kLargest))
            return tooLarge(Subject::component(c.id, i, key), arrival, "arrival rate x " + key);
    }
    for (std::size_t l = 0; l < m_model.links.size(); ++l) {
        const Link& link = m_model.links[l];
        const double source = scale * m_unitTraffic[m_linkFrom[l]];
        const Component& target = m_model.components[m_linkTo[l]];
        if (m_linkKind[l] == LinkKind::Replication) {
            const double apply = target.valueOr(Field::ApplyMs, m_params[m_linkTo[l]].serviceMs);
            if (!(source * apply <= kLargest))
                return tooLarge(Subject::component(target.id, m_linkTo[l], "apply_ms"), source,
                                "the primary's write stream x apply_ms");
        } else if (const auto overhead = link.get(LinkField::PoolOverheadMs); overhead && link.get(LinkField::PoolSize)) {
            const double pooled = source * m_linkGain[l];
            if (!(pooled * *overhead <= kLargest))
                return tooLarge(Subject::link(link.from, link.to, l, "pool_overhead_ms"), pooled,
                                "the pooled rate x pool_overhead_ms");
        }
    }
    return {};
}

double Solver::linkTraffic(std::size_t link, std::span<const double> arrival, std::span<const double> pass) const
{
    if (m_linkKind[link] == LinkKind::Replication)
        return 0.0;
    const std::size_t a = m_linkFrom[link];
    if (m_model.components[a].kind == ComponentKind::Clients)
        return arrival[a] * m_model.links[link].calls();
    return arrival[a] * pass[a] * m_linkGain[link];
}

double Solver::monthlyCost() const
{
    double total = 0.0;
    for (const StationParams& p : m_params)
        total += p.costPerInstanceMonth * static_cast<double>(p.instances);
    return total;
}

SolveResult Solver::solve(const SolveOptions& options) const
{
    SolveWorkspace workspace;
    solve(options, workspace);
    return std::move(workspace.result);
}

const SolveResult& Solver::solve(const SolveOptions& options, SolveWorkspace& workspace) const
{
    if (m_workload == Workload::Open)
        solveOpen(options, workspace);
    else
        solveClosed(options, workspace.result);
    return workspace.result;
}

TrafficState Solver::traffic(double multiplier) const
{
    TrafficState t;
    traffic(multiplier, t);
    return t;
}

void Solver::traffic(double multiplier, TrafficState& t) const
{
    const std::size_t n = m_params.size();
    t.arrival.resize(n);
    t.pass.assign(n, 1.0);
    t.sync.resize(n);
    t.converged = true;
    t.sheddingLoads.clear();
    if (!sheds()) {
        for (std::size_t i = 0; i < n; ++i) {
            t.arrival[i] = multiplier * m_unitTraffic[i];
            t.sync[i] = multiplier * m_unitSync[i];
        }
    } else {
        t.sheddingLoads.resize(m_sheddingStations);
        const auto admit = [this, &t](std::size_t node, double offered) {
            const StationLoad& load = t.sheddingLoads[m_sheddingSlot[node]].emplace(
                loadStation(m_params[node], offered, m_params[node].capacity));
            if (offered <= 0.0)
                return Admission{1.0, load.admittedDerivative};
            return Admission{load.admittedRps / offered, load.admittedDerivative};
        };
        t.converged = m_full.solve(m_unitGamma, multiplier, admit, t.arrival, t.pass);
        m_sync.solveWithPass(m_unitSyncGamma, t.pass, t.sync, multiplier);
    }
    // Clients carry their own rate, for display.
    for (std::size_t i = 0; i < n; ++i) {
        if (m_params[i].kind == ComponentKind::Clients)
            t.arrival[i] = multiplier * m_model.components[i].valueOr(Field::RateRps, 0.0);
    }
}

void Solver::startResult(const SolveOptions& options, SolveResult& result) const
{
    result.multiplier = options.multiplier;
    result.workload = m_workload;
    result.status = Status::Ok;
    result.stable = true;
    result.throughputRps = 0.0;
    result.meanResponseMs.reset();
    result.bottleneck.reset();
    result.maxMultiplier.reset();
    result.components.resize(m_params.size()); // each solve resets its own entries as it fills them
    result.replication.clear();
    result.pools.clear();
    result.warnings.clear();
    if (options.details)
        result.warnings = m_warnings;
}

void Solver::solveOpen(const SolveOptions& options, SolveWorkspace& workspace) const
{
    const std::size_t n = m_params.size();
    const double x = options.multiplier;
    SolveResult& result = workspace.result;
    startResult(options, result);

    TrafficState& t = workspace.traffic;
    traffic(x, t);
    const std::vector<double>& arrival = t.arrival;
    const std::vector<double>& pass = t.pass;
    const std::vector<double>& sync = t.sync;
    if (!t.converged)
        result.status = Status::NotConverged;
    if (!t.converged && options.details)
        result.warnings.push_back({Subject::model("traffic"),
                                   "the load-shedding fixed point did not settle to a relative change of 1e-12; "
                                   "figures are the last iterate"});

    const double external = x * m_externalRate;
    for (std::size_t i = 0; i < n; ++i) {
        const StationParams& p = m_params[i];
        ComponentResult& r = result.components[i];
        r = ComponentResult{};
        if (p.kind == ComponentKind::Clients) {
            r.kind = p.kind;
            r.arrivalRps = r.throughputRps = arrival[i];
        } else if (p.kind == ComponentKind::External) {
            externalFigures(p, arrival[i], r);
        } else {
            // The fixed point evaluated shedding stations last at their final rate.
            const std::uint32_t slot = m_sheddingSlot[i];
            const bool known = slot < t.sheddingLoads.size() && t.sheddingLoads[slot] &&
                               t.sheddingLoads[slot]->offeredRps == arrival[i];
            if (known)
                stationFigures(p, arrival[i], *t.sheddingLoads[slot], options.details, r);
            else
                stationFigures(p, arrival[i], loadStation(p, arrival[i], p.capacity), options.details, r);
        }
        r.visitsPerRequest = external > 0.0 ? sync[i] / external : m_unitVisits[i];
    }

    // Throughput: each visit to a shedding station is rejected with its blocking
    // probability, so a request gets through all its visits with prod (1 - B_j)^v_j.
    result.throughputRps = external;
    if (sheds()) {
        double delivered = 1.0;
        for (std::size_t i = 0; i < n; ++i) {
            if (m_params[i].queueing() && m_unitVisits[i] > 0.0 && pass[i] < 1.0)
                delivered *= std::pow(pass[i], m_unitVisits[i]);
        }
        result.throughputRps = external * delivered;
    }

    finish(result, arrival, pass, options.details);

    // End-to-end response: sync visits times each component's mean response, plus pool waits.
    double response = 0.0;
    bool finite = true;
    for (std::size_t i = 0; i < n; ++i) {
        const ComponentResult& r = result.components[i];
        if (m_params[i].kind == ComponentKind::Clients || r.visitsPerRequest <= 0.0)
            continue;
        if (!r.avgResponseMs)
            finite = false;
        else
            response += r.visitsPerRequest * *r.avgResponseMs;
    }
    for (const PoolResult& pool : result.pools) {
        if (m_linkKind[pool.link] != LinkKind::Sync)
            continue;
        const double share = result.components[pool.from].visitsPerRequest * pass[pool.from] * m_linkGain[pool.link];
        if (share <= 0.0)
            continue;
        if (!pool.meanWaitMs)
            finite = false;
        else
            response += share * *pool.meanWaitMs;
    }
    if (finite)
        result.meanResponseMs = response;
}

void Solver::solveClosed(const SolveOptions& options, SolveResult& result) const
{
    const std::size_t n = m_params.size();
    const double x = options.multiplier;
    startResult(options, result);
    const auto users = static_cast<std::int64_t>(std::llround(std::clamp(m_users * x, 0.0, 1e12)));

    // Each instance is its own station; the instances that share evenly form one group.
    struct Groups {
        std::optional<std::size_t> busiest;
        std::optional<std::size_t> others;
    };
    std::vector<Groups> groups(n);
    std::vector<MvaStation> stations;
    for (std::size_t i = 0; i < n; ++i) {
        const StationParams& p = m_params[i];
        const double visits = m_unitSync[i];
        if (p.kind == ComponentKind::Clients || visits <= 0.0)
            continue;
        if (p.kind == ComponentKind::External) {
            groups[i].busiest = stations.size();
            stations.push_back({visits, p.latencyMs, 1, true, 1.0});
            continue;
        }
        groups[i].busiest = stations.size();
        stations.push_back({visits * p.hottestShare, p.serviceMs, p.servers, false, 1.0});
        // With hottest_share 1 the other instances get nothing: no station for them.
        if (p.instances > 1 && p.otherShare() > 0.0) {
            groups[i].others = stations.size();
            stations.push_back({visits * p.otherShare(), p.serviceMs, p.servers, false,
                                static_cast<double>(p.instances - 1)});
        }
    }
    const MvaResult mva = solveMva(stations, users, m_thinkMs);
    const double cyclesPerSecond = mva.throughputPerMs * 1000.0;
    result.throughputRps = cyclesPerSecond;
    // N / X - Z, summed as MVA's sum of V R (equal to it exactly): the subtraction would
    // cancel when the cycle is nearly all think time, losing eps Z / R of the response.
    result.meanResponseMs = mva.cycleResponseMs;

    std::vector<double> arrival(n, 0.0);
    const std::vector<double> pass(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        const StationParams& p = m_params[i];
        ComponentResult& r = result.components[i];
        r = ComponentResult{};
        arrival[i] = cyclesPerSecond * m_unitTraffic[i];
        if (p.kind == ComponentKind::Clients) {
            // The users' requests: one per cycle.
            r.kind = p.kind;
            r.arrivalRps = r.throughputRps = cyclesPerSecond;
            continue;
        }
        const double syncVisits = m_unitSync[i];
        // Without asynchronous work on top, a station carries exactly its share of the
        // users' cycle: X V (the sync rate, not the all-links rate, which may differ from it
        // by rounding).
        if (!m_asyncFed[i])
            arrival[i] = cyclesPerSecond * syncVisits;
        if (!groups[i].busiest) {
            // Not in the users' cycle: only asynchronous work (or none) reaches it.
            if (p.kind == ComponentKind::External)
                externalFigures(p, arrival[i], r);
            else
                stationFigures(p, arrival[i], loadStation(p, arrival[i], std::nullopt), false, r);
            r.p50ResponseMs = r.p95ResponseMs = r.p99ResponseMs = std::nullopt;
            r.headroomMultiplier = std::nullopt;
            r.approximate = r.approximate || arrival[i] > 0.0;
            continue;
        }
        const MvaStationResult& hot = mva.stations[*groups[i].busiest];
        r.kind = p.kind;
        r.visitsPerRequest = syncVisits;
        r.arrivalRps = r.throughputRps = arrival[i];
        if (p.kind == ComponentKind::External) {
            r.method = Method::FixedDelay;
            r.meanWaitMs = 0.0;
            r.meanResponseMs = r.avgResponseMs = p.latencyMs;
            r.meanQueueLength = 0.0;
            r.meanInSystem = hot.queueLength;
            continue;
        }
        r.method = mva.approximate ? Method::MvaApproximate : Method::MvaExact;
        const double c = static_cast<double>(p.servers);
        const double utilization = arrival[i] * p.hottestShare * p.serviceMs / 1000.0 / c;
        // The users' cycle alone keeps X V S / c below 1 (N users can never overload a
        // station), but the product rounds to 1 and a hair above at a heavily loaded
        // bottleneck: there the exact figure is 1 - (less than an ulp).
        r.utilization = r.offeredUtilization = m_asyncFed[i] ? utilization : std::min(utilization, 1.0);
        r.waitProbability = hot.waitProbability;
        r.meanResponseMs = hot.responseMs;
        r.meanWaitMs = hot.waitMs;
        double inSystem = hot.queueLength;
        double waiting = hot.waitingCount;
        double avg = hot.responseMs;
        if (groups[i].others) {
            const MvaStationResult& cold = mva.stations[*groups[i].others];
            const auto rest = static_cast<double>(p.instances - 1);
            inSystem += rest * cold.queueLength;
            waiting += rest * cold.waitingCount;
            avg = p.hottestShare * hot.responseMs + (1.0 - p.hottestShare) * cold.responseMs;
        }
        r.avgResponseMs = avg;
        r.meanInSystem = inSystem;
        r.meanQueueLength = waiting;
        r.approximate = mva.approximate || p.serviceCv != 1.0 || m_asyncFed[i];
        if (m_asyncFed[i] && r.utilization >= 1.0) {
            // Only asynchronous work on top of the users' cycle can take a closed-workload
            // station to 1: that backlog grows without bound, as in an open model. Which
            // stations get such work is known from the links, so a station carrying the
            // cycle alone is never declared saturated by a rounded product.
            r.saturated = true;
            r.meanWaitMs = r.meanResponseMs = r.avgResponseMs = std::nullopt;
            r.meanQueueLength = r.meanInSystem = std::nullopt;
        }
    }
    if (!mva.converged) {
        result.status = Status::NotConverged;
        if (options.details)
            result.warnings.push_back({Subject::model("closed workload"),
                                       "approximate MVA did not settle to a relative change of 1e-12; figures are "
                                       "the last iterate"});
    }
    if (mva.approximate && options.details)
        result.warnings.push_back({Subject::model("closed workload"),
                                   std::to_string(users) +
                                       " users exceed the exact MVA budget; figures use Schweitzer-Bard approximate "
                                       "MVA with Seidmann's multi-server decomposition"});
    finish(result, arrival, pass, options.details);
    result.maxMultiplier = std::nullopt;
}

void Solver::finish(SolveResult& result, std::span<const double> arrival, std::span<const double> pass,
                    bool details) const
{
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const ComponentResult& r = result.components[i];
        if (!r.saturated)
            continue;
        result.stable = false;
        if (details)
            result.warnings.push_back({Subject::component(m_model.components[i].id, i),
                                       "saturated: its busiest instance is offered " +
                                           formatNumber(r.offeredUtilization) +
                                           " of its capacity, so its queue grows without bound and waits are "
                                           "infinite"});
    }
    addPools(result, arrival, pass, details);
    addReplication(result, details);
    chooseBottleneck(result);
    const bool saturates =
        !result.stable ||
        std::any_of(result.pools.begin(), result.pools.end(), [](const PoolResult& p) { return p.saturated; }) ||
        std::any_of(result.replication.begin(), result.replication.end(),
                    [](const ReplicationResult& r) { return r.saturated; });
    if (saturates)
        result.status = worse(result.status, Status::Saturated);
}

void Solver::addPools(SolveResult& result, std::span<const double> arrival, std::span<const double> pass,
                      bool details) const
{
    result.pools.reserve(m_pooledLinks.size());
    for (const std::size_t l : m_pooledLinks) {
        const Link& link = m_model.links[l];
        PoolResult pool;
        pool.link = l;
        pool.from = m_linkFrom[l];
        pool.to = m_linkTo[l];
        pool.poolSize = static_cast<std::int64_t>(*link.get(LinkField::PoolSize));
        pool.perInstanceRps = linkTraffic(l, arrival, pass) / static_cast<double>(m_params[pool.from].instances);
        pool.connectionsTotal = m_pooledConnections[pool.to];
        if (const auto max = m_model.components[pool.to].get(Field::MaxConnections))
            pool.maxConnections = static_cast<std::int64_t>(*max);
        const ComponentResult& database = result.components[pool.to];
        if (database.avgResponseMs) {
            const double hold = *database.avgResponseMs + link.get(LinkField::PoolOverheadMs).value_or(0.0);
            pool.holdMs = hold;
            const double offered = pool.perInstanceRps * hold / 1000.0;
            const PoolWait wait = poolWait(pool.perInstanceRps, hold, pool.poolSize, erlangB(pool.poolSize, offered));
            pool.utilization = offered / static_cast<double>(pool.poolSize);
            pool.saturated = wait.saturated;
            pool.waitProbability = wait.waitProbability;
            pool.meanWaitMs = wait.meanWaitMs;
        } else {
            pool.saturated = true;
            pool.waitProbability = 1.0;
        }
        if (details && pool.saturated && pool.perInstanceRps > 0.0)
            result.warnings.push_back({Subject::pool(link.from, link.to, l),
                                       "saturated: " + std::to_string(pool.poolSize) +
                                           " connections cannot carry the load, so requests wait without bound"});
        result.pools.push_back(pool);
    }
    if (!details)
        return;
    // One warning per database whose pooled connections exceed max_connections.
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const auto max = m_model.components[i].get(Field::MaxConnections);
        if (m_pooledConnections[i] > 0 && max && static_cast<double>(m_pooledConnections[i]) > *max)
            result.warnings.push_back({Subject::component(m_model.components[i].id, i),
                                       "pools open " + std::to_string(m_pooledConnections[i]) +
                                           " connections, more than its max_connections " + formatNumber(*max)});
    }
}

void Solver::addReplication(SolveResult& result, bool details) const
{
    for (std::size_t l = 0; l < m_model.links.size(); ++l) {
        if (m_linkKind[l] != LinkKind::Replication)
            continue;
        const std::size_t primary = m_linkFrom[l];
        const std::size_t replica = m_linkTo[l];
        const Component& r = m_model.components[replica];
        const double writes = result.components[primary].throughputRps *
                              m_model.components[primary].valueOr(Field::WriteFraction, 1.0);
        const LagFigures lag = replicationLag(writes, r.valueOr(Field::ApplyMs, m_params[replica].serviceMs),
                                              r.valueOr(Field::ReplicationDelayMs, 0.0));
        ReplicationResult out;
        out.replica = replica;
        out.primary = primary;
        out.writeRps = writes;
        out.applyUtilization = lag.applyUtilization;
        out.meanLagMs = lag.meanLagMs;
        out.p99LagMs = lag.p99LagMs;
        out.lagGrowthMsPerS = lag.lagGrowthMsPerS;
        out.saturated = lag.saturated;
        if (lag.saturated && details)
            result.warnings.push_back({Subject::component(r.id, replica),
                                       "replication cannot keep up: applying the write stream takes " +
                                           formatNumber(lag.applyUtilization) +
                                           " of its apply thread, so lag grows by " +
                                           formatNumber(lag.lagGrowthMsPerS) + " ms every second"});
        result.replication.push_back(out);
    }
}

void Solver::chooseBottleneck(SolveResult& result) const
{
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        if (!m_params[i].queueing())
            continue;
        const ComponentResult& r = result.components[i];
        if (!result.bottleneck || r.utilization > result.components[*result.bottleneck].utilization)
            result.bottleneck = i;
        if (r.headroomMultiplier && (!result.maxMultiplier || *r.headroomMultiplier < *result.maxMultiplier))
            result.maxMultiplier = r.headroomMultiplier;
    }
}

Checked<SolveResult> solve(const Model& model, const SolveOptions& options)
{
    auto solver = Solver::create(model);
    if (!solver)
        return solver.issues();
    return solver->solve(options);
}

} // namespace headroom::engine
