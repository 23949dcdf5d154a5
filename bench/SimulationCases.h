// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/Solver.h"
#include "engine/sim/Simulation.h"

namespace headroom::bench {

/// Clients at `rate` through `stations` single-server stations of `serviceMs` in series
/// (the clients' sync calls, one after another): 1 arrival and `stations` service
/// completions per customer. The SimPy comparison's models (simpy_compare.py).
engine::Model tandemModel(int stations, double rate, double serviceMs);

/// The model compiled; throws if it does not compile (benchmarks only).
engine::Solver compileOrThrow(engine::Model model);

/// One thread, `replications` replications of `customers` arrivals at `rate` each, no
/// warm-up: what simpy_compare.py runs through headroom-cli.
engine::sim::SimulationOptions customersRun(double customers, double rate, int replications);

} // namespace headroom::bench
