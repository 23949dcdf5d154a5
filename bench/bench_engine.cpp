// SPDX-License-Identifier: MIT
// Speed and memory of the queueing engine (issues: the engine and the command line;
// the analyses). Results and how to read them: docs/performance.md.
#include "AllocationCounter.h"
#include "GeneratedModel.h"

#include "engine/ErlangFormulas.h"
#include "engine/LoadShedding.h"
#include "engine/PoolSizing.h"
#include "engine/ReplicaLag.h"
#include "engine/Solver.h"
#include "engine/Sweep.h"
#include "engine/TenX.h"

#include <benchmark/benchmark.h>

namespace {

using namespace headroom;

engine::Solver compiled(int components, bool shedding = false)
{
    auto solver = engine::Solver::create(bench::generateModel({components, shedding, true, 42}));
    if (!solver)
        throw std::runtime_error("generated model does not compile: " + solver.issues().front().message);
    return std::move(solver).value();
}

void reportMemory(benchmark::State& state, const bench::AllocationCounts& before)
{
    const bench::AllocationCounts after = bench::allocationCounts();
    state.counters["peak_heap_MiB"] =
        benchmark::Counter(static_cast<double>(after.peakBytes - before.bytes) / (1024.0 * 1024.0));
    state.counters["allocs_per_iter"] = benchmark::Counter(
        static_cast<double>(after.allocations - before.allocations), benchmark::Counter::kAvgIterations);
}

// Spec targets: a 200-component solve in under 1 ms.
void BM_Solve200(benchmark::State& state)
{
    const engine::Solver solver = compiled(200);
    const auto before = bench::allocationCounts();
    for (auto _ : state)
        benchmark::DoNotOptimize(solver.solve({1.0, true}));
    reportMemory(state, before);
}
BENCHMARK(BM_Solve200)->Unit(benchmark::kMicrosecond);

void BM_Solve200Shedding(benchmark::State& state)
{
    const engine::Solver solver = compiled(200, true);
    for (auto _ : state)
        benchmark::DoNotOptimize(solver.solve({1.0, true}));
}
BENCHMARK(BM_Solve200Shedding)->Unit(benchmark::kMicrosecond);

// Validation and compilation (what an edit costs before the solve).
void BM_Compile200(benchmark::State& state)
{
    const engine::Model model = bench::generateModel({200, false, true, 42});
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::Solver::create(model));
}
BENCHMARK(BM_Compile200)->Unit(benchmark::kMicrosecond);

// Spec target: a 1,000-point sweep of the 200-component model in under 50 ms.
void BM_Sweep1000Points200(benchmark::State& state)
{
    const engine::Solver solver = compiled(200);
    const std::vector<double> multipliers = engine::evenlySpaced(0.1, 10.0, 1000);
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::sweep(solver, multipliers));
}
BENCHMARK(BM_Sweep1000Points200)->Unit(benchmark::kMillisecond);

// Spec target: Erlang C at c = 100000 in under 1 ms.
void BM_ErlangC(benchmark::State& state)
{
    const auto c = static_cast<std::int64_t>(state.range(0));
    const double a = 0.95 * static_cast<double>(c);
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::erlangC(c, a));
}
BENCHMARK(BM_ErlangC)->Arg(8)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

// Spec target: a 5,000-component model in under 50 ms (validate, compile and solve), with its memory.
void BM_CreateAndSolve5000(benchmark::State& state)
{
    const engine::Model model = bench::generateModel({5000, false, true, 42});
    bench::resetPeak();
    const auto before = bench::allocationCounts();
    for (auto _ : state) {
        auto solver = engine::Solver::create(model);
        benchmark::DoNotOptimize(solver->solve({1.0, true}));
    }
    reportMemory(state, before);
}
BENCHMARK(BM_CreateAndSolve5000)->Unit(benchmark::kMillisecond);

void BM_Solve5000(benchmark::State& state)
{
    const engine::Solver solver = compiled(5000);
    for (auto _ : state)
        benchmark::DoNotOptimize(solver.solve({1.0, true}));
}
BENCHMARK(BM_Solve5000)->Unit(benchmark::kMillisecond);

// Analyses target: a 200-point sweep of any analysis on the 200-component model in under 5 ms.
// 0: nothing sheds; 1: 30 stations shed; 2: and 10 of the shedding app tiers retry through
// the load balancer, so the fixed point runs Newton on an 11-node routing cycle at every point.
void BM_TenXLoadCurve200Points(benchmark::State& state)
{
    const int variant = static_cast<int>(state.range(0));
    auto solver = engine::Solver::create(bench::generateModel({200, variant >= 1, true, 42, variant == 2 ? 10 : 0}));
    if (!solver)
        throw std::runtime_error("generated model does not compile: " + solver.issues().front().message);
    const std::vector<double> multipliers = engine::evenlySpaced(0.1, 10.0, 200);
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::loadCurve(*solver, multipliers));
}
BENCHMARK(BM_TenXLoadCurve200Points)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_TenXAnswer200(benchmark::State& state)
{
    const engine::Solver solver = compiled(200);
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::tenX(solver, 10.0, 0.7));
}
BENCHMARK(BM_TenXAnswer200)->Unit(benchmark::kMillisecond);

void BM_PoolSizing200Sizes(benchmark::State& state)
{
    const engine::Solver solver = compiled(200);
    const auto link = engine::findPooledLink(solver.model(), "s0.app", "s0.db");
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::poolSizing(solver, *link, 1.0, std::int64_t{200}, 0.05));
}
BENCHMARK(BM_PoolSizing200Sizes)->Unit(benchmark::kMillisecond);

void BM_ReplicaLag200Points(benchmark::State& state)
{
    const engine::Solver solver = compiled(200, state.range(0) != 0);
    const auto replica = engine::findReplica(solver.model(), "s0.replica");
    const std::vector<double> multipliers = engine::evenlySpaced(0.1, 10.0, 200);
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::replicaLag(solver, *replica, multipliers, 1.0));
}
BENCHMARK(BM_ReplicaLag200Points)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_LoadShedding200Points(benchmark::State& state)
{
    const engine::Solver solver = compiled(200, state.range(0) != 0);
    const auto component = engine::findShedComponent(solver.model(), "s1.app");
    const std::vector<double> multipliers = engine::evenlySpaced(0.1, 10.0, 200);
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::loadShedding(solver, *component, std::nullopt, 1000.0, multipliers));
}
BENCHMARK(BM_LoadShedding200Points)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
