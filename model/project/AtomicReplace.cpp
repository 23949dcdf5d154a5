// SPDX-License-Identifier: MIT
#include "project/AtomicReplace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace headroom::model {

namespace {

/// The process umask without changing it (umask(2) would, for a moment, for every thread).
unsigned currentUmask()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("Umask:")) {
                bool ok = false;
                const unsigned mask = line.mid(6).trimmed().toUInt(&ok, 8);
                if (ok)
                    return mask;
            }
        }
    }
    return 022;
}

void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd); // best effort: some file systems cannot sync a folder
    ::close(fd);
}

/// The name every TemporarySibling of `target` starts with: hidden, then the target's name.
QString siblingPrefix(const QFileInfo& target)
{
    return QStringLiteral(".") + target.fileName() + QStringLiteral(".");
}

const QLatin1String kSavingSuffix(".saving");
/// QTemporaryFile replaces the six X of its template with six characters.
constexpr qsizetype kUniqueCharacters = 6;

/// Whether another process holds one of SQLite's locks on the file. SQLite's unix VFS locks
/// the byte range from its "pending byte" (offset 2^30) on with fcntl; F_GETLK reports any
/// conflicting lock of another process without taking one. (It cannot see this process's own
/// locks, but this process saves on one thread and never cleans up during its own save.)
bool lockedBySqlite(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    constexpr off_t kPendingByte = 0x40000000;
    constexpr off_t kLockedBytes = 512; // pending, reserved and the 510 shared bytes
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = kPendingByte;
    probe.l_len = kLockedBytes;
    const bool locked = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::close(fd);
    return locked;
}

} // namespace

QStringList removeLeftoverSiblings(const QString& target, std::chrono::seconds minimumAge)
{
    const QFileInfo info(QFileInfo(target).absoluteFilePath());
    const QString prefix = siblingPrefix(info);
    const QDir folder = info.absoluteDir();
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-minimumAge.count());
    QStringList removed;
    // Hidden files are listed only with QDir::Hidden; the name filter is checked by hand since
    // a target's name may hold wildcard characters.
    for (const QFileInfo& file : folder.entryInfoList(QDir::Files | QDir::Hidden | QDir::System)) {
        const QString name = file.fileName();
        // The exact length keeps "plan"'s cleanup away from ".plan.headroom.XXXXXX.saving".
        if (!name.startsWith(prefix) || !name.endsWith(kSavingSuffix) ||
            name.size() != prefix.size() + kUniqueCharacters + kSavingSuffix.size())
            continue;
        if (file.lastModified().toUTC() > before || lockedBySqlite(file.absoluteFilePath()))
            continue;
        QFile::remove(file.absoluteFilePath() + QStringLiteral("-journal"));
        if (QFile::remove(file.absoluteFilePath()))
            removed << file.absoluteFilePath();
    }
    return removed;
}

QFileDevice::Permissions newFilePermissions()
{
    const unsigned mode = 0666u & ~currentUmask();
    QFileDevice::Permissions permissions;
    const auto grant = [&](unsigned bit, QFileDevice::Permission permission) {
        if (mode & bit)
            permissions |= permission;
    };
    grant(0400, QFileDevice::ReadOwner);
    grant(0400, QFileDevice::ReadUser);
    grant(0200, QFileDevice::WriteOwner);
    grant(0200, QFileDevice::WriteUser);
    grant(0040, QFileDevice::ReadGroup);
    grant(0020, QFileDevice::WriteGroup);
    grant(0004, QFileDevice::ReadOther);
    grant(0002, QFileDevice::WriteOther);
    return permissions;
}

TemporarySibling::TemporarySibling(const QString& target) : m_target(QFileInfo(target).absoluteFilePath())
{
    const QFileInfo info(m_target);
    QTemporaryFile file(info.absolutePath() + u'/' + siblingPrefix(info) + QString(kUniqueCharacters, u'X') + kSavingSuffix);
    file.setAutoRemove(false);
    if (!file.open()) {
        m_error = "cannot create a file in the folder " + info.absolutePath().toStdString() + ": " +
                  file.errorString().toStdString();
        return;
    }
    m_path = file.fileName();
    file.close();
}

TemporarySibling::~TemporarySibling()
{
    if (m_path.isEmpty())
        return;
    QFile::remove(m_path);
    QFile::remove(m_path + QStringLiteral("-journal"));
}

std::optional<std::string> TemporarySibling::replaceTarget(QFileDevice::Permissions permissions)
{
    if (m_path.isEmpty())
        return m_error;
    QFile::setPermissions(m_path, permissions);
    // A journal left beside the target belongs to the file being replaced (or to one deleted
    // after a crash): SQLite would "roll it back" into the new file. It goes first.
    for (const QLatin1String suffix : {QLatin1String("-journal"), QLatin1String("-wal"), QLatin1String("-shm")}) {
        const QString stale = m_target + suffix;
        if (QFileInfo::exists(stale) && !QFile::remove(stale))
            return "cannot remove " + stale.toStdString() + ", left beside the file by an earlier program";
    }
    if (::rename(QFile::encodeName(m_path).constData(), QFile::encodeName(m_target).constData()) != 0)
        return "cannot replace the file: " + std::string(std::strerror(errno));
    m_path.clear();
    syncFolder(QFileInfo(m_target).absolutePath());
    return std::nullopt;
}

} // namespace headroom::model
