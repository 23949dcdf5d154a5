// SPDX-License-Identifier: MIT
#pragma once

#include "project/SqliteConnection.h"

#include <QString>

#include <cstdint>
#include <string>

namespace headroom::model {

/// What was being done when SQLite failed, for words that say what happened to the file.
enum class FileOperation : std::uint8_t { Open, Save };

/// An SQLite failure in words a user can act on, with SQLite's own message and code at the
/// end ("is locked by another program ... (database is locked, SQLITE_BUSY)").
std::string explainFailure(const sqlite::Status& status, FileOperation operation);

/// Whether SQLite would take the rollback journal beside `path` for the journal of an
/// unfinished change (a "hot" journal: a regular file whose header is written) and roll it
/// back into the file on opening.
bool hotJournalBeside(const QString& path);

/// Why a project with a hot journal beside it is not opened, and what to do about it.
std::string hotJournalMessage(const QString& path);

/// Why a project with a write-ahead log beside it that holds changes is not opened, and
/// what to do about it.
std::string pendingWalMessage(const QString& path);

} // namespace headroom::model
