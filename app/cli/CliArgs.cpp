// SPDX-License-Identifier: MIT
#include "CliArgs.h"

#include <charconv>
#include <cmath>

namespace headroom::cli {

namespace {

const OptionSpec* findOption(const CommandSpec& spec, std::string_view name)
{
    for (const OptionSpec& option : spec.options) {
        if (option.name == name)
            return &option;
    }
    return nullptr;
}

} // namespace

engine::Checked<CliArgs> CliArgs::parse(const CommandSpec& spec, const std::vector<std::string>& words,
                                        std::size_t positionals, std::size_t optionalPositionals)
{
    CliArgs args;
    engine::Issues issues;
    bool optionsEnd = false; // after "--" every word is an argument, even one that starts with '-'
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (optionsEnd || word.size() < 2 || word[0] != '-') {
            args.m_positional.push_back(word);
            continue;
        }
        if (word == "--") {
            optionsEnd = true;
            continue;
        }
        if (word == "--help" || word == "-h") {
            args.m_help = true;
            continue;
        }
        const auto equals = word.find('=');
        const std::string name = word.substr(0, equals);
        const OptionSpec* option = findOption(spec, name);
        if (!option) {
            issues.push_back({engine::Subject::argument(name),
                              "unknown option for '" + std::string(spec.name) + "'; see headroom-cli " +
                                  std::string(spec.name) + " --help"});
            continue;
        }
        if (option->repeatable && !option->valueName.empty()) {
            if (equals != std::string::npos)
                args.m_repeated[name].push_back(word.substr(equals + 1));
            else if (i + 1 < words.size() && words[i + 1].compare(0, 2, "--") != 0)
                args.m_repeated[name].push_back(words[++i]);
            else
                issues.push_back({engine::Subject::argument(name), "needs a value (" + std::string(option->valueName) + ")"});
            args.m_values[name] = args.m_repeated[name].empty() ? std::string() : args.m_repeated[name].front();
            continue;
        }
        if (args.m_values.find(name) != args.m_values.end()) {
            issues.push_back({engine::Subject::argument(name), "given more than once"});
            continue;
        }
        if (option->valueName.empty()) {
            if (equals != std::string::npos)
                issues.push_back({engine::Subject::argument(name), "takes no value"});
            args.m_values[name] = "";
            continue;
        }
        if (equals != std::string::npos) {
            args.m_values[name] = word.substr(equals + 1);
        } else if (i + 1 < words.size() && words[i + 1].compare(0, 2, "--") != 0) {
            args.m_values[name] = words[++i];
        } else {
            issues.push_back({engine::Subject::argument(name),
                              "needs a value (" + std::string(option->valueName) + ")"});
        }
    }
    if (!args.m_help && (args.m_positional.size() < positionals ||
                         args.m_positional.size() > positionals + optionalPositionals)) {
        if (args.m_positional.size() < positionals)
            issues.push_back({engine::Subject::argument(std::string(spec.name)),
                              "missing the model file; usage: headroom-cli " +
                                  std::string(spec.usage)});
        else
            issues.push_back({engine::Subject::argument(args.m_positional[positionals + optionalPositionals]),
                              "unexpected argument; usage: headroom-cli " +
                                  std::string(spec.usage)});
    }
    if (!issues.empty())
        return issues;
    return args;
}

bool CliArgs::flag(std::string_view name) const
{
    return m_values.find(name) != m_values.end();
}

std::optional<std::string> CliArgs::text(std::string_view name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> CliArgs::all(std::string_view name) const
{
    const auto it = m_repeated.find(name);
    return it == m_repeated.end() ? std::vector<std::string>{} : it->second;
}

engine::Checked<std::optional<double>> CliArgs::number(std::string_view name) const
{
    const auto value = text(name);
    if (!value)
        return std::optional<double>{};
    double parsed = 0.0;
    const char* begin = value->data();
    const char* end = begin + value->size();
    const auto [ptr, ec] = std::from_chars(begin, end, parsed);
    if (ec == std::errc() && ptr == end && !std::isfinite(parsed))
        return engine::Issue{engine::Subject::argument(std::string(name)),
                             "expected a finite number, not an infinite or not-a-number value"};
    if (ec != std::errc() || ptr != end)
        return engine::Issue{engine::Subject::argument(std::string(name)),
                             "expected a finite number, got '" + *value + "'"};
    return std::optional<double>{parsed};
}

engine::Checked<std::optional<long long>> CliArgs::integer(std::string_view name) const
{
    const auto value = text(name);
    if (!value)
        return std::optional<long long>{};
    long long parsed = 0;
    const char* begin = value->data();
    const char* end = begin + value->size();
    const auto [ptr, ec] = std::from_chars(begin, end, parsed);
    if (ec != std::errc() || ptr != end)
        return engine::Issue{engine::Subject::argument(std::string(name)),
                             "expected a whole number, got '" + *value + "'"};
    return std::optional<long long>{parsed};
}

std::string commandHelp(const CommandSpec& spec)
{
    std::string out = "usage: headroom-cli " + std::string(spec.usage) + "\n\n" + std::string(spec.summary) + "\n";
    if (!spec.details.empty())
        out += "\n" + std::string(spec.details) + "\n";
    if (!spec.options.empty()) {
        out += "\noptions:\n";
        std::size_t width = 0;
        for (const OptionSpec& o : spec.options)
            width = std::max(width, o.name.size() + (o.valueName.empty() ? 0 : o.valueName.size() + 1));
        for (const OptionSpec& o : spec.options) {
            std::string left = std::string(o.name) + (o.valueName.empty() ? "" : " " + std::string(o.valueName));
            left.resize(width, ' ');
            out += "  " + left + "  " + std::string(o.help) + "\n";
        }
    }
    out += "\nMODEL is a .json model (see docs/model.md) or a .headroom project (docs/project-format.md). Exit status: 0 solved, 2 invalid input, 1 internal fault.\n";
    return out;
}

} // namespace headroom::cli
