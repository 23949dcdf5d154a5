// SPDX-License-Identifier: MIT
#include "engine/calibration/CalibrationFigures.h"

#include "engine/Fields.h"
#include "engine/Kinds.h"

#include <algorithm>
#include <functional>

namespace headroom::engine {

namespace {

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view seriesBase(std::string_view series)
{
    return series.substr(0, series.find('{'));
}

std::optional<std::size_t> linkIndex(const Model& model, const CalibrationTarget& target)
{
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        if (model.links[l].from == target.component && model.links[l].to == target.linkTo)
            return l;
    }
    return std::nullopt;
}

const PoolResult* poolOf(const SolveResult& result, std::size_t link)
{
    for (const PoolResult& pool : result.pools) {
        if (pool.link == link)
            return &pool;
    }
    return nullptr;
}

double instancesOf(const Model& model, std::size_t component)
{
    return model.components[component].valueOr(Field::Instances, 1.0);
}

/// Whether a component calls anything synchronously (its own percentiles then leave out
/// the calls, so they do not compare with a measured end-to-end percentile).
bool callsDownstream(const Model& model, std::size_t index)
{
    const Component& c = model.components[index];
    return std::any_of(model.links.begin(), model.links.end(), [&](const Link& l) {
        if (l.from != c.id || l.calls() <= 0.0)
            return false;
        const auto to = model.indexOf(l.to);
        return to && effectiveLinkKind(l, model.components[*to].kind) == LinkKind::Sync;
    });
}

std::optional<double> percentile(const ComponentResult& r, std::string_view figure)
{
    if (figure == "p50" || figure == "p50_ms" || figure == "http_req_duration_ms.med")
        return r.p50ResponseMs;
    if (figure == "p95" || figure == "p95_ms" || figure == "http_req_duration_ms.p95")
        return r.p95ResponseMs;
    if (figure == "p99" || figure == "p99_ms")
        return r.p99ResponseMs;
    return std::nullopt;
}

bool isPercentile(std::string_view figure)
{
    return figure == "p50" || figure == "p95" || figure == "p99" || figure == "p50_ms" || figure == "p95_ms" ||
           figure == "p99_ms" || figure == "http_req_duration_ms.med" || figure == "http_req_duration_ms.p95";
}

} // namespace

std::optional<CalibrationTarget> parseTarget(std::string_view text)
{
    const std::size_t arrow = text.find("->");
    if (arrow == std::string_view::npos) {
        if (text.empty())
            return std::nullopt;
        return CalibrationTarget{std::string(text), {}};
    }
    const std::string_view from = text.substr(0, arrow);
    const std::string_view to = text.substr(arrow + 2);
    if (from.empty() || to.empty() || to.find("->") != std::string_view::npos)
        return std::nullopt;
    return CalibrationTarget{std::string(from), std::string(to)};
}

std::optional<double> prometheusTimeScale(std::string_view series)
{
    std::string_view base = seriesBase(series);
    if (endsWith(base, "_total"))
        base.remove_suffix(6);
    if (endsWith(base, "_seconds"))
        return 1000.0;
    if (endsWith(base, "_milliseconds") || endsWith(base, "_ms"))
        return 1.0;
    if (endsWith(base, "_microseconds"))
        return 0.001;
    return std::nullopt;
}

FigureRole figureRole(MeasureSource source, std::string_view object, std::string_view figure)
{
    switch (source) {
    case MeasureSource::PgbouncerStats:
        if (figure == "xact_rps")
            return FigureRole::Rate;
        if (figure == "mean_server_ms")
            return FigureRole::Time;
        if (figure == "mean_wait_ms")
            return FigureRole::Wait;
        if (figure == "mean_xact_ms" || figure == "busy_connections")
            return FigureRole::Other;
        return FigureRole::NotModelled;
    case MeasureSource::PgbouncerPools:
        return figure == "clients_waiting" || figure == "servers_active" ? FigureRole::Other : FigureRole::NotModelled;
    case MeasureSource::PgStatReplication:
        return figure == "replay_lag_ms" ? FigureRole::Lag : FigureRole::NotModelled;
    case MeasureSource::Pgbench:
        if (figure == "tps")
            return FigureRole::Rate;
        return figure == "latency_avg_ms" ? FigureRole::Time : FigureRole::NotModelled;
    case MeasureSource::K6:
        if (figure == "http_reqs_rps")
            return FigureRole::Rate;
        if (figure == "http_req_duration_ms.avg")
            return FigureRole::Time;
        return isPercentile(figure) || figure == "http_req_failed_fraction" ? FigureRole::Other
                                                                             : FigureRole::NotModelled;
    case MeasureSource::JmeterJtl:
        if (figure == "throughput_rps")
            return FigureRole::Rate;
        if (figure == "mean_ms")
            return FigureRole::Time;
        return isPercentile(figure) || figure == "error_fraction" ? FigureRole::Other : FigureRole::NotModelled;
    case MeasureSource::Prometheus:
        if (figure == "rate_per_s")
            return endsWith(seriesBase(object), "_seconds_total") ? FigureRole::Busy : FigureRole::Rate;
        if (figure == "mean")
            return FigureRole::Time;
        return isPercentile(figure) ? FigureRole::Other : FigureRole::NotModelled;
    }
    return FigureRole::NotModelled;
}

