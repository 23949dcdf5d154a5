// SPDX-License-Identifier: MIT
#pragma once

#include "Model.h"

#include <string_view>
#include <utility>

namespace headroom::engine {

/// Horizontal and vertical distance between the centres of laid-out components.
inline constexpr double kLayoutColumnStep = 200.0;
inline constexpr double kLayoutRowStep = 120.0;

/// Gives a diagram position to every component that lacks x or y. When none has a
/// position, the whole model is laid out in columns that follow the traffic (clients
/// on the left, each component one column right of its furthest caller); otherwise
/// the newcomers go in a row under the existing diagram. Positioned components keep theirs.
void layoutMissingPositions(Model& model);

/// A diagram position for a component added next to others (an advisor's cache or
/// pooler): `wanted` itself when no card there would overlap another component's,
/// else the nearest spot on a 10 px grid that is clear. `except` is left out of the
/// test (the component being placed, if it is already in the model).
std::pair<double, double> nearestFreeSpot(const Model& model, std::pair<double, double> wanted,
                                          std::string_view except = {});

} // namespace headroom::engine
