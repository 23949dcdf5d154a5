// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/Result.h"

#include <string>
#include <string_view>

namespace headroom::model {

/// `solve` without --json: a summary line, then aligned tables of components,
/// pools and replicas, then the warnings.
std::string resultToText(const engine::Model& model, const engine::SolveResult& result);

/// One sentence: "stable; bottleneck db at 41.2% (2.43x headroom)".
std::string resultSummary(const engine::Model& model, const engine::SolveResult& result);

/// What Status::NotConverged means, where a table flags figures that did not settle.
inline constexpr std::string_view kNotConvergedNote = "an iteration did not settle; figures are its last iterate";

/// A line for a text table's foot when `status` is NotConverged ("NOT CONVERGED at 3x, 4x: ..."),
/// naming the multipliers it happened at; empty otherwise.
std::string notConvergedLine(engine::Status status, std::string_view where = {});

} // namespace headroom::model
