// SPDX-License-Identifier: MIT
#pragma once

#include <QFileDevice>
#include <QString>

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

/// The permissions a new file gets here: read-write for everyone, less the process umask.
QFileDevice::Permissions newFilePermissions();

} // namespace headroom::model
