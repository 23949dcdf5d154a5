// SPDX-License-Identifier: MIT
#pragma once
// A folder nothing may be written to, for as long as the object lives: chmod for a user;
// for root, whom permissions do not stop, a tmpfs remounted read-only (a mount needs root).

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QString>

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom::testing {

class ReadOnlyFolder {
public:
    /// Creates `path`; prepare() may put files in it, then lock() makes it read-only.
    explicit ReadOnlyFolder(QString path) : m_path(std::move(path))
    {
        QDir().mkpath(m_path);
        if (::geteuid() == 0)
            m_mounted = ::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs", 0, "size=8m,mode=0755") == 0;
    }
    ReadOnlyFolder(const ReadOnlyFolder&) = delete;
    ReadOnlyFolder& operator=(const ReadOnlyFolder&) = delete;
    ~ReadOnlyFolder()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
        else
            ::chmod(QFile::encodeName(m_path).constData(), 0755);
    }

    /// Whether writes can be refused here (root without the right to mount: no).
    [[nodiscard]] bool usable() const { return ::geteuid() != 0 || m_mounted; }

    bool lock()
    {
        if (m_mounted)
            return ::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
        return ::chmod(QFile::encodeName(m_path).constData(), 0555) == 0;
    }

    [[nodiscard]] QString filePath(const QString& name) const { return m_path + u'/' + name; }

private:
    QString m_path;
    bool m_mounted = false;
};

} // namespace headroom::testing
