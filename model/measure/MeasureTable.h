// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model::measure {

/// Rows of text with a header, as psql prints a query's result (aligned, --csv, or -A
/// with any one-character separator) or as a CSV file holds them. Columns are found by
/// their header names, so older and newer versions with other columns read alike.
struct TextTable {
    std::string format; ///< "psql-aligned", "psql-csv", "psql-unaligned" (a CSV file reads as psql-csv)
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    /// The column's index by header name.
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
    [[nodiscard]] bool has(std::string_view name) const { return column(name).has_value(); }
};

/// Reads a table, or nothing when the text does not start with a header line of names.
std::optional<TextTable> readTable(std::string_view text);

/// Splits text into lines without their line ends (\n or \r\n).
std::vector<std::string_view> splitLines(std::string_view text);
std::string_view trim(std::string_view text);
/// A finite number in plain decimal or exponent notation, and nothing else.
std::optional<double> parseNumber(std::string_view text);

} // namespace headroom::model::measure
