// SPDX-License-Identifier: MIT
#pragma once

// The readers of each source, called by readMeasurement once the source is recognised.

#include "measure/MeasureReader.h"
#include "measure/MeasureTable.h"

namespace headroom::model::measure {

/// Two snapshots to difference, or one.
struct Snapshots {
    const MeasureText* before = nullptr; ///< the only one when there is one
    const MeasureText* after = nullptr;
    std::optional<double> intervalS;
};

engine::Checked<engine::Measurement> readPgbouncerStats(const TextTable& first, const TextTable* second,
                                                        const Snapshots& snapshots);
engine::Checked<engine::Measurement> readPgbouncerPools(const TextTable& table, const MeasureText& input);
engine::Checked<engine::Measurement> readReplication(const TextTable& table, const MeasureText& input);
engine::Checked<engine::Measurement> readJtl(const TextTable& table, const MeasureText& input);
engine::Checked<engine::Measurement> readPgbench(const MeasureText& input);
engine::Checked<engine::Measurement> readPrometheus(const Snapshots& snapshots);
engine::Checked<engine::Measurement> readK6(const MeasureText& input);

/// Whether the text looks like each (cheap checks on its first lines).
bool looksLikePgbench(std::string_view text);
bool looksLikePrometheus(std::string_view text);
bool looksLikeJson(std::string_view text);

/// Which table-shaped source a header is.
std::optional<engine::MeasureSource> tableSource(const TextTable& table);

/// "figure 'x' needs the column 'y'"-style issue: "<input>: <column>: <what>".
engine::Issue columnIssue(const MeasureText& input, std::string_view column, const std::string& what);

} // namespace headroom::model::measure
