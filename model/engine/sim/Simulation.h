// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/sim/LoadProfile.h"
#include "engine/sim/NetworkRun.h"
#include "engine/sim/SimulationResult.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>

namespace headroom::engine {
class Solver;
}

namespace headroom::engine::sim {

/// What to simulate (spec section 9). Empty optionals take the contract's defaults.
struct SimulationOptions {
    double multiplier = 1.0;            ///< times every rate_rps (open) or users (closed, rounded)
    int replications = 10;
    std::optional<double> durationS;    ///< measured per replication; default: 100,000 requests
    std::optional<double> warmupS;      ///< default: duration / 10
    std::uint64_t seed = 1;
    double confidence = 0.95;
    std::optional<LoadProfile> profile; ///< load over time (spec 9.1): no warm-up, the run lasts to its end
    std::optional<double> bucketS;      ///< timeline bucket; default: 200 buckets over the run
    unsigned threads = 0;               ///< 0: one per core (at most one per replication)
    double memoryBudgetBytes = 2.0 * 1024 * 1024 * 1024;
};

/// The options checked and completed: what simulate() runs.
struct SimulationPlan {
    SimulationOptions options;
    double durationS = 0.0;
    double warmupS = 0.0;
    double bucketS = 0.0;               ///< with a profile
    unsigned threads = 1;
    double estimatedBytes = 0.0;        ///< the memory the run is expected to hold at its peak
    std::vector<DrainWatch> watches;    ///< with a profile: components overloaded at some time
    Issues warnings;
};

/// Checks the options against the model and fills in the defaults. Issues are about the
/// option (Subject::argument: "replications", "confidence", "duration_s", "warmup_s", "bucket_s",
/// "multiplier") or the profile's point; a run that would need more memory than the
/// budget is refused, naming what makes it long.
Checked<SimulationPlan> planSimulation(const Solver& solver, const SimulationOptions& options);

struct SimulationProgress {
    double fraction = 0.0;      ///< of all replications' simulated time, 0 to 1
    std::uint64_t events = 0;
    int replicationsDone = 0;
};

/// How a caller follows and stops a run. `onProgress` is called on the thread that
/// called simulate(), about ten times a second, never concurrently; `stop` cancels
/// (the result is then SimulationStatus::Cancelled with no figures).
struct SimulationControl {
    std::function<void(const SimulationProgress&)> onProgress;
    std::stop_token stop;
};

/// Runs the plan's replications in parallel, one worker thread per core, and returns
/// every figure with its interval and verdict. Replication i uses streams derived from
/// the seed and i only, so the numbers do not depend on the number of threads.
SimulationResult simulate(const Solver& solver, const SimulationPlan& plan, const SimulationControl& control = {});

} // namespace headroom::engine::sim
