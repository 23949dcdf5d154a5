// SPDX-License-Identifier: MIT
#include "project/AtomicReplace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace headroom::model {

namespace {

thread_local std::optional<InjectedWriteFault> t_fault;

/// The process umask without changing it (umask(2) would, for a moment, for every thread).
mode_t currentUmask()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("Umask:")) {
                bool ok = false;
                const unsigned mask = line.mid(6).trimmed().toUInt(&ok, 8);
                if (ok)
                    return static_cast<mode_t>(mask);
            }
        }
    }
    return 022;
}

/// The system's reason for `error`, with plain words first for the failures a user can act on.
std::string reason(int error)
{
    const std::string system = std::error_code(error, std::generic_category()).message();
    switch (error) {
    case ENOSPC:
        return "the disk is full (" + system + ")";
    case EDQUOT:
        return "the disk quota is used up (" + system + ")";
    case EFBIG:
        return "the file would be larger than the system allows (" + system + ")";
    case EROFS:
        return "the file system is read-only (" + system + ")";
    case EIO:
        return "an input/output error occurred (" + system + ")";
    default:
        return system;
    }
}

bool injected(InjectedWriteFault::Call call)
{
    if (t_fault && t_fault->call == call) {
        errno = t_fault->error;
        return true;
    }
    return false;
}

/// write(2) until every byte is written; false with errno set on failure.
bool writeAll(int fd, QByteArrayView bytes)
{
    const char* data = bytes.data();
    qint64 left = bytes.size();
    qint64 written = 0;
    while (left > 0) {
        qint64 chunk = left;
        if (t_fault && t_fault->call == InjectedWriteFault::Call::Write) {
            if (written >= t_fault->afterBytes) {
                errno = t_fault->error;
                return false;
            }
            chunk = std::min(chunk, t_fault->afterBytes - written);
        }
        const ssize_t n = ::write(fd, data, static_cast<size_t>(chunk));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        left -= n;
        written += n;
    }
    return true;
}

int closeChecked(int fd)
{
    const int rc = ::close(fd);
    if (injected(InjectedWriteFault::Call::Close))
        return -1;
    return rc;
}

/// Copies the extended attributes of the file being replaced (ACLs, labels, user attributes)
/// to the new one, as far as the system allows: best effort, like the owner.
void copyExtendedAttributes(const QByteArray& from, int to)
{
    const ssize_t size = ::listxattr(from.constData(), nullptr, 0);
    if (size <= 0)
        return;
    QByteArray names(size, '\0');
    const ssize_t listed = ::listxattr(from.constData(), names.data(), static_cast<size_t>(names.size()));
    if (listed <= 0)
        return;
    for (const QByteArray& name : names.left(listed).split('\0')) {
        if (name.isEmpty())
            continue;
        const ssize_t valueSize = ::getxattr(from.constData(), name.constData(), nullptr, 0);
        if (valueSize < 0)
            continue;
        QByteArray value(valueSize, '\0');
        const ssize_t read = ::getxattr(from.constData(), name.constData(), value.data(), static_cast<size_t>(value.size()));
        if (read >= 0)
            (void)::fsetxattr(to, name.constData(), value.constData(), static_cast<size_t>(read), 0);
    }
}

void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    // Best effort: some file systems cannot sync a folder, and the rename has happened.
    ::fsync(fd);
    ::close(fd);
}

/// The name every temporary file of `target` starts with: hidden, then the target's name.
QString siblingPrefix(const QFileInfo& target)
{
    return QStringLiteral(".") + target.fileName() + QStringLiteral(".");
}

const QLatin1String kSavingSuffix(".saving");
/// mkostemps replaces the six X of its template with six characters.
constexpr qsizetype kUniqueCharacters = 6;

/// The file a write to `target` replaces: the target, or the file a symbolic link names.
QString resolvedTarget(const QString& target)
{
    const QFileInfo info(target);
    if (!info.isSymLink())
        return info.absoluteFilePath();
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.symLinkTarget() : canonical; // a dangling link: its target is created
}

