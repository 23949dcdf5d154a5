// SPDX-License-Identifier: MIT
// advise (spec section 8): the playbook advisor's stage, findings and verified
// recommendations, as JSON or as text grouped by severity.
#include "Commands.h"

#include "engine/Advisor.h"
#include "engine/Fields.h"
#include "io/AnalysisJson.h"
#include "io/TextTable.h"

#include <array>
#include <cmath>

namespace headroom::cli {

namespace {

using engine::Figures;
using engine::Finding;
using engine::Recommendation;

/// An optional number option with a default.
engine::Checked<double> numberOr(const CliArgs& args, std::string_view name, double fallback)
{
    const auto value = args.number(name);
    if (!value)
        return value.issues();
    return value->value_or(fallback);
}

engine::Checked<engine::AdvisorOptions> advisorOptions(const CliArgs& args, const LoadedModel& loaded)
{
    engine::AdvisorOptions options;
    engine::Issues issues;
    const auto take = [&issues](const engine::Checked<double>& value, double& into) {
        if (value)
            into = *value;
        else
            issues.insert(issues.end(), value.issues().begin(), value.issues().end());
    };
    take(effectiveMultiplier(args, loaded, options.multiplier), options.multiplier);
    take(numberOr(args, "--target-utilization", options.targetUtilization), options.targetUtilization);
    take(numberOr(args, "--target-wait", options.targetWait), options.targetWait);
    take(numberOr(args, "--lag-threshold-ms", options.lagThresholdMs), options.lagThresholdMs);
    if (!issues.empty())
        return issues;
    if (issues = engine::checkAdvisorOptions(options); !issues.empty())
        return issues;
    return options;
}

// Text

std::string figureText(const std::string& key, std::optional<double> value)
{
    if (!value)
        return "∞";
    const bool fraction = key.find("utilization") != std::string::npos || key.find("probability") != std::string::npos ||
                          key.find("fraction") != std::string::npos || key.find("share") != std::string::npos;
    if (fraction)
        return model::humanPercent(*value);
    if (key.size() > 3 && key.ends_with("_ms"))
        return model::humanNumber(*value) + " ms";
    if (*value == std::round(*value) && std::fabs(*value) < 1e15)
        return engine::formatNumber(*value);
    return model::humanNumber(*value);
}

/// "utilization 470% -> 69%, rejected_fraction 46.7% -> 0%": the first figure, and the
/// others that the change moves.
std::string beforeAfter(const Recommendation& r)
{
    std::string out;
    for (std::size_t i = 0; i < r.before.size(); ++i) {
        const engine::Figure& before = r.before[i];
        const auto after = engine::figureValue(r.after, before.key);
        // Left out: figures the change does not move, and those that repeat the first one.
        const bool repeats = before.value == r.before.front().value &&
                             after == engine::figureValue(r.after, r.before.front().key);
        if (i > 0 && (after == before.value || repeats))
            continue;
        out += (out.empty() ? "" : ", ") + before.key + " " + figureText(before.key, before.value) + " -> " +
               figureText(before.key, after);
    }
    return out;
}

std::string costText(double delta)
{
    const double rounded = std::round(delta);
    return (rounded > 0.0 ? "+" : "") + engine::formatNumber(rounded) + " per month";
}

std::string findingText(const Finding& f)
{
    std::string out = "  [" + std::string(engine::findingKindName(f.kind)) + "] " + f.message + "\n";
    if (f.recommendation) {
        const Recommendation& r = *f.recommendation;
        out += "    do: " + std::string(engine::patternName(r.pattern)) + ": " + r.summary + "\n";
        out += "        " + beforeAfter(r) + "; cost " + costText(r.costDeltaPerMonth) + "\n";
        for (const std::string& effect : r.sideEffects)
            out += "        note: then " + effect + "\n";
    } else if (!f.advice.empty()) {
        out += "    advice: " + f.advice + "\n";
    } else {
        out += "    no verified change in the model fixes it\n";
    }
    for (const Recommendation& r : f.alternatives)
        out += "    or: " + std::string(engine::patternName(r.pattern)) + ": " + r.summary + " (cost " +
               costText(r.costDeltaPerMonth) + ")\n";
    for (const engine::RejectedPattern& r : f.notOffered)
        out += "    not " + std::string(engine::patternName(r.pattern)) + ": " + r.reason + "\n";
    return out;
}

std::string adviceText(const engine::Advice& a)
{
    std::string out = "Stage " + std::to_string(a.stage.stage) + " (" + a.stage.name + "): " + a.stage.reason + ".\n";
    out += "Planning for " + model::humanMultiplier(a.options.multiplier) + " today's load: target " +
           model::humanPercent(a.options.targetUtilization) + " utilization, " +
           model::humanPercent(a.options.targetWait) + " pool waits, " +
           model::humanNumber(a.options.lagThresholdMs) + " ms replica lag. Monthly cost now: " +
           engine::formatNumber(std::round(a.costPerMonth)) + ".\n";
    constexpr std::array<engine::Severity, 3> kOrder{engine::Severity::Critical, engine::Severity::Warning,
                                                     engine::Severity::Info};
    constexpr std::array<const char*, 3> kTitles{"Critical", "Warnings", "Worth knowing"};
    for (std::size_t s = 0; s < kOrder.size(); ++s) {
        std::string group;
        std::size_t count = 0;
        for (const Finding& f : a.findings) {
            if (f.severity != kOrder[s])
                continue;
            group += findingText(f);
            ++count;
        }
        if (count > 0)
            out += "\n" + std::string(kTitles[s]) + " (" + std::to_string(count) + ")\n" + group;
    }
    if (a.findings.empty())
        out += "\nNo findings: nothing saturates, waits or lags at " + model::humanMultiplier(a.options.multiplier) +
               ", and nothing is built far beyond the load.\n";
    for (const std::string& skipped : a.skippedChecks)
        out += "skipped: " + skipped + "\n";
    return out;
}

} // namespace

void runAdvise(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const auto options = advisorOptions(args, *loaded);
    if (!options)
        return fail(run, options.issues());
    const auto advice = engine::advise(loaded->solver, *options);
    if (!advice)
        return fail(run, advice.issues());
    run.out = args.flag("--json") ? model::adviceToJson(*advice) : adviceText(*advice);
}

} // namespace headroom::cli
