// SPDX-License-Identifier: MIT
// SELECT * FROM pg_stat_replication: each standby's state, lag times and replay distance.
#include "measure/MeasureSources.h"

#include <cstdint>

namespace headroom::model::measure {

namespace {

using engine::FigureValue;
using engine::Issue;
using engine::Issues;

/// An interval as psql prints it ("00:00:00.01509", "1 day 02:00:00.5") in milliseconds;
/// an empty cell is null (no lag to report: the standby is idle or caught up).
std::optional<std::optional<double>> intervalMs(std::string_view text)
{
    text = trim(text);
    if (text.empty())
        return std::optional<double>{};
    double days = 0.0;
    if (const std::size_t space = text.find(' '); space != std::string_view::npos) {
        const auto count = parseNumber(text.substr(0, space));
        std::string_view rest = trim(text.substr(space + 1));
        if (!count || (rest.rfind("day", 0) != 0))
            return std::nullopt;
        days = *count;
        const std::size_t next = rest.find(' ');
        text = next == std::string_view::npos ? std::string_view() : trim(rest.substr(next + 1));
        if (text.empty())
            return std::optional<double>(days * 86400000.0);
    }
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    const std::size_t c1 = text.find(':');
    const std::size_t c2 = c1 == std::string_view::npos ? c1 : text.find(':', c1 + 1);
    if (c2 == std::string_view::npos)
        return std::nullopt;
    const auto h = parseNumber(text.substr(0, c1));
    const auto m = parseNumber(text.substr(c1 + 1, c2 - c1 - 1));
    const auto s = parseNumber(text.substr(c2 + 1));
    if (!h || !m || !s)
        return std::nullopt;
    const double ms = ((*h * 60.0 + *m) * 60.0 + *s) * 1000.0;
    return std::optional<double>(days * 86400000.0 + (negative ? -ms : ms));
}

/// A log sequence number ("0/3000060", two hexadecimal halves) as a byte position.
std::optional<double> lsnBytes(std::string_view text)
{
    text = trim(text);
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= text.size() || slash > 8 ||
        text.size() - slash - 1 > 8)
        return std::nullopt;
    std::uint64_t parts[2] = {0, 0};
    for (int half = 0; half < 2; ++half) {
        const std::string_view digits = half == 0 ? text.substr(0, slash) : text.substr(slash + 1);
        for (const char c : digits) {
            int v = -1;
            if (c >= '0' && c <= '9')
                v = c - '0';
            else if (c >= 'A' && c <= 'F')
                v = c - 'A' + 10;
            else if (c >= 'a' && c <= 'f')
                v = c - 'a' + 10;
            if (v < 0)
                return std::nullopt;
            parts[half] = parts[half] * 16 + static_cast<std::uint64_t>(v);
        }
    }
    return static_cast<double>((parts[0] << 32) + parts[1]);
}

} // namespace

engine::Checked<engine::Measurement> readReplication(const TextTable& table, const MeasureText& input)
{
    engine::Measurement m;
    m.inputFormat = table.format;
    Issues issues;
    for (const std::string_view column : {"state", "write_lag", "flush_lag", "replay_lag"}) {
        if (!table.has(column))
            issues.push_back(columnIssue(input, column, "the column is missing (PostgreSQL 10 or later reports it); "
                                                        "capture SELECT * FROM pg_stat_replication"));
    }
    if (!issues.empty())
        return issues;
    const auto cell = [&](const std::vector<std::string>& row, std::string_view column) {
        const std::size_t i = *table.column(column);
        return i < row.size() ? row[i] : std::string();
    };
    const bool lsns = table.has("sent_lsn") && table.has("replay_lsn");
    for (const auto& row : table.rows) {
        engine::MeasuredObject replica{cell(row, "application_name"), {{"state", cell(row, "state")}}};
        bool ok = true;
        for (const std::string_view column : {"write_lag", "flush_lag", "replay_lag"}) {
            const auto lag = intervalMs(cell(row, column));
            if (!lag) {
                issues.push_back(columnIssue(input, column, "expected an interval such as 00:00:00.0125, got '" +
                                                                cell(row, column) + "'"));
                ok = false;
                continue;
            }
            FigureValue value = std::monostate{};
            if (*lag)
                value = **lag;
            replica.figures.push_back({std::string(column) + "_ms", value});
        }
        if (lsns) {
            const std::string sent = cell(row, "sent_lsn");
            const std::string replayed = cell(row, "replay_lsn");
            FigureValue bytes = std::monostate{};
            if (!trim(sent).empty() && !trim(replayed).empty()) {
                const auto a = lsnBytes(sent);
                const auto b = lsnBytes(replayed);
                if (!a || !b) {
                    issues.push_back(columnIssue(input, a ? "replay_lsn" : "sent_lsn",
                                                 "expected a log position such as 0/3000060, got '" +
                                                     (a ? replayed : sent) + "'"));
                    ok = false;
                } else {
                    bytes = *a - *b;
                }
            }
            replica.figures.push_back({"replay_lag_bytes", bytes});
        }
        if (ok)
            m.objects.push_back(std::move(replica));
    }
    if (!issues.empty())
        return issues;
    return m;
}

} // namespace headroom::model::measure
