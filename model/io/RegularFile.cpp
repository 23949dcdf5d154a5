// SPDX-License-Identifier: MIT
#include "io/RegularFile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom::model {

engine::Checked<QByteArray> readRegularFile(const QString& path, qint64 maxBytes, std::string_view what)
{
    const engine::Subject where = engine::Subject::file(path.toStdString());
    const std::string notRegular =
        "is not a regular file (a named pipe, a device or a socket), so it is not a " + std::string(what);
    QFile file;
    if (path.startsWith(QLatin1String(":/"))) {
        file.setFileName(path);
        if (!QFileInfo(path).isFile())
            return engine::Issue{where, "no such file"};
        if (!file.open(QIODevice::ReadOnly))
            return engine::Issue{where, "cannot be read: " + file.errorString().toStdString()};
    } else {
        // Without O_NONBLOCK, opening a named pipe waits for a writer; the check is made on
        // the file opened, so it cannot be swapped for a pipe after a look at its name.
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            const int error = errno;
            if (error == ENOENT)
                return engine::Issue{where, "no such file"};
            return engine::Issue{where, "cannot be read: " + std::error_code(error, std::generic_category()).message()};
        }
        struct stat info {};
        if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
            const bool folder = S_ISDIR(info.st_mode);
            ::close(fd);
            return engine::Issue{where, folder ? "is a folder, not a " + std::string(what) : notRegular};
        }
        if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            return engine::Issue{where, "cannot be read: " + file.errorString().toStdString()};
        }
    }
    QByteArray bytes = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return engine::Issue{where, "cannot be read: " + file.errorString().toStdString()};
    return bytes;
}

} // namespace headroom::model
