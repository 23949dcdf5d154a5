// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"
#include "Model.h"

#include <string>
#include <vector>

namespace headroom::engine {

struct ValidationReport {
    Issues errors;   ///< the model cannot be solved
    Issues warnings; ///< it can, but something is ignored or odd
    [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// Every rule of the contract that can be checked without solving: ranges,
/// required fields, ids, links, the workload, pools, replication, scenarios.
/// Routing loops are found when the network is compiled (Solver::create).
ValidationReport validateModel(const Model& model);

/// The checks for one component alone (ranges, required and cross-field rules),
/// for the inspector. Subjects are the component (by id; no index) and the field.
Issues validateComponent(const Component& component);

/// The checks one scenario must pass against `model`: its multiplier above 0, each
/// override an existing component (or link) and a field that applies to it, each value
/// in range, and the cross-field and link rules on what it changes. Subjects are in the
/// layer of `layer` (Subject::savedScenario("Peak"), Subject::whatIf()). Name uniqueness is
/// the model's check.
Issues validateScenario(const Model& model, const Scenario& scenario, const Subject& layer);

/// The model with a scenario's overrides applied, and its multiplier.
struct ScenarioApplied {
    Model model;
    double multiplier = 1.0;
};
/// Applies `scenario` (which need not be one of the model's) to the model; overrides of
/// components or links the model lacks are skipped (validateScenario reports them).
ScenarioApplied applyScenario(const Model& model, const Scenario& scenario);
Checked<ScenarioApplied> applyScenario(const Model& model, std::string_view scenarioName);

/// Whether an id is 1-64 letters, digits, '_', '-' or '.'.
bool isValidId(std::string_view id);

/// True when the model's clients are closed (users and think time).
bool isClosedWorkload(const Model& model);

} // namespace headroom::engine
