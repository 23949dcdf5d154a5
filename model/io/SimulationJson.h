// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/sim/SimulationResult.h"

#include <string>

namespace headroom::model {

/// `simulate --json`: the contract's shape (spec sections 9 and 9.1). Every estimated
/// figure is {"mean", "ci_low", "ci_high", "analytic", "verdict"}, or null where there is
/// none (no visits, or a diverging component's response).
std::string simulationToJson(const engine::Model& model, const engine::sim::SimulationResult& result);

/// The verdict as the contract spells it: "agrees", "differs", "no_analytic".
std::string_view verdictName(engine::sim::Verdict verdict);

} // namespace headroom::model
