// SPDX-License-Identifier: MIT
#include "report/ExportMenu.h"

#include "report/ReportContent.h"

#include "Format.h"

#include "document/Document.h"
#include "document/LiveSolver.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtGui/QGuiApplication>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QMessageBox>

namespace headroom::ui::report {

ExportMenu::ExportMenu(model::Document* document, model::LiveSolver* solver, std::function<QString()> fileName,
                       std::function<model::ProjectSettings()> settings, QWidget* parent)
    : QMenu(tr("E&xport"), parent), m_document(document), m_solver(solver), m_fileName(std::move(fileName)),
      m_settings(std::move(settings))
{
    setObjectName(QStringLiteral("exportMenu"));
    const auto add = [this](const QString& text, const QString& name, ExportFormat format, const QString& filter,
                            const QString& suffix) {
        QAction* action = addAction(text, this, [=, this] { choose(format, filter, suffix); });
        action->setObjectName(name);
        return action;
    };
    add(tr("&Report as PDF\u2026"), QStringLiteral("actionExportReportPdf"), ExportFormat::Pdf, tr("PDF (*.pdf)"),
        QStringLiteral("pdf"));
    add(tr("Report as &HTML\u2026"), QStringLiteral("actionExportReportHtml"), ExportFormat::Html,
        tr("HTML page (*.html)"), QStringLiteral("html"));
    addSeparator();
    add(tr("Diagram as &SVG\u2026"), QStringLiteral("actionExportDiagramSvg"), ExportFormat::Svg, tr("SVG (*.svg)"),
        QStringLiteral("svg"));
    add(tr("Diagram as P&NG\u2026"), QStringLiteral("actionExportDiagramPng"), ExportFormat::Png, tr("PNG (*.png)"),
        QStringLiteral("png"));
    add(tr("Results Table as &CSV\u2026"), QStringLiteral("actionExportResultsCsv"), ExportFormat::Csv,
        tr("CSV (*.csv)"), QStringLiteral("csv"));
}

std::optional<QString> ExportMenu::exportTo(ExportFormat format, const QString& path)
{
    m_solver->flush();
    const std::optional<model::LiveResult>& live = m_solver->result();
    if (!live)
        return tr("The model does not solve: fix the errors in the results panel first.");
    ReportRequest request;
    request.solver = live->solver;
    request.multiplier = live->result.multiplier;
    const model::ProjectSettings settings = m_settings();
    request.planningMultiplier = settings.planningMultiplier;
    request.targetUtilization = settings.targetUtilization;
    request.targetWait = settings.targetWait;
    request.scenario = format::text(m_document->whatIf().name);
    const std::string& name = m_document->model().name;
    request.project = name.empty() ? QFileInfo(m_fileName()).completeBaseName() : format::text(name);
    const auto content = buildReport(std::move(request));
    if (!content)
        return format::text(content.issues().front().message);
    return writeExport(*content, format, path);
}

void ExportMenu::choose(ExportFormat format, const QString& filter, const QString& suffix)
{
    const QFileInfo current(m_fileName());
    const QString base = current.completeBaseName().isEmpty() ? tr("report") : current.completeBaseName();
    const QString folder = current.absolutePath().isEmpty() || m_fileName().isEmpty() ? QDir::homePath()
                                                                                      : current.absolutePath();
    QString path = QFileDialog::getSaveFileName(parentWidget(), tr("Export"), folder + QLatin1Char('/') + base +
                                                                                  QLatin1Char('.') + suffix,
                                                filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const std::optional<QString> problem = exportTo(format, path);
    QGuiApplication::restoreOverrideCursor();
    if (problem)
        QMessageBox::warning(parentWidget(), tr("Export"),
                             tr("%1: %2").arg(QDir::toNativeSeparators(path), *problem));
}

} // namespace headroom::ui::report
