// SPDX-License-Identifier: MIT
// Runs a libFuzzer target's function once on every file of its corpus, without libFuzzer:
// the corpus (and every crash the fuzzer ever found, kept in it) is replayed by every
// build, also the sanitizer build, whatever the compiler.
//   fuzz_replay_<target> DIR|FILE ...
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QFile::decodeName(argv[i]);
        QStringList paths;
        if (QFileInfo(arg).isDir()) {
            for (const QFileInfo& file : QDir(arg).entryInfoList(QDir::Files | QDir::Hidden, QDir::Name))
                paths << file.absoluteFilePath();
        } else {
            paths << arg;
        }
        for (const QString& path : paths) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
                return 1;
            }
            const QByteArray bytes = file.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                   static_cast<std::size_t>(bytes.size()));
            ++files;
        }
    }
    std::printf("replayed %d files\n", files);
    return files > 0 ? 0 : 1;
}
