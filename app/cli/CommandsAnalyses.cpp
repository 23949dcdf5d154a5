// SPDX-License-Identifier: MIT
// The analyses of spec section 7: tenx, pool, lag and shed.
#include "Commands.h"

#include "engine/LoadShedding.h"
#include "engine/PoolSizing.h"
#include "engine/ReplicaLag.h"
#include "engine/TenX.h"
#include "io/AnalysisJson.h"
#include "io/ResultText.h"
#include "io/TextTable.h"

namespace headroom::cli {

namespace {

using Align = model::TextTable::Align;

std::string countText(std::optional<std::int64_t> value, const char* missing = "-")
{
    return value ? std::to_string(*value) : std::string(missing);
}

/// A required text option, or an issue naming it.
engine::Checked<std::string> requiredText(const CliArgs& args, std::string_view name, std::string_view what)
{
    if (const auto value = args.text(name))
        return *value;
    return engine::Issue{engine::Subject::argument(std::string(name)), "required: " + std::string(what)};
}

/// The component a required option names, checked by `find` (the right kind for the analysis).
template <typename Find>
engine::Checked<std::size_t> requiredComponent(const CliArgs& args, const engine::Model& model, std::string_view name,
                                               std::string_view what, Find&& find)
{
    const auto id = requiredText(args, name, what);
    if (!id)
        return id.issues();
    return find(model, *id);
}

std::string tenXText(const engine::Model& model, const engine::TenXAnswer& a)
{
    const auto id = [&](std::size_t i) -> const std::string& { return model.components[i].id; };
    std::string out = "The " + model::humanMultiplier(a.multiplier) + " question: " + a.verdict + ".\n";
    out += a.survives ? "The system survives " + model::humanMultiplier(a.multiplier) + ".\n"
                      : "The system does not survive " + model::humanMultiplier(a.multiplier) + " as it is.\n";
    if (!a.breaks.empty()) {
        model::TextTable breaks;
        breaks.addColumn("breaks", Align::Left);
        breaks.addColumn("saturates at");
        for (const engine::Break& b : a.breaks)
            breaks.addRow({id(b.component), model::humanMultiplier(b.saturatesAt)});
        out += "\n" + breaks.render();
    }
    model::TextTable plan;
    plan.addColumn("component", Align::Left);
    plan.addColumn("instances");
    plan.addColumn("util at X");
    plan.addColumn("required");
    plan.addColumn("util after");
    plan.addColumn("cost now");
    plan.addColumn("cost after");
    for (const engine::InstancePlan& p : a.plan.components)
        plan.addRow({id(p.component), std::to_string(p.instances), model::humanPercent(p.utilizationNow),
                     countText(p.requiredInstances, "hot spot"),
                     p.utilizationAfter ? model::humanPercent(*p.utilizationAfter) : "-", model::humanNumber(p.costNow),
                     model::humanNumber(p.costAfter)});
    out += "\nWhat it takes at " + model::humanMultiplier(a.multiplier) + " (target " +
           model::humanPercent(a.targetUtilization) + " utilization)\n" + plan.render();
    out += "Monthly cost: " + model::humanNumber(a.plan.costNow) + " now, " + model::humanNumber(a.plan.costAfter) +
           " at " + model::humanMultiplier(a.multiplier) + "\n";
    if (!a.nPlusOne.empty()) {
        model::TextTable redundancy;
        redundancy.addColumn("N+1", Align::Left);
        redundancy.addColumn("instances");
        redundancy.addColumn("util after losing one");
        redundancy.addColumn("survives");
        redundancy.addColumn("needed");
        for (const engine::RedundancyCheck& r : a.nPlusOne)
            redundancy.addRow({id(r.component), std::to_string(r.instances),
                               model::humanPercent(r.utilizationAfterLoss), r.survivesLossOfOne ? "yes" : "NO",
                               countText(r.instancesNeeded, "hot spot")});
        out += "\n" + redundancy.render();
    }
    for (const engine::Issue& warning : a.plan.warnings)
        out += "  - " + engine::issueText(warning) + "\n";
    return out + model::notConvergedLine(a.status);
}

} // namespace

void runTenX(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const auto multiplier = effectiveMultiplier(args, *loaded, 10.0);
    if (!multiplier)
        return fail(run, multiplier.issues());
    const auto target = targetUtilization(args);
    if (!target)
        return fail(run, target.issues());
    const auto answer = engine::tenX(loaded->solver, *multiplier, *target);
    if (!answer)
        return fail(run, answer.issues());
    if (args.flag("--json"))
        run.out = model::tenXToJson(loaded->solver.model(), *answer);
    else
        run.out = tenXText(loaded->solver.model(), *answer);
}

void runPool(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const auto from = requiredText(args, "--from", "the component that holds the pool, e.g. --from app");
    const auto to = requiredText(args, "--to", "the database the pool connects to, e.g. --to db");
    if (!from || !to) {
        engine::Issues issues;
        for (const auto* c : {&from, &to}) {
            if (!*c)
                issues.insert(issues.end(), c->issues().begin(), c->issues().end());
        }
        return fail(run, issues);
    }
    const engine::Model& model = loaded->solver.model();
    const auto link = engine::findPooledLink(model, *from, *to);
    if (!link)
        return fail(run, link.issues());
    const auto maxSize = args.integer("--max-size");
    if (!maxSize)
        return fail(run, maxSize.issues());
    if (*maxSize && (**maxSize < 1 || **maxSize > engine::kMostPoolSizes))
        return fail(run, {{engine::Subject::argument("--max-size"), "must be from 1 to " +
                                                                        std::to_string(engine::kMostPoolSizes) +
                                                                        ", got " + std::to_string(**maxSize)}});
    const auto targetWait = args.number("--target-wait");
    if (!targetWait)
        return fail(run, targetWait.issues());
    const double wait = targetWait->value_or(0.05);
    if (!(wait > 0.0 && wait < 1.0))
        return fail(run, {{engine::Subject::argument("--target-wait"),
                           "must be a probability above 0 and below 1, got " +
                               engine::formatNumber(wait)}});
    const auto multiplier = effectiveMultiplier(args, *loaded, 1.0);
    if (!multiplier)
        return fail(run, multiplier.issues());
    const std::optional<std::int64_t> top = *maxSize ? std::optional<std::int64_t>(**maxSize) : std::nullopt;
    const auto sizing = engine::poolSizing(loaded->solver, *link, *multiplier, top, wait);
    if (!sizing)
        return fail(run, sizing.issues());
    const engine::PoolSizing& s = *sizing;
    if (args.flag("--json")) {
        run.out = model::poolSizingToJson(model, s, *multiplier);
        return;
    }
    std::string out = "Connection pool " + *from + " -> " + *to + " at " + model::humanMultiplier(*multiplier) + ": " +
                      model::humanNumber(s.perInstanceRps) + " rps per " + *from + " instance, each connection held " +
                      model::humanNumber(s.holdMs) + " ms\n\n";
    model::TextTable table;
    table.addColumn("pool size");
    table.addColumn("utilization");
    table.addColumn("P(wait)");
    table.addColumn("mean wait ms");
    table.addColumn("", Align::Left);
    for (const engine::PoolSizePoint& p : s.series)
        table.addRow({std::to_string(p.poolSize), p.utilization ? model::humanPercent(*p.utilization) : "\u221e",
                      model::humanPercent(p.waitProbability), model::humanNumber(p.meanWaitMs),
                      p.poolSize == s.recommendedPoolSize ? "<- recommended" : ""});
    out += table.render() + "\n";
    if (s.recommendedPoolSize) {
        out += "Recommended: " + std::to_string(*s.recommendedPoolSize) +
               " connections per instance (wait probability at most " + model::humanPercent(s.targetWait) + ")";
        if (s.connectionsAtRecommended)
            out += ", " + std::to_string(*s.connectionsAtRecommended) + " in all";
        out += "\n";
    } else {
        out += "No pool size is enough: " + *to + " is saturated, so every connection is held without end\n";
    }
    if (s.maxConnections)
        out += "Per-node budget: " + countText(s.perNodeBudget) + " connections (max_connections " +
               std::to_string(*s.maxConnections) + " over " + std::to_string(s.callerInstances) + " instances)\n";
    out += "Response with the pool " + model::humanNumber(s.pooledResponseMs) + " ms, without (connecting each time) " +
           model::humanNumber(s.unpooledResponseMs) + " ms\n";
    run.out = out + model::notConvergedLine(s.status);
}

void runLag(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const engine::Model& model = loaded->solver.model();
    const auto replica = requiredComponent(args, model, "--replica", "the replica to examine, e.g. --replica rep",
                                           engine::findReplica);
    if (!replica)
        return fail(run, replica.issues());
    const std::string& id = model.components[*replica].id;
    const auto range = multiplierRange(args, *loaded);
    if (!range)
        return fail(run, range.issues());
    const engine::ReplicaLagAnswer a =
        engine::replicaLag(loaded->solver, *replica, *range, loaded->scenarioMultiplier);
    if (args.flag("--json")) {
        run.out = model::replicaLagToJson(model, a);
        return;
    }
    std::string out = "Replica " + id + " of " + model.components[a.primary].id + ": the apply thread saturates at " +
                      model::humanMultiplier(a.saturatesAt) + "\n\n";
    model::TextTable table;
    table.addColumn("multiplier");
    table.addColumn("writes rps");
    table.addColumn("apply util");
    table.addColumn("mean lag ms");
    table.addColumn("p99 lag ms");
    table.addColumn("lag growth ms/s");
    for (const engine::LagPoint& p : a.series)
        table.addRow({model::humanMultiplier(p.multiplier), model::humanNumber(p.writeRps),
                      model::humanPercent(p.lag.applyUtilization), model::humanNumber(p.lag.meanLagMs),
                      model::humanNumber(p.lag.p99LagMs), model::humanNumber(p.lag.lagGrowthMsPerS)});
    out += table.render();
    out += "\nRead-your-writes: at " + model::humanMultiplier(a.staleReadMultiplier) +
           ", a read 99% sure to see a write must wait " + model::humanNumber(a.readYourWritesMs) + " ms after it\n";
    run.out = out + model::notConvergedLine(a.status);
}

void runShed(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const engine::Model& model = loaded->solver.model();
    const auto component = requiredComponent(args, model, "--component", "the station to protect, e.g. --component api",
                                             engine::findShedComponent);
    if (!component)
        return fail(run, component.issues());
    const std::string& id = model.components[*component].id;
    if (loaded->solver.workload() != engine::Workload::Open)
        return fail(run, {{engine::Subject::model("workload"),
                           "load shedding needs an open workload (rate_rps): a closed one never "
                           "offers more than its users"}});
    const auto capacity = args.integer("--capacity");
    if (!capacity)
        return fail(run, capacity.issues());
    const std::int64_t servers = loaded->solver.params(*component).servers;
    if (*capacity && (**capacity < servers || **capacity > 10'000'000))
        return fail(run, {{engine::Subject::argument("--capacity"),
                           "must be from the component's servers (" + std::to_string(servers) +
                               ") to 10000000, got " + std::to_string(**capacity)}});
    const auto timeout = args.number("--timeout-ms");
    if (!timeout)
        return fail(run, timeout.issues());
    const double timeoutMs = timeout->value_or(1000.0);
    if (!(timeoutMs > 0.0 && timeoutMs <= 1e9))
        return fail(run, {{engine::Subject::argument("--timeout-ms"),
                           "must be above 0 and at most 1e9 ms, got " + engine::formatNumber(timeoutMs)}});
    const auto range = multiplierRange(args, *loaded);
    if (!range)
        return fail(run, range.issues());
    const std::optional<std::int64_t> k = *capacity ? std::optional<std::int64_t>(**capacity) : std::nullopt;
    const engine::LoadSheddingAnswer a = engine::loadShedding(loaded->solver, *component, k, timeoutMs, *range);
    if (args.flag("--json")) {
        run.out = model::loadSheddingToJson(model, a);
        return;
    }
    std::string out = "Load shedding on " + id + ": a queue bounded at " + std::to_string(a.capacity) +
                      " requests per instance against no bound; goodput counts answers within " +
                          model::humanNumber(a.timeoutMs) + " ms. Recommended capacity: " +
                      std::to_string(a.recommendedCapacity) + "\n\n";
    model::TextTable table;
    table.addColumn("multiplier");
    table.addColumn("offered rps");
    table.addColumn("bounded: goodput");
    table.addColumn("rejected");
    table.addColumn("resp ms");
    table.addColumn("unbounded: goodput");
    table.addColumn("resp ms");
    for (std::size_t i = 0; i < a.withShedding.size(); ++i) {
        const engine::ShedPoint& with = a.withShedding[i];
        const engine::ShedPoint& without = a.withoutShedding[i];
        table.addRow({model::humanMultiplier(with.multiplier), model::humanNumber(with.offeredRps),
                      model::humanNumber(with.goodputRps), model::humanPercent(with.rejectedFraction),
                      model::humanNumber(with.meanResponseMs), model::humanNumber(without.goodputRps),
                      model::humanNumber(without.meanResponseMs)});
    }
    run.out = out + table.render() + model::notConvergedLine(a.status);
}

} // namespace headroom::cli
