// SPDX-License-Identifier: MIT
#include "ResultText.h"

#include "TextTable.h"

namespace headroom::model {

std::string resultSummary(const engine::Model& model, const engine::SolveResult& result)
{
    std::string text = result.stable ? "stable" : "UNSTABLE (a component is saturated)";
    if (result.status == engine::Status::NotConverged)
        text += "; NOT CONVERGED (" + std::string(kNotConvergedNote) + ")";
    if (result.bottleneck) {
        const engine::ComponentResult& b = result.components[*result.bottleneck];
        text += "; bottleneck " + model.components[*result.bottleneck].id + " at " + humanPercent(b.utilization);
    }
    if (result.workload != engine::Workload::Open || !result.maxMultiplier)
        return text;
    if (*result.maxMultiplier >= 1.0) {
        text += "; traffic can grow " + humanMultiplier(result.maxMultiplier) + " before something saturates";
        return text;
    }
    // Offered more than its capacity yet stable: a bounded queue is shedding the excess.
    for (std::size_t i = 0; i < result.components.size(); ++i) {
        const engine::ComponentResult& r = result.components[i];
        if (r.headroomMultiplier && *r.headroomMultiplier == *result.maxMultiplier) {
            text += "; " + model.components[i].id + " is offered " + humanPercent(r.offeredUtilization) +
                    " of its capacity and rejects " + humanPercent(r.blockingProbability) + " of its requests";
            break;
        }
    }
    return text;
}

std::string notConvergedLine(engine::Status status, std::string_view where)
{
    if (status != engine::Status::NotConverged)
        return {};
    return "NOT CONVERGED" + (where.empty() ? std::string() : " at " + std::string(where)) + ": " +
           std::string(kNotConvergedNote) + "\n";
}

std::string resultToText(const engine::Model& model, const engine::SolveResult& result)
{
    using Align = TextTable::Align;
    std::string out;
    const std::string title = model.name.empty() ? std::string("Model") : model.name;
    out += title + " \u2014 " + (result.workload == engine::Workload::Open ? "open" : "closed") +
           " workload at " + humanMultiplier(result.multiplier) + "\n";
    out += "Throughput " + humanNumber(result.throughputRps) + " rps, mean response " +
           humanNumber(result.meanResponseMs) + " ms; " + resultSummary(model, result) + "\n\n";

    TextTable components;
    components.addColumn("component", Align::Left);
    components.addColumn("kind", Align::Left);
    components.addColumn("arrival rps");
    components.addColumn("util");
    components.addColumn("P(wait)");
    components.addColumn("wait ms");
    components.addColumn("resp ms");
    components.addColumn("p99 ms");
    components.addColumn("in system");
    components.addColumn("headroom");
    components.addColumn("note", Align::Left);
    for (std::size_t i = 0; i < result.components.size(); ++i) {
        const engine::ComponentResult& r = result.components[i];
        if (r.kind == engine::ComponentKind::Clients) {
            // The workload itself: its rate (open) and nothing to queue for.
            const std::string none = "-";
            components.addRow({model.components[i].id, std::string(engine::kindName(r.kind)),
                               result.workload == engine::Workload::Open ? humanNumber(r.arrivalRps) : none, none,
                               none, none, none, none, none, none, "workload"});
            continue;
        }
        std::string note;
        if (r.saturated)
            note = "SATURATED";
        else if (r.blockingProbability > 0.0)
            note = "sheds " + humanPercent(r.blockingProbability);
        if (r.approximate)
            note += note.empty() ? "approx." : ", approx.";
        if (result.bottleneck == i)
            note += note.empty() ? "bottleneck" : ", bottleneck";
        components.addRow({model.components[i].id, std::string(engine::kindName(r.kind)), humanNumber(r.arrivalRps),
                           humanPercent(r.utilization), humanPercent(r.waitProbability), humanNumber(r.meanWaitMs),
                           humanNumber(r.avgResponseMs),
                           r.method == engine::Method::MvaExact || r.method == engine::Method::MvaApproximate
                               ? std::string("-")
                               : humanNumber(r.p99ResponseMs),
                           humanNumber(r.meanInSystem),
                           result.workload == engine::Workload::Open ? humanMultiplier(r.headroomMultiplier)
                                                                     : std::string("-"),
                           note});
    }
    out += components.render();

    if (!result.pools.empty()) {
        TextTable pools;
        pools.addColumn("pool", Align::Left);
        pools.addColumn("size");
        pools.addColumn("rps/instance");
        pools.addColumn("hold ms");
        pools.addColumn("util");
        pools.addColumn("P(wait)");
        pools.addColumn("wait ms");
        pools.addColumn("connections");
        for (const engine::PoolResult& p : result.pools) {
            pools.addRow({model.components[p.from].id + " -> " + model.components[p.to].id,
                          std::to_string(p.poolSize), humanNumber(p.perInstanceRps), humanNumber(p.holdMs),
                          p.utilization ? humanPercent(*p.utilization) : humanNumber(p.utilization),
                          humanPercent(p.waitProbability), humanNumber(p.meanWaitMs),
                          std::to_string(p.connectionsTotal) +
                              (p.maxConnections ? " of " + std::to_string(*p.maxConnections) : std::string())});
        }
        out += "\nConnection pools\n" + pools.render();
    }
    if (!result.replication.empty()) {
        TextTable replicas;
        replicas.addColumn("replica", Align::Left);
        replicas.addColumn("primary", Align::Left);
        replicas.addColumn("writes rps");
        replicas.addColumn("apply util");
        replicas.addColumn("mean lag ms");
        replicas.addColumn("p99 lag ms");
        replicas.addColumn("lag growth ms/s");
        for (const engine::ReplicationResult& r : result.replication) {
            replicas.addRow({model.components[r.replica].id, model.components[r.primary].id, humanNumber(r.writeRps),
                             humanPercent(r.applyUtilization), humanNumber(r.meanLagMs), humanNumber(r.p99LagMs),
                             humanNumber(r.lagGrowthMsPerS)});
        }
        out += "\nReplication\n" + replicas.render();
    }
    if (!result.warnings.empty()) {
        out += "\nWarnings\n";
        for (const engine::Issue& warning : result.warnings)
            out += "  - " + engine::issueText(warning) + "\n";
    }
    return out;
}

} // namespace headroom::model