std::optional<double> subtreeResponseMs(const Model& model, const SolveResult& result, std::size_t index)
{
    const std::size_t n = model.components.size();
    if (index >= n || result.components.size() != n)
        return std::nullopt;
    const auto ids = model.indexById();
    std::vector<std::optional<double>> memo(n);
    std::vector<std::uint8_t> state(n, 0); // 0 new, 1 on the path, 2 done
    bool cycle = false;
    std::function<std::optional<double>(std::size_t)> visit = [&](std::size_t i) -> std::optional<double> {
        if (state[i] == 2)
            return memo[i];
        if (state[i] == 1) {
            cycle = true;
            return std::nullopt;
        }
        state[i] = 1;
        const Component& c = model.components[i];
        const ComponentResult& r = result.components[i];
        std::optional<double> total = 0.0;
        if (c.kind != ComponentKind::Clients) {
            if (r.avgResponseMs)
                *total += *r.avgResponseMs;
            else
                total.reset();
        }
        const double gain = (c.kind == ComponentKind::Cache || c.kind == ComponentKind::Cdn)
                                ? 1.0 - c.valueOr(Field::HitRatio, 0.0)
                                : 1.0;
        for (std::size_t l = 0; l < model.links.size() && total; ++l) {
            const Link& link = model.links[l];
            if (link.from != c.id)
                continue;
            const auto to = ids.find(link.to);
            if (to == ids.end() || effectiveLinkKind(link, model.components[to->second].kind) != LinkKind::Sync)
                continue;
            const double calls = link.calls() * gain;
            if (calls <= 0.0)
                continue;
            const auto below = visit(to->second);
            std::optional<double> wait = 0.0;
            if (const PoolResult* pool = poolOf(result, l))
                wait = pool->meanWaitMs;
            if (!below || !wait) {
                total.reset();
                break;
            }
            *total += calls * (*below + *wait);
        }
        state[i] = 2;
        memo[i] = total;
        return total;
    };
    const auto answer = visit(index);
    if (cycle)
        return std::nullopt;
    return answer;
}

std::optional<double> modelledFigure(const Model& model, const SolveResult& result, const CalibrationTarget& target,
                                     MeasureSource source, std::string_view object, std::string_view figure)
{
    const FigureRole role = figureRole(source, object, figure);
    if (role == FigureRole::NotModelled)
        return std::nullopt;
    const auto index = model.indexOf(target.component);
    if (!index || result.components.size() != model.components.size())
        return std::nullopt;
    const double unit = source == MeasureSource::Prometheus ? prometheusTimeScale(object).value_or(1.0) : 1.0;
    if (target.isLink()) {
        const auto l = linkIndex(model, target);
        const PoolResult* pool = l ? poolOf(result, *l) : nullptr;
        if (pool == nullptr)
            return std::nullopt;
        const double instances = instancesOf(model, pool->from);
        const double rate = pool->perInstanceRps * instances;
        std::optional<double> busy;
        if (pool->holdMs)
            busy = rate * *pool->holdMs / 1000.0;
        switch (role) {
        case FigureRole::Rate:
            return rate;
        case FigureRole::Time:
            return pool->holdMs;
        case FigureRole::Wait:
            return pool->meanWaitMs;
        case FigureRole::Other:
            if (figure == "mean_xact_ms") {
                if (!pool->holdMs || !pool->meanWaitMs)
                    return std::nullopt;
                return *pool->holdMs + *pool->meanWaitMs;
            }
            if (figure == "busy_connections" || figure == "servers_active")
                return busy;
            if (figure == "clients_waiting" && pool->meanWaitMs)
                return rate * *pool->meanWaitMs / 1000.0;
            return std::nullopt;
        default:
            return std::nullopt;
        }
    }
    const Component& c = model.components[*index];
    const ComponentResult& r = result.components[*index];
    switch (role) {
    case FigureRole::Rate:
        return r.arrivalRps;
    case FigureRole::Time: {
        // PgBouncer's server time is one visit to the database; the other sources time
        // what their requests wait for: the target and every synchronous call below it.
        const auto ms = source == MeasureSource::PgbouncerStats ? r.avgResponseMs
                                                                : subtreeResponseMs(model, result, *index);
        if (!ms)
            return std::nullopt;
        return *ms / unit;
    }
    case FigureRole::Busy: {
        const auto service = c.get(Field::ServiceMs);
        if (!service)
            return std::nullopt;
        return r.arrivalRps * *service / 1000.0; // seconds of work per second
    }
    case FigureRole::Wait:
        return std::nullopt;
    case FigureRole::Lag:
        for (const ReplicationResult& rep : result.replication) {
            if (rep.replica == *index)
                return rep.meanLagMs;
        }
        return std::nullopt;
    case FigureRole::Other:
        break;
    case FigureRole::NotModelled:
        return std::nullopt;
    }
    if (figure == "mean_xact_ms")
        return r.avgResponseMs;
    if (figure == "busy_connections")
        return r.meanInSystem;
    if (figure == "clients_waiting")
        return r.meanQueueLength;
    if (figure == "servers_active") {
        if (!r.meanInSystem || !r.meanQueueLength)
            return std::nullopt;
        return *r.meanInSystem - *r.meanQueueLength;
    }
    if (figure == "http_req_failed_fraction" || figure == "error_fraction") {
        if (c.kind != ComponentKind::Clients)
            return r.blockingProbability;
        double offered = 0.0;
        for (const Component& other : model.components) {
            if (other.kind == ComponentKind::Clients)
                offered += other.valueOr(Field::RateRps, 0.0);
        }
        if (!(offered > 0.0) || result.workload != Workload::Open)
            return std::nullopt;
        return std::max(0.0, 1.0 - result.throughputRps / offered);
    }
    if (isPercentile(figure)) {
        if (c.kind == ComponentKind::Clients || callsDownstream(model, *index))
            return std::nullopt;
        const auto ms = percentile(r, figure);
        if (!ms)
            return std::nullopt;
        return *ms / unit;
    }
    return std::nullopt;
}

} // namespace headroom::engine
