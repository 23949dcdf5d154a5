// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "project/Project.h"
#include "project/SqliteConnection.h"

#include <string>

namespace headroom::model {

/// Whether every format-1 table exists, as a table, with the columns the reader needs.
/// Issues have `subject` (the file) as their subject and say what is missing.
engine::Issues checkProjectSchema(sqlite::Connection& db, const engine::Subject& subject);

/// Reads a format-1 project, checking every row: types, known kinds and field keys, finite
/// numbers, UTF-8 text, ordinals that run 0, 1, 2 ..., rows that refer to rows that exist,
/// settings in range. The model's own rules are checked by the caller (validateModel).
engine::Checked<Project> readProject(sqlite::Connection& db, const engine::Subject& subject);

} // namespace headroom::model
