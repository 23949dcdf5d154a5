// SPDX-License-Identifier: MIT
#pragma once

namespace headroom::engine {

// The defaults every plan starts from (spec section 7), in one place: the CLI's options,
// a project's settings, the analyses and the editor's panels all read these.

/// The utilization a plan keeps the busiest instance at or under (the common 70% rule:
/// headroom for spikes before waits grow fast). The diagram turns amber above it.
inline constexpr double kDefaultTargetUtilization = 0.7;
/// The growth the 10x question asks about.
inline constexpr double kDefaultPlanningMultiplier = 10.0;
/// The acceptable chance of waiting for a pooled connection.
inline constexpr double kDefaultTargetWait = 0.05;

} // namespace headroom::engine
