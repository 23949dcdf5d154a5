// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

/// A plain-text table with aligned columns: text left, numbers right.
class TextTable {
public:
    enum class Align { Left, Right };

    void addColumn(std::string title, Align align = Align::Right);
    void addRow(std::vector<std::string> cells);
    [[nodiscard]] std::string render(const std::string& indent = "") const;
    [[nodiscard]] bool empty() const { return m_rows.empty(); }

private:
    std::vector<std::string> m_titles;
    std::vector<Align> m_align;
    std::vector<std::vector<std::string>> m_rows;
};

/// A figure for people: about 4 significant digits, no exponent for everyday
/// sizes. An empty value is infinite and shows as "∞" (never "inf" or "nan").
std::string humanNumber(double value);
std::string humanNumber(std::optional<double> value);
/// 0.4123 -> "41.2%".
std::string humanPercent(double fraction);
/// 2.4 -> "2.4x"; empty -> "∞".
std::string humanMultiplier(std::optional<double> value);

} // namespace headroom::model
