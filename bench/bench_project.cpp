// SPDX-License-Identifier: MIT
// Speed of project files (issue: projects in SQLite): saving and opening a 5,000-component
// project, target under 200 ms each. Results and how they were measured:
// docs/performance.md, section "Projects".
#include "GeneratedModel.h"

#include "engine/Validation.h"
#include "project/ProjectFile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <stdexcept>

namespace {

using namespace headroom;

constexpr int kComponents = 5000;

/// A generated project of at least `components` components.
model::Project generatedProject(int components)
{
    model::Project project;
    project.model = bench::generateModel({components, false, true, 42});
    project.settings.viewState.emplace("zoom", "1");
    if (!engine::validateModel(project.model).ok())
        throw std::runtime_error("the generated model breaks the model's rules");
    return project;
}

void save(const QString& path, const model::Project& project)
{
    const auto saved = model::saveProject(path, project);
    if (!saved.ok())
        throw std::runtime_error("cannot save: " + saved.issues().front().message);
}

void fileCounters(benchmark::State& state, const QString& path, const model::Project& project)
{
    state.counters["components"] = static_cast<double>(project.model.components.size());
    state.counters["file_KiB"] = static_cast<double>(QFileInfo(path).size()) / 1024.0;
}

// A new file: written beside the target, synced and renamed into place.
void BM_SaveProjectNewFile(benchmark::State& state)
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.headroom"));
    const model::Project project = generatedProject(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        state.PauseTiming();
        QFile::remove(path);
        state.ResumeTiming();
        save(path, project);
    }
    fileCounters(state, path, project);
}
BENCHMARK(BM_SaveProjectNewFile)->Arg(kComponents)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

// Saving over the same project again: one transaction in place (the editor's Ctrl+S, autosave).
void BM_SaveProjectInPlace(benchmark::State& state)
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.headroom"));
    const model::Project project = generatedProject(static_cast<int>(state.range(0)));
    save(path, project);
    for (auto _ : state)
        save(path, project);
    fileCounters(state, path, project);
}
BENCHMARK(BM_SaveProjectInPlace)->Arg(kComponents)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

// Opening: header checks, SQLite's quick_check, every row read and checked, and the
// model's rules (ModelRules::Enforce, as headroom-cli reads a project).
void BM_OpenProject(benchmark::State& state)
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.headroom"));
    const model::Project project = generatedProject(static_cast<int>(state.range(0)));
    save(path, project);
    for (auto _ : state) {
        auto loaded = model::loadProject(path, model::ModelRules::Enforce);
        if (!loaded.ok())
            throw std::runtime_error("cannot open: " + loaded.issues().front().message);
        benchmark::DoNotOptimize(loaded);
    }
    fileCounters(state, path, project);
}
BENCHMARK(BM_OpenProject)->Arg(kComponents)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

// Opening without the model's rules, as the editor reopens work in progress.
void BM_OpenProjectForEditor(benchmark::State& state)
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.headroom"));
    const model::Project project = generatedProject(static_cast<int>(state.range(0)));
    save(path, project);
    for (auto _ : state) {
        auto loaded = model::loadProject(path, model::ModelRules::Report);
        if (!loaded.ok())
            throw std::runtime_error("cannot open: " + loaded.issues().front().message);
        benchmark::DoNotOptimize(loaded);
    }
    fileCounters(state, path, project);
}
BENCHMARK(BM_OpenProjectForEditor)->Arg(kComponents)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
