// SPDX-License-Identifier: MIT
// pgbench's end-of-run report.
#include "measure/MeasureSources.h"

namespace headroom::model::measure {

namespace {

using engine::FigureValue;
using engine::Issue;
using engine::Issues;

/// The text after `prefix` on the first line that starts with it (after spaces).
std::optional<std::string_view> after(const std::vector<std::string_view>& lines, std::string_view prefix)
{
    for (const std::string_view line : lines) {
        const std::string_view t = trim(line);
        if (t.rfind(prefix, 0) == 0)
            return trim(t.substr(prefix.size()));
    }
    return std::nullopt;
}

/// The leading number of "316.498040 (without initial connection time)", "3179/3179", "6.319 ms".
std::optional<double> leadingNumber(std::string_view text)
{
    const std::size_t end = text.find_first_of(" /(");
    return parseNumber(text.substr(0, end));
}

} // namespace

bool looksLikePgbench(std::string_view text)
{
    const auto head = text.substr(0, 4096);
    return head.find("transaction type:") != std::string_view::npos ||
           (head.find("number of clients:") != std::string_view::npos &&
            head.find("number of threads:") != std::string_view::npos);
}

engine::Checked<engine::Measurement> readPgbench(const MeasureText& input)
{
    const std::vector<std::string_view> lines = splitLines(input.text);
    Issues issues;
    const auto required = [&](std::string_view prefix, std::string_view figure) -> std::optional<double> {
        const auto text = after(lines, prefix);
        const auto value = text ? leadingNumber(*text) : std::nullopt;
        if (!value)
            issues.push_back(columnIssue(input, figure,
                                         text ? "expected a number after '" + std::string(prefix) + "', got '" +
                                                    std::string(*text) + "'"
                                              : "the line '" + std::string(prefix) +
                                                    " ...' is missing: was the run cut short? pgbench prints it "
                                                    "at the end of a complete run"));
        return value;
    };
    const auto clients = required("number of clients:", "clients");
    const auto threads = required("number of threads:", "threads");
    const auto processed = required("number of transactions actually processed:", "transactions");
    const auto latency = required("latency average =", "latency_avg_ms");
    // pgbench 14 and later: "tps = N (without initial connection time)"; older ones print two
    // lines, "including" and "excluding connections establishing": the second is the one.
    std::optional<double> tps;
    for (const std::string_view line : lines) {
        const std::string_view t = trim(line);
        if (t.rfind("tps =", 0) != 0)
            continue;
        if (!tps || t.find("including") == std::string_view::npos)
            tps = leadingNumber(trim(t.substr(5)));
    }
    if (!tps)
        issues.push_back(columnIssue(input, "tps", "the line 'tps = ...' is missing: was the run cut short?"));
    if (!issues.empty())
        return issues;
    FigureValue stddev = std::monostate{};
    if (const auto text = after(lines, "latency stddev ="); text && leadingNumber(*text))
        stddev = *leadingNumber(*text);
    FigureValue lag = std::monostate{};
    bool openLoop = false;
    if (const auto text = after(lines, "rate limit schedule lag:")) {
        openLoop = true; // pgbench prints the schedule lag only when run with --rate
        const std::string_view avg = text->rfind("avg", 0) == 0 ? trim(text->substr(3)) : *text;
        if (const auto v = leadingNumber(avg))
            lag = *v;
    }
    FigureValue failed = std::monostate{};
    if (const auto text = after(lines, "number of failed transactions:"); text && leadingNumber(*text))
        failed = *leadingNumber(*text);
    engine::Measurement m;
    m.inputFormat = "pgbench-report";
    m.objects.push_back({"pgbench",
                         {{"clients", *clients},
                          {"threads", *threads},
                          {"tps", *tps},
                          {"latency_avg_ms", *latency},
                          {"latency_stddev_ms", stddev},
                          {"schedule_lag_avg_ms", lag},
                          {"open_loop", openLoop},
                          {"transactions", *processed},
                          {"failed", failed}}});
    return m;
}

} // namespace headroom::model::measure
