// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "project/SqliteConnection.h"

#include <string>

namespace headroom::model {

/// Brings a project of an older format up to kProjectFormatVersion, one step per format,
/// inside the caller's transaction (so that a failed step leaves nothing half-done).
/// Returns what stopped it, with `subject` (the file) as the subject; empty when done.
engine::Issues migrateProject(sqlite::Connection& db, int fromVersion, const engine::Subject& subject);

} // namespace headroom::model
