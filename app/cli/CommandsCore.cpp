// SPDX-License-Identifier: MIT
#include "Commands.h"

#include "engine/CapacityPlan.h"
#include "engine/Sweep.h"
#include "engine/Validation.h"
#include "io/AnalysisJson.h"
#include "io/ResultJson.h"
#include "io/ResultText.h"
#include "io/TextTable.h"

#include <algorithm>

namespace headroom::cli {

namespace {

void warnOnStderr(CliRun& run, const engine::Issues& warnings)
{
    // As many lines as errors at most (formatIssues), and one that counts the rest.
    const std::size_t shown = std::min(warnings.size(), model::kMostIssuesShown);
    for (std::size_t i = 0; i < shown; ++i)
        run.err += "warning: " + engine::issueText(warnings[i]) + "\n";
    if (warnings.size() > shown)
        run.err += "warning: model: " + std::to_string(warnings.size() - shown) + " more warnings are not shown\n";
}

} // namespace

void runValidate(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    warnOnStderr(run, loaded->solver.validationWarnings());
}

void runSolve(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const auto multiplier = effectiveMultiplier(args, *loaded, 1.0);
    if (!multiplier)
        return fail(run, multiplier.issues());
    const engine::SolveResult result = loaded->solver.solve({*multiplier, true});
    const engine::Model& model = loaded->solver.model();
    run.out = args.flag("--json") ? model::resultToJson(model, result) : model::resultToText(model, result);
}

void runSweep(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const auto range = multiplierRange(args, *loaded);
    if (!range)
        return fail(run, range.issues());
    const engine::Model& model = loaded->solver.model();
    const std::vector<engine::SweepPoint> points = engine::sweep(loaded->solver, *range);
    const auto id = [&](std::optional<std::size_t> i) { return i ? model.components[*i].id : std::string("-"); };
    if (args.flag("--json")) {
        run.out = model::sweepToJson(model, points);
        return;
    }
    using Align = model::TextTable::Align;
    model::TextTable table;
    table.addColumn("multiplier");
    table.addColumn("throughput rps");
    table.addColumn("response ms");
    table.addColumn("bottleneck", Align::Left);
    table.addColumn("util");
    table.addColumn("headroom");
    table.addColumn("saturated", Align::Left);
    for (const engine::SweepPoint& p : points) {
        std::string saturated;
        for (const std::size_t i : p.saturated)
            saturated += (saturated.empty() ? "" : ", ") + model.components[i].id;
        table.addRow({model::humanMultiplier(p.multiplier), model::humanNumber(p.throughputRps),
                      model::humanNumber(p.meanResponseMs), id(p.bottleneck),
                      model::humanPercent(p.bottleneckUtilization), model::humanMultiplier(p.maxMultiplier),
                      saturated});
    }
    run.out = table.render();
    std::string unsettled;
    for (const engine::SweepPoint& p : points) {
        if (p.status == engine::Status::NotConverged)
            unsettled += (unsettled.empty() ? "" : ", ") + model::humanMultiplier(p.multiplier);
    }
    if (!unsettled.empty())
        run.out += model::notConvergedLine(engine::Status::NotConverged, unsettled);
}

void runPlan(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    if (!args.text("--multiplier"))
        return fail(run, {{engine::Subject::argument("--multiplier"),
                           "required: the traffic multiplier to plan for, e.g. --multiplier 10"}});
    const auto multiplier = effectiveMultiplier(args, *loaded, 1.0);
    if (!multiplier)
        return fail(run, multiplier.issues());
    const auto target = targetUtilization(args);
    if (!target)
        return fail(run, target.issues());
    const auto plan = engine::planCapacity(loaded->solver, *multiplier, *target);
    if (!plan)
        return fail(run, plan.issues());
    const engine::Model& model = loaded->solver.model();
    if (args.flag("--json")) {
        run.out = model::planToJson(model, *plan);
        return;
    }
    using Align = model::TextTable::Align;
    model::TextTable table;
    table.addColumn("component", Align::Left);
    table.addColumn("instances");
    table.addColumn("util now");
    table.addColumn("required");
    table.addColumn("util after");
    table.addColumn("cost now");
    table.addColumn("cost after");
    for (const engine::InstancePlan& c : plan->components) {
        table.addRow({model.components[c.component].id, std::to_string(c.instances),
                      model::humanPercent(c.utilizationNow),
                      c.requiredInstances ? std::to_string(*c.requiredInstances) : std::string("hot spot"),
                      c.utilizationAfter ? model::humanPercent(*c.utilizationAfter) : std::string("-"),
                      model::humanNumber(c.costNow), model::humanNumber(c.costAfter)});
    }
    run.out = "Plan for " + model::humanMultiplier(plan->multiplier) + " traffic at " +
              model::humanPercent(plan->targetUtilization) + " target utilization\n\n" + table.render();
    if (!plan->pools.empty()) {
        model::TextTable pools;
        pools.addColumn("pool", Align::Left);
        pools.addColumn("size now");
        pools.addColumn("required");
        pools.addColumn("util after");
        pools.addColumn("for P(wait) <= 5%");
        for (const engine::PoolPlan& p : plan->pools) {
            const engine::Link& link = model.links[p.link];
            pools.addRow({link.from + " -> " + link.to, std::to_string(p.poolSize),
                          p.requiredPoolSize ? std::to_string(*p.requiredPoolSize) : std::string("-"),
                          p.utilizationAfter ? model::humanPercent(*p.utilizationAfter) : std::string("-"),
                          p.recommendedPoolSize ? std::to_string(*p.recommendedPoolSize) : std::string("-")});
        }
        run.out += "\nConnection pools\n" + pools.render();
    }
    run.out += "\nMonthly cost: " + model::humanNumber(plan->costNow) + " now, " + model::humanNumber(plan->costAfter) +
               " at " + model::humanMultiplier(plan->multiplier) + "\n";
    for (const engine::Issue& warning : plan->warnings)
        run.out += "  - " + engine::issueText(warning) + "\n";
}

} // namespace headroom::cli
