// SPDX-License-Identifier: MIT
// headroom-cli convert IN OUT: a JSON model to a project and back, losing nothing the
// target format can hold.
#include "Commands.h"

#include "engine/Validation.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"
#include "project/AtomicReplace.h"
#include "project/ProjectFile.h"

#include <QFile>
#include <QFileInfo>
#include <QString>

#include <cstdint>
#include <optional>

#include <sys/stat.h>

namespace headroom::cli {

namespace {

enum class Format : std::uint8_t { Json, Project };

std::optional<Format> formatFromName(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return Format::Json;
    if (suffix.compare(QLatin1String("headroom"), Qt::CaseInsensitive) == 0)
        return Format::Project;
    return std::nullopt;
}

/// Whether two paths name one file (through links too): convert never overwrites its input.
bool sameFile(const QString& a, const QString& b)
{
    struct stat first {};
    struct stat second {};
    if (::stat(QFile::encodeName(a).constData(), &first) != 0 || ::stat(QFile::encodeName(b).constData(), &second) != 0)
        return false;
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

/// The project in IN: a project file as it is, a JSON model with default settings.
engine::Checked<model::Project> readInput(const QString& path)
{
    const bool project = model::isProjectFile(path) || formatFromName(path) == Format::Project;
    if (project)
        return model::loadProject(path, model::ModelRules::Enforce);
    auto read = model::loadModelFile(path);
    if (!read)
        return read.issues();
    const engine::ValidationReport report = engine::validateModel(*read);
    if (!report.ok())
        return report.errors;
    model::Project converted;
    converted.model = std::move(read).value();
    return converted;
}

} // namespace

void runConvert(const CliArgs& args, CliRun& run)
{
    const std::string& inName = args.positional()[0];
    const std::string& outName = args.positional()[1];
    const QString in = QString::fromStdString(inName);
    const QString out = QString::fromStdString(outName);
    const auto format = formatFromName(out);
    if (!format)
        return fail(run, {{engine::Subject::file(outName),
                           "name the output .json (a JSON model) or .headroom (a project)"}});
    if (sameFile(in, out))
        return fail(run, {{engine::Subject::file(outName),
                           "is the input file; convert writes a new file and never overwrites its input"}});
    auto project = readInput(in);
    if (!project)
        return fail(run, project.issues());
    model::Project converted = std::move(project).value();
    converted.metadata.recoveryOf.reset();
    reportLeftovers(run, outName, model::removeLeftoverSiblings(out));
    if (*format == Format::Json) {
        if (const auto failure = model::writeFileAtomically(out, model::writeModelJson(converted.model)))
            return fail(run, {{engine::Subject::file(outName), *failure}});
        if (!(converted.settings == model::ProjectSettings()))
            run.err += "warning: " + inName +
                       ": the project's settings and view state have no place in a JSON model and were left out\n";
        if (!converted.measurements.empty())
            run.err += "warning: " + inName + ": the " + std::to_string(converted.measurements.size()) +
                       " kept measurement(s) have no place in a JSON model and were left out (the calibrated "
                       "fields keep their marks)\n";
        return;
    }
    auto saved = model::saveProject(out, converted);
    if (!saved)
        return fail(run, saved.issues());
}

} // namespace headroom::cli
