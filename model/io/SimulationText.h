// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/sim/SimulationResult.h"

#include <string>

namespace headroom::model {

/// `simulate` without --json: what was run, then one row per figure (the formula's
/// value, the simulated mean, its interval and the verdict), the drain times of a
/// profile run, and the warnings.
std::string simulationToText(const engine::Model& model, const engine::sim::SimulationResult& result);

} // namespace headroom::model
