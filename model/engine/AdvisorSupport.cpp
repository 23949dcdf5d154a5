// SPDX-License-Identifier: MIT
#include "AdvisorSupport.h"

#include "Validation.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine::advisor {

namespace {

constexpr std::size_t kLongestId = 64;
constexpr double kPlaceAbove = 90.0; ///< pixels above the target where an added component goes

} // namespace

std::optional<double> Snapshot::utilization(std::string_view id) const
{
    const auto i = index(id);
    if (!i || !solver.params(*i).queueing())
        return std::nullopt;
    return atX.components[*i].offeredUtilization;
}

std::optional<double> Snapshot::plannedUtilization(std::string_view id) const
{
    const auto i = index(id);
    if (!i || !solver.params(*i).queueing())
        return std::nullopt;
    const StationParams& p = solver.params(*i);
    return plannedRate(*i) * p.hottestShare * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
}

double Snapshot::plannedLinkRate(std::size_t link) const
{
    const std::size_t n = model().components.size();
    std::vector<double> arrival(n);
    for (std::size_t i = 0; i < n; ++i)
        arrival[i] = plannedRate(i);
    // Clients carry their own rate.
    for (std::size_t i = 0; i < n; ++i) {
        if (component(i).kind == ComponentKind::Clients)
            arrival[i] = x() * component(i).valueOr(Field::RateRps, 0.0);
    }
    const std::vector<double> pass(n, 1.0);
    return solver.linkTraffic(link, arrival, pass);
}

Checked<Snapshot> takeSnapshot(Solver solver, const AdvisorOptions& options)
{
    if (Issues issues = solver.checkMagnitudes(options.multiplier); !issues.empty())
        return issues;
    SolveResult atX = solver.solve({options.multiplier, false});
    Snapshot s{std::move(solver), options, std::move(atX), std::nullopt, std::nullopt};
    if (s.open()) {
        s.atOne = s.solver.solve({1.0, false});
        // The findings read the instance counts only (planOf).
        auto plan = planCapacity(s.solver, options.multiplier, options.targetUtilization, PlanScope::InstancesOnly);
        if (plan)
            s.plan = std::move(plan).value();
    }
    return s;
}

Checked<Snapshot> takeSnapshot(const Model& model, const AdvisorOptions& options)
{
    auto solver = Solver::create(model);
    if (!solver)
        return solver.issues();
    return takeSnapshot(std::move(solver).value(), options);
}

bool stillFound(const Snapshot& changed, const Finding& finding)
{
    const std::vector<Finding> found = rulesFor(finding.kind).detect(changed);
    return std::any_of(found.begin(), found.end(), [&](const Finding& f) {
        return f.component == finding.component && f.linkTo == finding.linkTo;
    });
}

bool isPrimary(const Component& c)
{
    return c.kind == ComponentKind::Database && c.effectiveRole() == DatabaseRole::Primary;
}

bool isReplica(const Component& c)
{
    return c.kind == ComponentKind::Database && c.effectiveRole() == DatabaseRole::Replica;
}

std::vector<std::size_t> replicasOf(const Model& model, std::size_t primary)
{
    std::vector<std::size_t> out;
    for (const Link& link : model.links) {
        if (link.from != model.components[primary].id)
            continue;
        const auto to = model.indexOf(link.to);
        if (to && effectiveLinkKind(link, model.components[*to].kind) == LinkKind::Replication)
            out.push_back(*to);
    }
    return out;
}

std::optional<std::size_t> linkIndex(const Model& model, std::string_view from, std::string_view to)
{
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        if (model.links[l].from == from && model.links[l].to == to)
            return l;
    }
    return std::nullopt;
}

std::string uniqueId(const Model& model, std::string_view base)
{
    std::string stem(base.substr(0, kLongestId - 4));
    if (!isValidId(stem))
        stem = "component";
    if (!model.indexOf(stem))
        return stem;
    for (int n = 2;; ++n) {
        const std::string id = stem + "_" + std::to_string(n);
        if (!model.indexOf(id))
            return id;
    }
}

