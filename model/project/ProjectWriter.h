// SPDX-License-Identifier: MIT
#pragma once

#include "project/Project.h"
#include "project/SqliteConnection.h"

namespace headroom::model {

/// Creates the format-1 tables and writes every row of the project, with `metadata` as
/// its meta rows, plus the header marks (application_id, user_version). Runs inside the
/// caller's transaction, on a database without the format-1 tables.
sqlite::Status writeProject(sqlite::Connection& db, const Project& project, const ProjectMetadata& metadata);

/// Writes every row of the project into empty format-1 tables (in the caller's transaction).
sqlite::Status writeProjectRows(sqlite::Connection& db, const Project& project, const ProjectMetadata& metadata);

/// A time as the project stores it: ISO 8601 in UTC with milliseconds.
std::string projectTimestamp(const QDateTime& time);

} // namespace headroom::model
