// SPDX-License-Identifier: MIT
#pragma once

#include "engine/sim/ReplicationFigures.h"
#include "engine/sim/SimulationResult.h"

#include <vector>

namespace headroom::engine {
class Solver;
}

namespace headroom::engine::sim {

struct SimulationPlan;

/// Turns the replications' figures into estimates with Student-t intervals and
/// verdicts against the formulas (a steady run) or into the timeline (a profile run),
/// filling `result` (its settings already set).
void combineReplications(const Solver& solver, const SimulationPlan& plan,
                         const std::vector<ReplicationFigures>& replications, SimulationResult& result);

} // namespace headroom::engine::sim
