// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace headroom::engine {

/// What a running system reported, as spec section 10 names it ("source").
enum class MeasureSource : std::uint8_t {
    PgbouncerStats,
    PgbouncerPools,
    PgStatReplication,
    Pgbench,
    Prometheus,
    K6,
    JmeterJtl,
};

/// "pgbouncer-stats", "pg_stat_replication", ...: the contract's spelling.
std::string_view sourceName(MeasureSource source);
/// What a person calls it: "SHOW STATS", "pgbench", "Prometheus".
std::string_view sourceTitle(MeasureSource source);
std::optional<MeasureSource> parseSource(std::string_view name);

/// A figure's value: null (the system reported nothing, e.g. an idle replica's lag),
/// a number, a flag or a word (a replica's state, a pool's mode).
using FigureValue = std::variant<std::monostate, double, bool, std::string>;

struct MeasuredFigure {
    std::string key; ///< "xact_rps", "replay_lag_ms", ...
    FigureValue value;

    bool operator==(const MeasuredFigure&) const = default;
};

/// One measured object: a PgBouncer database, a pool, a replica, a Prometheus series,
/// a JMeter label, or the whole run (pgbench, k6), in the order the reader found them.
struct MeasuredObject {
    std::string name; ///< "bench", "bench/app", "replica1", "http_requests_total{code=\"200\"}", "pgbench"
    std::vector<MeasuredFigure> figures;

    [[nodiscard]] const FigureValue* find(std::string_view key) const;
    /// The figure as a number, if it is one.
    [[nodiscard]] std::optional<double> number(std::string_view key) const;
    [[nodiscard]] std::optional<std::string> text(std::string_view key) const;
    [[nodiscard]] std::optional<bool> flag(std::string_view key) const;

    bool operator==(const MeasuredObject&) const = default;
};

/// The figures derived from one file (or a before/after pair of them).
struct Measurement {
    MeasureSource source = MeasureSource::Pgbench;
    std::string inputFormat;      ///< "psql-aligned", "psql-csv", "psql-unaligned", "pgbench-report", ...
    std::string file;             ///< the file (and its pair) as given, for messages and marks
    std::string capturedAt;       ///< ISO 8601 UTC: when the figures were taken (the file's time)
    std::optional<double> intervalS; ///< the interval between two snapshots, when there were two
    std::vector<MeasuredObject> objects;

    /// The object of that name, exactly; for Prometheus also a series name alone or a name
    /// with some of its labels, when exactly one series matches.
    [[nodiscard]] const MeasuredObject* find(std::string_view name) const;
    /// Where the objects go in the measure command's JSON ("databases", "pools", "replicas",
    /// "series", "labels"); empty for a whole-run source, whose figures sit at the top level.
    [[nodiscard]] std::string_view collection() const;

    bool operator==(const Measurement&) const = default;
};

} // namespace headroom::engine
