// SPDX-License-Identifier: MIT
// headroom-cli measure FILE [FILE2] and calibrate MODEL --measure ... --map ... (spec
// section 10 and 10.1).
#include "Commands.h"

#include "engine/calibration/Calibration.h"
#include "io/JsonWriter.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"
#include "io/TextTable.h"
#include "measure/MeasureOutput.h"
#include "measure/MeasureReader.h"
#include "measure/MeasurementImport.h"
#include "project/AtomicReplace.h"
#include "project/ProjectFile.h"

#include <QtCore/QDateTime>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

#include <charconv>
#include <cmath>

namespace headroom::cli {

namespace {

using engine::Issue;

/// A file's text, or why it cannot be read.
engine::Checked<model::measure::MeasureText> readText(const std::string& name)
{
    auto input = model::measure::readInputFile(QString::fromStdString(name));
    if (!input)
        return input.issues();
    return std::move(input).value().text;
}

/// When the measurement was taken: the newest file's modification time (UTC).
std::string capturedAt(const std::vector<std::string>& files)
{
    std::vector<std::optional<QDateTime>> times;
    for (const std::string& f : files)
        times.emplace_back(QFileInfo(QString::fromStdString(f)).lastModified());
    return model::measure::captureTime(times);
}

engine::Checked<engine::Measurement> readFiles(const std::vector<std::string>& files, std::optional<double> interval)
{
    auto first = readText(files.at(0));
    if (!first)
        return first.issues();
    std::optional<model::measure::MeasureText> second;
    if (files.size() > 1) {
        auto read = readText(files[1]);
        if (!read)
            return read.issues();
        second = std::move(read).value();
    }
    auto measurement = model::measure::readMeasurement(*first, second, interval);
    if (!measurement)
        return measurement;
    engine::Measurement m = std::move(measurement).value();
    m.capturedAt = capturedAt(files);
    return m;
}

/// "FILE[,FILE2][@T]" of --measure.
engine::Checked<engine::Measurement> readSpec(const std::string& spec)
{
    std::string files = spec;
    std::optional<double> interval;
    if (const std::size_t at = spec.rfind('@'); at != std::string::npos) {
        const std::string tail = spec.substr(at + 1);
        double t = 0.0;
        const auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), t);
        if (ec == std::errc() && end == tail.data() + tail.size()) {
            if (!std::isfinite(t) || !(t > 0.0))
                return Issue{engine::Subject::argument("--measure " + spec), "the interval after '@' must be a number of seconds above 0"};
            interval = t;
            files = spec.substr(0, at);
        }
    }
    std::vector<std::string> names;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = files.find(',', start);
        names.push_back(files.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (names.size() > 2 || std::any_of(names.begin(), names.end(), [](const auto& n) { return n.empty(); }))
        return Issue{engine::Subject::argument("--measure " + spec), "expected FILE, or FILE,FILE2 (two snapshots) with @T seconds between them"};
    return readFiles(names, interval);
}

void writeJson(CliRun& run, const engine::CalibrationResult& result, std::span<const engine::Measurement> measurements,
               std::span<const engine::MeasureMapping> mappings, const std::optional<std::string>& written)
{
    model::JsonWriter w;
    w.beginObject();
    w.field("format", "headroom-calibration").field("version", 1);
    w.key("mappings").beginArray();
    for (const engine::MeasureMapping& m : mappings) {
        const engine::Measurement& source = measurements[m.measurement];
        w.beginObject();
        w.field("object", m.object).field("target", m.target.text());
        w.field("source", engine::sourceName(source.source)).field("file", source.file).field("at", source.capturedAt);
        w.endObject();
    }
    w.endArray();
    w.key("changes").beginArray();
    for (const engine::FieldChange& c : result.changes) {
        w.beginObject();
        w.field(c.owner.isLink() ? "link" : "component", c.owner.text()).field("field", c.field);
        w.key("before").value(c.before);
        w.field("after", c.after);
        w.endObject();
    }
    w.endArray();
    w.key("residuals").beginArray();
    for (const engine::ResidualRow& r : result.residuals) {
        const engine::MeasureMapping& m = mappings[r.mapping];
        w.beginObject();
        w.field("object", m.object).field("target", m.target.text()).field("figure", r.figure);
        w.key("measured").value(r.measured);
        w.key("modelled").value(r.modelled);
        w.key("relative_residual").value(r.residual);
        w.field("fitted", r.fitted).field("flagged", r.flagged).field("reason", r.reason);
        w.endObject();
    }
    w.endArray();
    w.key("notes").beginArray();
    for (const std::string& n : result.notes)
        w.value(n);
    w.endArray();
    if (written)
        w.field("written", *written);
    else
        w.key("written").null();
    w.endObject();
    run.out = w.take() + "\n";
}

void writeText(CliRun& run, const engine::CalibrationResult& result, std::span<const engine::Measurement> measurements,
               std::span<const engine::MeasureMapping> mappings, const std::optional<std::string>& written)
{
    std::string out = "Calibrated from:\n";
    for (const engine::MeasureMapping& m : mappings) {
        const engine::Measurement& s = measurements[m.measurement];
        out += "  " + std::string(engine::sourceTitle(s.source)) + " '" + m.object + "' -> " + m.target.text() +
               "   (" + s.file + ", " + s.capturedAt + ")\n";
    }
    out += "\nFields set:\n";
    if (result.changes.empty())
        out += "  none\n";
    model::TextTable changes;
    changes.addColumn("field", model::TextTable::Align::Left);
    changes.addColumn("before");
    changes.addColumn("after");
    for (const engine::FieldChange& c : result.changes)
        changes.addRow({c.owner.text() + "." + c.field, model::measure::modelledText(c.before), model::humanNumber(c.after)});
    if (!changes.empty())
        out += changes.render("  ");
    out += "\nResiduals at the measured load (flagged above " + std::to_string(static_cast<int>(engine::kResidualFlag * 100)) +
           "%):\n";
    model::TextTable table;
    table.addColumn("object", model::TextTable::Align::Left);
    table.addColumn("figure", model::TextTable::Align::Left);
    table.addColumn("measured");
    table.addColumn("modelled");
    table.addColumn("residual");
    table.addColumn("", model::TextTable::Align::Left);
    for (const engine::ResidualRow& r : result.residuals) {
        const engine::MeasureMapping& m = mappings[r.mapping];
        const std::string mark = model::measure::residualNote(r);
        table.addRow({m.object + " -> " + m.target.text(), r.figure, model::measure::modelledText(r.measured),
                      model::measure::modelledText(r.modelled, r.modelledInfinite), model::measure::residualText(r.residual), mark});
    }
    out += table.render("  ");
    if (!result.notes.empty()) {
        out += "\nNotes:\n";
        for (const std::string& n : result.notes)
            out += "  - " + n + "\n";
    }
    const auto flagged = std::count_if(result.residuals.begin(), result.residuals.end(),
                                       [](const engine::ResidualRow& r) { return r.flagged; });
    out += "\n" + std::to_string(flagged) + " of " + std::to_string(result.residuals.size()) +
           " figures flagged. " +
           (written ? "Calibrated model written to " + *written + ".\n"
                    : std::string("Nothing was written (-o OUT writes the calibrated model).\n"));
    run.out = out;
}

} // namespace

