// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace headroom::model {

/// The one writer of every file Headroom writes (models, projects, recovery files, reports,
/// exports, screenshots): `bytes` go whole or not at all. They are written into a new hidden
/// file beside the target (".name.XXXXXX.saving"), every write, the fsync and the close are
/// checked, then the file is renamed over the target and the folder synced, so that after a
/// crash or a full disk the target is the old file or the new one, never a mix. A symbolic
/// link is followed (the file it names is replaced, the link stays); an existing file keeps
/// its permissions (and its owner and extended attributes, where the system allows; a hard
/// link to it keeps the old content). An SQLite journal (-journal,
/// -wal, -shm) left beside the target belongs to the file being replaced and is removed.
/// A folder, a file that is not a regular file (a pipe, a device) or a read-only file is
/// refused before anything is written. Hidden files of earlier saves of the target that were
/// killed before their rename are removed after the write (removeLeftoverSiblings).
/// @return why nothing was written, in words with the system's reason ("cannot be written:
/// the disk is full (No space left on device); the file on disk is unchanged"), to be shown
/// with the target as its subject; nothing when the file was written.
std::optional<std::string> writeFileAtomically(const QString& target, QByteArrayView bytes);

/// How long a hidden ".saving" file must have gone untouched before it counts as left by a
/// killed save rather than being written right now by another Headroom.
inline constexpr std::chrono::seconds kLeftoverSavingAge{60};

/// Removes the hidden files (and their journals) that saves of `target` left beside it when
/// they were killed before their rename. A file that another process holds an SQLite lock
/// on (a save by an older Headroom), or that was written to within `minimumAge`, is a save
/// still running and is kept. Returns the files removed.
QStringList removeLeftoverSiblings(const QString& target, std::chrono::seconds minimumAge = kLeftoverSavingAge);

/// Whether another process holds one of SQLite's locks on the file (a reader, a writer, or
/// one about to write). Never takes a lock itself.
bool lockedBySqlite(const QString& path);

/// A failure the writer meets on purpose, for tests: a full disk part way through, a failing
/// fsync, close or rename. Installed on the calling thread by ScopedWriteFault.
struct InjectedWriteFault {
    enum class Call : std::uint8_t { Write, Fsync, Close, Rename };
    Call call = Call::Write;
    int error = 0;          ///< the errno the call fails with (ENOSPC, EIO, ...)
    qint64 afterBytes = 0;  ///< Write: the bytes that still reach the file before the failure
};

/// Makes every writeFileAtomically on this thread meet `fault` while it lives.
class ScopedWriteFault {
public:
    explicit ScopedWriteFault(InjectedWriteFault fault);
    ScopedWriteFault(const ScopedWriteFault&) = delete;
    ScopedWriteFault& operator=(const ScopedWriteFault&) = delete;
    ~ScopedWriteFault();
};

} // namespace headroom::model
