// SPDX-License-Identifier: MIT
#include "SimulationText.h"

#include "SimulationJson.h"
#include "TextTable.h"

namespace headroom::model {

namespace {

using engine::sim::Estimate;

class FigureTable {
public:
    FigureTable()
    {
        m_table.addColumn("component", TextTable::Align::Left);
        m_table.addColumn("figure", TextTable::Align::Left);
        m_table.addColumn("formula");
        m_table.addColumn("simulated");
        m_table.addColumn("interval");
        m_table.addColumn("verdict", TextTable::Align::Left);
    }

    void add(const std::string& who, const std::string& figure, const std::optional<Estimate>& e)
    {
        if (!e) {
            m_table.addRow({who, figure, "-", "-", "-", "no data"});
            return;
        }
        m_table.addRow({who, figure, e->analytic ? humanNumber(*e->analytic) : "-", humanNumber(e->mean),
                        "[" + humanNumber(e->ciLow) + ", " + humanNumber(e->ciHigh) + "]",
                        e->verdict == engine::sim::Verdict::NoAnalytic ? "no formula"
                                                                       : std::string(verdictName(e->verdict))});
    }
    void note(const std::string& who, const std::string& figure, const std::string& text)
    {
        m_table.addRow({who, figure, "-", "-", "-", text});
    }
    [[nodiscard]] std::string render() const { return m_table.render(); }
    [[nodiscard]] bool empty() const { return m_table.empty(); }

private:
    TextTable m_table;
};

std::string seconds(double s)
{
    return humanNumber(s) + " s";
}

} // namespace

std::string simulationToText(const engine::Model& model, const engine::sim::SimulationResult& result)
{
    const auto id = [&](std::size_t i) { return model.components[i].id; };
    std::string out;
    out += "simulation: " + std::to_string(result.replications) + " replications of " + seconds(result.durationS) +
           (result.timeline ? " (a load profile, from empty)" : " after a warm-up of " + seconds(result.warmupS)) +
           ", seed " + std::to_string(result.seed) + ", " + humanPercent(result.confidence) + " intervals, " +
           humanMultiplier(result.multiplier) + " traffic\n";
    out += "           " + std::to_string(result.events) + " events in " + humanNumber(result.wallMs / 1000.0) +
           " s on " + std::to_string(result.threads) + (result.threads == 1 ? " thread\n\n" : " threads\n\n");

    FigureTable table;
    const engine::sim::SystemSimulation& s = result.system;
    table.add("system", "throughput rps", s.throughputRps);
    table.add("system", "mean response ms", s.meanResponseMs);
    table.add("system", "p50 response ms", s.p50ResponseMs);
    table.add("system", "p95 response ms", s.p95ResponseMs);
    table.add("system", "p99 response ms", s.p99ResponseMs);
    table.add("system", "rejected fraction", s.rejectedFraction);
    table.add("system", "failed fraction", s.failedFraction);
    for (std::size_t i = 0; i < result.components.size(); ++i) {
        const engine::sim::ComponentSimulation& c = result.components[i];
        if (!c.simulated)
            continue;
        table.add(id(i), "utilization", c.utilization);
        table.add(id(i), "throughput rps", c.throughputRps);
        if (c.diverging) {
            table.add(id(i), "backlog growth rps", c.backlogGrowthRps);
            table.note(id(i), "response", "diverging: no steady state");
            continue;
        }
        table.add(id(i), "mean response ms", c.meanResponseMs);
        table.add(id(i), "mean wait ms", c.meanWaitMs);
        table.add(id(i), "wait probability", c.waitProbability);
        table.add(id(i), "p50 response ms", c.p50ResponseMs);
        table.add(id(i), "p95 response ms", c.p95ResponseMs);
        table.add(id(i), "p99 response ms", c.p99ResponseMs);
        table.add(id(i), "blocking probability", c.blockingProbability);
        table.add(id(i), "mean in system", c.meanInSystem);
    }
    for (const engine::sim::PoolSimulation& p : result.pools) {
        const std::string who = "pool " + id(p.from) + " -> " + id(p.to);
        table.add(who, "mean wait ms", p.meanWaitMs);
        table.add(who, "wait probability", p.waitProbability);
    }
    for (const engine::sim::ReplicaSimulation& r : result.replicas) {
        const std::string who = "lag " + id(r.replica);
        if (r.diverging) {
            table.note(who, "lag", "diverging: the apply thread cannot keep up");
            continue;
        }
        table.add(who, "mean lag ms", r.meanLagMs);
        table.add(who, "p99 lag ms", r.p99LagMs);
    }
    for (const engine::sim::RetrySimulation& r : result.retries) {
        const std::string who = "retries " + id(r.from) + " -> " + id(r.to);
        table.add(who, "attempts per call", r.attemptsPerCall);
        table.add(who, "success probability", r.successProbability);
    }
    out += table.render();

    if (result.timeline) {
        const engine::sim::Timeline& tl = *result.timeline;
        out += "\ntimeline: " + std::to_string(tl.startS.size()) + " buckets of " + seconds(tl.bucketS) +
               " (--json gives every series)\n";
        for (const auto& d : tl.drains) {
            out += "  " + id(d.component) + ": overloaded from " + seconds(d.overloadStartS) + " to " +
                   seconds(d.overloadEndS) + "; ";
            if (d.drainS)
                out += "its backlog drained " + seconds(*d.drainS) + " after the overload ended\n";
            else
                out += "its backlog did not drain back before the end of the run\n";
        }
        if (tl.drains.empty())
            out += "  no component is overloaded at any time of the profile\n";
    }
    for (const engine::Issue& warning : result.warnings)
        out += "warning: " + engine::issueText(warning) + "\n";
    return out;
}

} // namespace headroom::model
