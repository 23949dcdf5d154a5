// SPDX-License-Identifier: MIT
#include "ResultJson.h"

#include "JsonWriter.h"

#include <algorithm>
#include <cstdio>

namespace headroom::model {

void writeComponentFigures(JsonWriter& w, const engine::ComponentResult& r)
{
    w.field("kind", engine::kindName(r.kind))
        .field("arrival_rps", r.arrivalRps)
        .field("throughput_rps", r.throughputRps)
        .field("utilization", r.utilization)
        .field("wait_probability", r.waitProbability)
        .field("blocking_probability", r.blockingProbability)
        .field("mean_wait_ms", r.meanWaitMs)
        .field("mean_response_ms", r.meanResponseMs)
        .field("avg_response_ms", r.avgResponseMs)
        .field("p50_response_ms", r.p50ResponseMs)
        .field("p95_response_ms", r.p95ResponseMs)
        .field("p99_response_ms", r.p99ResponseMs)
        .field("mean_queue_length", r.meanQueueLength)
        .field("mean_in_system", r.meanInSystem)
        .field("headroom_multiplier", r.headroomMultiplier)
        .field("saturated", r.saturated)
        .field("approximate", r.approximate);
}

std::string resultToJson(const engine::Model& model, const engine::SolveResult& result)
{
    const auto idOf = [&](std::size_t i) -> const std::string& { return model.components[i].id; };
    JsonWriter w;
    w.beginObject();
    w.field("format", "headroom-result").field("version", 1);
    w.field("multiplier", result.multiplier);
    w.field("workload", result.workload == engine::Workload::Open ? "open" : "closed");
    w.field("status", engine::statusName(result.status));
    w.field("stable", result.stable);
    w.field("throughput_rps", result.throughputRps);
    w.field("mean_response_ms", result.meanResponseMs);
    if (result.bottleneck)
        w.field("bottleneck", idOf(*result.bottleneck));
    else
        w.key("bottleneck").null();
    w.field("max_multiplier", result.maxMultiplier);
    w.key("components").beginObject();
    for (std::size_t i = 0; i < result.components.size(); ++i) {
        const engine::ComponentResult& r = result.components[i];
        if (r.kind == engine::ComponentKind::Clients)
            continue;
        w.key(idOf(i)).beginObject();
        writeComponentFigures(w, r);
        w.endObject();
    }
    w.endObject();
    w.key("replication").beginObject();
    for (const engine::ReplicationResult& rep : result.replication) {
        w.key(idOf(rep.replica)).beginObject();
        w.field("primary", idOf(rep.primary))
            .field("write_rps", rep.writeRps)
            .field("apply_utilization", rep.applyUtilization)
            .field("mean_lag_ms", rep.meanLagMs)
            .field("p99_lag_ms", rep.p99LagMs)
            .field("lag_growth_ms_per_s", rep.lagGrowthMsPerS)
            .field("saturated", rep.saturated);
        w.endObject();
    }
    w.endObject();
    w.key("pools").beginArray();
    for (const engine::PoolResult& pool : result.pools) {
        w.beginObject();
        w.field("from", idOf(pool.from))
            .field("to", idOf(pool.to))
            .field("pool_size", pool.poolSize)
            .field("per_instance_rps", pool.perInstanceRps)
            .field("hold_ms", pool.holdMs)
            .field("utilization", pool.utilization)
            .field("wait_probability", pool.waitProbability)
            .field("mean_wait_ms", pool.meanWaitMs)
            .field("connections_total", pool.connectionsTotal);
        if (pool.maxConnections)
            w.field("max_connections", *pool.maxConnections);
        else
            w.key("max_connections").null();
        w.field("saturated", pool.saturated);
        w.endObject();
    }
    w.endArray();
    w.key("warnings").beginArray();
    for (const engine::Issue& warning : result.warnings)
        w.value(engine::issueText(warning));
    w.endArray();
    w.endObject();
    std::string text = w.take();
    text += '\n';
    return text;
}

namespace {

/// Text from the input as it may appear in an error line: control characters (a
/// newline would split the line, an escape sequence would drive the terminal) are
/// shown as \xNN, and text beyond `limit` bytes loses its middle, so that both the
/// start and the end of a message that quotes a very long id stay readable.
std::string printable(std::string_view text, std::size_t limit)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto ch = static_cast<unsigned char>(c);
        if (ch < 0x20 || ch == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(ch));
            out += escaped;
        } else {
            out += c;
        }
    }
    if (out.size() <= limit)
        return out;
    // Cut on character boundaries: a UTF-8 continuation byte is 10xxxxxx.
    const auto continuation = [&](std::size_t i) {
        return i < out.size() && (static_cast<unsigned char>(out[i]) & 0xC0u) == 0x80u;
    };
    std::size_t head = limit * 2 / 3;
    while (head > 0 && continuation(head))
        --head;
    std::size_t tail = out.size() - limit / 3;
    while (tail < out.size() && continuation(tail))
        ++tail;
    return out.substr(0, head) + "..." + out.substr(tail);
}

} // namespace

std::string formatIssues(const engine::Issues& issues)
{
    std::string out;
    const std::size_t shown = std::min(issues.size(), kMostIssuesShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const engine::Issue& issue = issues[i];
        out += "error: " + printable(engine::subjectText(issue.subject), kMostSubjectBytes) + ": " +
               printable(issue.message, kMostMessageBytes) + '\n';
    }
    if (issues.size() > shown)
        out += "error: model: " + std::to_string(issues.size() - shown) +
               " more errors are not shown; correct the ones above and check again\n";
    return out;
}

} // namespace headroom::model
