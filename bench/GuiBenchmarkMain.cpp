// SPDX-License-Identifier: MIT
// The main() of the benchmarks that need widgets: a QApplication, offscreen unless told
// otherwise (they need no display, as headroom-cli report), with the editor's resources.
#include "Resources.h"

#include <QtWidgets/QApplication>

#include <benchmark/benchmark.h>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    headroom::ui::initResources();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
