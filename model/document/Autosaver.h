// SPDX-License-Identifier: MIT
#pragma once

#include "project/Project.h"
#include "project/RecoveryFile.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <functional>
#include <memory>

class QUndoStack;

namespace headroom::model {

/// Keeps a recovery copy of one open document (RecoveryStore) while it has unsaved edits:
/// after AutosavePolicy::edits steps of its undo stack or every AutosavePolicy::interval,
/// whichever comes first. The copy goes when the document is clean again (saved, or undone
/// back to the saved state), when another document takes its place, and at a clean exit;
/// only a crash leaves it. While alive it holds the slot's RecoveryLock, so that no other
/// editor offers the copy back.
class Autosaver : public QObject {
    Q_OBJECT

public:
    /// `snapshot` gives the project to write (the document with its settings).
    Autosaver(QUndoStack* stack, std::function<Project()> snapshot, QObject* parent = nullptr);
    /// Removes the recovery copy: destruction is a clean exit, never a crash.
    ~Autosaver() override;

    [[nodiscard]] const AutosavePolicy& policy() const { return m_policy; }
    void setPolicy(AutosavePolicy policy);
    [[nodiscard]] const RecoveryStore& store() const { return m_store; }
    /// Moves the recovery slot to another store (tests use a temporary folder).
    void setStore(RecoveryStore store);

    /// The document is now `path` (empty: a new untitled one): the previous document's copy
    /// goes, and the new slot is locked. Edits are counted from zero.
    void setDocumentPath(const QString& path);
    /// The recovery file of the current document (it may not exist yet).
    [[nodiscard]] QString recoveryPath() const;

    /// Writes the copy now if the document has unsaved edits. Returns whether one was written.
    bool autosaveNow();
    /// Deletes the copy (the document was saved, or its changes discarded).
    void discard();

signals:
    void autosaved(const QString& recoveryPath);
    /// A copy could not be written (the reason names the file); editing goes on.
    void failed(const QString& reason);

private:
    void onIndexChanged();
    void onTick();
    void restartClock();

    QUndoStack* m_stack = nullptr;
    std::function<Project()> m_snapshot;
    AutosavePolicy m_policy;
    RecoveryStore m_store;
    QString m_documentPath;
    QString m_untitledKey;
    std::unique_ptr<RecoveryLock> m_lock;
    QTimer m_timer;
    QElapsedTimer m_sinceAutosave;
    int m_edits = 0;
};

} // namespace headroom::model
