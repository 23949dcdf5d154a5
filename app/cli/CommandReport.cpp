// SPDX-License-Identifier: MIT
// headroom-cli report MODEL -o OUT: the capacity report (PDF, HTML), the results table
// (CSV) or the diagram (SVG, PNG), drawn by the editor's own report code (ui/report/).
// It needs a QApplication (cli_main creates one on the offscreen platform).
#include "Commands.h"

#include "engine/Sweep.h"
#include "project/AtomicReplace.h"

#include "report/ReportContent.h"
#include "report/ReportExport.h"

#include <QtCore/QFileInfo>
#include <QtWidgets/QApplication>

namespace headroom::cli {

void runReport(const CliArgs& args, CliRun& run)
{
    const std::optional<std::string> out = args.text("-o");
    if (!out || out->empty())
        return fail(run, {{engine::Subject::argument("-o"),
                           "missing; name the report to write: -o OUT.pdf (or .html, .csv, .svg, .png)"}});
    const QString path = QString::fromStdString(*out);
    const auto format = ui::report::formatForPath(path);
    if (!format)
        return fail(run, {{engine::Subject::file(*out),
                           "unknown extension; name the output " + ui::report::knownExtensions().toStdString()}});
    if (qobject_cast<QApplication*>(QCoreApplication::instance()) == nullptr) {
        run = {kExitFault, "", "error: internal: report needs a QApplication to draw with\n"};
        return;
    }
    auto loaded = loadModelArgument(args);
    if (!loaded)
        return fail(run, loaded.issues());
    const auto multiplier = effectiveMultiplier(args, *loaded, 1.0);
    if (!multiplier)
        return fail(run, multiplier.issues());
    // A project plans with its own settings unless the options say otherwise.
    const model::ProjectSettings& settings = loaded->settings;
    const auto target = targetUtilization(args, settings.targetUtilization);
    if (!target)
        return fail(run, target.issues());
    const auto planning = args.number("--planning-multiplier");
    if (!planning)
        return fail(run, planning.issues());
    const double planningMultiplier = planning->value_or(settings.planningMultiplier);
    if (auto problem = engine::checkMultiplier(planningMultiplier, "--planning-multiplier"))
        return fail(run, {*problem});
    if (!(planningMultiplier > 0.0)) // growth of 0 plans for no traffic at all
        return fail(run, {{engine::Subject::argument("--planning-multiplier"),
                           "must be above 0, got " + engine::formatNumber(planningMultiplier)}});

    ui::report::ReportRequest request;
    const std::string& name = loaded->solver.model().name;
    request.project = name.empty() ? QFileInfo(QString::fromStdString(args.positional().front())).completeBaseName()
                                   : QString::fromStdString(name);
    request.scenario = QString::fromStdString(args.text("--scenario").value_or(""));
    request.multiplier = *multiplier;
    request.planningMultiplier = planningMultiplier;
    request.targetUtilization = *target;
    request.targetWait = settings.targetWait;
    request.solver = std::make_shared<const engine::Solver>(std::move(loaded).value().solver);
    const auto content = ui::report::buildReport(std::move(request));
    if (!content)
        return fail(run, content.issues());
    reportLeftovers(run, *out, model::removeLeftoverSiblings(path));
    if (const auto problem = ui::report::writeExport(*content, *format, path))
        return fail(run, {{engine::Subject::file(*out), problem->toStdString()}});
}

} // namespace headroom::cli
