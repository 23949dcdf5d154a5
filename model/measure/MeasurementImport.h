// SPDX-License-Identifier: MIT
#pragma once

#include "engine/calibration/Calibration.h"
#include "measure/MeasureReader.h"

#include <QtCore/QDateTime>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace headroom::model::measure {

/// One input of File > Import Measurements: a file's text, or pasted text.
struct ImportInput {
    MeasureText text;
    std::optional<QDateTime> modified; ///< a file's modification time; none for pasted text
};

/// A file's text and modification time, or why it cannot be read (a folder, no access).
engine::Checked<ImportInput> readInputFile(const QString& path);

/// One measurement to read: an input, or two snapshots of SHOW STATS or a Prometheus
/// scrape (before, after) with the seconds between them.
struct ImportEntry {
    ImportInput first;
    std::optional<ImportInput> second;
    std::optional<double> intervalS; ///< for a pair: from the files' times until the user types one
    std::optional<engine::MeasureSource> recognised;
    std::optional<engine::Measurement> measurement; ///< read, or
    engine::Issues issues;                          ///< why not

    /// "a.txt" or "a.txt, b.txt", as the import lists it.
    [[nodiscard]] std::string name() const;
    /// Reads (again, after the interval changed) the entry's measurement or its issues. A
    /// pair whose times do not tell which came first is read the way its counters grow.
    void read();
};

/// Groups inputs into entries: two inputs of a snapshot source (SHOW STATS, Prometheus)
/// make a pair, the older first, their interval the difference of their times when those
/// are a second or more apart; every other input stands alone. Each entry is read.
std::vector<ImportEntry> groupInputs(std::vector<ImportInput> inputs);

/// When a measurement was taken (ISO 8601, UTC): the newest of the times given, or now.
std::string captureTime(std::span<const std::optional<QDateTime>> times);

/// One measured object the import can map, with where it goes (empty: not mapped).
struct ImportMapping {
    std::size_t entry = 0;
    std::string object;
    std::optional<engine::CalibrationTarget> target;
};

/// Every object calibration can fit something from (engine::isFittable), in the entries'
/// order, each with engine::guessTarget's proposal (none where two objects would share
/// a target). A Prometheus scrape lists only the
/// series with busy seconds or a time (counters of other things: headroom-cli calibrate).
std::vector<ImportMapping> proposeMappings(const engine::Model& model, std::span<const ImportEntry> entries);

/// What applying an import would do: the calibration and the measurements it keeps.
struct ImportPreview {
    engine::CalibrationResult calibration;
    std::vector<engine::MeasureMapping> mappings; ///< indices into `measurements`
    std::vector<engine::Measurement> measurements; ///< the mapped entries' measurements
};

/// Calibrates `model` from the mapped objects (engine::calibrate). Issues name the entry
/// that could not be read, or the mapping that does not fit; nothing mapped is an issue.
engine::Checked<ImportPreview> previewImport(const engine::Model& model, std::span<const ImportEntry> entries,
                                             std::span<const ImportMapping> mappings);

} // namespace headroom::model::measure
