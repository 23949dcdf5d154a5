// SPDX-License-Identifier: MIT
#include "project/RecoveryFile.h"

#include "project/ProjectFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace headroom::model {

namespace {

constexpr qsizetype kMostNameCharacters = 40;
constexpr qsizetype kHashCharacters = 16;

/// A file name made of safe characters only.
QString safeName(const QString& name)
{
    QString safe;
    for (const QChar c : name.left(kMostNameCharacters)) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                           c == u'-' || c == u'_';
        safe += plain ? c : u'_';
    }
    return safe.isEmpty() ? QStringLiteral("project") : safe;
}

} // namespace

QString RecoveryStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

RecoveryStore::RecoveryStore(QString directory) : m_directory(std::move(directory))
{
}

QString RecoveryStore::slotFor(const QString& documentPath, const QString& untitledKey) const
{
    if (documentPath.isEmpty())
        return m_directory + QStringLiteral("/untitled-") + safeName(untitledKey) + QStringLiteral(".headroom");
    const QString absolute = QDir::cleanPath(QFileInfo(documentPath).absoluteFilePath());
    const QByteArray hash =
        QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha256).toHex().left(kHashCharacters);
    return m_directory + u'/' + safeName(QFileInfo(absolute).completeBaseName()) + u'-' +
           QString::fromLatin1(hash) + QStringLiteral(".headroom");
}

engine::Checked<ProjectMetadata> RecoveryStore::write(const Project& project, const QString& documentPath,
                                                      const QString& untitledKey) const
{
    if (!QDir().mkpath(m_directory))
        return engine::Issue{engine::Subject::file(m_directory.toStdString()), "cannot create the recovery folder"};
    Project copy = project;
    copy.metadata.recoveryOf =
        documentPath.isEmpty() ? std::string() : QFileInfo(documentPath).absoluteFilePath().toStdString();
    return saveProject(slotFor(documentPath, untitledKey), copy);
}

std::vector<RecoveryEntry> RecoveryStore::entries() const
{
    std::vector<RecoveryEntry> found;
    const QDir dir(m_directory);
    for (const QFileInfo& file : dir.entryInfoList({QStringLiteral("*.headroom")}, QDir::Files)) {
        RecoveryEntry entry;
        entry.path = file.absoluteFilePath();
        QLockFile lock(RecoveryLock::lockPath(entry.path));
        lock.setStaleLockTime(0);
        // tryLock removes the lock of a process that no longer runs (a crash).
        entry.inUse = !lock.tryLock(0) && lock.error() == QLockFile::LockFailedError;
        auto project = loadProject(entry.path, ModelRules::Report);
        if (project.ok()) {
            const ProjectMetadata& metadata = project->metadata;
            entry.documentPath = QString::fromStdString(metadata.recoveryOf.value_or(std::string()));
            entry.saved = metadata.modified;
            entry.modelName = project->model.name;
        } else {
            entry.problems = project.issues();
            entry.saved = file.lastModified().toUTC();
        }
        found.push_back(std::move(entry));
    }
    std::sort(found.begin(), found.end(),
              [](const RecoveryEntry& a, const RecoveryEntry& b) { return a.saved > b.saved; });
    return found;
}

bool RecoveryStore::remove(const QString& recoveryPath) const
{
    QFile::remove(recoveryPath + QStringLiteral("-journal"));
    return QFile::remove(recoveryPath) || !QFileInfo::exists(recoveryPath);
}

RecoveryLock::RecoveryLock(const QString& recoveryPath) : m_lock(lockPath(recoveryPath))
{
    // Only a dead process makes the lock stale: an editor may keep a document open for days.
    m_lock.setStaleLockTime(0);
    QDir().mkpath(QFileInfo(recoveryPath).absolutePath());
    m_lock.tryLock(0);
}

QString RecoveryLock::lockPath(const QString& recoveryPath)
{
    return recoveryPath + QStringLiteral(".lock");
}

bool AutosavePolicy::due(std::chrono::seconds sinceLastAutosave, int editsSinceLastAutosave) const
{
    if (editsSinceLastAutosave <= 0)
        return false;
    return sinceLastAutosave >= interval || editsSinceLastAutosave >= edits;
}

} // namespace headroom::model
