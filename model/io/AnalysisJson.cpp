// SPDX-License-Identifier: MIT
#include "io/AnalysisJson.h"

#include "io/JsonWriter.h"
#include "io/ModelJson.h"

#include <type_traits>

namespace headroom::model {

namespace {

using engine::Figures;
using engine::Finding;
using engine::Recommendation;

/// An optional integer as a JSON value.
void writeCount(JsonWriter& w, std::string_view key, std::optional<std::int64_t> value)
{
    if (value)
        w.field(key, *value);
    else
        w.key(key).null();
}

/// The instance counts of a capacity plan, an object keyed by component id (the plan
/// command calls the utilization at the multiplier `utilization_now`, the 10x question
/// `utilization_at_multiplier`).
void writeInstancePlans(JsonWriter& w, std::string_view key, const engine::Model& model,
                        const std::vector<engine::InstancePlan>& components, std::string_view utilizationKey)
{
    w.key(key).beginObject();
    for (const engine::InstancePlan& c : components) {
        w.key(model.components[c.component].id).beginObject();
        w.field("instances", c.instances);
        writeCount(w, "required_instances", c.requiredInstances);
        w.field(utilizationKey, c.utilizationNow)
            .field("utilization_after", c.utilizationAfter)
            .field("cost_now", c.costNow)
            .field("cost_after", c.costAfter)
            .field("hot_spot", c.hotSpot);
        w.endObject();
    }
    w.endObject();
}

/// The pools of a capacity plan (the plan command and the 10x question).
void writePoolPlans(JsonWriter& w, const engine::Model& model, const std::vector<engine::PoolPlan>& pools)
{
    w.key("pools").beginArray();
    for (const engine::PoolPlan& p : pools) {
        const engine::Link& link = model.links[p.link];
        w.beginObject().field("from", link.from).field("to", link.to).field("pool_size", p.poolSize);
        writeCount(w, "required_pool_size", p.requiredPoolSize);
        w.field("utilization_after", p.utilizationAfter);
        writeCount(w, "recommended_pool_size", p.recommendedPoolSize);
        w.endObject();
    }
    w.endArray();
}

void writeWarnings(JsonWriter& w, const engine::Issues& warnings)
{
    w.key("warnings").beginArray();
    for (const engine::Issue& warning : warnings)
        w.value(engine::issueText(warning));
    w.endArray();
}

void writeFigures(JsonWriter& w, std::string_view key, const Figures& figures)
{
    w.key(key).beginObject();
    for (const engine::Figure& f : figures)
        w.field(f.key, f.value);
    w.endObject();
}

/// One edit: {"op": "set_field", "component": "app", "field": "instances", "value": 15}.
void writeEdit(JsonWriter& w, const engine::ModelEdit& edit)
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
                writeComponentFields(w, e.component.values);
                w.endObject();
            } else if constexpr (std::is_same_v<E, engine::RemoveComponent>) {
                w.field("op", "remove_component").field("component", e.id);
            } else if constexpr (std::is_same_v<E, engine::SetField>) {
                w.field("op", "set_field").field("component", e.component).field("field", engine::fieldRule(e.field).key);
                w.field("value", e.value);
            } else if constexpr (std::is_same_v<E, engine::AddLink>) {
                w.field("op", "add_link").key("link");
                writeLinkJson(w, e.link);
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

void writeRecommendation(JsonWriter& w, const Recommendation& r)
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

void writeFinding(JsonWriter& w, const Finding& f)
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

} // namespace

std::string sweepToJson(const engine::Model& model, std::span<const engine::SweepPoint> points)
{
    const auto id = [&](std::optional<std::size_t> i) { return i ? model.components[*i].id : std::string("-"); };
    JsonWriter w;
    w.beginObject().field("format", "headroom-sweep").field("version", 1);
    w.key("points").beginArray();
    for (const engine::SweepPoint& p : points) {
        w.beginObject()
            .field("multiplier", p.multiplier)
            .field("status", engine::statusName(p.status))
            .field("stable", p.stable)
            .field("throughput_rps", p.throughputRps)
            .field("mean_response_ms", p.meanResponseMs);
        if (p.bottleneck)
            w.field("bottleneck", id(p.bottleneck));
        else
            w.key("bottleneck").null();
        w.field("bottleneck_utilization", p.bottleneckUtilization).field("max_multiplier", p.maxMultiplier);
        w.key("saturated").beginArray();
        for (const std::size_t i : p.saturated)
            w.value(model.components[i].id);
        w.endArray().endObject();
    }
    w.endArray().endObject();
    return w.take() + "\n";
}

std::string planToJson(const engine::Model& model, const engine::CapacityPlan& plan)
{
    JsonWriter w;
    w.beginObject().field("format", "headroom-plan").field("version", 1);
    w.field("multiplier", plan.multiplier).field("target_utilization", plan.targetUtilization);
    w.field("status", engine::statusName(plan.status));
    writeInstancePlans(w, "components", model, plan.components, "utilization_now");
    writePoolPlans(w, model, plan.pools);
    w.field("cost_now", plan.costNow).field("cost_after", plan.costAfter);
    writeWarnings(w, plan.warnings);
    w.endObject();
    return w.take() + "\n";
}

std::string tenXToJson(const engine::Model& model, const engine::TenXAnswer& a)
{
    const auto id = [&](std::size_t i) -> const std::string& { return model.components[i].id; };
    JsonWriter w;
    w.beginObject();
    w.field("multiplier", a.multiplier).field("target_utilization", a.targetUtilization);
    w.field("status", engine::statusName(a.status));
    w.key("breaks").beginArray();
    for (const engine::Break& b : a.breaks)
        w.beginObject().field("id", id(b.component)).field("saturates_at", b.saturatesAt).endObject();
    w.endArray();
    if (a.breaks.empty())
        w.key("first_to_break").null();
    else
        w.field("first_to_break", id(a.breaks.front().component));
    w.field("survives", a.survives);
    w.field("verdict", a.verdict);
    w.key("saturates_at").beginObject();
    for (std::size_t i = 0; i < a.saturatesAt.size(); ++i) {
        if (model.components[i].kind != engine::ComponentKind::Clients &&
            model.components[i].kind != engine::ComponentKind::External)
            w.field(id(i), a.saturatesAt[i]);
    }
    w.endObject();
    writeInstancePlans(w, "plan", model, a.plan.components, "utilization_at_multiplier");
    writePoolPlans(w, model, a.plan.pools);
    w.field("cost_now", a.plan.costNow).field("cost_at_multiplier", a.plan.costAfter);
    w.key("n_plus_one").beginObject();
    for (const engine::RedundancyCheck& r : a.nPlusOne) {
        w.key(id(r.component)).beginObject();
        w.field("instances", r.instances);
        writeCount(w, "instances_needed", r.instancesNeeded);
        w.field("utilization_after_loss", r.utilizationAfterLoss)
            .field("survives_loss_of_one", r.survivesLossOfOne)
            .endObject();
    }
    w.endObject();
    writeWarnings(w, a.plan.warnings);
    w.endObject();
    return w.take() + "\n";
}

std::string poolSizingToJson(const engine::Model& model, const engine::PoolSizing& s, double multiplier)
{
    const engine::Link& link = model.links[s.link];
    JsonWriter w;
    w.beginObject();
    w.field("from", link.from).field("to", link.to).field("multiplier", multiplier);
    w.field("status", engine::statusName(s.status));
    w.field("per_instance_rps", s.perInstanceRps).field("hold_ms", s.holdMs);
    w.field("caller_instances", s.callerInstances).field("pool_size", s.currentPoolSize);
    writeCount(w, "smallest_stable_size", s.smallestStableSize);
    w.key("series").beginArray();
    for (const engine::PoolSizePoint& p : s.series)
        w.beginObject()
            .field("pool_size", p.poolSize)
            .field("utilization", p.utilization)
            .field("wait_probability", p.waitProbability)
            .field("mean_wait_ms", p.meanWaitMs)
            .endObject();
    w.endArray();
    w.field("target_wait", s.targetWait);
    writeCount(w, "recommended_pool_size", s.recommendedPoolSize);
    writeCount(w, "per_node_budget", s.perNodeBudget);
    writeCount(w, "connections_at_recommended", s.connectionsAtRecommended);
    w.field("other_pooled_connections", s.otherPooledConnections);
    writeCount(w, "max_connections", s.maxConnections);
    w.field("pooled_response_ms", s.pooledResponseMs).field("unpooled_response_ms", s.unpooledResponseMs);
    w.endObject();
    return w.take() + "\n";
}

std::string replicaLagToJson(const engine::Model& model, const engine::ReplicaLagAnswer& a)
{
    const std::string& id = model.components[a.replica].id;
    JsonWriter w;
    w.beginObject();
    w.field("replica", id).field("primary", model.components[a.primary].id);
    w.field("status", engine::statusName(a.status));
    w.field("saturates_at", a.saturatesAt);
    w.key("series").beginArray();
    for (const engine::LagPoint& p : a.series)
        w.beginObject()
            .field("multiplier", p.multiplier)
            .field("status", engine::statusName(p.status))
            .field("write_rps", p.writeRps)
            .field("apply_utilization", p.lag.applyUtilization)
            .field("mean_lag_ms", p.lag.meanLagMs)
            .field("p99_lag_ms", p.lag.p99LagMs)
            .field("lag_growth_ms_per_s", p.lag.lagGrowthMsPerS)
            .field("saturated", p.lag.saturated)
            .endObject();
    w.endArray();
    w.field("stale_read_multiplier", a.staleReadMultiplier);
    w.field("read_your_writes_ms", a.readYourWritesMs);
    w.key("stale_read").beginArray();
    for (const engine::StaleReadPoint& p : a.staleRead)
        w.beginObject().field("after_ms", p.afterMs).field("probability", p.probability).endObject();
    w.endArray();
    w.endObject();
    return w.take() + "\n";
}

std::string loadSheddingToJson(const engine::Model& model, const engine::LoadSheddingAnswer& a)
{
    const std::string& id = model.components[a.component].id;
    JsonWriter w;
    w.beginObject();
    w.field("component", id).field("capacity", a.capacity).field("recommended_capacity", a.recommendedCapacity);
    w.field("timeout_ms", a.timeoutMs);
    w.field("status", engine::statusName(a.status));
    for (const auto* list : {&a.withShedding, &a.withoutShedding}) {
        w.key(list == &a.withShedding ? "with_shedding" : "without_shedding").beginArray();
        for (const engine::ShedPoint& p : *list)
            w.beginObject()
                .field("multiplier", p.multiplier)
                .field("offered_rps", p.offeredRps)
                .field("goodput_rps", p.goodputRps)
                .field("rejected_fraction", p.rejectedFraction)
                .field("mean_response_ms", p.meanResponseMs)
                .endObject();
        w.endArray();
    }
    w.endObject();
    return w.take() + "\n";
}

std::string adviceToJson(const engine::Advice& a)
{
    JsonWriter w;
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

} // namespace headroom::model
