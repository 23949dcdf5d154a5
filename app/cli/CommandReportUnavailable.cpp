// SPDX-License-Identifier: MIT
// headroom-cli report in a build without the GUI (HEADROOM_BUILD_GUI=OFF): reports are
// drawn by the editor's chart and diagram code, which such a build leaves out. The
// command still exists, so that scripts get a clear answer instead of "unknown command".
#include "Commands.h"

namespace headroom::cli {

void runReport(const CliArgs& /*args*/, CliRun& run)
{
    fail(run, {{engine::Subject::argument("report"),
                "this headroom-cli was built without report support (HEADROOM_BUILD_GUI=OFF); "
                "build with the GUI to write reports"}});
}

} // namespace headroom::cli
