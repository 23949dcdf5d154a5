// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace headroom::model {

/// The first syntax problem in a JSON text: what is wrong, in words a user can act on
/// ("a comma before '}': JSON has no trailing commas"), and the byte offset it is at.
struct JsonSyntaxError {
    std::size_t offset = 0;
    std::string message;
    bool operator==(const JsonSyntaxError&) const = default;
};

/// Checks that `text` is exactly one JSON value under strict RFC 8259 syntax (a UTF-8 byte
/// order mark may lead). Stricter than QJsonDocument, which is why model files are checked
/// here first: Qt takes "1.", ".5", "\q" and raw control characters in strings, and keeps
/// the last of two equal keys without a word. Also refuses what a model never needs and a
/// reader might choke on: nesting deeper than 256 levels, numbers a double cannot hold,
/// bytes that are not UTF-8. Linear in the text, no allocation per value.
std::optional<JsonSyntaxError> checkJsonSyntax(std::string_view text);

/// Where a byte offset is in a text, as people count: "line 3, column 14" (lines from
/// 1 at each '\n', columns from 1 in bytes).
std::string textPosition(std::string_view text, std::size_t offset);

} // namespace headroom::model
