// SPDX-License-Identifier: MIT
#include "AnalysisOptions.h"

#include "AnalysisDocks.h"
#include "DiagramScene.h"
#include "MainWindow.h"
#include "whatif/ScenarioCompareDialog.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/Scenarios.h"
#include "document/SetValueCommand.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtWidgets/QDockWidget>

namespace headroom::ui {

namespace {

const QCommandLineOption kMultiplier(QStringLiteral("multiplier"), QStringLiteral("Set the what-if traffic multiplier."),
                                     QStringLiteral("x"));
const QCommandLineOption kWhatIf(QStringLiteral("what-if"),
                                 QStringLiteral("Set a what-if override: ID.FIELD=VALUE, or FROM->TO.pool_size=N."),
                                 QStringLiteral("override"));
const QCommandLineOption kScenario(QStringLiteral("scenario"), QStringLiteral("Show the saved scenario <name>."),
                                   QStringLiteral("name"));
const QCommandLineOption kSelectLink(QStringLiteral("select-link"), QStringLiteral("Select the link FROM->TO."),
                                     QStringLiteral("link"));
const QCommandLineOption kDock(QStringLiteral("dock"),
                               QStringLiteral("Show a dock: tenx, pool, lag, shedding, percentiles, whatif or advisor."),
                               QStringLiteral("name"));
const QCommandLineOption kDockOnly(QStringLiteral("dock-only"),
                                   QStringLiteral("With --screenshot and --dock: render that dock alone."));
const QCommandLineOption kCompare(QStringLiteral("compare"),
                                  QStringLiteral("With --screenshot: render the comparison of scenarios A|B."),
                                  QStringLiteral("pair"));

/// The advisor's dock is the main window's, not one of the analysis docks.
const QString kAdvisorDock = QStringLiteral("advisor");

/// "a->b" -> the link between them.
model::LinkId linkNamed(const model::Document& document, const QString& text)
{
    const QStringList ends = text.split(QStringLiteral("->"));
    if (ends.size() != 2)
        return {};
    return document.findLink(document.findComponent(ends[0].trimmed().toStdString()),
                             document.findComponent(ends[1].trimmed().toStdString()));
}

std::optional<QString> applyOverride(model::Document& document, const QString& text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    const qsizetype dot = text.lastIndexOf(QLatin1Char('.'), equals);
    bool ok = false;
    const double value = text.mid(equals + 1).toDouble(&ok);
    if (equals < 0 || dot < 0 || !ok)
        return QStringLiteral("--what-if: expected ID.FIELD=VALUE, got '%1'").arg(text);
    const QString target = text.left(dot);
    const std::string key = text.mid(dot + 1, equals - dot - 1).toStdString();
    model::WhatIfKey whatIf;
    if (target.contains(QStringLiteral("->"))) {
        const model::LinkId link = linkNamed(document, target);
        const auto field = engine::parseLinkField(key);
        if (!link.isValid() || !field)
            return QStringLiteral("--what-if: no link field '%1'").arg(text.left(equals));
        whatIf = model::WhatIfKey::of(link, *field);
    } else {
        const model::ComponentId id = document.findComponent(target.toStdString());
        const auto field = engine::parseField(key);
        if (!id.isValid() || !field)
            return QStringLiteral("--what-if: no component field '%1'").arg(text.left(equals));
        whatIf = model::WhatIfKey::of(id, *field);
    }
    document.undoStack()->push(new model::SetWhatIfCommand(&document, {whatIf}, value));
    return std::nullopt;
}

} // namespace

void addAnalysisOptions(QCommandLineParser& parser)
{
    parser.addOptions({kMultiplier, kWhatIf, kScenario, kSelectLink, kDock, kDockOnly, kCompare});
}

std::optional<QString> applyAnalysisOptions(const QCommandLineParser& parser, MainWindow& window)
{
    model::Document& document = *window.document();
    AnalysisDocks& docks = *window.analysisDocks();
    if (parser.isSet(kScenario)) {
        const std::string name = parser.value(kScenario).toStdString();
        if (!document.model().findScenario(name))
            return QStringLiteral("--scenario: no scenario '%1' in the model").arg(parser.value(kScenario));
        model::switchScenario(document, name);
    }
    if (parser.isSet(kMultiplier)) {
        bool ok = false;
        const double multiplier = parser.value(kMultiplier).toDouble(&ok);
        if (!ok || !(multiplier > 0.0))
            return QStringLiteral("--multiplier: expected a number above 0, got '%1'").arg(parser.value(kMultiplier));
        document.undoStack()->push(new model::SetWhatIfCommand(&document, {model::WhatIfKey::multiplier()},
                                                               multiplier));
    }
    for (const QString& text : parser.values(kWhatIf)) {
        if (auto problem = applyOverride(document, text))
            return problem;
    }
    if (parser.isSet(kSelectLink)) {
        const model::LinkId link = linkNamed(document, parser.value(kSelectLink));
        if (!link.isValid())
            return QStringLiteral("--select-link: no link '%1' in the model").arg(parser.value(kSelectLink));
        window.scene()->selectOnly({}, {link});
    }
    if (parser.isSet(kDock) && parser.value(kDock) == kAdvisorDock) {
        window.showAdvisor();
    } else if (parser.isSet(kDock)) {
        if (!docks.dock(parser.value(kDock)))
            return QStringLiteral("--dock: no dock '%1'").arg(parser.value(kDock));
        docks.showDock(parser.value(kDock));
    }
    return std::nullopt;
}

QImage analysisScreenshot(const QCommandLineParser& parser, MainWindow& window)
{
    AnalysisDocks& docks = *window.analysisDocks();
    if (parser.isSet(kCompare)) {
        const QStringList pair = parser.value(kCompare).split(QLatin1Char('|'));
        window.liveSolver()->flush();
        ScenarioCompareDialog* dialog = docks.openCompare();
        dialog->compare(pair.value(0), pair.value(1));
        QCoreApplication::processEvents();
        return dialog->grab().toImage();
    }
    if (parser.isSet(kDock) && parser.isSet(kDockOnly)) {
        QDockWidget* dock = parser.value(kDock) == kAdvisorDock ? window.advisorDock() : docks.dock(parser.value(kDock));
        window.screenshot();
        dock->setFloating(true);
        dock->resize(1280, 560);
        dock->show();
        QCoreApplication::processEvents();
        docks.flush();
        QCoreApplication::processEvents();
        return dock->widget()->grab().toImage();
    }
    return window.screenshot();
}

} // namespace headroom::ui
