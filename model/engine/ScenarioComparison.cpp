// SPDX-License-Identifier: MIT
#include "document/ScenarioComparison.h"

#include "engine/Solver.h"
#include "engine/TenX.h"
#include "engine/Validation.h"

namespace headroom::model {

ScenarioFigures scenarioFigures(const engine::Model& model, const std::string& name, double planning, double target)
{
    ScenarioFigures figures;
    figures.name = name;
    // The whole model first, its scenarios with it, as the command line does; then the
    // chosen one applied, without the others (they are scenarios of the base model).
    if (engine::ValidationReport report = engine::validateModel(model); !report.ok()) {
        figures.issues = std::move(report.errors);
        return figures;
    }
    engine::Model chosen = model;
    if (!name.empty()) {
        auto applied = engine::applyScenario(model, name);
        if (!applied) {
            figures.issues = applied.issues();
            return figures;
        }
        figures.multiplier = applied->multiplier;
        chosen = std::move(applied).value().model;
    }
    figures.planningMultiplier = planning * figures.multiplier;
    chosen.scenarios.clear();
    auto solver = engine::Solver::create(std::move(chosen));
    if (!solver) {
        figures.issues = solver.issues();
        return figures;
    }
    if (engine::Issues issues = solver->checkMagnitudes(figures.planningMultiplier); !issues.empty()) {
        figures.issues = std::move(issues);
        return figures;
    }
    figures.result = solver->solve({figures.multiplier, true});
    figures.monthlyCost = solver->monthlyCost();
    if (solver->workload() == engine::Workload::Closed) {
        figures.verdict = "the 10x question needs an open workload (clients with rate_rps)";
        return figures;
    }
    const auto answer = engine::tenX(*solver, figures.planningMultiplier, target);
    if (!answer) {
        figures.verdict = answer.issues().front().message;
        return figures;
    }
    figures.survives = answer->survives;
    figures.verdict = answer->verdict;
    return figures;
}

} // namespace headroom::model
