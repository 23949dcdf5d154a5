// SPDX-License-Identifier: MIT
#include "measure/MeasureReader.h"

#include "measure/MeasureSources.h"

#include "engine/Fields.h"

namespace headroom::model::measure {

namespace {

using engine::Issue;
using engine::MeasureSource;

constexpr std::string_view kKnown =
    "expected PgBouncer's SHOW STATS or SHOW POOLS, pg_stat_replication (psql aligned, --csv or -A), pgbench's "
    "report, a Prometheus scrape (text format 0.0.4), k6's summary JSON or JMeter's CSV results with a header line";

std::optional<MeasureSource> recogniseTable(std::string_view text, std::optional<TextTable>& table)
{
    table = readTable(text);
    if (!table)
        return std::nullopt;
    return tableSource(*table);
}

} // namespace

engine::Issue columnIssue(const MeasureText& input, std::string_view column, const std::string& what)
{
    return {engine::Subject::file(input.name), std::string(column) + ": " + what};
}

std::optional<MeasureSource> tableSource(const TextTable& table)
{
    if (table.has("database") && (table.has("total_xact_count") || table.has("avg_xact_count")))
        return MeasureSource::PgbouncerStats;
    if (table.has("database") && table.has("user") && (table.has("cl_active") || table.has("cl_waiting")))
        return MeasureSource::PgbouncerPools;
    if (table.has("application_name") && (table.has("replay_lag") || table.has("replay_lsn") || table.has("sent_lsn")))
        return MeasureSource::PgStatReplication;
    if (table.has("timeStamp") && table.has("elapsed"))
        return MeasureSource::JmeterJtl;
    return std::nullopt;
}

std::optional<MeasureSource> recognise(std::string_view text)
{
    if (looksLikeJson(text))
        return text.find("\"metrics\"") != std::string_view::npos ? std::optional(MeasureSource::K6) : std::nullopt;
    std::optional<TextTable> table;
    if (const auto source = recogniseTable(text, table))
        return source;
    if (looksLikePgbench(text))
        return MeasureSource::Pgbench;
    if (looksLikePrometheus(text))
        return MeasureSource::Prometheus;
    return std::nullopt;
}

engine::Checked<engine::Measurement> readMeasurement(const MeasureText& first, const std::optional<MeasureText>& second,
                                                     std::optional<double> intervalS)
{
    for (const MeasureText* input : {&first, second ? &*second : nullptr}) {
        if (input == nullptr)
            continue;
        if (input->text.size() > kMaxMeasureBytes)
            return Issue{engine::Subject::file(input->name), "larger than " + std::to_string(kMaxMeasureBytes / (1024 * 1024)) +
                                          " MiB; measurements are reports and scrapes, not logs"};
        if (trim(input->text).empty())
            return Issue{engine::Subject::file(input->name), "is empty; " + std::string(kKnown)};
        if (input->text.find('\0') != std::string::npos)
            return Issue{engine::Subject::file(input->name), "holds binary data (a NUL byte), not a report; " + std::string(kKnown)};
    }
    if (intervalS && !(*intervalS > 0.0))
        return Issue{engine::Subject::argument("--interval-s"), "must be a number of seconds above 0, got " + engine::formatNumber(*intervalS)};
    std::optional<TextTable> table;
    std::optional<MeasureSource> source;
    if (looksLikeJson(first.text))
        source = MeasureSource::K6;
    else if ((source = recogniseTable(first.text, table)))
        ;
    else if (looksLikePgbench(first.text))
        source = MeasureSource::Pgbench;
    else if (looksLikePrometheus(first.text))
        source = MeasureSource::Prometheus;
    if (!source)
        return Issue{engine::Subject::file(first.name), "not a measurement headroom-cli knows; " + std::string(kKnown)};

    const bool snapshots = *source == MeasureSource::PgbouncerStats || *source == MeasureSource::Prometheus;
    if (second && !snapshots)
        return Issue{engine::Subject::file(second->name), "a second file is a later snapshot of SHOW STATS or of a Prometheus scrape; " +
                                       std::string(engine::sourceTitle(*source)) + " is read from one file"};
    if (second && !intervalS)
        return Issue{engine::Subject::argument("--interval-s"), "two snapshots need the seconds between them (--interval-s T)"};
    if (!second && intervalS)
        return Issue{engine::Subject::argument("--interval-s"), "only two snapshots (FILE FILE2) have an interval between them"};

    engine::Checked<engine::Measurement> read = Issue{engine::Subject::file(first.name), "unreadable"};
    switch (*source) {
    case MeasureSource::PgbouncerStats: {
        std::optional<TextTable> after;
        if (second) {
            std::optional<TextTable> other;
            if (recogniseTable(second->text, other) != MeasureSource::PgbouncerStats)
                return Issue{engine::Subject::file(second->name), "is not a SHOW STATS snapshot like " + first.name};
            after = std::move(other);
        }
        read = readPgbouncerStats(*table, after ? &*after : nullptr,
                                  Snapshots{&first, second ? &*second : nullptr, intervalS});
        break;
    }
    case MeasureSource::PgbouncerPools:
        read = readPgbouncerPools(*table, first);
        break;
    case MeasureSource::PgStatReplication:
        read = readReplication(*table, first);
        break;
    case MeasureSource::JmeterJtl:
        read = readJtl(*table, first);
        break;
    case MeasureSource::Pgbench:
        read = readPgbench(first);
        break;
    case MeasureSource::Prometheus:
        if (second && !looksLikePrometheus(second->text))
            return Issue{engine::Subject::file(second->name), "is not a Prometheus scrape like " + first.name};
        read = readPrometheus(Snapshots{&first, second ? &*second : nullptr, intervalS});
        break;
    case MeasureSource::K6:
        read = readK6(first);
        break;
    }
    if (!read)
        return read;
    engine::Measurement measurement = std::move(read).value();
    measurement.source = *source;
    measurement.file = second ? first.name + "," + second->name : first.name;
    measurement.intervalS = second ? intervalS : std::nullopt;
    return measurement;
}

} // namespace headroom::model::measure
