// SPDX-License-Identifier: MIT
#include "TextTable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace headroom::model {

namespace {

/// Display width of UTF-8 text: count the bytes that start a character.
std::size_t displayWidth(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

const std::string kInfinite = "\u221e";

} // namespace

void TextTable::addColumn(std::string title, Align align)
{
    m_titles.push_back(std::move(title));
    m_align.push_back(align);
}

void TextTable::addRow(std::vector<std::string> cells)
{
    cells.resize(m_titles.size());
    m_rows.push_back(std::move(cells));
}

std::string TextTable::render(const std::string& indent) const
{
    std::vector<std::size_t> width(m_titles.size(), 0);
    for (std::size_t c = 0; c < m_titles.size(); ++c) {
        width[c] = displayWidth(m_titles[c]);
        for (const auto& row : m_rows)
            width[c] = std::max(width[c], displayWidth(row[c]));
    }
    std::string out;
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string text = indent;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = width[c] - displayWidth(cells[c]);
            const bool last = c + 1 == cells.size();
            if (m_align[c] == Align::Right)
                text += std::string(pad, ' ') + cells[c];
            else
                text += cells[c] + (last ? "" : std::string(pad, ' '));
            if (!last)
                text += "  ";
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out += text + '\n';
    };
    line(m_titles);
    std::vector<std::string> rule;
    for (const std::size_t w : width)
        rule.emplace_back(w, '-');
    line(rule);
    for (const auto& row : m_rows)
        line(row);
    return out;
}

std::string humanNumber(double value)
{
    if (!std::isfinite(value))
        return kInfinite;
    char buffer[64];
    const double magnitude = std::fabs(value);
    if (magnitude == 0.0)
        return "0";
    if (magnitude >= 1e9 || magnitude < 1e-4)
        std::snprintf(buffer, sizeof buffer, "%.3e", value);
    else if (magnitude >= 1000.0)
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    else if (magnitude >= 100.0)
        std::snprintf(buffer, sizeof buffer, "%.1f", value);
    else if (magnitude >= 10.0)
        std::snprintf(buffer, sizeof buffer, "%.2f", value);
    else if (magnitude >= 1.0)
        std::snprintf(buffer, sizeof buffer, "%.3f", value);
    else
        std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

std::string humanNumber(std::optional<double> value)
{
    return value ? humanNumber(*value) : kInfinite;
}

std::string humanPercent(double fraction)
{
    if (!std::isfinite(fraction))
        return kInfinite;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", fraction * 100.0);
    return buffer;
}

std::string humanMultiplier(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return kInfinite;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, *value >= 100.0 ? "%.0fx" : "%.3gx", *value);
    return buffer;
}

} // namespace headroom::model
