// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/Model.h"
#include "engine/Result.h"

#include <string>

namespace headroom::model {

class JsonWriter;

/// The result of `solve --json` (spec section 6): every key for every component,
/// null for infinite values, components keyed by id in model order.
std::string resultToJson(const engine::Model& model, const engine::SolveResult& result);

/// Writes one component's figures as the members of the current object.
void writeComponentFigures(JsonWriter& w, const engine::ComponentResult& r);

/// Errors as `error: <subject>: <message>` lines, one per issue.
std::string formatIssues(const engine::Issues& issues);

} // namespace headroom::model
