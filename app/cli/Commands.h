// SPDX-License-Identifier: MIT
#pragma once

#include "Cli.h"
#include "CliArgs.h"

#include "engine/Issue.h"
#include "engine/PlanDefaults.h"
#include "engine/Solver.h"
#include "project/Project.h"

#include <QStringList>

#include <string>

namespace headroom::cli {

/// A model loaded for a command: compiled, with its scenario applied.
struct LoadedModel {
    engine::Solver solver;
    double scenarioMultiplier = 1.0;
    /// A project's settings (planning multiplier, targets); the defaults for a JSON model.
    model::ProjectSettings settings;
};

/// Reads MODEL (the first positional argument), applies --scenario if given,
/// validates and compiles it.
engine::Checked<LoadedModel> loadModelArgument(const CliArgs& args);

/// Fills `run` with the issues as error lines and the invalid-input exit code.
void fail(CliRun& run, const engine::Issues& issues);

/// Says on stderr which hidden files of earlier, killed saves of `target` were removed.
void reportLeftovers(CliRun& run, const std::string& target, const QStringList& removed);

/// --multiplier (default `fallback`) times the scenario's multiplier, checked.
engine::Checked<double> effectiveMultiplier(const CliArgs& args, const LoadedModel& loaded, double fallback);

/// --target-utilization (default `fallback`), checked: above 0 and at most 1.
engine::Checked<double> targetUtilization(const CliArgs& args,
                                          double fallback = engine::kDefaultTargetUtilization);

/// --from/--to/--steps with defaults 1, 10 and 10, scaled by the scenario's multiplier.
engine::Checked<std::vector<double>> multiplierRange(const CliArgs& args, const LoadedModel& loaded);

void runValidate(const CliArgs& args, CliRun& run);
void runSolve(const CliArgs& args, CliRun& run);
void runSweep(const CliArgs& args, CliRun& run);
void runPlan(const CliArgs& args, CliRun& run);
void runTenX(const CliArgs& args, CliRun& run);
void runPool(const CliArgs& args, CliRun& run);
void runLag(const CliArgs& args, CliRun& run);
void runShed(const CliArgs& args, CliRun& run);
/// advise MODEL: the playbook advisor (CommandAdvise.cpp).
void runAdvise(const CliArgs& args, CliRun& run);
/// simulate MODEL: the discrete-event simulation beside the formulas (CommandSimulate.cpp).
void runSimulate(const CliArgs& args, CliRun& run);
/// convert IN OUT: JSON model <-> project (CommandConvert.cpp).
void runConvert(const CliArgs& args, CliRun& run);
/// report MODEL -o OUT: the capacity report and exports (CommandReport.cpp; CommandReportUnavailable.cpp
/// in a build without the GUI).
void runReport(const CliArgs& args, CliRun& run);
/// measure FILE [FILE2] and calibrate MODEL (CommandMeasure.cpp, spec section 10).
void runMeasure(const CliArgs& args, CliRun& run);
void runCalibrate(const CliArgs& args, CliRun& run);

} // namespace headroom::cli
