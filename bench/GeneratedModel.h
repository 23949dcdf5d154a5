// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"

namespace headroom::bench {

struct GeneratedModelOptions {
    int components = 200;   ///< at least this many components (whole services are added)
    bool shedding = false;  ///< give some stations a capacity, so traffic is not linear
    bool retries = true;    ///< small self-loops (retries) on some tiers: routing cycles
    unsigned seed = 42;
    /// App tiers (every fourth service's, the ones that shed) that send 1% of their
    /// requests back through the load balancer: one routing cycle through all of them.
    int retriesThroughFrontDoor = 0;
};

/// A realistic architecture of any size, stable at 1x: clients behind a load
/// balancer fanning out to services, each with an app tier, a cache, a primary
/// with a connection pool and read replicas, some with a job queue, workers and an
/// external API. Deterministic for a seed.
engine::Model generateModel(const GeneratedModelOptions& options);

} // namespace headroom::bench
