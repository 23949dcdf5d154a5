// SPDX-License-Identifier: MIT
#pragma once

#include <QFileDevice>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>
#include <string>

namespace headroom::model {

/// A new, empty, hidden file beside a target (".name.XXXXXX.saving"), to be written in full
/// and then renamed over the target. Removed when it goes out of scope unless renamed.
class TemporarySibling {
public:
    explicit TemporarySibling(const QString& target);
    TemporarySibling(const TemporarySibling&) = delete;
    TemporarySibling& operator=(const TemporarySibling&) = delete;
    ~TemporarySibling();

    /// Empty when the file could not be created; then error() says why.
    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] const std::string& error() const { return m_error; }

    /// Gives the file `permissions`, removes an SQLite journal (-journal, -wal, -shm) left
    /// beside the target, renames the file over the target in one step (POSIX rename) and
    /// flushes the folder, so that after a crash the target is either the old file or the
    /// new one. What went wrong, if anything.
    std::optional<std::string> replaceTarget(QFileDevice::Permissions permissions);

private:
    QString m_target;
    QString m_path;
    std::string m_error;
};

/// How long a hidden ".saving" file must have gone untouched before it counts as left by a
/// killed save rather than being written right now by another Headroom.
inline constexpr std::chrono::seconds kLeftoverSavingAge{60};

/// Removes the hidden files (and their journals) that saves of `target` left beside it when
/// they were killed before their rename (TemporarySibling). A file that another process holds
/// an SQLite lock on, or that was written to within `minimumAge`, is a save still running
/// and is kept. Returns the files removed.
QStringList removeLeftoverSiblings(const QString& target, std::chrono::seconds minimumAge = kLeftoverSavingAge);

/// The permissions a new file gets here: read-write for everyone, less the process umask.
QFileDevice::Permissions newFilePermissions();

} // namespace headroom::model
