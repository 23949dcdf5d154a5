// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace headroom::engine {

/// One problem with the input: what it is about ("app.servers", "links[2]")
/// and what is wrong, in words a user can act on.
struct Issue {
    std::string subject;
    std::string message;

    bool operator==(const Issue&) const = default;
};

using Issues = std::vector<Issue>;

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
