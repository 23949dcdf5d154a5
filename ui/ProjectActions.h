// SPDX-License-Identifier: MIT
#pragma once

#include "ProjectPrompts.h"

#include "project/Project.h"

#include <QtCore/QObject>
#include <QtCore/QString>

class QMenu;
class QWidget;

namespace headroom::model {
class Autosaver;
class Document;
} // namespace headroom::model

namespace headroom::ui {

class RecentFiles;

/// What the File menu does with the document: open and save `.headroom` projects (model,
/// layout, scenarios, settings) and `.json` models, the recent files, the unsaved-changes
/// question, autosave to a recovery file and the offer to restore one after a crash. It
/// owns which file the document is; the window shows it (fileChanged, documentReplaced).
class ProjectActions : public QObject {
    Q_OBJECT

public:
    /// Dialogs open over `window`, which also owns this.
    ProjectActions(QWidget* window, model::Document* document);

    /// Replaces the dialogs (tests give fixed answers).
    void setPrompts(ProjectPrompts prompts) { m_prompts = std::move(prompts); }
    [[nodiscard]] ProjectPrompts& prompts() { return m_prompts; }

    /// The document's file (absolute), empty while it has none (new, or a bundled example).
    [[nodiscard]] const QString& currentFile() const { return m_file; }
    /// The name shown while there is no file ("Untitled", the example's name).
    [[nodiscard]] const QString& untitledName() const { return m_untitledName; }
    /// The file's name, or the untitled name.
    [[nodiscard]] QString documentName() const;
    /// The project settings the document is saved with (the defaults for a JSON model).
    [[nodiscard]] const model::ProjectSettings& settings() const { return m_settings; }
    /// Changes the settings (File > Project Settings): unsaved until the next save. A JSON
    /// model cannot hold them; saving one says so.
    void setSettings(const model::ProjectSettings& settings);
    /// Unsaved edits to the model or to the settings.
    [[nodiscard]] bool isModified() const;
    [[nodiscard]] model::Autosaver* autosaver() const { return m_autosaver; }
    [[nodiscard]] RecentFiles* recentFiles() const { return m_recent; }

    /// The document was just emptied (File > New): no file, default settings.
    void startUntitled(const QString& name);
    /// Opens a project or a JSON model (or a bundled example, ":/examples/..."). A file that
    /// cannot be read leaves the document alone and returns the reasons, naming the file.
    bool open(const QString& path, QString* error = nullptr);
    /// Saves to `path`: a `.json` name writes the model as JSON, any other a project. On
    /// failure the document stays unsaved and the file on disk as it was.
    bool saveTo(const QString& path, QString* error = nullptr);
    /// Saves to the current file, or asks where; reports a failure. Whether it was saved.
    bool save();
    bool saveAs();
    /// Asks for a file and opens it (after the unsaved-changes question).
    void openDialog();
    /// Opens a recent file; one that is gone is dropped from the list, with a message.
    void openRecent(const QString& path);
    /// Asks whether to save unsaved changes: true to go on (saved or discarded), false to stay.
    bool maybeSave();
    /// At start: offers the recovery files crashes left (RecoveryOffer) and restores the one
    /// chosen as unsaved changes to the document it copies. Whether one was restored.
    bool offerRecovery();

    /// File > Open Recent, added to `fileMenu`.
    QMenu* addRecentMenu(QMenu* fileMenu);

signals:
    /// The document's file or its name changed (for the title).
    void fileChanged();
    /// Another document took the place of the one shown.
    void documentReplaced();
    /// Something to tell in the status bar.
    void message(const QString& text);
    /// The settings changed: edited (unsaved, for the title's marker), or another document
    /// (with its own) came in.
    void settingsChanged();

private:
    [[nodiscard]] model::Project snapshot() const;
    /// saveTo, telling the user how it went.
    bool saveReporting(const QString& path);
    void adopt(model::Project project, const QString& file, const QString& untitledName);
    void removeLeftovers(const QString& file);

    QWidget* m_window = nullptr;
    model::Document* m_document = nullptr;
    model::Autosaver* m_autosaver = nullptr;
    RecentFiles* m_recent = nullptr;
    ProjectPrompts m_prompts;
    model::ProjectSettings m_settings;
    bool m_settingsModified = false;
    QString m_file;
    QString m_untitledName;
};

} // namespace headroom::ui
