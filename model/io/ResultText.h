// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/Result.h"

#include <string>

namespace headroom::model {

/// `solve` without --json: a summary line, then aligned tables of components,
/// pools and replicas, then the warnings.
std::string resultToText(const engine::Model& model, const engine::SolveResult& result);

/// One sentence: "stable; bottleneck db at 41.2% (2.43x headroom)".
std::string resultSummary(const engine::Model& model, const engine::SolveResult& result);

} // namespace headroom::model
