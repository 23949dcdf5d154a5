// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"

namespace headroom::model {

/// Horizontal and vertical distance between the centres of laid-out components.
inline constexpr double kLayoutColumnStep = 200.0;
inline constexpr double kLayoutRowStep = 120.0;

/// Gives a diagram position to every component that lacks x or y. When none has a
/// position, the whole model is laid out in columns that follow the traffic (clients
/// on the left, each component one column right of its furthest caller); otherwise
/// the newcomers go in a row under the existing diagram. Positioned components keep theirs.
void layoutMissingPositions(engine::Model& model);

} // namespace headroom::model
