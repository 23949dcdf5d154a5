// SPDX-License-Identifier: MIT
// advise (spec section 8): the playbook advisor's stage, findings and verified
// recommendations, as JSON or as text grouped by severity.
#include "Commands.h"

#include "engine/Advisor.h"
#include "engine/Fields.h"
#include "io/JsonWriter.h"
#include "io/ModelJson.h"
#include "io/TextTable.h"

#include <array>
#include <cmath>
#include <type_traits>

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

// JSON

void writeFigures(model::JsonWriter& w, std::string_view key, const Figures& figures)
{
    w.key(key).beginObject();
    for (const engine::Figure& f : figures)
        w.field(f.key, f.value);
    w.endObject();
}

void writeLink(model::JsonWriter& w, const engine::Link& link)
{
    w.beginObject().field("from", link.from).field("to", link.to);
    if (link.kind)
        w.field("kind", engine::linkKindName(*link.kind));
    for (const engine::LinkField field : engine::allLinkFields()) {
        if (const auto value = link.get(field))
            w.field(engine::linkFieldRule(field).key, *value);
    }
    w.endObject();
}

/// One edit: {"op": "set_field", "component": "app", "field": "instances", "value": 15}.
void writeEdit(model::JsonWriter& w, const engine::ModelEdit& edit)
{
    w.beginObject();
    std::visit(
        [&w](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, engine::AddComponent>) {
                w.field("op", "add_component").field("position", static_cast<std::int64_t>(e.position));
                w.key("component").beginObject();
                w.field("id", e.component.id).field("kind", engine::kindName(e.component.kind));
                if (e.component.role)
                    w.field("role", engine::roleName(*e.component.role));
                if (!e.component.label.empty())
                    w.field("label", e.component.label);
                model::writeComponentFields(w, e.component.values);
                w.endObject();
            } else if constexpr (std::is_same_v<E, engine::RemoveComponent>) {
                w.field("op", "remove_component").field("component", e.id);
            } else if constexpr (std::is_same_v<E, engine::SetField>) {
                w.field("op", "set_field").field("component", e.component).field("field", engine::fieldRule(e.field).key);
                w.field("value", e.value);
            } else if constexpr (std::is_same_v<E, engine::AddLink>) {
                w.field("op", "add_link").key("link");
                writeLink(w, e.link);
            } else if constexpr (std::is_same_v<E, engine::RemoveLink>) {
                w.field("op", "remove_link").field("from", e.from).field("to", e.to);
            } else if constexpr (std::is_same_v<E, engine::SetLinkField>) {
                w.field("op", "set_link_field").field("from", e.from).field("to", e.to);
                w.field("field", engine::linkFieldRule(e.field).key).field("value", e.value);
            } else if constexpr (std::is_same_v<E, engine::SetLinkKind>) {
                w.field("op", "set_link_kind").field("from", e.from).field("to", e.to);
                if (e.kind)
                    w.field("kind", engine::linkKindName(*e.kind));
                else
                    w.key("kind").null();
            } else {
                w.field("op", "retarget_link").field("from", e.from).field("to", e.to);
                w.field("new_from", e.newFrom).field("new_to", e.newTo);
            }
        },
        edit);
    w.field("text", engine::describeEdit(edit));
    w.endObject();
}

void writeRecommendation(model::JsonWriter& w, const Recommendation& r)
{
    w.beginObject();
    w.field("pattern", engine::patternName(r.pattern)).field("summary", r.summary);
    writeFigures(w, "before", r.before);
    writeFigures(w, "after", r.after);
    w.field("cost_delta_per_month", r.costDeltaPerMonth);
    writeFigures(w, "sizing", r.sizing);
    w.field("adds_capacity", r.addsCapacity);
    w.key("side_effects").beginArray();
    for (const std::string& effect : r.sideEffects)
        w.value(effect);
    w.endArray();
    w.key("edits").beginArray();
    for (const engine::ModelEdit& edit : r.edits)
        writeEdit(w, edit);
    w.endArray();
    w.endObject();
}

void writeFinding(model::JsonWriter& w, const Finding& f)
{
    w.beginObject();
    w.field("kind", engine::findingKindName(f.kind)).field("component", f.component);
    if (f.linkTo)
        w.key("link").beginObject().field("from", f.component).field("to", *f.linkTo).endObject();
    w.field("severity", engine::severityName(f.severity)).field("message", f.message);
    writeFigures(w, "evidence", f.evidence);
    w.key("related").beginArray();
    for (const std::string& id : f.related)
        w.value(id);
    w.endArray();
    w.key("recommendation");
    if (f.recommendation)
        writeRecommendation(w, *f.recommendation);
    else
        w.null();
    w.key("alternatives").beginArray();
    for (const Recommendation& r : f.alternatives)
        writeRecommendation(w, r);
    w.endArray();
    w.key("not_offered").beginArray();
    for (const engine::RejectedPattern& r : f.notOffered)
        w.beginObject().field("pattern", engine::patternName(r.pattern)).field("reason", r.reason).endObject();
    w.endArray();
    if (!f.advice.empty())
        w.field("advice", f.advice);
    w.endObject();
}

std::string adviceJson(const engine::Advice& a)
{
    model::JsonWriter w;
    w.beginObject();
    w.field("format", "headroom-advice").field("version", 1);
    w.field("stage", a.stage.stage).field("stage_name", a.stage.name).field("stage_reason", a.stage.reason);
    w.key("stage_evidence").beginArray();
    for (const engine::StageEvidence& e : a.stage.present) {
        w.beginObject().field("stage", e.stage).field("pattern", e.pattern).field("text", e.text);
        w.key("components").beginArray();
        for (const std::string& id : e.components)
            w.value(id);
        w.endArray().endObject();
    }
    w.endArray();
    w.key("stages_skipped").beginArray();
    for (const int s : a.stage.skipped)
        w.value(s);
    w.endArray();
    w.field("multiplier", a.options.multiplier)
        .field("target_utilization", a.options.targetUtilization)
        .field("target_wait", a.options.targetWait)
        .field("lag_threshold_ms", a.options.lagThresholdMs);
    w.field("workload", a.workload == engine::Workload::Open ? "open" : "closed");
    w.field("cost_per_month", a.costPerMonth);
    w.key("findings").beginArray();
    for (const Finding& f : a.findings)
        writeFinding(w, f);
    w.endArray();
    w.key("skipped_checks").beginArray();
    for (const std::string& s : a.skippedChecks)
        w.value(s);
    w.endArray();
    w.endObject();
    return w.take() + "\n";
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
    run.out = args.flag("--json") ? adviceJson(*advice) : adviceText(*advice);
}

} // namespace headroom::cli
