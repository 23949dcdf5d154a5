// SPDX-License-Identifier: MIT
#include "report/PdfReport.h"

#include "report/DiagramExport.h"
#include "report/PdfFlow.h"
#include "report/ReportCharts.h"
#include "report/ReportContent.h"
#include "report/ReportTables.h"
#include "report/ReportText.h"

#include "Theme.h"

#include <QtCore/QBuffer>
#include <QtCore/QLocale>
#include <QtGui/QPageLayout>
#include <QtGui/QPainter>
#include <QtGui/QPdfWriter>

#include <algorithm>

namespace headroom::ui::report {

namespace {

const QColor kCritical{0xb7, 0x1c, 0x1c};
const QColor kWarning{0xe6, 0x51, 0x00};

/// Everything the layout draws from, built once for all passes.
struct Parts {
    const ReportContent& content;
    const ReportCharts& charts;
    const DiagramExport& diagram;
};

QList<TableColumn> columnsOf(const TextTable& table, const QList<qreal>& widths)
{
    QList<TableColumn> columns;
    for (qsizetype c = 0; c < table.headings.size(); ++c)
        columns << TableColumn{table.headings[c], widths.value(c, 1.0),
                               table.numeric.value(c) ? Qt::AlignRight : Qt::AlignLeft};
    return columns;
}

/// The table's cells, its utilization column coloured as the diagram colours cards.
QList<TableRow> rowsOf(const TextTable& table, qsizetype loadColumn)
{
    QList<TableRow> rows;
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        TableRow row;
        for (qsizetype c = 0; c < table.rows[r].size(); ++c) {
            TableCell cell{table.rows[r][c], {}, {}};
            if (c == loadColumn && table.loads[r] > 0.0) {
                const LevelColours colours = levelColours(loadLevel(table.loads[r], table.saturated[r]));
                cell.background = colours.fill;
                cell.foreground = colours.text;
            }
            row << cell;
        }
        rows << row;
    }
    return rows;
}

void titlePage(PdfFlow& flow, const ReportContent& content)
{
    flow.skip(flow.area().height() * 0.28);
    flow.paragraph(QStringLiteral("Capacity report"), PdfFlow::font(26, true), theme::kText, 10);
    flow.paragraph(content.request.project.isEmpty() ? QStringLiteral("Untitled model") : content.request.project,
                   PdfFlow::font(18), theme::kText, 30);
    const QString scenario =
        content.request.scenario.isEmpty() ? QStringLiteral("none (the base model)") : content.request.scenario;
    const QStringList lines{
        QStringLiteral("Date: ") + QLocale::c().toString(content.request.generated, QStringLiteral("d MMMM yyyy, HH:mm")),
        QStringLiteral("Scenario: ") + scenario,
        QStringLiteral("Traffic: ") + multiplier(content.request.multiplier) + QStringLiteral(" today's"),
        QStringLiteral("Planning for: ") + multiplier(content.planningAt) + QStringLiteral(" today's traffic, at ") +
            utilization(content.request.targetUtilization) + QStringLiteral(" target utilization"),
        QStringLiteral("Components: %1, links: %2").arg(content.model().components.size()).arg(content.model().links.size()),
    };
    for (const QString& line : lines)
        flow.paragraph(line, PdfFlow::font(11), theme::kText, 4);
    flow.skip(24);
    flow.paragraph(QStringLiteral("Every figure in this report was computed by Headroom's queueing engine; section "
                                  "\u201cAssumptions\u201d lists the formulas and approximations behind them."),
                   PdfFlow::font(9), theme::kMutedText);
}

void contents(PdfFlow& flow, const std::vector<TocEntry>& toc)
{
    flow.paragraph(QStringLiteral("Contents"), PdfFlow::font(15, true), theme::kText, 12);
    for (const TocEntry& entry : toc)
        flow.contentsLine(entry, PdfFlow::font(entry.level == 1 ? 10.5 : 9.5, entry.level == 1));
}

void chart(PdfFlow& flow, ChartView* view, const QString& caption)
{
    const qreal height = flow.area().width() * ReportCharts::kHeight / ReportCharts::kWidth;
    flow.keep(height + 30.0); // the chart with its caption
    flow.block(height, [view](QPainter* painter, const QRectF& box) { ReportCharts::render(view, painter, box); });
    if (!caption.isEmpty())
        flow.paragraph(caption, PdfFlow::font(8), theme::kMutedText, 10);
}

/// One analysis section: a heading per item, its sentences and its `perItem` charts.
template <typename Item>
void analysisSection(PdfFlow& flow, const QString& title, const std::vector<Item>& items,
                     const std::vector<ReportChart>& charts, std::size_t perItem)
{
    if (items.empty())
        return;
    flow.heading(1, title);
    for (std::size_t i = 0; i < items.size(); ++i) {
        flow.heading(2, items[i].title);
        for (const QString& line : items[i].text)
            flow.bullet(line, PdfFlow::font(9.5));
        for (std::size_t k = perItem * i; k < perItem * (i + 1); ++k)
            chart(flow, charts[k].chart, charts[k].caption);
    }
}

void analyses(PdfFlow& flow, const Parts& parts)
{
    analysisSection(flow, QStringLiteral("Connection pools"), parts.content.pools, parts.charts.pools(), 1);
    analysisSection(flow, QStringLiteral("Replica lag"), parts.content.lags, parts.charts.lags(), 2);
    analysisSection(flow, QStringLiteral("Load shedding"), parts.content.shedding, parts.charts.shedding(), 1);
}

void advisor(PdfFlow& flow, const ReportContent& content)
{
    const QFont body = PdfFlow::font(9.5);
    flow.heading(1, QStringLiteral("Advisor"));
    if (!content.stage.isEmpty())
        flow.paragraph(content.stage, body);
    if (content.findings.empty() && !content.stage.isEmpty())
        flow.paragraph(QStringLiteral("No findings: nothing saturates, waits or lags at %1, and nothing is built far "
                                      "beyond the load.")
                           .arg(multiplier(content.planningAt)),
                       body);
    for (const FindingText& f : content.findings) {
        flow.keep(60.0); // a finding's title stays with its message
        const QColor colour = f.severity == QLatin1String("critical")  ? kCritical
                              : f.severity == QLatin1String("warning") ? kWarning
                                                                       : theme::kMutedText;
        flow.paragraph(QStringLiteral("%1 \u00b7 %2 \u00b7 %3").arg(f.severity.toUpper(), f.kind, f.component),
                       PdfFlow::font(9, true), colour, 2);
        flow.paragraph(f.message, body, theme::kText, 3);
        for (const QString& action : f.actions)
            flow.bullet(action, PdfFlow::font(9));
        flow.skip(4);
    }
    for (const QString& note : content.adviceNotes)
        flow.paragraph(note, PdfFlow::font(9), theme::kMutedText);
}

void layout(PdfFlow& flow, const Parts& parts, const std::vector<TocEntry>& toc)
{
    const ReportContent& content = parts.content;
    const QFont body = PdfFlow::font(10);
    titlePage(flow, content);
    flow.newPage();
    contents(flow, toc);
    flow.newPage();

    flow.heading(1, QStringLiteral("Executive summary"));
    for (const QString& sentence : content.summary)
        flow.paragraph(sentence, body, theme::kText, 8);

    // The diagram fills the width, up to most of a page; its heading moves with it
    // when less than half of it would fit under the summary.
    const QRectF bounds = parts.diagram.bounds();
    const qreal wanted = std::min(flow.area().height() * 0.85, flow.area().width() * bounds.height() / bounds.width());
    flow.keep(std::min(wanted, flow.area().height() * 0.5) + 70.0);
    flow.heading(1, QStringLiteral("Architecture"));
    flow.paragraph(QStringLiteral("Each component is coloured by its busiest instance's utilization at %1: green up "
                                  "to 70%, amber above, red above 90%, dark red when saturated.")
                       .arg(multiplier(content.request.multiplier)),
                   PdfFlow::font(9), theme::kMutedText);
    flow.block(std::min(wanted, flow.remaining() - 8.0), [&parts](QPainter* painter, const QRectF& box) { parts.diagram.render(painter, box); });

    flow.heading(1, QStringLiteral("Components"));
    const TextTable components = componentTable(content);
    flow.table(columnsOf(components, {2.7, 1.5, 1.1, 1.0, 1.05, 1.05, 1.0, 0.9, 0.9}), rowsOf(components, 3),
               PdfFlow::font(7.5));
    const QStringList notes = componentNotes(content);
    if (!notes.isEmpty())
        flow.paragraph(QStringLiteral("Notes"), PdfFlow::font(9.5, true), theme::kText, 3);
    for (const QString& note : notes)
        flow.bullet(note, PdfFlow::font(9));

    flow.heading(1, QStringLiteral("The %1 question").arg(multiplier(content.request.planningMultiplier)));
    if (content.tenX) {
        flow.paragraph(verdict(content.tenX->verdict), body);
        if (parts.charts.tenX())
            chart(flow, parts.charts.tenX(),
                  QStringLiteral("End-to-end response and the busiest instance's utilization against traffic, up to "
                                 "%1; dots mark where each component saturates.")
                      .arg(multiplier(content.planningAt)));
        const TextTable plan = planTable(content);
        flow.table(columnsOf(plan, {2.4, 1, 1.2, 1.1, 1.1, 1.1, 1.1}), rowsOf(plan, 2), PdfFlow::font(7.5));
    } else {
        flow.paragraph(content.tenXNote, body);
    }

    analyses(flow, parts);
    advisor(flow, content);

    flow.heading(1, QStringLiteral("Assumptions"));
    for (const QString& line : content.assumptions)
        flow.bullet(line, PdfFlow::font(9));
    flow.heading(1, QStringLiteral("Warnings"));
    if (content.warnings.isEmpty())
        flow.paragraph(QStringLiteral("The solve raised no warnings."), PdfFlow::font(9));
    for (const QString& line : content.warnings)
        flow.bullet(line, PdfFlow::font(9));
    flow.finish();
}

} // namespace

QByteArray pdfReport(const ReportContent& content)
{
    const ReportCharts charts(content);
    const DiagramExport diagram(content);
    const Parts parts{content, charts, diagram};

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(72);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(50, 48, 50, 36),
                                     QPageLayout::Point));
    writer.setTitle(content.title());
    writer.setCreator(QStringLiteral("Headroom"));
    const QString footer = content.title() + QStringLiteral(" \u00b7 ") +
                           QLocale::c().toString(content.request.generated.date(), QStringLiteral("d MMMM yyyy"));

    // Measure twice (the contents' own length moves what follows), then paint.
    std::vector<TocEntry> toc;
    int pages = 0;
    for (int pass = 0; pass < 2; ++pass) {
        PdfFlow measure(&writer, nullptr, footer, 0);
        layout(measure, parts, toc);
        toc = measure.headings();
        pages = measure.page();
    }
    QPainter painter(&writer);
    painter.setRenderHint(QPainter::Antialiasing);
    PdfFlow flow(&writer, &painter, footer, pages);
    layout(flow, parts, toc);
    painter.end();
    return buffer.data();
}

} // namespace headroom::ui::report
