// SPDX-License-Identifier: MIT
#include "LoadShedding.h"

#include "ResponseTime.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

namespace {

constexpr std::int64_t kSearchDepth = 10000;
constexpr double kKeepShare = 0.99;

/// The station without a capacity, so that its offered load is what arrives.
Checked<Solver> unboundedVariant(const Solver& solver, std::size_t component)
{
    Model model = solver.model();
    model.components[component].set(Field::Capacity, std::nullopt);
    return Solver::create(std::move(model));
}

/// Goodput, rejection and mean response of all instances of a station at one offered rate.
ShedPoint evaluate(const StationParams& params, double offered, std::optional<std::int64_t> capacity, double timeoutMs)
{
    ShedPoint point;
    point.offeredRps = offered;
    const StationLoad load = loadStation(params, offered, capacity);
    if (load.busiest.saturated || (load.others && load.others->saturated)) {
        // Unbounded and overloaded: the queue grows until every request times out.
        return point;
    }
    double responseWeighted = 0.0;
    const auto add = [&](const QueueMetrics& m, double arrival, double count) {
        const QueueInput input{arrival, params.serviceMs, params.servers, params.serviceCv, capacity};
        const auto distribution = ResponseTime::of(input, m);
        const double within = distribution ? distribution->within(timeoutMs) : 0.0;
        point.goodputRps += count * m.throughputRps * within;
        responseWeighted += count * m.throughputRps * m.meanResponseMs.value_or(0.0);
    };
    add(load.busiest, offered * params.hottestShare, 1.0);
    if (load.others)
        add(*load.others, offered * params.otherShare(), static_cast<double>(params.instances - 1));
    point.rejectedFraction = offered > 0.0 ? std::max(0.0, 1.0 - load.admittedRps / offered) : 0.0;
    point.meanResponseMs = load.admittedRps > 0.0 ? responseWeighted / load.admittedRps
                                                  : load.busiest.meanResponseMs.value_or(params.serviceMs);
    return point;
}

} // namespace

std::vector<double> goodputByCapacity(double arrivalRps, double serviceMs, std::int64_t servers, double timeoutMs,
                                      std::int64_t extra)
{
    // g_n = P(answered within T | an arrival finds n): u[0] with a free server, else
    // u[n - c + 1] (it waits for n - c + 1 departures).
    std::vector<double> within;
    std::vector<double> scratch;
    waitPlusServiceWithin(1.0 / serviceMs, servers, timeoutMs, static_cast<std::size_t>(extra + 1), within, scratch);
    const double a = arrivalRps * serviceMs / 1000.0;
    const double c = static_cast<double>(servers);
    // Walk n upwards keeping q_n = p_n / sum_{m<=n} p_m and G_n = sum_{m<n} p_m g_m / sum_{m<=n} p_m,
    // both bounded, so nothing overflows whatever the load:
    // G_{n+1} = (G_n + g_n q_n) / (1 + r q_n), q_{n+1} = r q_n / (1 + r q_n), r = p_{n+1} / p_n.
    std::vector<double> goodput(static_cast<std::size_t>(extra + 1), 0.0);
    double q = 1.0;
    double g = 0.0;
    const std::int64_t top = servers + extra;
    for (std::int64_t n = 0; n < top; ++n) {
        const double gn = n < servers ? within[0] : within[static_cast<std::size_t>(n - servers + 1)];
        const double r = n + 1 <= servers ? a / static_cast<double>(n + 1) : a / c;
        g = (g + gn * q) / (1.0 + r * q);
        q = r * q / (1.0 + r * q);
        if (n + 1 >= servers)
            goodput[static_cast<std::size_t>(n + 1 - servers)] = arrivalRps * g;
    }
    return goodput;
}

Checked<std::size_t> findShedComponent(const Model& model, std::string_view id)
{
    const auto index = model.indexOf(id);
    if (!index)
        return Issue{Subject::argument("--component"), "'" + std::string(id) + "' is not a component of this model"};
    const ComponentKind kind = model.components[*index].kind;
    if (!isStation(kind))
        return Issue{Subject::argument("--component"),
                     std::string(id) + " is " +
                         (kind == ComponentKind::Clients ? "the workload"
                                                         : "an external dependency, which never queues") +
                         "; load shedding applies to a queueing station"};
    return *index;
}

LoadSheddingAnswer loadShedding(const Solver& solver, std::size_t component, std::optional<std::int64_t> capacity,
                                double timeoutMs, std::span<const double> multipliers)
{
    const StationParams& params = solver.params(component);
    LoadSheddingAnswer answer;
    answer.component = component;
    answer.timeoutMs = timeoutMs;

    // The load offered to the component does not depend on its own bound (unless it
    // is on a routing cycle, where the unbounded variant is the conservative choice).
    auto variant = unboundedVariant(solver, component);
    const Solver& offeredBy = variant ? *variant : solver;
    std::vector<double> offered;
    offered.reserve(multipliers.size());
    TrafficState traffic;
    for (const double m : multipliers) {
        offeredBy.traffic(m, traffic);
        offered.push_back(traffic.arrival[component]);
        if (!traffic.converged)
            answer.status = Status::NotConverged;
    }

    // The recommended bound, at the highest multiplier.
    const auto highest = std::max_element(offered.begin(), offered.end());
    const double peak = highest == offered.end() ? 0.0 : *highest;
    std::vector<double> best = goodputByCapacity(peak * params.hottestShare, params.serviceMs, params.servers,
                                                 timeoutMs, kSearchDepth);
    if (params.instances > 1) {
        const std::vector<double> others = goodputByCapacity(peak * params.otherShare(), params.serviceMs,
                                                             params.servers, timeoutMs, kSearchDepth);
        for (std::size_t k = 0; k < best.size(); ++k)
            best[k] += static_cast<double>(params.instances - 1) * others[k];
    }
    double bestGoodput = *std::max_element(best.begin(), best.end());
    const ShedPoint unbounded = evaluate(params, peak, std::nullopt, timeoutMs);
    bestGoodput = std::max(bestGoodput, unbounded.goodputRps);
    answer.recommendedCapacity = params.servers;
    for (std::size_t k = 0; k < best.size(); ++k) {
        if (best[k] >= kKeepShare * bestGoodput) {
            answer.recommendedCapacity = params.servers + static_cast<std::int64_t>(k);
            break;
        }
    }
    answer.capacity = capacity.value_or(params.capacity.value_or(answer.recommendedCapacity));

    for (std::size_t i = 0; i < multipliers.size(); ++i) {
        ShedPoint with = evaluate(params, offered[i], answer.capacity, timeoutMs);
        ShedPoint without = evaluate(params, offered[i], std::nullopt, timeoutMs);
        with.multiplier = without.multiplier = multipliers[i];
        answer.withShedding.push_back(with);
        answer.withoutShedding.push_back(without);
    }
    return answer;
}

} // namespace headroom::engine
