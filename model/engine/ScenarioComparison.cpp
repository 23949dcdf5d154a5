// SPDX-License-Identifier: MIT
#include "ScenarioComparison.h"

#include "Solver.h"
#include "TenX.h"
#include "Validation.h"

namespace headroom::engine {

ScenarioFigures scenarioFigures(const Model& model, const std::string& name, double planning, double target)
{
    ScenarioFigures figures;
    figures.name = name;
    // The whole model first, its scenarios with it, as the command line does; then the
    // chosen one applied, without the others (they are scenarios of the base model).
    if (ValidationReport report = validateModel(model); !report.ok()) {
        figures.issues = std::move(report.errors);
        return figures;
    }
    Model chosen = model;
    if (!name.empty()) {
        auto applied = applyScenario(model, name);
        if (!applied) {
            figures.issues = applied.issues();
            return figures;
        }
        figures.multiplier = applied->multiplier;
        chosen = std::move(applied).value().model;
    }
    figures.planningMultiplier = planning * figures.multiplier;
    chosen.scenarios.clear();
    auto solver = Solver::create(std::move(chosen));
    if (!solver) {
        figures.issues = solver.issues();
        return figures;
    }
    if (Issues issues = solver->checkMagnitudes(figures.planningMultiplier); !issues.empty()) {
        figures.issues = std::move(issues);
        return figures;
    }
    figures.result = solver->solve({figures.multiplier, true});
    figures.monthlyCost = solver->monthlyCost();
    if (solver->workload() == Workload::Closed) {
        figures.verdict = "the 10x question needs an open workload (clients with rate_rps)";
        return figures;
    }
    const auto answer = tenX(*solver, figures.planningMultiplier, target);
    if (!answer) {
        figures.verdict = answer.issues().front().message;
        return figures;
    }
    figures.survives = answer->survives;
    figures.verdict = answer->verdict;
    return figures;
}

} // namespace headroom::engine
