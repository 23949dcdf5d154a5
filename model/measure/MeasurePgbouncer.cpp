// SPDX-License-Identifier: MIT
// PgBouncer's admin console: SHOW STATS (one snapshot, or two differenced) and SHOW POOLS.
#include "measure/MeasureSources.h"

#include "engine/Fields.h"

#include <map>

namespace headroom::model::measure {

namespace {

using engine::MeasuredFigure;
using engine::FigureValue;
using engine::Issue;
using engine::Issues;

/// A row's numbers by column, read for the columns a figure needs.
class RowReader {
public:
    RowReader(const TextTable& table, const MeasureText& input, Issues& issues)
        : m_table(table), m_input(input), m_issues(issues)
    {
    }

    std::optional<double> number(const std::vector<std::string>& row, std::string_view column, bool required = true)
    {
        const auto index = m_table.column(column);
        if (!index) {
            if (required)
                report(column, "the column is missing; it is needed for the figures derived from it");
            return std::nullopt;
        }
        const auto value = parseNumber((*index < row.size()) ? row[*index] : std::string());
        if (!value)
            report(column, "expected a number, got '" + ((*index < row.size()) ? row[*index] : std::string()) + "'");
        return value;
    }

    [[nodiscard]] bool has(std::string_view column) const { return m_table.has(column); }

private:
    void report(std::string_view column, const std::string& what)
    {
        for (const Issue& i : m_issues) {
            if (i.message.rfind(std::string(column) + ":", 0) == 0)
                return; // one issue per column, not one per row
        }
        m_issues.push_back(columnIssue(m_input, column, what));
    }

