// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::cli {

/// One option a command accepts.
struct OptionSpec {
    std::string_view name;      ///< "--multiplier"
    std::string_view valueName; ///< "X"; empty for a flag such as --json
    std::string_view help;
    bool repeatable = false;    ///< may be given more than once (--map A=B --map C=D)
};

/// A command: its name, its usage line, what it does, and its options.
struct CommandSpec {
    std::string_view name;
    std::string_view usage;   ///< "solve MODEL [--multiplier X] [--json]"
    std::string_view summary; ///< one line for the command list
    std::string_view details; ///< a paragraph for --help
    std::vector<OptionSpec> options;
};

/// The words after the command, checked against its spec.
class CliArgs {
public:
    /// Parses `words` (after the command name). Unknown options, missing values and
    /// a wrong number of positional arguments are reported as issues.
    static engine::Checked<CliArgs> parse(const CommandSpec& spec, const std::vector<std::string>& words,
                                          std::size_t positionals, std::size_t optionalPositionals = 0);

    [[nodiscard]] const std::vector<std::string>& positional() const { return m_positional; }
    [[nodiscard]] bool flag(std::string_view name) const;
    [[nodiscard]] std::optional<std::string> text(std::string_view name) const;
    /// Every value of a repeatable option, in the order given.
    [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
    /// A finite number, or an issue naming the option.
    [[nodiscard]] engine::Checked<std::optional<double>> number(std::string_view name) const;
    /// An integer, or an issue naming the option.
    [[nodiscard]] engine::Checked<std::optional<long long>> integer(std::string_view name) const;
    [[nodiscard]] bool wantsHelp() const { return m_help; }

private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string, std::less<>> m_values;
    std::map<std::string, std::vector<std::string>, std::less<>> m_repeated;
    bool m_help = false;
};

/// Help text for one command.
std::string commandHelp(const CommandSpec& spec);

} // namespace headroom::cli
