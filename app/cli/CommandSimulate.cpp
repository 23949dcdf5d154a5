// SPDX-License-Identifier: MIT
// headroom-cli simulate (spec sections 9 and 9.1): the discrete-event simulation of the
// model beside every formula, with intervals and verdicts, or a run over a load profile.
#include "Commands.h"

#include "engine/Fields.h"
#include "engine/sim/Simulation.h"
#include "io/ProfileJson.h"
#include "io/SimulationJson.h"
#include "io/SimulationText.h"

#include <QString>

#include <algorithm>
#include <limits>

namespace headroom::cli {

namespace {

/// The engine names options as fields ("duration_s"); the command line as flags.
engine::Issues asOptions(engine::Issues issues)
{
    for (engine::Issue& issue : issues) {
        engine::Subject& subject = issue.subject;
        if (subject.kind != engine::Subject::Kind::Argument)
            continue;
        for (const char* field : {"replications", "confidence", "duration_s", "warmup_s", "bucket_s", "multiplier"}) {
            if (subject.name == field) {
                std::string flag = "--" + subject.name;
                std::replace(flag.begin(), flag.end(), '_', '-');
                subject.name = flag;
            }
        }
    }
    return issues;
}

} // namespace

void runSimulate(const CliArgs& args, CliRun& run)
{
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const auto multiplier = effectiveMultiplier(args, *loaded, 1.0);
    if (!multiplier)
        return fail(run, multiplier.issues());

    engine::sim::SimulationOptions options;
    options.multiplier = *multiplier;
    engine::Issues issues;
    const auto integer = [&](std::string_view name) {
        auto value = args.integer(name);
        if (!value) {
            issues.insert(issues.end(), value.issues().begin(), value.issues().end());
            return std::optional<long long>{};
        }
        return *value;
    };
    const auto number = [&](std::string_view name) {
        auto value = args.number(name);
        if (!value) {
            issues.insert(issues.end(), value.issues().begin(), value.issues().end());
            return std::optional<double>{};
        }
        return *value;
    };
    if (const auto r = integer("--replications"))
        options.replications = static_cast<int>(std::clamp<long long>(*r, std::numeric_limits<int>::min(),
                                                                        std::numeric_limits<int>::max()));
    if (const auto seed = integer("--seed")) {
        if (*seed < 0 || *seed > (1LL << 53))
            issues.push_back({engine::Subject::argument("--seed"),
                              "must be a whole number from 0 to 9007199254740992, got " + std::to_string(*seed)});
        else
            options.seed = static_cast<std::uint64_t>(*seed);
    }
    if (const auto threads = integer("--threads")) {
        if (*threads < 1 || *threads > 1024)
            issues.push_back({engine::Subject::argument("--threads"),
                              "must be a whole number from 1 to 1024, got " + std::to_string(*threads)});
        else
            options.threads = static_cast<unsigned>(*threads);
    }
    options.durationS = number("--duration-s");
    options.warmupS = number("--warmup-s");
    options.bucketS = number("--bucket-s");
    if (const auto confidence = number("--confidence"))
        options.confidence = *confidence;
    if (const auto path = args.text("--profile")) {
        auto profile = model::readProfileFile(QString::fromStdString(*path));
        if (!profile)
            issues.insert(issues.end(), profile.issues().begin(), profile.issues().end());
        else
            options.profile = std::move(profile).value();
    } else if (auto inModel = model::readModelProfile(QString::fromStdString(args.positional().front()))) {
        if (!*inModel)
            issues.insert(issues.end(), inModel->issues().begin(), inModel->issues().end());
        else
            options.profile = std::move(*inModel).value();
    }
    if (!issues.empty())
        return fail(run, issues);

    const engine::Solver& solver = loaded->solver;
    auto plan = engine::sim::planSimulation(solver, options);
    if (!plan)
        return fail(run, asOptions(plan.issues()));
    const engine::sim::SimulationResult result = engine::sim::simulate(solver, *plan);
    run.out = args.flag("--json") ? model::simulationToJson(solver.model(), result)
                                  : model::simulationToText(solver.model(), result);
}

} // namespace headroom::cli
