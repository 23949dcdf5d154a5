// SPDX-License-Identifier: MIT
#include "PoolSizing.h"

#include "ErlangFormulas.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

namespace {

constexpr std::int64_t kLargestPool = 10'000'000;

} // namespace

Checked<std::size_t> findPooledLink(const Model& model, std::string_view from, std::string_view to)
{
    const auto a = model.indexOf(from);
    const auto d = model.indexOf(to);
    Issues issues;
    if (!a)
        issues.push_back({Subject::argument("--from"), "'" + std::string(from) + "' is not a component of this model"});
    if (!d)
        issues.push_back({Subject::argument("--to"), "'" + std::string(to) + "' is not a component of this model"});
    if (!issues.empty())
        return issues;
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        const Link& link = model.links[l];
        if (link.from != from || link.to != to)
            continue;
        if (!link.get(LinkField::PoolSize))
            return Issue{Subject::link(link.from, link.to, l),
                         "has no connection pool: set pool_size on the link to size it"};
        return l;
    }
    return Issue{Subject::argument("--to"), "there is no link from " + std::string(from) + " to " + std::string(to)};
}

Checked<PoolSizing> poolSizing(const Solver& solver, std::size_t link, double multiplier,
                               std::optional<std::int64_t> maxSize, double targetWait)
{
    const Model& model = solver.model();
    const SolveResult result = solver.solve({multiplier, false});
    const auto pool = std::find_if(result.pools.begin(), result.pools.end(),
                                   [link](const PoolResult& p) { return p.link == link; });
    if (pool == result.pools.end())
        return Issue{Subject::link(model.links[link].from, model.links[link].to, link), "has no connection pool"};

    PoolSizing out;
    out.link = link;
    out.status = result.status;
    out.perInstanceRps = pool->perInstanceRps;
    out.holdMs = pool->holdMs;
    out.callerInstances = solver.params(pool->from).instances;
    out.currentPoolSize = pool->poolSize;
    out.targetWait = targetWait;
    out.maxConnections = pool->maxConnections;
    out.otherPooledConnections = pool->connectionsTotal - pool->poolSize * out.callerInstances;
    out.databaseResponseMs = result.components[pool->to].avgResponseMs;
    if (out.maxConnections)
        out.perNodeBudget = *out.maxConnections / out.callerInstances;
    if (out.databaseResponseMs)
        out.unpooledResponseMs = model.links[link].get(LinkField::ConnectMs).value_or(0.0) + *out.databaseResponseMs;

    // Offered load on the pool in Erlangs (connections busy on average); empty when the hold time is infinite.
    std::optional<double> offered;
    if (out.holdMs)
        offered = out.perInstanceRps * *out.holdMs / 1000.0;
    if (offered && *offered < static_cast<double>(kLargestPool)) {
        // floor(offered) + 1, on the same side of saturation as poolWait's exact test.
        auto size = static_cast<std::int64_t>(std::floor(*offered)) + 1;
        const auto stable = [&](std::int64_t p) {
            return spareCapacity(out.perInstanceRps, *out.holdMs, static_cast<double>(p)) > 0.0;
        };
        while (size > 1 && stable(size - 1))
            --size;
        while (!stable(size))
            ++size;
        out.smallestStableSize = size;
    }
    const std::int64_t top =
        std::clamp<std::int64_t>(maxSize.value_or(4 * out.smallestStableSize.value_or(1)), 1, kLargestPool);

    // Walk the sizes once: Erlang B by its recursion, C from B.
    double blocking = 1.0; // B(0)
    std::int64_t size = 0;
    const auto advance = [&] {
        ++size;
        if (offered)
            blocking = *offered > 0.0 ? *offered * blocking / (static_cast<double>(size) + *offered * blocking) : 0.0;
    };
    const auto pointAt = [&]() {
        PoolSizePoint point;
        point.poolSize = size;
        if (!offered)
            return point;
        point.utilization = *offered / static_cast<double>(size);
        const PoolWait wait = poolWait(out.perInstanceRps, *out.holdMs, size, blocking);
        point.waitProbability = wait.waitProbability;
        point.meanWaitMs = wait.meanWaitMs;
        return point;
    };
    out.series.reserve(static_cast<std::size_t>(top));
    while (size < top) {
        advance();
        out.series.push_back(pointAt());
        if (!out.recommendedPoolSize && out.series.back().waitProbability <= targetWait)
            out.recommendedPoolSize = size;
    }
    // The recommendation may lie beyond the charted sizes.
    while (!out.recommendedPoolSize && offered && size < kLargestPool) {
        advance();
        const PoolSizePoint point = pointAt();
        if (point.waitProbability <= targetWait) {
            out.recommendedPoolSize = size;
            break;
        }
    }
    if (out.recommendedPoolSize) {
        out.connectionsAtRecommended = *out.recommendedPoolSize * out.callerInstances;
        const std::int64_t p = *out.recommendedPoolSize;
        const auto& at = p <= static_cast<std::int64_t>(out.series.size())
                             ? out.series[static_cast<std::size_t>(p - 1)].meanWaitMs
                             : std::optional<double>();
        std::optional<double> wait = at;
        if (!wait && offered) // beyond the chart: evaluate the recommended size directly
            wait = poolWait(out.perInstanceRps, *out.holdMs, p, erlangB(p, *offered)).meanWaitMs;
        if (wait && out.databaseResponseMs)
            out.pooledResponseMs = *wait + *out.databaseResponseMs;
    }
    return out;
}

} // namespace headroom::engine
