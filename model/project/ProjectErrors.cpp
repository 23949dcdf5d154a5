// SPDX-License-Identifier: MIT
#include "project/ProjectErrors.h"

#include <sqlite3.h>

namespace headroom::model {

std::string explainFailure(const sqlite::Status& status, FileOperation operation)
{
    const bool saving = operation == FileOperation::Save;
    const std::string unchanged = saving ? ": the project was not saved and the file on disk is unchanged" : "";
    std::string words;
    switch (status.failure()) {
    case sqlite::Failure::None:
        return "no error";
    case sqlite::Failure::Busy:
        words = "is locked by another program (still busy after " + std::to_string(sqlite::kBusyTimeoutMs) +
                " ms); close the project there, or wait, and try again" + unchanged;
        break;
    case sqlite::Failure::ReadOnly:
        if (status.code() == SQLITE_READONLY_ROLLBACK)
            words = "was left half-saved by a crash and is read-only, so the interrupted save cannot be "
                    "rolled back; make the file writable and open it again";
        else if (status.code() == SQLITE_READONLY_DIRECTORY)
            words = "is in a folder that cannot be written to (the save journal cannot be created there)" +
                    unchanged;
        else
            words = "is read-only" + unchanged;
        break;
    case sqlite::Failure::Full:
        words = saving ? "the disk is full" + unchanged : "the disk is full";
        break;
    case sqlite::Failure::NotADatabase:
        words = "is not a Headroom project: not an SQLite database, or its header is damaged";
        break;
    case sqlite::Failure::Corrupt:
        words = "is damaged (truncated or overwritten) and cannot be read as a project" + unchanged;
        break;
    case sqlite::Failure::CantOpen:
        words = saving ? "cannot be written: the file or its save journal cannot be created (is the folder "
                         "writable?)" + unchanged
                       : "cannot be opened";
        break;
    case sqlite::Failure::Io:
        words = "an input/output error occurred" + unchanged;
        break;
    case sqlite::Failure::TooBig:
        words = "holds a value larger than " + std::to_string(sqlite::kMaxValueBytes / (1024 * 1024)) +
                " MiB, which projects do not allow" + unchanged;
        break;
    case sqlite::Failure::NoMemory:
        words = "out of memory" + unchanged;
        break;
    case sqlite::Failure::Other:
        words = "SQLite failed" + unchanged;
        break;
    }
    return words + " (" + status.describe() + ")";
}

} // namespace headroom::model
