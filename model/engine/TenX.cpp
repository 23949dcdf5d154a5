// SPDX-License-Identifier: MIT
#include "TenX.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

namespace {

std::string times(double multiplier)
{
    return formatNumber(std::round(multiplier * 100.0) / 100.0) + "x";
}

RedundancyCheck redundancy(const Solver& solver, std::size_t i, double multiplier)
{
    const StationParams& p = solver.params(i);
    const Component& c = solver.model().components[i];
    RedundancyCheck check;
    check.component = i;
    check.instances = p.instances;
    // Utilization of one instance if it took all the traffic at X.
    const double whole = multiplier * solver.unitTraffic()[i] * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
    const bool hotSpot = c.has(Field::HottestShare) &&
                         p.hottestShare > (1.0 / static_cast<double>(p.instances)) * (1.0 + 1e-12);
    // Losing one instance (the worst case is a cold one): the busiest keeps its share
    // or takes an even split of the rest, whichever is larger.
    const double remaining = static_cast<double>(p.instances - 1);
    const double share = std::max(hotSpot ? p.hottestShare : 0.0, 1.0 / remaining);
    check.utilizationAfterLoss = whole * share;
    check.survivesLossOfOne = check.utilizationAfterLoss < 1.0;
    if (hotSpot) {
        if (whole * p.hottestShare < 1.0) {
            // Others must stay under 1 after one of them is lost: (1 - s) whole / (n - 2) < 1.
            // The busiest keeps its share, so n - 1 >= 1/s; if it takes everything, one spare is enough.
            const auto forShare = static_cast<std::int64_t>(std::ceil(1.0 / p.hottestShare * (1.0 - 1e-12)));
            double needed = std::max(static_cast<double>(forShare) + 1.0, 2.0);
            if (p.hottestShare < 1.0)
                needed = std::max(needed, std::floor(whole * (1.0 - p.hottestShare)) + 3.0);
            check.instancesNeeded = asCount(needed);
        }
    } else {
        // n - 1 instances, evenly split, each under 1: n - 1 > whole.
        check.instancesNeeded = asCount(std::floor(whole) + 2.0);
    }
    return check;
}

} // namespace

Checked<TenXAnswer> tenX(const Solver& solver, double multiplier, double target)
{
    auto plan = planCapacity(solver, multiplier, target);
    if (!plan)
        return plan.issues();
    const Model& model = solver.model();
    TenXAnswer answer;
    answer.multiplier = multiplier;
    answer.targetUtilization = target;
    answer.plan = std::move(plan).value();

    // saturates_at is the headroom multiplier at the model's own rates.
    const SolveResult base = solver.solve({1.0, false});
    answer.status = worse(base.status, answer.plan.status);
    answer.saturatesAt.resize(model.components.size());
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        if (!solver.params(i).queueing())
            continue;
        answer.saturatesAt[i] = base.components[i].headroomMultiplier;
        if (const auto at = answer.saturatesAt[i]; at && *at <= multiplier)
            answer.breaks.push_back({i, *at});
        if (solver.params(i).instances > 1)
            answer.nPlusOne.push_back(redundancy(solver, i, multiplier));
    }
    std::stable_sort(answer.breaks.begin(), answer.breaks.end(),
                     [](const Break& a, const Break& b) { return a.saturatesAt < b.saturatesAt; });
    answer.survives = answer.breaks.empty();

    if (answer.survives) {
        answer.verdict = "nothing saturates at " + times(multiplier);
        std::optional<std::size_t> first;
        for (std::size_t i = 0; i < answer.saturatesAt.size(); ++i) {
            if (answer.saturatesAt[i] && (!first || *answer.saturatesAt[i] < *answer.saturatesAt[*first]))
                first = i;
        }
        if (first)
            answer.verdict += "; the first limit is " + model.components[*first].id + " at " +
                              times(*answer.saturatesAt[*first]);
    } else {
        const Break& first = answer.breaks.front();
        const std::string& id = model.components[first.component].id;
        answer.verdict = id + " saturates at " + times(first.saturatesAt);
        const auto it = std::find_if(answer.plan.components.begin(), answer.plan.components.end(),
                                     [&](const InstancePlan& p) { return p.component == first.component; });
        if (it != answer.plan.components.end() && it->requiredInstances)
            answer.verdict += "; at " + times(multiplier) + " it needs " + std::to_string(*it->requiredInstances) +
                              " instances (it has " + std::to_string(it->instances) + ")";
        else if (it != answer.plan.components.end())
            answer.verdict += "; more instances cannot fix it (a hot spot)";
        if (answer.breaks.size() > 1)
            answer.verdict += "; " + std::to_string(answer.breaks.size() - 1) + " more break by " + times(multiplier);
    }
    return answer;
}

LoadCurve loadCurve(const Solver& solver, std::span<const double> multipliers)
{
    const std::size_t n = solver.model().components.size();
    LoadCurve curve;
    curve.multipliers.assign(multipliers.begin(), multipliers.end());
    curve.responseMs.resize(multipliers.size());
    curve.status.resize(multipliers.size());
    curve.utilization.assign(n, std::vector<double>(multipliers.size(), 0.0));
    SolveWorkspace workspace;
    for (std::size_t k = 0; k < multipliers.size(); ++k) {
        const SolveResult& r = solver.solve({multipliers[k], false}, workspace);
        curve.responseMs[k] = r.meanResponseMs;
        curve.status[k] = r.status;
        for (std::size_t i = 0; i < n; ++i)
            curve.utilization[i][k] = r.components[i].offeredUtilization;
    }
    return curve;
}

} // namespace headroom::engine
