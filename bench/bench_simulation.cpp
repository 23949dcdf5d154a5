// SPDX-License-Identifier: MIT
// Speed and memory of the simulator (spec section 9). Results, the comparison with SimPy
// (simpy_compare.py) and what bounds the speed: docs/performance.md, "Simulation".
#include "AllocationCounter.h"
#include "GeneratedModel.h"
#include "SimulationCases.h"

#include "engine/Solver.h"
#include "engine/sim/Simulation.h"

#include <benchmark/benchmark.h>

#include <stdexcept>

namespace {

using namespace headroom;

/// Runs `plan` once per iteration and reports events per second (of the benchmark's
/// time: process CPU, or wall with UseRealTime) and the heap's peak.
void runPlan(benchmark::State& state, const engine::Solver& solver, const engine::sim::SimulationOptions& options)
{
    auto plan = engine::sim::planSimulation(solver, options);
    if (!plan)
        throw std::runtime_error("refused: " + plan.issues().front().message);
    std::uint64_t events = 0;
    bench::resetPeak();
    const auto before = bench::allocationCounts();
    for (auto _ : state) {
        const engine::sim::SimulationResult r = engine::sim::simulate(solver, *plan);
        events += r.events;
        benchmark::DoNotOptimize(r.system.meanResponseMs);
    }
    state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["events"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
    state.counters["peak_heap_MiB"] = benchmark::Counter(
        static_cast<double>(bench::allocationCounts().peakBytes - before.bytes) / (1024.0 * 1024.0));
}

/// One thread, `replications` replications of state.range(0) arrivals each, no warm-up.
void runCustomers(benchmark::State& state, const engine::Solver& solver, double rate, int replications)
{
    runPlan(state, solver, bench::customersRun(static_cast<double>(state.range(0)), rate, replications));
}

// The SimPy comparison's M/M/1: rho 0.8, customers as in simpy_compare.py.
void BM_SimulateMM1(benchmark::State& state)
{
    const engine::Solver solver = bench::compileOrThrow(bench::tandemModel(1, 80.0, 10.0));
    runCustomers(state, solver, 80.0, 2);
}
BENCHMARK(BM_SimulateMM1)->Arg(200000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

// The SimPy comparison's 50-station network: every customer visits 50 M/M/1 at rho 0.5.
void BM_SimulateTandem50(benchmark::State& state)
{
    const engine::Solver solver = bench::compileOrThrow(bench::tandemModel(50, 50.0, 10.0));
    runCustomers(state, solver, 50.0, 2);
}
BENCHMARK(BM_SimulateTandem50)->Arg(20000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

// The target: 10 replications of the 200-component model at the default length
// (100,000 requests each, a tenth more as warm-up) on two threads, under 2 s.
void BM_Simulate200Default(benchmark::State& state)
{
    const engine::Solver solver = bench::compileOrThrow(bench::generateModel({200, false, true, 42}));
    engine::sim::SimulationOptions options;
    options.threads = static_cast<unsigned>(state.range(0));
    runPlan(state, solver, options);
}
BENCHMARK(BM_Simulate200Default)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime()->Iterations(3);

} // namespace

BENCHMARK_MAIN();
