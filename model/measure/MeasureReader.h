// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/calibration/Measurement.h"

#include <optional>
#include <string>
#include <string_view>

namespace headroom::model::measure {

/// One input: its text and the name errors call it by (a file name, "pasted text").
struct MeasureText {
    std::string name;
    std::string text;
};

/// Reads what a running system reported (spec section 10), recognised by its content,
/// never by its name: PgBouncer's SHOW STATS and SHOW POOLS, pg_stat_replication (psql
/// aligned, --csv or -A with any one-character separator), pgbench's report, Prometheus's
/// text format 0.0.4, k6's summary JSON (both shapes) and JMeter's CSV results.
/// `second`, with `intervalS`, is a later snapshot of the same source (SHOW STATS,
/// Prometheus): the figures are then deltas over the interval. Any text gives a result
/// or issues naming the input and the column or figure: nothing else, never a crash.
engine::Checked<engine::Measurement> readMeasurement(const MeasureText& first, const std::optional<MeasureText>& second,
                                                     std::optional<double> intervalS);

/// Which source a text is, or nothing; for showing what was recognised before reading it.
std::optional<engine::MeasureSource> recognise(std::string_view text);

/// Largest input read (a Prometheus scrape of a large service is a few MiB).
inline constexpr std::size_t kMaxMeasureBytes = 64 * 1024 * 1024;

} // namespace headroom::model::measure
