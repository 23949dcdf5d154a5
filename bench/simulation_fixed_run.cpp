// SPDX-License-Identifier: MIT
// One fixed-size simulation run, for instruction counts under callgrind (deterministic, so
// a change's effect is measured exactly on a machine too busy for timings):
//
//   valgrind --tool=callgrind --toggle-collect='headroom::engine::sim::NetworkRun::run*'
//       build/bench/simulation_fixed_run mm1
//
// Cases: mm1 (200,000 customers, rho 0.8), tandem50 (20,000 customers through 50 M/M/1 at
// rho 0.5), both 2 replications on one thread as simpy_compare.py runs them; gen200 (the
// 200-component model, 10 replications at the default length, on `threads` threads).
// Prints the events and a few results, so that a change that should keep the numbers can
// be seen to keep them. docs/performance.md, "Simulation".
#include "GeneratedModel.h"
#include "SimulationCases.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using namespace headroom;

void print(const char* name, const std::optional<engine::sim::Estimate>& e)
{
    if (e)
        std::printf("%-22s %.17g [%.17g, %.17g]\n", name, e->mean, e->ciLow, e->ciHigh);
    else
        std::printf("%-22s none\n", name);
}

} // namespace

int main(int argc, char** argv)
{
    const std::string which = argc > 1 ? argv[1] : "";
    const unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 1u;
    engine::Model model;
    engine::sim::SimulationOptions options;
    if (which == "mm1") {
        model = bench::tandemModel(1, 80.0, 10.0);
        options = bench::customersRun(200000, 80.0, 2);
    } else if (which == "tandem50") {
        model = bench::tandemModel(50, 50.0, 10.0);
        options = bench::customersRun(20000, 50.0, 2);
    } else if (which == "gen200") {
        model = bench::generateModel({200, false, true, 42});
        options.threads = threads;
    } else {
        std::fprintf(stderr, "usage: simulation_fixed_run mm1|tandem50|gen200 [threads]\n");
        return 2;
    }
    const engine::Solver solver = bench::compileOrThrow(std::move(model));
    const auto plan = engine::sim::planSimulation(solver, options);
    if (!plan) {
        std::fprintf(stderr, "refused: %s\n", plan.issues().front().message.c_str());
        return 1;
    }
    const engine::sim::SimulationResult r = engine::sim::simulate(solver, *plan);
    std::printf("events                 %llu\n", static_cast<unsigned long long>(r.events));
    print("system mean ms", r.system.meanResponseMs);
    print("system p50 ms", r.system.p50ResponseMs);
    print("system p99 ms", r.system.p99ResponseMs);
    print("system throughput", r.system.throughputRps);
    for (std::size_t i = 0; i < r.components.size(); ++i) {
        const auto& c = r.components[i];
        if (!c.simulated || (i > 3 && i + 2 < r.components.size()))
            continue;
        const std::string id = solver.model().components[i].id;
        print((id + " utilization").c_str(), c.utilization);
        print((id + " mean ms").c_str(), c.meanResponseMs);
        print((id + " p99 ms").c_str(), c.p99ResponseMs);
    }
    for (std::size_t i = 0; i < r.replicas.size() && i < 2; ++i)
        print("replica p99 lag ms", r.replicas[i].p99LagMs);
    for (std::size_t i = 0; i < r.pools.size() && i < 2; ++i)
        print("pool mean wait ms", r.pools[i].meanWaitMs);
    return 0;
}
