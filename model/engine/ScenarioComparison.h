// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Model.h"
#include "PlanDefaults.h"
#include "Result.h"

#include <optional>
#include <string>

namespace headroom::engine {

/// The figures the scenario comparison shows for one scenario; every one is the engine's.
struct ScenarioFigures {
    std::string name;                         ///< empty: the base model
    double multiplier = 1.0;                  ///< the scenario's traffic multiplier
    std::optional<SolveResult> result; ///< empty when the model does not solve (see issues)
    Issues issues;
    double monthlyCost = 0.0;                 ///< with the scenario's instance counts
    double planningMultiplier = kDefaultPlanningMultiplier; ///< absolute: `planning` times the scenario's multiplier
    std::optional<bool> survives;             ///< nothing saturates at the planning multiplier
    std::string verdict;                      ///< tenX's sentence, or why there is none
};

/// Solves `model` with the scenario `name` applied (empty: the base model) and asks the
/// 10x question at `planning` times the scenario's multiplier, at `target` utilization,
/// as `headroom-cli solve` and `tenx --scenario NAME` do.
ScenarioFigures scenarioFigures(const Model& model, const std::string& name,
                                double planning = kDefaultPlanningMultiplier,
                                double target = kDefaultTargetUtilization);

} // namespace headroom::engine
