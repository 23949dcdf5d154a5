// SPDX-License-Identifier: MIT
// headroom-cli: the command line (spec section 5).
#include "cli/Cli.h"

#include <QCoreApplication>

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    // QtCore only: file access and JSON. No event loop, no display needed.
    QCoreApplication app(argc, argv);
    const std::vector<std::string> words(argv + 1, argv + argc);
    const headroom::cli::CliRun run = headroom::cli::runCli(words);
    std::fwrite(run.out.data(), 1, run.out.size(), stdout);
    std::fwrite(run.err.data(), 1, run.err.size(), stderr);
    std::fflush(stdout);
    return run.exitCode;
}
