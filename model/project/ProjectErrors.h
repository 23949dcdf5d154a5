// SPDX-License-Identifier: MIT
#pragma once

#include "project/SqliteConnection.h"

#include <cstdint>
#include <string>

namespace headroom::model {

/// What was being done when SQLite failed, for words that say what happened to the file.
enum class FileOperation : std::uint8_t { Open, Save };

/// An SQLite failure in words a user can act on, with SQLite's own message and code at the
/// end ("is locked by another program ... (database is locked, SQLITE_BUSY)").
std::string explainFailure(const sqlite::Status& status, FileOperation operation);

} // namespace headroom::model
