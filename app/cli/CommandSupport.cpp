// SPDX-License-Identifier: MIT
#include "Commands.h"

#include "engine/Sweep.h"
#include "engine/Validation.h"
#include "io/ModelFile.h"
#include "io/ResultJson.h"

#include <QString>

#include <limits>
#include <optional>

namespace headroom::cli {

void fail(CliRun& run, const engine::Issues& issues)
{
    run.out.clear();
    run.err += model::formatIssues(issues);
    run.exitCode = kExitInvalid;
}

void reportLeftovers(CliRun& run, const std::string& target, const QStringList& removed)
{
    if (removed.isEmpty())
        return;
    run.err += "warning: " + target + ": removed " + std::to_string(removed.size()) +
               (removed.size() == 1 ? " temporary file" : " temporary files") +
               " left beside it by an interrupted save\n";
}

namespace {

/// An option's multiplier that is in range on its own but not once the scenario's multiplier
/// scales it: both are named, since neither is wrong alone.
std::optional<engine::Issue> scaledBeyondLimit(const std::string& option, double value, const CliArgs& args,
                                               const LoadedModel& loaded)
{
    const double scaled = value * loaded.scenarioMultiplier;
    if (!engine::checkMultiplier(scaled, option))
        return std::nullopt;
    return engine::Issue{engine::Subject::argument(option),
                         engine::formatNumber(value) + " times the multiplier of scenario \"" +
                             args.text("--scenario").value_or("") + "\" (" +
                             engine::formatNumber(loaded.scenarioMultiplier) + ") is " + engine::formatNumber(scaled) +
                             ", more than " + engine::formatNumber(engine::kMaxMultiplier)};
}

} // namespace

engine::Checked<LoadedModel> loadModelArgument(const CliArgs& args)
{
    auto project = model::loadModelOrProject(QString::fromStdString(args.positional().front()),
                                             model::ModelRules::Enforce);
    if (!project)
        return project.issues();
    double scenarioMultiplier = 1.0;
    engine::Model chosen = std::move(project->model);
    if (const auto name = args.text("--scenario")) {
        // Validate the whole model first, so that a broken scenario is reported as such.
        const engine::ValidationReport report = engine::validateModel(chosen);
        if (!report.ok())
            return report.errors;
        auto applied = engine::applyScenario(chosen, *name);
        if (!applied)
            return applied.issues();
        scenarioMultiplier = applied->multiplier;
        chosen = std::move(applied).value().model;
    }
    auto solver = engine::Solver::create(std::move(chosen));
    if (!solver)
        return solver.issues();
    return LoadedModel{std::move(solver).value(), scenarioMultiplier, std::move(project->settings)};
}

engine::Checked<double> effectiveMultiplier(const CliArgs& args, const LoadedModel& loaded, double fallback)
{
    const auto given = args.number("--multiplier");
    if (!given)
        return given.issues();
    const double multiplier = given->value_or(fallback);
    if (auto problem = engine::checkMultiplier(multiplier, "--multiplier"))
        return *problem;
    const double effective = multiplier * loaded.scenarioMultiplier;
    if (auto problem = scaledBeyondLimit("--multiplier", multiplier, args, loaded))
        return *problem;
    if (engine::Issues issues = loaded.solver.checkMagnitudes(effective); !issues.empty())
        return issues;
    return effective;
}

engine::Checked<double> targetUtilization(const CliArgs& args, double fallback)
{
    const auto target = args.number("--target-utilization");
    if (!target)
        return target.issues();
    const double u = target->value_or(fallback);
    if (!(u > 0.0 && u <= 1.0))
        return engine::Issue{engine::Subject::argument("--target-utilization"),
                             "must be above 0 and at most 1, got " + engine::formatNumber(u)};
    return u;
}

engine::Checked<std::vector<double>> multiplierRange(const CliArgs& args, const LoadedModel& loaded)
{
    engine::Issues issues;
    const auto from = args.number("--from");
    const auto to = args.number("--to");
    const auto steps = args.integer("--steps");
    for (const auto* checked : {&from, &to}) {
        if (!*checked)
            issues.insert(issues.end(), checked->issues().begin(), checked->issues().end());
    }
    if (!steps)
        issues.insert(issues.end(), steps.issues().begin(), steps.issues().end());
    if (!issues.empty())
        return issues;
    const double rawFrom = from->value_or(1.0);
    const double rawTo = to->value_or(10.0);
    const long long n = steps->value_or(10);
    constexpr long long kMostSteps = 100000;
    if (n > kMostSteps)
        return engine::Issue{engine::Subject::argument("--steps"),
                             "must be at most " + std::to_string(kMostSteps) + ", got " + std::to_string(n)};
    issues = engine::checkRange(rawFrom, rawTo, static_cast<int>(std::max<long long>(n, std::numeric_limits<int>::min())));
    if (!issues.empty())
        return issues;
    // The top of the range is the larger one once scaled.
    if (auto problem = scaledBeyondLimit("--to", rawTo, args, loaded))
        return *problem;
    const double a = rawFrom * loaded.scenarioMultiplier;
    const double b = rawTo * loaded.scenarioMultiplier;
    // Rates grow with the multiplier, so the top of the range is the one to check.
    issues = loaded.solver.checkMagnitudes(b);
    if (!issues.empty())
        return issues;
    return engine::evenlySpaced(a, b, static_cast<int>(n));
}

} // namespace headroom::cli