/// The hidden file being written, removed unless it was renamed into place.
class Temporary {
public:
    explicit Temporary(const QFileInfo& target)
    {
        m_name = QFile::encodeName(target.absolutePath() + u'/' + siblingPrefix(target) +
                                   QString(kUniqueCharacters, u'X') + kSavingSuffix);
        m_fd = ::mkostemps(m_name.data(), static_cast<int>(kSavingSuffix.size()), O_CLOEXEC);
        if (m_fd < 0)
            m_name.clear();
    }
    Temporary(const Temporary&) = delete;
    Temporary& operator=(const Temporary&) = delete;
    ~Temporary()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_name.isEmpty())
            ::unlink(m_name.constData());
    }

    [[nodiscard]] int fd() const { return m_fd; }
    [[nodiscard]] const QByteArray& name() const { return m_name; }
    /// Closes the file, checking the close (a network file system reports late errors here).
    bool close()
    {
        const int fd = std::exchange(m_fd, -1);
        return closeChecked(fd) == 0;
    }
    /// After the rename: nothing left to remove.
    void release() { m_name.clear(); }

private:
    QByteArray m_name;
    int m_fd = -1;
};

} // namespace

bool lockedBySqlite(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    // SQLite's unix VFS locks the byte range from its "pending byte" (offset 2^30) on with
    // fcntl; F_GETLK reports any conflicting lock of another process without taking one. (It
    // cannot see this process's own locks, but this process never holds one past a call.)
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

QStringList removeLeftoverSiblings(const QString& target, std::chrono::seconds minimumAge)
{
    const QFileInfo info(resolvedTarget(target));
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

std::optional<std::string> writeFileAtomically(const QString& requested, QByteArrayView bytes)
{
    const QString target = resolvedTarget(requested);
    const QByteArray targetName = QFile::encodeName(target);
    struct stat existing {};
    const bool exists = ::stat(targetName.constData(), &existing) == 0;
    const std::string unchanged = exists ? "; the file on disk is unchanged" : "; no file was created";
    const auto fail = [&](const std::string& what) { return std::optional<std::string>(what + unchanged); };
    if (exists && S_ISDIR(existing.st_mode))
        return fail("is a folder");
    if (exists && !S_ISREG(existing.st_mode))
        return fail("is not a regular file (a pipe, a device or a socket); choose another name");
    if (exists && ::access(targetName.constData(), W_OK) != 0)
        return fail("is read-only");

    const QFileInfo info(target);
    Temporary temporary(info);
    if (temporary.fd() < 0) {
        const int error = errno;
        return fail("cannot create a file in the folder " + info.absolutePath().toStdString() + ": " + reason(error));
    }
    const auto failed = [&](const char* step) {
        const int error = errno;
        return fail(std::string(step) + ": " + reason(error));
    };
    if (!writeAll(temporary.fd(), bytes))
        return failed("cannot be written");
    // The new file gets the old one's permissions and, where allowed, its owner.
    const mode_t mode = exists ? (existing.st_mode & 07777) : (0666 & ~currentUmask());
    if (exists)
        (void)::fchown(temporary.fd(), existing.st_uid, existing.st_gid); // only root may give a file away
    if (::fchmod(temporary.fd(), mode) != 0)
        return failed("cannot be written (setting its permissions)");
    if (exists)
        copyExtendedAttributes(targetName, temporary.fd());
    if (::fsync(temporary.fd()) != 0 || injected(InjectedWriteFault::Call::Fsync))
        return failed("cannot be written (flushing it to disk)");
    if (!temporary.close())
        return failed("cannot be written (closing it)");
    // A journal left beside the target belongs to the file being replaced (or to one deleted
    // after a crash): SQLite would "roll it back" into the new file. It goes first.
    for (const QLatin1String suffix : {QLatin1String("-journal"), QLatin1String("-wal"), QLatin1String("-shm")}) {
        const QByteArray stale = targetName + QByteArray(suffix.data(), suffix.size());
        if (::unlink(stale.constData()) != 0 && errno != ENOENT) {
            const int error = errno;
            return fail("cannot remove " + QFile::decodeName(stale).toStdString() +
                        ", left beside the file by an earlier program: " + reason(error));
        }
    }
    if (injected(InjectedWriteFault::Call::Rename) || ::rename(temporary.name().constData(), targetName.constData()) != 0)
        return failed("cannot replace the file");
    temporary.release();
    syncFolder(info.absolutePath());
    removeLeftoverSiblings(target);
    return std::nullopt;
}

ScopedWriteFault::ScopedWriteFault(InjectedWriteFault fault)
{
    t_fault = fault;
}

ScopedWriteFault::~ScopedWriteFault()
{
    t_fault.reset();
}

} // namespace headroom::model
