// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "project/Project.h"

#include <QDateTime>
#include <QLockFile>
#include <QString>

#include <chrono>
#include <vector>

namespace headroom::model {

/// One recovery file found on disk.
struct RecoveryEntry {
    QString path;           ///< the recovery file
    QString documentPath;   ///< the document it is a copy of; empty for an untitled document
    QDateTime saved;        ///< when it was written (UTC)
    std::string modelName;  ///< the model's name, to show in the "restore?" question
    bool inUse = false;     ///< a running editor owns it (RecoveryLock): not left by a crash
    engine::Issues problems; ///< why it cannot be read (offer to delete it); empty if it can
};

/// Where autosaved copies of open documents live, so that after a crash the next start can
/// offer them back. One file per document ("slot"), written with saveProject, so that a
/// crash during an autosave leaves the previous autosave.
class RecoveryStore {
public:
    /// QStandardPaths::AppDataLocation + "/recovery".
    static QString defaultDirectory();

    explicit RecoveryStore(QString directory = defaultDirectory());

    [[nodiscard]] const QString& directory() const { return m_directory; }

    /// The recovery file of a document: a saved document's follows from its absolute path
    /// (the same document always gets the same slot); an untitled document's from a key the
    /// editor keeps for it (a QUuid, say).
    [[nodiscard]] QString slotFor(const QString& documentPath, const QString& untitledKey = {}) const;

    /// Writes the project to the document's slot, recording which document it copies.
    engine::Checked<ProjectMetadata> write(const Project& project, const QString& documentPath,
                                           const QString& untitledKey = {}) const;

    /// Every recovery file present, newest first.
    [[nodiscard]] std::vector<RecoveryEntry> entries() const;

    /// Deletes a recovery file (after a save, a clean close, or when the user declines it).
    bool remove(const QString& recoveryPath) const;

private:
    QString m_directory;
};

/// Held by the editor while a document is open: marks its recovery slot as owned by a live
/// process (a QLockFile beside it), so that a second instance does not offer it back. A
/// crash leaves a stale lock, which RecoveryStore::entries() recognises by the dead process.
class RecoveryLock {
public:
    explicit RecoveryLock(const QString& recoveryPath);
    RecoveryLock(const RecoveryLock&) = delete;
    RecoveryLock& operator=(const RecoveryLock&) = delete;

    [[nodiscard]] bool isLocked() const { return m_lock.isLocked(); }

    /// The lock file that marks a recovery file as in use.
    static QString lockPath(const QString& recoveryPath);

private:
    QLockFile m_lock;
};

/// When the editor autosaves: after `interval` with unsaved edits, or after `edits` edits,
/// whichever comes first.
struct AutosavePolicy {
    std::chrono::seconds interval{180};
    int edits = 50;

    [[nodiscard]] bool due(std::chrono::seconds sinceLastAutosave, int editsSinceLastAutosave) const;
};

} // namespace headroom::model
