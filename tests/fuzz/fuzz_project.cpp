// SPDX-License-Identifier: MIT
// libFuzzer target: the project reader (docs/reliability.md, "Fuzzing"). The input is
// written to a file and opened as a project, as the editor and the command line open one:
// it must read or be refused with issues, never crash, hang or trip a sanitizer, and the
// reader must never change the file.
#include "project/ProjectFile.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <unistd.h>

namespace {

/// One file per process, in memory when the system has /dev/shm; removed at exit.
struct ScratchFile {
    QString path = (QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath()) +
                   QStringLiteral("/headroom-fuzz-project-%1.headroom").arg(::getpid());
    ScratchFile() = default;
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ~ScratchFile() { QFile::remove(path); }
};

const QString& scratchFile()
{
    static const ScratchFile file;
    return file.path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace headroom;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QString& path = scratchFile();
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "cannot write the scratch file %s\n", qPrintable(path));
            std::abort();
        }
    }
    (void)model::loadProject(path, model::ModelRules::Report);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.readAll() != bytes) {
        std::fprintf(stderr, "opening the project changed the file\n");
        std::abort();
    }
    return 0;
}
