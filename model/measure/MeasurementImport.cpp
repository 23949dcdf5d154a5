// SPDX-License-Identifier: MIT
#include "measure/MeasurementImport.h"

#include "engine/calibration/CalibrationGuess.h"

#include "io/RegularFile.h"

#include <QtCore/QFileInfo>

#include <algorithm>
#include <cmath>
#include <map>

namespace headroom::model::measure {

namespace {

bool isSnapshotSource(engine::MeasureSource source)
{
    return source == engine::MeasureSource::PgbouncerStats || source == engine::MeasureSource::Prometheus;
}

/// Files copied together (a checkout, an archive) have times a few milliseconds apart:
/// those say nothing about when the snapshots were taken.
constexpr qint64 kTellingMs = 1000;

/// The seconds from a's time to b's, when both have one and they tell.
std::optional<double> secondsBetween(const ImportInput& a, const ImportInput& b)
{
    if (!a.modified || !b.modified)
        return std::nullopt;
    const qint64 ms = a.modified->msecsTo(*b.modified);
    if (std::abs(ms) < kTellingMs)
        return std::nullopt;
    return static_cast<double>(ms) / 1000.0;
}

engine::Checked<engine::Measurement> readPair(const ImportInput& before, const ImportInput& after, double seconds)
{
    return readMeasurement(before.text, after.text, seconds);
}

} // namespace

engine::Checked<ImportInput> readInputFile(const QString& path)
{
    // A named pipe would block for ever: only regular files are read (docs/reliability.md).
    auto bytes = readRegularFile(path, static_cast<qint64>(kMaxMeasureBytes), "measurement file");
    if (!bytes)
        return bytes.issues();
    return ImportInput{{path.toStdString(), bytes->toStdString()}, QFileInfo(path).lastModified()};
}

std::string ImportEntry::name() const
{
    return second ? first.text.name + ", " + second->text.name : first.text.name;
}

void ImportEntry::read()
{
    measurement.reset();
    issues.clear();
    recognised = recognise(first.text.text);
    if (second && !(intervalS && *intervalS > 0.0)) {
        issues.push_back({engine::Subject::file(name()), "two snapshots need the seconds between them: type them in the interval column"});
        return;
    }
    auto read = second ? readPair(first, *second, *intervalS) : readMeasurement(first.text, std::nullopt, std::nullopt);
    if (!read && second && !secondsBetween(first, *second)) {
        // Nothing says which snapshot came first: the one with the smaller counters did.
        if (auto swapped = readPair(*second, first, *intervalS)) {
            std::swap(first, *second);
            read = std::move(swapped);
        }
    }
    if (!read) {
        issues = read.issues();
        return;
    }
    engine::Measurement m = std::move(read).value();
    const std::optional<QDateTime> times[2] = {first.modified, second ? second->modified : std::nullopt};
    m.capturedAt = captureTime(times);
    measurement = std::move(m);
}

std::vector<ImportEntry> groupInputs(std::vector<ImportInput> inputs)
{
    std::vector<ImportEntry> entries;
    std::map<engine::MeasureSource, std::size_t> open; // a snapshot waiting for its pair
    for (ImportInput& input : inputs) {
        const auto source = recognise(input.text.text);
        if (source && isSnapshotSource(*source)) {
            if (const auto waiting = open.find(*source); waiting != open.end()) {
                ImportEntry& pair = entries[waiting->second];
                open.erase(waiting);
                pair.second = std::move(input);
                if (const auto seconds = secondsBetween(pair.first, *pair.second)) {
                    if (*seconds < 0.0)
                        std::swap(pair.first, *pair.second);
                    pair.intervalS = std::abs(*seconds);
                }
                continue;
            }
            open[*source] = entries.size();
        }
        entries.push_back({std::move(input), std::nullopt, std::nullopt, source, std::nullopt, {}});
    }
    for (ImportEntry& entry : entries)
        entry.read();
    return entries;
}

std::string captureTime(std::span<const std::optional<QDateTime>> times)
{
    QDateTime newest;
    for (const auto& t : times) {
        if (t && t->isValid() && (!newest.isValid() || *t > newest))
            newest = *t;
    }
    if (!newest.isValid())
        newest = QDateTime::currentDateTimeUtc();
    return newest.toUTC().toString(Qt::ISODate).toStdString();
}

std::vector<ImportMapping> proposeMappings(const engine::Model& model, std::span<const ImportEntry> entries)
{
    std::vector<ImportMapping> out;
    for (std::size_t e = 0; e < entries.size(); ++e) {
        if (!entries[e].measurement)
            continue;
        const engine::Measurement& m = *entries[e].measurement;
        for (const engine::MeasuredObject& object : m.objects) {
            if (!engine::isFittable(m.source, object))
                continue;
            const auto target = engine::guessTarget(model, m.source, object);
            if (m.source == engine::MeasureSource::Prometheus && !target) {
                const bool busyOrTime = std::any_of(object.figures.begin(), object.figures.end(), [&](const auto& f) {
                    const auto role = engine::figureRole(m.source, object.name, f.key);
                    return role == engine::FigureRole::Busy || role == engine::FigureRole::Time;
                });
                if (!busyOrTime)
                    continue;
            }
            out.push_back({e, object.name, target});
        }
    }
    // Two objects guessed onto one target (two databases, one pool) is no guess at all.
    for (ImportMapping& m : out) {
        const auto same = [&](const ImportMapping& other) {
            return &other != &m && other.target && m.target && other.target->text() == m.target->text();
        };
        if (std::any_of(out.begin(), out.end(), same))
            m.target.reset();
    }
    return out;
}

engine::Checked<ImportPreview> previewImport(const engine::Model& model, std::span<const ImportEntry> entries,
                                             std::span<const ImportMapping> mappings)
{
    ImportPreview preview;
    engine::Issues issues;
    std::map<std::size_t, std::size_t> kept; // entry -> index in preview.measurements
    for (const ImportMapping& mapping : mappings) {
        if (!mapping.target)
            continue;
        if (mapping.entry >= entries.size())
            return engine::Issue{engine::Subject::argument("mapping"), "no such input for '" + mapping.object + "'"};
        const ImportEntry& entry = entries[mapping.entry];
        if (!entry.measurement) {
            issues.insert(issues.end(), entry.issues.begin(), entry.issues.end());
            continue;
        }
        auto [at, added] = kept.try_emplace(mapping.entry, preview.measurements.size());
        if (added)
            preview.measurements.push_back(*entry.measurement);
        preview.mappings.push_back({at->second, mapping.object, *mapping.target});
    }
    if (!issues.empty())
        return issues;
    if (preview.mappings.empty())
        return engine::Issue{engine::Subject::argument("mapping"), "nothing to calibrate: map a measured object onto a component or a "
                                        "pooled link"};
    auto calibrated = engine::calibrate(model, preview.measurements, preview.mappings);
    if (!calibrated)
        return calibrated.issues();
    preview.calibration = std::move(calibrated).value();
    return preview;
}

} // namespace headroom::model::measure
