// SPDX-License-Identifier: MIT
// JMeter's CSV results (a JTL file with its header line): per label and in total.
#include "measure/MeasureSources.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace headroom::model::measure {

namespace {

using engine::Issue;
using engine::Issues;

struct Samples {
    std::vector<double> elapsed;
    double firstStart = 0.0;
    double lastEnd = 0.0;
    std::size_t errors = 0;
};

/// The ceil(p n)-th smallest value (nearest rank), of sorted values.
double nearestRank(const std::vector<double>& sorted, double p)
{
    const auto n = static_cast<double>(sorted.size());
    const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p * n)));
    return sorted[std::min(rank, sorted.size()) - 1];
}

engine::MeasuredObject figures(std::string name, Samples s)
{
    std::sort(s.elapsed.begin(), s.elapsed.end());
    double sum = 0.0;
    for (const double e : s.elapsed)
        sum += e;
    const auto n = static_cast<double>(s.elapsed.size());
    const double span = (s.lastEnd - s.firstStart) / 1000.0;
    engine::FigureValue throughput = std::monostate{};
    if (span > 0.0)
        throughput = n / span;
    return {std::move(name),
            {{"samples", n},
             {"throughput_rps", throughput},
             {"mean_ms", sum / n},
             {"p50_ms", nearestRank(s.elapsed, 0.50)},
             {"p95_ms", nearestRank(s.elapsed, 0.95)},
             {"p99_ms", nearestRank(s.elapsed, 0.99)},
             {"error_fraction", static_cast<double>(s.errors) / n}}};
}

void add(Samples& s, double start, double elapsed, bool ok)
{
    if (s.elapsed.empty()) {
        s.firstStart = start;
        s.lastEnd = start + elapsed;
    }
    s.firstStart = std::min(s.firstStart, start);
    s.lastEnd = std::max(s.lastEnd, start + elapsed);
    s.elapsed.push_back(elapsed);
    if (!ok)
        ++s.errors;
}

} // namespace

engine::Checked<engine::Measurement> readJtl(const TextTable& table, const MeasureText& input)
{
    engine::Measurement m;
    m.inputFormat = "jtl-csv";
    Issues issues;
    if (!table.has("label"))
        issues.push_back(columnIssue(input, "label", "the column is missing; JMeter writes it unless "
                                                     "jmeter.save.saveservice.label=false"));
    if (!table.has("success") && !table.has("responseCode"))
        issues.push_back(columnIssue(input, "success", "the column is missing (and responseCode too), so errors "
                                                       "cannot be told from answers"));
    if (!issues.empty())
        return issues;
    const std::size_t ts = *table.column("timeStamp");
    const std::size_t el = *table.column("elapsed");
    const std::size_t lb = *table.column("label");
    const auto success = table.column("success");
    const auto code = table.column("responseCode");
    std::map<std::string, Samples> byLabel;
    std::vector<std::string> order;
    Samples total;
    std::size_t line = 1;
    for (const auto& row : table.rows) {
        ++line;
        const auto start = parseNumber(ts < row.size() ? row[ts] : std::string());
        const auto elapsed = parseNumber(el < row.size() ? row[el] : std::string());
        if (!start) {
            issues.push_back(columnIssue(input, "timeStamp", "record " + std::to_string(line) +
                                                                 ": expected milliseconds since 1970 (JMeter's "
                                                                 "default timestamp format), got '" +
                                                                 (ts < row.size() ? row[ts] : std::string()) + "'"));
            break;
        }
        if (!elapsed || *elapsed < 0.0) {
            issues.push_back(columnIssue(input, "elapsed", "record " + std::to_string(line) +
                                                               ": expected milliseconds, got '" +
                                                               (el < row.size() ? row[el] : std::string()) + "'"));
            break;
        }
        bool ok = true;
        if (success) {
            const std::string s(trim(*success < row.size() ? row[*success] : std::string()));
            ok = s == "true" || s == "TRUE" || s == "True";
        } else {
            const std::string c(trim(*code < row.size() ? row[*code] : std::string()));
            ok = !c.empty() && (c[0] == '2' || c[0] == '3');
        }
        const std::string label = lb < row.size() ? row[lb] : std::string();
        if (byLabel.find(label) == byLabel.end())
            order.push_back(label);
        add(byLabel[label], *start, *elapsed, ok);
        add(total, *start, *elapsed, ok);
    }
    if (!issues.empty())
        return issues;
    if (total.elapsed.empty())
        return Issue{engine::Subject::file(input.name), "has a JMeter header but no samples"};
    for (const std::string& label : order)
        m.objects.push_back(figures(label, std::move(byLabel[label])));
    m.objects.push_back(figures("total", std::move(total)));
    return m;
}

} // namespace headroom::model::measure
