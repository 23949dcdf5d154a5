// SPDX-License-Identifier: MIT
#include "ReplicaLag.h"

#include "Replication.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

namespace {

constexpr int kStaleReadPoints = 48;

/// The write stream into the replica and its lag figures at one multiplier: the
/// primary's admitted traffic (its throughput) times its write fraction.
LagPoint lagAt(const Solver& solver, std::size_t replica, std::size_t primary, double multiplier,
             SolveWorkspace& workspace)
{
    double throughput = 0.0;
    Status status = Status::Ok;
    if (solver.workload() == Workload::Open) {
        TrafficState& t = workspace.traffic;
        solver.traffic(multiplier, t);
        throughput = t.arrival[primary] * t.pass[primary];
        status = t.converged ? Status::Ok : Status::NotConverged;
    } else {
        // In a closed workload the primary's throughput follows from mean value analysis.
        const SolveResult& r = solver.solve({multiplier, false}, workspace);
        throughput = r.components[primary].throughputRps;
        status = r.status == Status::NotConverged ? Status::NotConverged : Status::Ok;
    }
    const Component& r = solver.model().components[replica];
    const double writes = throughput * solver.model().components[primary].valueOr(Field::WriteFraction, 1.0);
    const LagFigures lag = replicationLag(writes, r.valueOr(Field::ApplyMs, solver.params(replica).serviceMs),
                                          r.valueOr(Field::ReplicationDelayMs, 0.0));
    return {multiplier, writes, lag, status};
}

} // namespace

Checked<std::size_t> findReplica(const Model& model, std::string_view id)
{
    const auto index = model.indexOf(id);
    if (!index)
        return Issue{Subject::argument("--replica"), "'" + std::string(id) + "' is not a component of this model"};
    const Component& c = model.components[*index];
    if (c.kind != ComponentKind::Database || c.effectiveRole() != DatabaseRole::Replica)
        return Issue{Subject::argument("--replica"), std::string(id) + " is not a read replica (it is a " +
                                      (c.kind == ComponentKind::Database ? "primary database"
                                                                         : std::string(kindName(c.kind))) +
                                      "); pick a database with role replica"};
    const bool fed = std::any_of(model.links.begin(), model.links.end(), [&](const Link& l) {
        return l.to == id && l.kind == LinkKind::Replication;
    });
    if (!fed)
        return Issue{Subject::argument("--replica"),
                     std::string(id) + " has no replication link from a primary, so it has no lag"};
    return *index;
}

ReplicaLagAnswer replicaLag(const Solver& solver, std::size_t replica, std::span<const double> multipliers,
                            double ownMultiplier)
{
    const Model& model = solver.model();
    ReplicaLagAnswer answer;
    answer.replica = replica;
    for (const Link& l : model.links) {
        if (l.to == model.components[replica].id && l.kind == LinkKind::Replication)
            answer.primary = *model.indexOf(l.from);
    }
    const Component& r = model.components[replica];
    const double applyMs = r.valueOr(Field::ApplyMs, solver.params(replica).serviceMs);
    const double delayMs = r.valueOr(Field::ReplicationDelayMs, 0.0);

    SolveWorkspace workspace;
    const auto at = [&](double multiplier) { return lagAt(solver, replica, answer.primary, multiplier, workspace); };
    const LagPoint own = at(ownMultiplier);
    for (const double m : multipliers) {
        if (solver.sheds() || solver.workload() == Workload::Closed || ownMultiplier <= 0.0) {
            answer.series.push_back(at(m));
            continue;
        }
        // Nothing sheds: the primary's throughput, and so the write stream, is linear in the multiplier.
        const double writes = own.writeRps * (m / ownMultiplier);
        answer.series.push_back({m, writes, replicationLag(writes, applyMs, delayMs)});
    }
    answer.status = own.status;
    for (const LagPoint& p : answer.series)
        answer.status = worse(answer.status, p.status);
    answer.staleReadMultiplier = ownMultiplier;
    answer.readYourWritesMs = own.lag.p99LagMs;
    // Apply utilization at the model's rates; without shedding the write stream is
    // linear in the multiplier, so it reaches 1 at ownMultiplier / utilization.
    if (own.lag.applyUtilization > 0.0) {
        if (!solver.sheds()) {
            answer.saturatesAt = ownMultiplier / own.lag.applyUtilization;
        } else {
            // Upstream shedding bends the write stream: find where it reaches 1 by bisection.
            double lo = 0.0;
            double hi = ownMultiplier;
            for (int i = 0; i < 200 && at(hi).lag.applyUtilization < 1.0; ++i) {
                lo = hi;
                hi *= 2.0;
                if (hi > 1e12) {
                    hi = 0.0;
                    break;
                }
            }
            if (hi > 0.0) {
                for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; ++i) {
                    const double mid = 0.5 * (lo + hi);
                    (at(mid).lag.applyUtilization < 1.0 ? lo : hi) = mid;
                }
                answer.saturatesAt = hi;
            }
        }
    }

    // Stale reads: a grid from 0 to 1.5 times the p99 lag, with the delay and the p99 itself on it.
    const double reach = own.lag.p99LagMs.value_or(std::max(delayMs, applyMs) * 10.0);
    std::vector<double> grid;
    for (int i = 0; i <= kStaleReadPoints; ++i)
        grid.push_back(1.5 * reach * static_cast<double>(i) / kStaleReadPoints);
    grid.push_back(delayMs);
    grid.push_back(reach);
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    for (const double t : grid)
        answer.staleRead.push_back({t, staleReadProbability(own.writeRps, applyMs, delayMs, t)});
    return answer;
}

} // namespace headroom::engine
