// SPDX-License-Identifier: MIT
#include "project/ProjectErrors.h"

#include <QFile>
#include <QFileInfo>

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
            words = "has the journal of an unfinished change beside it, which Headroom does not roll back "
                    "into the file" + unchanged;
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

bool hotJournalBeside(const QString& path)
{
    const QString journal = path + QStringLiteral("-journal");
    const QFileInfo info(journal);
    if (!info.exists())
        return false;
    // SQLite counts a journal it cannot read as hot; a pipe or a device is never read here.
    if (!info.isFile())
        return true;
    QFile file(journal);
    if (!file.open(QIODevice::ReadOnly))
        return true;
    const QByteArray first = file.read(1);
    return !first.isEmpty() && first[0] != '\0';
}

std::string hotJournalMessage(const QString& path)
{
    const std::string name = QFileInfo(path).fileName().toStdString();
    const std::string journal = name + "-journal";
    return "has the journal of an unfinished change beside it (" + journal +
           "): an SQLite program stopped while writing to the file, or the journal was left behind when the "
           "file was copied or restored from a backup. Opening would roll that journal back into the file, "
           "which is right only if it belongs to this very file, so the file was not opened and nothing was "
           "changed. If the file was copied or restored on its own, move " +
           journal + " away and open the file again; if an SQLite program was writing to it when it stopped, "
                     "open it once in that program (or run: sqlite3 " +
           name + " \"PRAGMA quick_check\") to finish the rollback";
}

std::string pendingWalMessage(const QString& path)
{
    const std::string name = QFileInfo(path).fileName().toStdString();
    return "has changes that are not in the file yet, in its write-ahead log " + name +
           "-wal (an SQLite program has the file open in WAL mode, or stopped before merging the log). Reading "
           "them would write them into the file, so the file was not opened and nothing was changed. Close the "
           "program that has it open; if none has, merge the log into the file (run: sqlite3 " +
           name + " \"PRAGMA wal_checkpoint(TRUNCATE)\") and open it again";
}

} // namespace headroom::model
