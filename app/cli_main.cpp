// SPDX-License-Identifier: MIT
// headroom-cli: the command line (spec section 5).
#include "cli/Cli.h"

#include <QCoreApplication>
#ifdef HEADROOM_REPORTS
#include <QtWidgets/QApplication>
#endif

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#ifdef HEADROOM_REPORTS
namespace {

/// Qt's own messages while drawing a report, in the contract's stderr form ("warning:"
/// lines), without the runtime-directory notice, which means nothing to an offscreen render.
void reportMessages(QtMsgType type, const QMessageLogContext& /*context*/, const QString& message)
{
    if (type == QtDebugMsg || type == QtInfoMsg || message.contains(QLatin1String("XDG_RUNTIME_DIR")))
        return;
    std::fprintf(stderr, "warning: qt: %s\n", qPrintable(message));
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace
#endif

int main(int argc, char** argv)
{
    // QtCore only: file access and JSON. No event loop, no display needed. Except for
    // `report`, which draws charts and the diagram with widgets: it gets a QApplication
    // on the offscreen platform (unless the caller chose one), so it runs on a server.
    std::unique_ptr<QCoreApplication> app;
#ifdef HEADROOM_REPORTS
    if (argc > 1 && std::string_view(argv[1]) == "report") {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(reportMessages);
        app = std::make_unique<QApplication>(argc, argv);
    }
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
    const std::vector<std::string> words(argv + 1, argv + argc);
    const headroom::cli::CliRun run = headroom::cli::runCli(words);
    std::fwrite(run.out.data(), 1, run.out.size(), stdout);
    std::fwrite(run.err.data(), 1, run.err.size(), stderr);
    std::fflush(stdout);
    return run.exitCode;
}