void runMeasure(const CliArgs& args, CliRun& run)
{
    const auto interval = args.number("--interval-s");
    if (!interval)
        return fail(run, interval.issues());
    auto measurement = readFiles(args.positional(), *interval);
    if (!measurement)
        return fail(run, measurement.issues());
    run.out = args.flag("--json") ? model::measure::measurementJson(*measurement)
                                  : model::measure::measurementText(*measurement);
}

void runCalibrate(const CliArgs& args, CliRun& run)
{
    const std::string modelName = args.positional().front();
    auto project = model::loadModelOrProject(QString::fromStdString(modelName), model::ModelRules::Enforce);
    if (!project)
        return fail(run, project.issues());
    const std::vector<std::string> specs = args.all("--measure");
    if (specs.empty())
        return fail(run, {{engine::Subject::argument("--measure"), "required: the file(s) to calibrate from (--measure FILE[,FILE2][@T])"}});
    std::vector<engine::Measurement> measurements;
    engine::Issues issues;
    for (const std::string& spec : specs) {
        auto m = readSpec(spec);
        if (!m)
            issues.insert(issues.end(), m.issues().begin(), m.issues().end());
        else
            measurements.push_back(std::move(m).value());
    }
    if (!issues.empty())
        return fail(run, issues);
    std::vector<engine::MeasureMapping> mappings;
    for (const std::string& map : args.all("--map")) {
        const std::size_t eq = map.rfind('=');
        const auto target = eq == std::string::npos ? std::nullopt : engine::parseTarget(map.substr(eq + 1));
        if (!target || eq == 0) {
            issues.push_back({engine::Subject::argument("--map " + map), "expected NAME=TARGET: a measured object and a component id or a "
                                              "pooled link FROM->TO"});
            continue;
        }
        const std::string name = map.substr(0, eq);
        std::vector<std::size_t> holders;
        for (std::size_t i = 0; i < measurements.size(); ++i) {
            if (measurements[i].find(name) != nullptr)
                holders.push_back(i);
        }
        if (holders.empty()) {
            std::string files;
            for (const engine::Measurement& m : measurements)
                files += (files.empty() ? "" : ", ") + m.file;
            issues.push_back({engine::Subject::argument(name), "no measured object of that name in " + files +
                                        " (headroom-cli measure FILE lists what a file holds)"});
            continue;
        }
        if (holders.size() > 1) {
            issues.push_back({engine::Subject::argument(name), "measured in more than one file (" + measurements[holders[0]].file + ", " +
                                        measurements[holders[1]].file + "); calibrate from one of them"});
            continue;
        }
        mappings.push_back({holders[0], name, *target});
    }
    if (!issues.empty())
        return fail(run, issues);
    auto calibrated = engine::calibrate(project->model, measurements, mappings);
    if (!calibrated)
        return fail(run, calibrated.issues());
    std::optional<std::string> written;
    if (const auto out = args.text("-o")) {
        const QString path = QString::fromStdString(*out);
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix != QLatin1String("headroom") && suffix != QLatin1String("json"))
            return fail(run, {{engine::Subject::argument("-o " + *out), "name the output .json (a JSON model) or .headroom (a project)"}});
        reportLeftovers(run, *out, model::removeLeftoverSiblings(path));
        if (suffix == QLatin1String("headroom")) {
            model::Project saved = std::move(project).value();
            saved.model = calibrated->model;
            saved.metadata.recoveryOf.reset();
            auto status = model::saveProject(path, saved);
            if (!status)
                return fail(run, status.issues());
        } else if (const auto failure = model::writeFileAtomically(path, model::writeModelJson(calibrated->model))) {
            return fail(run, {{engine::Subject::file(*out), *failure}});
        }
        written = *out;
    }
    if (args.flag("--json"))
        writeJson(run, *calibrated, measurements, mappings, written);
    else
        writeText(run, *calibrated, measurements, mappings, written);
}

} // namespace headroom::cli
