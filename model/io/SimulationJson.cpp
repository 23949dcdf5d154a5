// SPDX-License-Identifier: MIT
#include "SimulationJson.h"

#include "JsonWriter.h"

namespace headroom::model {

namespace {

using engine::sim::Estimate;

void estimate(JsonWriter& w, std::string_view key, const std::optional<Estimate>& e)
{
    w.key(key);
    if (!e) {
        w.null();
        return;
    }
    w.beginObject()
        .field("mean", e->mean)
        .field("ci_low", e->ciLow)
        .field("ci_high", e->ciHigh)
        .field("analytic", e->analytic)
        .field("verdict", verdictName(e->verdict))
        .endObject();
}

void series(JsonWriter& w, std::string_view key, const std::vector<std::optional<double>>& values)
{
    w.key(key).beginArray();
    for (const auto& v : values)
        w.value(v);
    w.endArray();
}

} // namespace

std::string_view verdictName(engine::sim::Verdict verdict)
{
    switch (verdict) {
    case engine::sim::Verdict::Agrees:
        return "agrees";
    case engine::sim::Verdict::Differs:
        return "differs";
    case engine::sim::Verdict::NoAnalytic:
        return "no_analytic";
    }
    return "no_analytic";
}

std::string simulationToJson(const engine::Model& model, const engine::sim::SimulationResult& result)
{
    const auto id = [&](std::size_t i) -> const std::string& { return model.components[i].id; };
    JsonWriter w;
    w.beginObject().field("format", "headroom-simulation").field("version", 1);
    w.key("simulation")
        .beginObject()
        .field("replications", result.replications)
        .field("duration_s", result.durationS)
        .field("warmup_s", result.warmupS)
        .field("seed", static_cast<std::int64_t>(result.seed))
        .field("confidence", result.confidence)
        .field("events", static_cast<std::int64_t>(result.events))
        .field("wall_ms", result.wallMs)
        .field("multiplier", result.multiplier)
        .field("workload", result.workload == engine::Workload::Open ? "open" : "closed")
        .field("threads", static_cast<std::int64_t>(result.threads))
        .endObject();
    const engine::sim::SystemSimulation& s = result.system;
    w.key("system").beginObject();
    estimate(w, "throughput_rps", s.throughputRps);
    estimate(w, "mean_response_ms", s.meanResponseMs);
    estimate(w, "p50_response_ms", s.p50ResponseMs);
    estimate(w, "p95_response_ms", s.p95ResponseMs);
    estimate(w, "p99_response_ms", s.p99ResponseMs);
    estimate(w, "rejected_fraction", s.rejectedFraction);
    estimate(w, "failed_fraction", s.failedFraction);
    estimate(w, "arrival_rps", s.arrivalRps);
    w.endObject();
    w.key("components").beginObject();
    for (std::size_t i = 0; i < result.components.size(); ++i) {
        const engine::sim::ComponentSimulation& c = result.components[i];
        if (!c.simulated)
            continue;
        w.key(id(i)).beginObject();
        w.field("kind", engine::kindName(c.kind)).field("diverging", c.diverging);
        estimate(w, "utilization", c.utilization);
        estimate(w, "throughput_rps", c.throughputRps);
        estimate(w, "mean_response_ms", c.meanResponseMs);
        estimate(w, "mean_wait_ms", c.meanWaitMs);
        estimate(w, "wait_probability", c.waitProbability);
        estimate(w, "p50_response_ms", c.p50ResponseMs);
        estimate(w, "p95_response_ms", c.p95ResponseMs);
        estimate(w, "p99_response_ms", c.p99ResponseMs);
        estimate(w, "blocking_probability", c.blockingProbability);
        estimate(w, "mean_in_system", c.meanInSystem);
        if (c.diverging)
            estimate(w, "backlog_growth_rps", c.backlogGrowthRps);
        w.endObject();
    }
    w.endObject();
    w.key("pools").beginArray();
    for (const engine::sim::PoolSimulation& p : result.pools) {
        w.beginObject().field("from", id(p.from)).field("to", id(p.to));
        estimate(w, "mean_wait_ms", p.meanWaitMs);
        estimate(w, "wait_probability", p.waitProbability);
        w.endObject();
    }
    w.endArray();
    w.key("replication").beginObject();
    for (const engine::sim::ReplicaSimulation& r : result.replicas) {
        w.key(id(r.replica)).beginObject().field("primary", id(r.primary)).field("diverging", r.diverging);
        estimate(w, "mean_lag_ms", r.meanLagMs);
        estimate(w, "p99_lag_ms", r.p99LagMs);
        w.endObject();
    }
    w.endObject();
    w.key("retries").beginArray();
    for (const engine::sim::RetrySimulation& r : result.retries) {
        const engine::Link& link = model.links[r.link];
        w.beginObject().field("from", id(r.from)).field("to", id(r.to));
        w.field("timeout_ms", link.get(engine::LinkField::TimeoutMs));
        w.field("retries", link.get(engine::LinkField::Retries).value_or(0.0));
        estimate(w, "attempts_per_call", r.attemptsPerCall);
        estimate(w, "success_probability", r.successProbability);
        w.endObject();
    }
    w.endArray();
    if (result.timeline) {
        const engine::sim::Timeline& tl = *result.timeline;
        w.key("timeline").beginObject().field("bucket_s", tl.bucketS);
        w.key("t").beginArray();
        for (const double t : tl.startS)
            w.value(t);
        w.endArray();
        w.key("components").beginObject();
        for (const auto& c : tl.components) {
            w.key(id(c.component)).beginObject();
            series(w, "mean_in_system", c.meanInSystem);
            series(w, "utilization", c.utilization);
            series(w, "p99_response_ms", c.p99ResponseMs);
            w.endObject();
        }
        w.endObject();
        w.key("replication").beginObject();
        for (const auto& r : tl.replicas) {
            w.key(id(r.replica)).beginObject();
            series(w, "mean_lag_ms", r.meanLagMs);
            w.endObject();
        }
        w.endObject();
        w.key("system").beginObject();
        series(w, "throughput_rps", tl.throughputRps);
        series(w, "p99_response_ms", tl.p99ResponseMs);
        series(w, "rejected_fraction", tl.rejectedFraction);
        w.endObject();
        w.key("drain_s").beginObject();
        for (const auto& d : tl.drains)
            w.field(id(d.component), d.drainS);
        w.endObject();
        w.key("overloads").beginObject();
        for (const auto& d : tl.drains) {
            w.key(id(d.component)).beginObject().field("from_s", d.overloadStartS).field("to_s", d.overloadEndS);
            estimate(w, "drain_s", d.estimate);
            w.endObject();
        }
        w.endObject();
        w.endObject();
    }
    w.key("warnings").beginArray();
    for (const engine::Issue& warning : result.warnings)
        w.value(engine::issueText(warning));
    w.endArray();
    w.endObject();
    return w.take() + "\n";
}

} // namespace headroom::model
