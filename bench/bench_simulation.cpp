// SPDX-License-Identifier: MIT
// Speed and memory of the simulator (spec section 9). Results, the comparison with SimPy
// (simpy_compare.py) and what bounds the speed: docs/performance.md, "Simulation".
#include "AllocationCounter.h"
#include "GeneratedModel.h"

#include "engine/Solver.h"
#include "engine/sim/Simulation.h"

#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

namespace {

using namespace headroom;

engine::Solver compile(engine::Model model)
{
    auto solver = engine::Solver::create(std::move(model));
    if (!solver)
        throw std::runtime_error("model does not compile: " + solver.issues().front().message);
    return std::move(solver).value();
}

/// Clients at `rate` through `stations` single-server stations of `serviceMs` in series
/// (the clients' sync calls, one after another): 1 arrival and `stations` service
/// completions per customer.
engine::Model tandem(int stations, double rate, double serviceMs)
{
    engine::Model m;
    engine::Component users;
    users.id = "users";
    users.kind = engine::ComponentKind::Clients;
    users.set(engine::Field::RateRps, rate);
    m.components.push_back(users);
    for (int i = 0; i < stations; ++i) {
        engine::Component s;
        s.id = "s" + std::to_string(i);
        s.set(engine::Field::ServiceMs, serviceMs);
        m.components.push_back(s);
        engine::Link l;
        l.from = "users";
        l.to = s.id;
        m.links.push_back(l);
    }
    return m;
}

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
    engine::sim::SimulationOptions options;
    options.replications = replications;
    options.threads = 1;
    options.durationS = static_cast<double>(state.range(0)) / rate;
    options.warmupS = 0.0;
    runPlan(state, solver, options);
}

// The SimPy comparison's M/M/1: rho 0.8, customers as in simpy_compare.py.
void BM_SimulateMM1(benchmark::State& state)
{
    const engine::Solver solver = compile(tandem(1, 80.0, 10.0));
    runCustomers(state, solver, 80.0, 2);
}
BENCHMARK(BM_SimulateMM1)->Arg(200000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

// The SimPy comparison's 50-station network: every customer visits 50 M/M/1 at rho 0.5.
void BM_SimulateTandem50(benchmark::State& state)
{
    const engine::Solver solver = compile(tandem(50, 50.0, 10.0));
    runCustomers(state, solver, 50.0, 2);
}
BENCHMARK(BM_SimulateTandem50)->Arg(20000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

// The target: 10 replications of the 200-component model at the default length
// (100,000 requests each, a tenth more as warm-up) on two threads, under 2 s.
void BM_Simulate200Default(benchmark::State& state)
{
    const engine::Solver solver = compile(bench::generateModel({200, false, true, 42}));
    engine::sim::SimulationOptions options;
    options.threads = static_cast<unsigned>(state.range(0));
    runPlan(state, solver, options);
}
BENCHMARK(BM_Simulate200Default)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime()->Iterations(3);

} // namespace

BENCHMARK_MAIN();
