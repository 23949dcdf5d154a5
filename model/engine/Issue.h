// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace headroom::engine {

/// What an issue or a warning is about, kept structured so that whoever receives it
/// (the editor, the project reader) can tie it to a component, link or field without
/// reading text back. subjectText() spells it for people ("app.servers",
/// "link app -> db", "scenario \"Peak\".db.capacity", "what-if.multiplier").
struct Subject {
    enum class Kind : std::uint8_t {
        Model,     ///< the model or project, or a part of it named by `name` ("components", "workload")
        Component, ///< a component: its id in `name` (empty: named by its place, "components[3]")
        Link,      ///< a link from `name` to `to` (both empty: named by its place, "links[2]")
        Pool,      ///< the connection pool on the link from `name` to `to`
        Scenario,  ///< the scenario (or what-if layer) of `layer` itself
        Argument,  ///< a command's option or argument ("--scenario", "edits[1]")
        File,      ///< a file or another input (the clipboard), by its path or name in `name`
        Setting,   ///< a project setting, by its column in `name` ("planning_multiplier")
    };
    /// Whose values the subject is in: the model's own, a saved scenario's overrides, or
    /// the editor's what-if layer.
    enum class Layer : std::uint8_t { Model, Scenario, WhatIf };

    Kind kind = Kind::Model;
    Layer layer = Layer::Model;
    std::string scenario;              ///< the saved scenario's name (Layer::Scenario)
    std::optional<std::size_t> index; ///< the component's or link's position in the model's lists
    std::string name;
    std::string to;                    ///< a link's or pool's target
    std::string field;                 ///< a field's key as files spell it ("servers", "id"); empty: the whole

    [[nodiscard]] static Subject model(std::string part);
    [[nodiscard]] static Subject component(std::string id, std::optional<std::size_t> index = std::nullopt,
                                           std::string field = {});
    /// A component named by its place in the list (its id is not usable: empty, invalid).
    [[nodiscard]] static Subject componentAt(std::size_t index, std::string field = {});
    [[nodiscard]] static Subject link(std::string from, std::string to, std::optional<std::size_t> index = std::nullopt,
                                      std::string field = {});
    /// A link named by its place in the list (its ends are unknown yet).
    [[nodiscard]] static Subject linkAt(std::size_t index, std::string field = {});
    [[nodiscard]] static Subject pool(std::string from, std::string to, std::optional<std::size_t> index);
    [[nodiscard]] static Subject argument(std::string name);
    [[nodiscard]] static Subject file(std::string path);
    [[nodiscard]] static Subject setting(std::string column);
    /// The saved scenario `name` itself, or its field ("multiplier").
    [[nodiscard]] static Subject savedScenario(std::string name, std::string field = {});
    /// The what-if layer itself, or its field ("multiplier").
    [[nodiscard]] static Subject whatIf(std::string field = {});

    /// The same subject seen inside the layer of `scope` (a saved scenario or the what-if):
    /// an override of a component's field is about that component, in that scenario.
    [[nodiscard]] Subject within(const Subject& scope) const;
    /// The same subject with `field` set.
    [[nodiscard]] Subject withField(std::string key) const;

    bool operator==(const Subject&) const = default;
};

/// How subjectText() words a subject: as paths ("app.servers", what the command line and the
/// editor print), or in sentences ("component 'app': servers", in a project file's messages).
enum class SubjectWords : std::uint8_t { Path, Sentence };

/// The one place a subject becomes text.
std::string subjectText(const Subject& subject, SubjectWords words = SubjectWords::Path);

/// One problem with the input: what it is about and what is wrong, in words a user can act on.
struct Issue {
    Subject subject;
    std::string message;

    bool operator==(const Issue&) const = default;
};

using Issues = std::vector<Issue>;

/// "subject: message", as every issue and warning is printed.
std::string issueText(const Issue& issue, SubjectWords words = SubjectWords::Path);

/// A value or the reasons there is none. The engine's answer to "this input
/// cannot be solved" (std::expected is C++23).
template <typename T>
class Checked {
public:
    Checked(T value) : m_state(std::move(value)) {}
    Checked(Issues issues) : m_state(std::move(issues)) {}
    Checked(Issue issue) : m_state(Issues{std::move(issue)}) {}

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
    [[nodiscard]] T& value() & { return std::get<T>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(m_state)); }
    [[nodiscard]] const T& operator*() const& { return value(); }
    [[nodiscard]] const T* operator->() const { return &value(); }
    [[nodiscard]] const Issues& issues() const { return std::get<Issues>(m_state); }

private:
    std::variant<T, Issues> m_state;
};

} // namespace headroom::engine