double newComponentCost(const Model& model, std::optional<std::size_t> like, double fallback)
{
    const bool priced = std::any_of(model.components.begin(), model.components.end(),
                                    [](const Component& c) { return c.valueOr(Field::CostPerInstanceMonth, 0.0) > 0.0; });
    if (!priced)
        return 0.0;
    return like ? model.components[*like].valueOr(Field::CostPerInstanceMonth, 0.0) : fallback;
}

std::optional<std::size_t> pricedOfKind(const Model& model, ComponentKind kind)
{
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        if (model.components[i].kind == kind && model.components[i].has(Field::CostPerInstanceMonth))
            return i;
    }
    return std::nullopt;
}

std::pair<double, double> placeBetween(const Model& model, const std::vector<std::size_t>& from, std::size_t to)
{
    const Component& target = model.components[to];
    double x = target.valueOr(Field::X, 0.0);
    if (!from.empty()) {
        double sum = 0.0;
        for (const std::size_t f : from)
            sum += model.components[f].valueOr(Field::X, 0.0);
        x = (sum / static_cast<double>(from.size()) + x) / 2.0;
    }
    return {x, target.valueOr(Field::Y, 0.0) - kPlaceAbove};
}

std::vector<ModelEdit> keepWriteStreams(const Solver& before, const std::vector<ModelEdit>& edits)
{
    const Model& model = before.model();
    auto edited = applyEdits(model, edits);
    if (!edited)
        return {};
    auto after = Solver::create(*edited);
    if (!after)
        return {};
    std::vector<ModelEdit> out;
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const Component& c = model.components[i];
        if (!isPrimary(c))
            continue;
        const auto j = edited->indexOf(c.id);
        if (!j || !isPrimary(edited->components[*j]))
            continue;
        const double writes = before.unitTraffic()[i] * c.valueOr(Field::WriteFraction, 1.0);
        const double rate = after->unitTraffic()[*j];
        if (!(rate > 0.0) || std::fabs(rate - before.unitTraffic()[i]) <= 1e-12 * rate)
            continue;
        // Rounded to 1e-9 so that files stay readable; the write stream moves by as little.
        const double fraction = std::clamp(std::round(writes / rate * 1e9) / 1e9, 0.0, 1.0);
        const double now = edited->components[*j].valueOr(Field::WriteFraction, 1.0);
        if (fraction != now)
            out.push_back(SetField{c.id, Field::WriteFraction, fraction});
    }
    return out;
}

std::optional<std::string> beyondModel(std::int64_t count, std::string_view what)
{
    if (static_cast<double>(count) <= kMaxCount)
        return std::nullopt;
    return "needs " + std::to_string(count) + " " + std::string(what) + ", more than a model holds (" +
           formatNumber(kMaxCount) + ")";
}

std::vector<ModelEdit> instanceEdits(const Component& c, std::int64_t count, bool keepShare)
{
    std::vector<ModelEdit> out{SetField{c.id, Field::Instances, static_cast<double>(count)}};
    if (!keepShare && c.has(Field::HottestShare))
        out.push_back(SetField{c.id, Field::HottestShare, std::nullopt});
    return out;
}

std::string percent(double fraction)
{
    const double p = fraction * 100.0;
    const double rounded = p >= 10.0 ? std::round(p) : std::round(p * 10.0) / 10.0;
    return formatNumber(rounded) + "%";
}

std::string times(double multiplier)
{
    const double rounded = multiplier >= 10.0 ? std::round(multiplier * 10.0) / 10.0 : std::round(multiplier * 100.0) / 100.0;
    return formatNumber(rounded) + "x";
}

std::string money(double perMonth)
{
    const double rounded = std::round(perMonth);
    return (rounded > 0.0 ? "+" : "") + formatNumber(rounded) + " per month";
}

Figure figure(std::string key, std::optional<double> value)
{
    return Figure{std::move(key), value};
}

} // namespace headroom::engine::advisor
