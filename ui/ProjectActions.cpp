// SPDX-License-Identifier: MIT
#include "ProjectActions.h"

#include "Format.h"
#include "RecentFiles.h"

#include "document/Autosaver.h"
#include "document/Document.h"
#include "document/DocumentProject.h"
#include "document/IssueText.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"
#include "project/AtomicReplace.h"
#include "project/ProjectFile.h"
#include "project/RecoveryOffer.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtGui/QUndoStack>
#include <QtWidgets/QMenu>
#include <QtWidgets/QWidget>

namespace headroom::ui {

namespace {

bool isBundled(const QString& path)
{
    return path.startsWith(QLatin1String(":/"));
}

/// The settings an analysis reads (not the view): what a JSON model loses.
bool sameAnalysisSettings(const model::ProjectSettings& a, const model::ProjectSettings& b)
{
    return a.planningMultiplier == b.planningMultiplier && a.targetUtilization == b.targetUtilization &&
           a.targetWait == b.targetWait && a.currency == b.currency;
}

bool isJson(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
}

/// The JSON interchange format: the model only (no settings), as `headroom-cli` reads it.
bool writeJson(const QString& path, const engine::Model& model, QString* error)
{
    const auto failure = model::writeFileAtomically(path, model::writeModelJson(model));
    if (failure && error)
        *error = QStringLiteral("%1: %2").arg(path, QString::fromStdString(*failure));
    return !failure;
}

} // namespace

ProjectActions::ProjectActions(QWidget* window, model::Document* document)
    : QObject(window), m_window(window), m_document(document),
      m_autosaver(new model::Autosaver(document->undoStack(), [this] { return snapshot(); }, this)),
      m_recent(new RecentFiles(this)), m_prompts(ProjectPrompts::dialogs(window))
{
    connect(m_recent, &RecentFiles::openRequested, this, &ProjectActions::openRecent);
    connect(m_autosaver, &model::Autosaver::failed, this,
            [this](const QString& reason) { emit message(tr("Autosave failed: %1").arg(reason)); });
}

QString ProjectActions::documentName() const
{
    return m_file.isEmpty() ? m_untitledName : QFileInfo(m_file).fileName();
}

model::Project ProjectActions::snapshot() const
{
    return model::projectOf(*m_document, m_settings);
}

void ProjectActions::setSettings(const model::ProjectSettings& settings)
{
    if (settings == m_settings)
        return;
    m_settings = settings;
    m_settingsModified = true;
    emit settingsChanged();
}

bool ProjectActions::isModified() const
{
    return m_settingsModified || !m_document->undoStack()->isClean();
}

void ProjectActions::adopt(model::Project project, const QString& file, const QString& untitledName)
{
    m_settings = model::loadProjectInto(*m_document, std::move(project));
    m_settingsModified = false;
    emit settingsChanged();
    m_file = file;
    m_untitledName = untitledName;
    m_autosaver->setDocumentPath(m_file);
    emit documentReplaced();
    emit fileChanged();
}

void ProjectActions::startUntitled(const QString& name)
{
    m_settings = {};
    m_settingsModified = false;
    emit settingsChanged();
    m_file.clear();
    m_untitledName = name;
    m_autosaver->setDocumentPath({});
    emit fileChanged();
}

bool ProjectActions::open(const QString& path, QString* error)
{
    const bool bundled = isBundled(path);
    // Work in progress reopens as it was saved; its problems show in the editor.
    auto loaded = model::loadModelOrProject(path, model::ModelRules::Report);
    if (!loaded) {
        if (error)
            *error = model::issuesText(loaded.issues());
        return false;
    }
    const QString file = bundled ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (const auto& from = loaded->metadata.migratedFrom)
        emit message(tr("%1 is in an older project format (%2): saving it upgrades the file")
                         .arg(QFileInfo(path).fileName())
                         .arg(*from));
    adopt(std::move(loaded).value(), file, bundled ? QFileInfo(path).fileName() : QString());
    if (!bundled) {
        removeLeftovers(file);
        m_recent->add(file);
    }
    return true;
}

bool ProjectActions::saveTo(const QString& path, QString* error)
{
    const QString file = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // Before the save, which removes them silently: the message says what was found.
    removeLeftovers(file);
    if (isJson(file)) {
        if (!writeJson(file, m_document->model(), error))
            return false;
        if (!sameAnalysisSettings(m_settings, {}))
            emit message(tr("%1 holds the model only: the project settings (planning for %2 at %3 utilization) "
                            "are kept in .headroom projects")
                             .arg(QFileInfo(file).fileName(), format::multiplier(m_settings.planningMultiplier),
                                  format::percent(m_settings.targetUtilization)));
        else if (!m_document->measurements().empty())
            emit message(tr("%1 holds the model only: the measurements it was calibrated from are kept in .headroom "
                            "projects (the calibrated fields keep their marks)")
                             .arg(QFileInfo(file).fileName()));
    } else {
        const auto saved = model::saveProject(file, snapshot());
        if (!saved) {
            if (error)
                *error = model::issuesText(saved.issues());
            return false;
        }
    }
    if (file != m_file) {
        m_file = file;
        m_autosaver->setDocumentPath(m_file);
    }
    m_document->undoStack()->setClean();
    m_settingsModified = false;
    m_autosaver->discard(); // also when it was clean already: the copy is of no use now
    m_recent->add(m_file);
    emit fileChanged();
    return true;
}

bool ProjectActions::save()
{
    return m_file.isEmpty() ? saveAs() : saveReporting(m_file);
}

bool ProjectActions::saveAs()
{
    const QString suggested = m_file.isEmpty()
                                  ? QDir::home().filePath(QFileInfo(m_untitledName).completeBaseName() + QStringLiteral(".headroom"))
                                  : m_file;
    const QString path = m_prompts.savePath(suggested);
    return !path.isEmpty() && saveReporting(path);
}

bool ProjectActions::saveReporting(const QString& path)
{
    QString error;
    if (!saveTo(path, &error)) {
        m_prompts.error(tr("Cannot save"), tr("%1 was not saved; the changes are still open here.\n\n%2")
                                               .arg(QFileInfo(path).fileName(), error));
        return false;
    }
    emit message(tr("Saved %1").arg(QFileInfo(path).fileName()));
    return true;
}

void ProjectActions::openDialog()
{
    if (!maybeSave())
        return;
    const QString directory = m_file.isEmpty() ? QString() : QFileInfo(m_file).absolutePath();
    const QString path = m_prompts.openPath(directory);
    if (path.isEmpty())
        return;
    QString error;
    if (!open(path, &error))
        m_prompts.error(tr("Cannot open %1").arg(QFileInfo(path).fileName()), error);
}

void ProjectActions::openRecent(const QString& path)
{
    if (!QFileInfo::exists(path)) {
        m_recent->remove(path);
        m_prompts.error(tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                        tr("%1 no longer exists; it was removed from the recent files.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    if (!maybeSave())
        return;
    QString error;
    if (!open(path, &error))
        m_prompts.error(tr("Cannot open %1").arg(QFileInfo(path).fileName()), error);
}

bool ProjectActions::maybeSave()
{
    if (!isModified())
        return true;
    switch (m_prompts.unsavedChanges(documentName())) {
    case UnsavedChoice::Save:
        return save();
    case UnsavedChoice::Discard:
        m_autosaver->discard();
        return true;
    case UnsavedChoice::Cancel:
        break;
    }
    return false;
}

bool ProjectActions::offerRecovery()
{
    const model::RecoveryOffer offer(m_autosaver->store());
    const std::optional<model::RecoveryEntry> entry = offer.run(m_prompts.recovery);
    // Declining the unsaved-changes question keeps the copy for the next start.
    if (!entry || !maybeSave())
        return false;
    auto project = model::loadProject(entry->path, model::ModelRules::Report);
    if (!project) {
        m_prompts.error(tr("Cannot restore"), model::issuesText(project.issues()));
        return false;
    }
    adopt(std::move(project).value(), entry->documentPath, tr("Untitled"));
    // The restored work is not in the document's file: it is unsaved until saved.
    m_document->undoStack()->resetClean();
    // Copied to this window's own slot before the old copy goes, so that it is never unprotected.
    if (m_autosaver->autosaveNow() && m_autosaver->recoveryPath() != entry->path)
        m_autosaver->store().remove(entry->path);
    emit message(tr("Restored the unsaved changes to %1").arg(documentName()));
    return true;
}

QMenu* ProjectActions::addRecentMenu(QMenu* fileMenu)
{
    QMenu* menu = fileMenu->addMenu(tr("Open &Recent"));
    menu->setObjectName(QStringLiteral("recentMenu"));
    m_recent->attach(menu);
    return menu;
}

void ProjectActions::removeLeftovers(const QString& file)
{
    const QStringList removed = model::removeLeftoverSiblings(file);
    if (!removed.isEmpty())
        emit message(tr("Removed %1 left beside %2 by an interrupted save")
                         .arg(format::counted(removed.size(), tr("temporary file"), tr("temporary files")),
                              QFileInfo(file).fileName()));
}

} // namespace headroom::ui