    const TextTable& m_table;
    const MeasureText& m_input;
    Issues& m_issues;
};

FigureValue optionalNumber(std::optional<double> v)
{
    if (v)
        return *v;
    return std::monostate{};
}

/// The figures of one database from its rates and times (spec section 10).
std::vector<MeasuredFigure> statsFigures(double xactRps, double queryRps, std::optional<double> xactMs,
                                 std::optional<double> queryMs, std::optional<double> waitMs)
{
    std::optional<double> serverMs;
    std::optional<double> busy;
    if (xactMs && waitMs) {
        serverMs = *xactMs - *waitMs;
        busy = xactRps * *serverMs / 1000.0;
    }
    return {{"xact_rps", xactRps},
            {"query_rps", queryRps},
            {"mean_xact_ms", optionalNumber(xactMs)},
            {"mean_query_ms", optionalNumber(queryMs)},
            {"mean_wait_ms", optionalNumber(waitMs)},
            {"mean_server_ms", optionalNumber(serverMs)},
            {"busy_connections", optionalNumber(busy)}};
}

std::optional<double> per(double amount, double count, double scale)
{
    if (!(count > 0.0))
        return std::nullopt;
    return amount / count * scale;
}

std::string databaseOf(const TextTable& table, const std::vector<std::string>& row)
{
    const std::size_t i = *table.column("database");
    return i < row.size() ? row[i] : std::string();
}

constexpr std::string_view kTotals[] = {"total_xact_count", "total_query_count", "total_xact_time",
                                        "total_query_time", "total_wait_time"};

} // namespace

engine::Checked<engine::Measurement> readPgbouncerStats(const TextTable& first, const TextTable* second,
                                                        const Snapshots& snapshots)
{
    engine::Measurement m;
    m.inputFormat = first.format;
    Issues issues;
    if (second == nullptr) {
        // One snapshot: PgBouncer's own averages over its last stats period.
        RowReader r(first, *snapshots.before, issues);
        const bool assignments = r.has("avg_server_assignment_count");
        for (const auto& row : first.rows) {
            const auto xacts = r.number(row, "avg_xact_count");
            const auto queries = r.number(row, "avg_query_count");
            const auto xactUs = r.number(row, "avg_xact_time");
            const auto queryUs = r.number(row, "avg_query_time");
            const auto waitUs = r.number(row, "avg_wait_time"); // microseconds of waiting per second
            const auto assigned = assignments ? r.number(row, "avg_server_assignment_count") : xacts;
            if (!xacts || !queries || !xactUs || !queryUs || !waitUs || !assigned)
                continue;
            const bool any = *xacts > 0.0;
            m.objects.push_back({databaseOf(first, row),
                                 statsFigures(*xacts, *queries, any ? std::optional(*xactUs / 1000.0) : std::nullopt,
                                              *queries > 0.0 ? std::optional(*queryUs / 1000.0) : std::nullopt,
                                              per(*waitUs, *assigned, 1e-3))});
        }
        if (!issues.empty())
            return issues;
        return m;
    }
    const double interval = *snapshots.intervalS;
    RowReader before(first, *snapshots.before, issues);
    RowReader after(*second, *snapshots.after, issues);
    const bool assignments = first.has("total_server_assignment_count") && second->has("total_server_assignment_count");
    std::map<std::string, const std::vector<std::string>*> earlier;
    for (const auto& row : first.rows)
        earlier[databaseOf(first, row)] = &row;
    for (const auto& row : second->rows) {
        const std::string database = databaseOf(*second, row);
        const auto found = earlier.find(database);
        if (found == earlier.end())
            continue; // a database missing from one snapshot is left out
        std::map<std::string_view, double> delta;
        bool complete = true;
        std::vector<std::string_view> columns(std::begin(kTotals), std::end(kTotals));
        if (assignments)
            columns.push_back("total_server_assignment_count");
        for (const std::string_view column : columns) {
            const auto a = before.number(*found->second, column);
            const auto b = after.number(row, column);
            if (!a || !b) {
                complete = false;
                continue;
            }
            if (*b < *a) {
                issues.push_back(columnIssue(*snapshots.after, column,
                                             "went from " + engine::formatNumber(*a) + " to " +
                                                 engine::formatNumber(*b) + " for database '" + database +
                                                 "': PgBouncer restarted between the snapshots (or the files are in "
                                                 "the wrong order); take both snapshots again"));
                complete = false;
                continue;
            }
            delta[column] = *b - *a;
        }
        if (!complete)
            continue;
        const double xacts = delta["total_xact_count"];
        const double queries = delta["total_query_count"];
        const double waitDivisor = assignments ? delta["total_server_assignment_count"] : xacts;
        m.objects.push_back({database, statsFigures(xacts / interval, queries / interval,
                                                    per(delta["total_xact_time"], xacts, 1e-3),
                                                    per(delta["total_query_time"], queries, 1e-3),
                                                    per(delta["total_wait_time"], waitDivisor, 1e-3))});
    }
    if (!issues.empty())
        return issues;
    return m;
}

engine::Checked<engine::Measurement> readPgbouncerPools(const TextTable& table, const MeasureText& input)
{
    engine::Measurement m;
    m.inputFormat = table.format;
    Issues issues;
    RowReader r(table, input, issues);
    const auto mode = table.column("pool_mode");
    for (const auto& row : table.rows) {
        const auto active = r.number(row, "cl_active");
        const auto waiting = r.number(row, "cl_waiting");
        const auto serversActive = r.number(row, "sv_active");
        const auto serversIdle = r.number(row, "sv_idle");
        const auto maxWait = r.number(row, "maxwait");
        const auto maxWaitUs = r.has("maxwait_us") ? r.number(row, "maxwait_us") : std::optional(0.0);
        if (!active || !waiting || !serversActive || !serversIdle || !maxWait || !maxWaitUs)
            continue;
        const std::string database = databaseOf(table, row);
        const std::size_t userColumn = *table.column("user");
        const std::string user = userColumn < row.size() ? row[userColumn] : std::string();
        FigureValue poolMode = std::monostate{};
        if (mode && *mode < row.size())
            poolMode = row[*mode];
        m.objects.push_back({database + "/" + user,
                             {{"database", database},
                              {"user", user},
                              {"clients_active", *active},
                              {"clients_waiting", *waiting},
                              {"servers_active", *serversActive},
                              {"servers_idle", *serversIdle},
                              {"max_wait_ms", *maxWait * 1000.0 + *maxWaitUs / 1000.0},
                              {"pool_mode", poolMode}}});
    }
    if (!issues.empty())
        return issues;
    return m;
}

} // namespace headroom::model::measure
