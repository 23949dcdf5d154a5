// SPDX-License-Identifier: MIT
// A small program the project tests run as a separate process, for what cannot happen
// inside the test itself: being killed in the middle of a save, running as another user,
// writing under a file size limit, holding a recovery lock when it dies.
//
//   project_test_helper save-loop PATH FIRST     saves crashProject(FIRST), (FIRST + 1), ... for ever,
//                                                printing "begin N" before and "done N" after each save
//   project_test_helper save PATH COMPONENTS     saves one generated project; errors on stderr, exit 1
//   project_test_helper save-limited PATH BYTES  the same with 3,000 components under RLIMIT_FSIZE = BYTES
//   project_test_helper hold-lock RECOVERY       holds the RecoveryLock of a recovery file until killed
//   project_test_helper load PATH                opens a project; errors on stderr, exit 1
//   project_test_helper hold-sqlite-lock PATH SQL runs SQL on a plain SQLite connection (BEGIN ...),
//                                                prints "locked" and holds the lock until killed

#include "ProjectFixtures.h"

#include "project/ProjectFile.h"
#include "project/RecoveryFile.h"

#include <QtCore/QCoreApplication>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/resource.h>
#include <unistd.h>

using namespace headroom;

namespace {

/// Writes a line straight to the pipe: nothing may wait in a buffer when the process is killed.
void say(const std::string& line)
{
    const std::string text = line + "\n";
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data() + written, text.size() - written);
        if (n <= 0)
            std::_Exit(3);
        written += static_cast<std::size_t>(n);
    }
}

int report(const engine::Issues& issues)
{
    for (const engine::Issue& issue : issues)
        std::fprintf(stderr, "error: %s: %s\n", engine::subjectText(issue.subject).c_str(), issue.message.c_str());
    return 1;
}

int saveLoop(const QString& path, long long first)
{
    for (long long counter = first;; ++counter) {
        const model::Project project = testing::crashProject(counter);
        say("begin " + std::to_string(counter));
        const auto saved = model::saveProject(path, project);
        if (!saved.ok())
            return report(saved.issues());
        say("done " + std::to_string(counter));
    }
}

int saveOnce(const QString& path, int components)
{
    model::Project project;
    project.model = testing::generatedModel(components);
    const auto saved = model::saveProject(path, project);
    return saved.ok() ? 0 : report(saved.issues());
}

int saveLimited(const QString& path, long long bytes)
{
    // Past the limit write() fails with EFBIG instead of the signal killing the process.
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) {
        std::perror("setrlimit");
        return 2;
    }
    return saveOnce(path, 3000);
}

int load(const QString& path)
{
    const auto loaded = model::loadProject(path);
    return loaded.ok() ? 0 : report(loaded.issues());
}

int holdSqliteLock(const QString& path, const QString& sql)
{
    testing::RawDatabase db(path);
    if (!db.exec(sql.toStdString())) {
        std::fprintf(stderr, "error: %s\n", db.error().c_str());
        return 1;
    }
    say("locked");
    for (;;)
        ::pause();
}

int holdLock(const QString& recoveryPath)
{
    const model::RecoveryLock lock(recoveryPath);
    if (!lock.isLocked())
        return 1;
    say("locked");
    for (;;)
        ::pause();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool oneArgument = args.size() == 3 && (args[1] == QLatin1String("hold-lock") || args[1] == QLatin1String("load"));
    if (args.size() != 4 && !oneArgument) {
        std::fprintf(stderr, "usage: project_test_helper save-loop|save|save-limited|hold-lock|load PATH [N]\n");
        return 2;
    }
    const QString& mode = args[1];
    const QString& path = args[2];
    if (mode == QLatin1String("save-loop"))
        return saveLoop(path, args[3].toLongLong());
    if (mode == QLatin1String("save"))
        return saveOnce(path, args[3].toInt());
    if (mode == QLatin1String("save-limited"))
        return saveLimited(path, args[3].toLongLong());
    if (mode == QLatin1String("hold-lock"))
        return holdLock(path);
    if (mode == QLatin1String("load"))
        return load(path);
    if (mode == QLatin1String("hold-sqlite-lock"))
        return holdSqliteLock(path, args[3]);
    std::fprintf(stderr, "unknown mode\n");
    return 2;
}
