// SPDX-License-Identifier: MIT
#include "CapacityPlan.h"

#include "PoolSizing.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

namespace {

constexpr double kTolerance = 1e-12;

} // namespace

std::int64_t smallestCount(double load, double limit)
{
    if (!(load > 0.0))
        return 1;
    const double exact = load / limit;
    if (exact >= 9.2e18)
        return INT64_MAX;
    auto n = static_cast<std::int64_t>(std::ceil(exact));
    if (n > 1 && exact <= static_cast<double>(n - 1) * (1.0 + kTolerance))
        --n;
    return std::max<std::int64_t>(1, n);
}

std::optional<std::int64_t> asCount(double count)
{
    if (!(count >= 1.0 && count <= kMaxCount))
        return std::nullopt;
    return static_cast<std::int64_t>(count);
}

Checked<CapacityPlan> planCapacity(const Solver& solver, double multiplier, double target, PlanScope scope)
{
    if (solver.workload() != Workload::Open)
        return Issue{Subject::model("workload"),
                     "capacity plans need an open workload (rate_rps): in a closed one the load "
                     "follows the response, so use solve --multiplier to explore it"};
    const Model& model = solver.model();
    CapacityPlan plan;
    plan.multiplier = multiplier;
    plan.targetUtilization = target;
    const auto traffic = solver.unitTraffic();
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const StationParams& p = solver.params(i);
        const double cost = p.costPerInstanceMonth * static_cast<double>(p.instances);
        plan.costNow += cost;
        if (!p.queueing()) {
            plan.costAfter += cost;
            continue;
        }
        InstancePlan item;
        item.component = i;
        item.instances = p.instances;
        item.costNow = cost;
        const double arrival = multiplier * traffic[i];
        // Utilization one instance would have if it took all the traffic.
        const double whole = arrival * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
        item.utilizationNow = whole * p.hottestShare;
        const bool explicitShare = model.components[i].has(Field::HottestShare);
        item.hotSpot = explicitShare && p.hottestShare > (1.0 / static_cast<double>(p.instances)) * (1.0 + kTolerance);
        if (item.hotSpot) {
            // The busiest instance keeps its share whatever the count.
            const double hot = whole * p.hottestShare;
            if (hot > target * (1.0 + kTolerance)) {
                plan.warnings.push_back({Subject::component(model.components[i].id, i),
                                         "its busiest instance takes " + formatNumber(p.hottestShare * 100.0) +
                                             "% of the traffic whatever the instance count, and runs at " +
                                             formatNumber(hot) + " at " + formatNumber(multiplier) +
                                             "x; more instances cannot bring it under " + formatNumber(target) +
                                             ": spread the hot key or route around it"});
            } else {
                // Enough instances for the share to be valid (share >= 1/n), and enough
                // others to carry the rest at the target.
                std::int64_t n = std::max<std::int64_t>(
                    1, static_cast<std::int64_t>(std::ceil(1.0 / p.hottestShare * (1.0 - kTolerance))));
                if (p.hottestShare < 1.0)
                    n = std::max(n, 1 + smallestCount(whole * (1.0 - p.hottestShare), target));
                item.requiredInstances = n;
                item.utilizationAfter = hot;
            }
        } else {
            const std::int64_t n = smallestCount(whole, target);
            if (const auto count = asCount(static_cast<double>(n))) {
                item.requiredInstances = *count;
                item.utilizationAfter = whole / static_cast<double>(n);
            } else {
                plan.warnings.push_back({Subject::component(model.components[i].id, i),
                                         "would need more than " + formatNumber(kMaxCount) + " instances at " +
                                             formatNumber(multiplier) + "x; more instances alone cannot carry it"});
            }
        }
        const std::int64_t after = item.requiredInstances.value_or(p.instances);
        item.costAfter = p.costPerInstanceMonth * static_cast<double>(after);
        plan.costAfter += item.costAfter;
        plan.components.push_back(item);
    }

    // Pools: with the planned counts in place, each pool carries its share of the
    // link's traffic for a hold time of the database's response at X.
    const bool anyPool = scope == PlanScope::InstancesAndPools &&
                         std::any_of(model.links.begin(), model.links.end(),
                                     [](const Link& l) { return l.get(LinkField::PoolSize).has_value(); });
    if (anyPool) {
        const Model planned = plannedModel(model, plan);
        auto plannedSolver = Solver::create(planned);
        std::optional<SolveResult> after;
        if (plannedSolver) {
            after = plannedSolver->solve({multiplier, false});
            plan.status = after->status;
        }
        for (const PoolResult& pool : after ? after->pools : std::vector<PoolResult>{}) {
            PoolPlan item;
            item.link = pool.link;
            item.poolSize = static_cast<std::int64_t>(*model.links[pool.link].get(LinkField::PoolSize));
            if (pool.holdMs) {
                const double offered = pool.perInstanceRps * *pool.holdMs / 1000.0;
                const std::int64_t size = smallestCount(offered, target);
                item.requiredPoolSize = size;
                item.utilizationAfter = offered / static_cast<double>(size);
                if (const auto sizing = poolSizing(*plannedSolver, pool.link, multiplier, std::int64_t{1}, kPlanTargetWait))
                    item.recommendedPoolSize = sizing->recommendedPoolSize;
            } else {
                plan.warnings.push_back({Subject::pool(model.links[pool.link].from, model.links[pool.link].to,
                                                       pool.link),
                                         "the database is still saturated at " + formatNumber(multiplier) +
                                             "x, so no pool size is enough"});
            }
            plan.pools.push_back(item);
        }
    }
    return plan;
}

Model plannedModel(const Model& model, const CapacityPlan& plan)
{
    Model out = model;
    for (const InstancePlan& item : plan.components) {
        if (!item.requiredInstances)
            continue;
        Component& c = out.components[item.component];
        c.set(Field::Instances, static_cast<double>(*item.requiredInstances));
        if (!item.hotSpot)
            c.set(Field::HottestShare, std::nullopt); // the split stays even
    }
    for (const PoolPlan& pool : plan.pools) {
        if (pool.requiredPoolSize)
            out.links[pool.link].set(LinkField::PoolSize, static_cast<double>(*pool.requiredPoolSize));
    }
    return out;
}

} // namespace headroom::engine
