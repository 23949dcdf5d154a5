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

/// At most this many error lines are printed; a last line counts the rest.
inline constexpr std::size_t kMostIssuesShown = 100;
/// Subjects and messages quote the input (ids, kinds, file names); longer ones are cut.
inline constexpr std::size_t kMostSubjectBytes = 200;
inline constexpr std::size_t kMostMessageBytes = 1000;

/// Errors as `error: <subject>: <message>` lines, one per issue (control characters
/// escaped, over-long text cut, at most kMostIssuesShown lines and one that counts the rest).
std::string formatIssues(const engine::Issues& issues);

} // namespace headroom::model
