// SPDX-License-Identifier: MIT
#include "measure/MeasureTable.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace headroom::model::measure {

namespace {

bool nameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// A line of psql's aligned output under the header: dashes and '+' only.
bool ruleLine(std::string_view line)
{
    line = trim(line);
    return !line.empty() && line.find_first_not_of("-+") == std::string_view::npos && line.find('-') != std::string_view::npos;
}

/// psql's footer "(3 rows)" / "(1 row)".
bool footerLine(std::string_view line)
{
    line = trim(line);
    return line.size() > 2 && line.front() == '(' && line.back() == ')' &&
           (line.find(" row)") != std::string_view::npos || line.find(" rows)") != std::string_view::npos);
}

/// The one character that separates the names of a header line ("database|user"), if the
/// line is names joined by one such character; a line of one name has none.
std::optional<char> headerSeparator(std::string_view line)
{
    std::optional<char> separator;
    std::size_t names = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        const std::size_t start = i;
        while (i < line.size() && nameChar(line[i]))
            ++i;
        if (i == start)
            return std::nullopt; // an empty name or a character that is not part of one
        ++names;
        if (i == line.size())
            break;
        const char c = line[i];
        if (separator && *separator != c)
            return std::nullopt;
        separator = c;
        ++i;
    }
    return names >= 2 ? separator : std::nullopt;
}

/// Fields of a CSV record starting at `pos` (quotes may hold separators and line ends);
/// `pos` moves past the record.
std::vector<std::string> csvRecord(std::string_view text, std::size_t& pos, char separator)
{
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    bool any = false;
    while (pos < text.size()) {
        const char c = text[pos];
        if (quoted) {
            if (c == '"') {
                if (pos + 1 < text.size() && text[pos + 1] == '"') {
                    field += '"';
                    pos += 2;
                    continue;
                }
                quoted = false;
            } else {
                field += c;
            }
            ++pos;
            continue;
        }
        if (c == '"' && field.empty()) {
            quoted = true;
            any = true;
            ++pos;
            continue;
        }
        if (c == separator) {
            fields.push_back(std::move(field));
            field.clear();
            any = true;
            ++pos;
            continue;
        }
        if (c == '\n' || c == '\r') {
            ++pos;
            if (c == '\r' && pos < text.size() && text[pos] == '\n')
                ++pos;
            break;
        }
        field += c;
        any = true;
        ++pos;
    }
    if (any || !fields.empty())
        fields.push_back(std::move(field));
    return fields;
}

std::vector<std::string> splitAligned(std::string_view line)
{
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
        const std::size_t bar = line.find('|', start);
        cells.emplace_back(trim(line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start)));
        if (bar == std::string_view::npos)
            break;
        start = bar + 1;
    }
    return cells;
}

} // namespace

std::optional<std::size_t> TextTable::column(std::string_view name) const
{
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
        return std::nullopt;
    return static_cast<std::size_t>(it - header.begin());
}

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::optional<double> parseNumber(std::string_view text)
{
    text = trim(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<TextTable> readTable(std::string_view text)
{
    const std::vector<std::string_view> lines = splitLines(text);
    std::size_t first = 0;
    while (first < lines.size() && trim(lines[first]).empty())
        ++first;
    if (first >= lines.size())
        return std::nullopt;
    const std::string_view head = lines[first];
    TextTable table;
    if (first + 1 < lines.size() && ruleLine(lines[first + 1]) && head.find('|') != std::string_view::npos) {
        table.format = "psql-aligned";
        table.header = splitAligned(head);
        for (std::size_t i = first + 2; i < lines.size(); ++i) {
            if (trim(lines[i]).empty() || footerLine(lines[i]))
                continue;
            std::vector<std::string> cells = splitAligned(lines[i]);
            // psql wraps a long value with '+' at the end of the column: keep the first line.
            cells.resize(table.header.size());
            table.rows.push_back(std::move(cells));
        }
        return table;
    }
    const auto separator = headerSeparator(trim(head));
    if (!separator)
        return std::nullopt;
    table.format = *separator == ',' ? "psql-csv" : "psql-unaligned";
    // Offsets from the text's own start: a quoted CSV field may run over lines.
    std::size_t pos = static_cast<std::size_t>(head.data() - text.data());
    table.header = csvRecord(text, pos, *separator);
    for (std::string& name : table.header)
        name = std::string(trim(name));
    while (pos < text.size()) {
        std::vector<std::string> cells = csvRecord(text, pos, *separator);
        if (cells.empty() || (cells.size() == 1 && trim(cells[0]).empty()))
            continue;
        if (cells.size() == 1 && footerLine(cells[0]))
            continue;
        cells.resize(std::max(cells.size(), table.header.size()));
        table.rows.push_back(std::move(cells));
    }
    return table;
}

} // namespace headroom::model::measure
