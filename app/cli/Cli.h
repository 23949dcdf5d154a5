// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace headroom::cli {

/// What one run of headroom-cli produced. Kept in memory so that tests can run
/// the command line in-process.
struct CliRun {
    int exitCode = 0;
    std::string out;
    std::string err;
};

/// Exit codes of the contract.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFault = 1;
inline constexpr int kExitInvalid = 2;

/// Runs headroom-cli with the words after the program name.
CliRun runCli(const std::vector<std::string>& words);

} // namespace headroom::cli
