// SPDX-License-Identifier: MIT
#include "report/ReportCharts.h"

#include "report/ReportContent.h"

#include "Format.h"
#include "charts/LagChart.h"
#include "charts/PoolChart.h"
#include "charts/SheddingChart.h"
#include "charts/StaleReadChart.h"
#include "charts/TenXChart.h"

#include <QtCore/QBuffer>
#include <QtGui/QPainter>
#include <QtGui/QPicture>
#include <QtSvg/QSvgGenerator>
#include <QtWidgets/QWidget>

#include <cmath>
#include <limits>

namespace headroom::ui::report {

namespace {

template <typename Chart>
Chart* makeChart(QWidget* host)
{
    auto* chart = new Chart(host);
    chart->resize(ReportCharts::kWidth, ReportCharts::kHeight);
    // A widget never shown gets no resize event, so QCustomPlot would lay the chart out
    // (and stack its labels) at its default size, not the one it is drawn at.
    chart->setViewport(QRect(0, 0, ReportCharts::kWidth, ReportCharts::kHeight));
    // A printed chart has nothing under the mouse; the legend's hover layer stays empty.
    chart->setInteractions({});
    return chart;
}

/// Ends each line a little beyond its value axis. A curve that climbs towards saturation
/// reaches values millions of times the axis's top; a PDF viewer dashes the whole
/// invisible length before clipping it (poppler gives up on it), so the line is cut
/// where it leaves the view, at the exact crossing point, and resumes where it comes
/// back: what shows is unchanged.
void clipToView(ChartView* chart)
{
    for (int g = 0; g < chart->graphCount(); ++g) {
        QCPGraph* graph = chart->graph(g);
        const QCPRange range = graph->valueAxis()->range();
        const double top = range.upper + range.size();
        const double bottom = range.lower - range.size();
        QVector<double> keys;
        QVector<double> values;
        bool outside = false;
        double lastKey = 0.0;
        double lastValue = 0.0;
        bool first = true;
        for (const QCPGraphData& point : *graph->data()) {
            if (std::isnan(point.value)) { // already a gap
                keys << point.key;
                values << point.value;
                first = true;
                continue;
            }
            const bool out = point.value > top || point.value < bottom;
            if (!first && out != outside) {
                // The crossing of the limit between the last point and this one.
                const double limit = (out ? point.value : lastValue) > top ? top : bottom;
                const double t = (limit - lastValue) / (point.value - lastValue);
                keys << lastKey + t * (point.key - lastKey);
                values << limit;
                if (out) {
                    keys << keys.back();
                    values << std::numeric_limits<double>::quiet_NaN(); // a gap in the line
                }
            }
            if (!out) {
                keys << point.key;
                values << point.value;
            }
            outside = out;
            lastKey = point.key;
            lastValue = point.value;
            first = false;
        }
        graph->setData(keys, values, true);
    }
}

} // namespace

ReportCharts::ReportCharts(const ReportContent& content) : m_host(std::make_unique<QWidget>())
{
    const engine::Model& model = content.model();
    const double now = content.request.multiplier;
    if (content.tenX) {
        auto* chart = makeChart<TenXChart>(m_host.get());
        chart->setAnalysis(content.curve, *content.tenX, model, now, content.curveComponents, std::nullopt);
        m_tenX = chart;
    }
    for (const PoolSection& pool : content.pools) {
        const engine::Link& link = model.links[pool.sizing.link];
        auto* chart = makeChart<PoolChart>(m_host.get());
        chart->setAnalysis(pool.sizing, format::text(link.from) + QStringLiteral(" \u2192 ") + format::text(link.to));
        m_pools.push_back({pool.title + QStringLiteral(": chance of waiting and mean wait against the pool size"),
                           chart});
    }
    for (const LagSection& lag : content.lags) {
        const QString replica = format::text(model.components[lag.lag.replica].id);
        auto* lagChart = makeChart<LagChart>(m_host.get());
        lagChart->setAnalysis(lag.lag, replica, now);
        m_lags.push_back({lag.title + QStringLiteral(": lag against traffic"), lagChart});
        auto* stale = makeChart<StaleReadChart>(m_host.get());
        stale->setAnalysis(lag.lag, replica);
        m_lags.push_back({lag.title + QStringLiteral(": chance of a stale read against the time since the write"),
                          stale});
    }
    for (const SheddingSection& shed : content.shedding) {
        auto* chart = makeChart<SheddingChart>(m_host.get());
        chart->setAnalysis(shed.answer, format::text(model.components[shed.answer.component].id), shed.saturationRps,
                           shed.currentRps);
        m_shedding.push_back({shed.title + QStringLiteral(": goodput against offered load"), chart});
    }
}

ReportCharts::~ReportCharts() = default;

void ReportCharts::render(ChartView* chart, QPainter* painter, const QRectF& target)
{
    clipToView(chart);
    // The charts queue their replots for an event loop a report does not run; replot now,
    // which also stacks the labels (ChartView::layoutLabels) at the size drawn.
    chart->replot(QCustomPlot::rpImmediateRefresh);
    // QCustomPlot draws only with its own painter class; a QPicture records that
    // drawing as vector commands and replays them into any painter (PDF, SVG).
    QPicture picture;
    {
        QCPPainter recorder(&picture);
        chart->toPainter(&recorder, kWidth, kHeight);
    }
    // QPicture replays scaled by the target's resolution over its own (72 dpi in a PDF
    // against the screen's 96): undo that, so the chart fills `target`.
    const qreal dpiX = static_cast<qreal>(picture.logicalDpiX()) / painter->device()->logicalDpiX();
    const qreal dpiY = static_cast<qreal>(picture.logicalDpiY()) / painter->device()->logicalDpiY();
    painter->save();
    painter->translate(target.topLeft());
    painter->scale(dpiX * target.width() / kWidth, dpiY * target.height() / kHeight);
    painter->drawPicture(0, 0, picture);
    painter->restore();
}

QByteArray ReportCharts::svg(ChartView* chart)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(QSize(kWidth, kHeight));
    generator.setViewBox(QRect(0, 0, kWidth, kHeight));
    {
        QPainter painter(&generator);
        render(chart, &painter, QRectF(0, 0, kWidth, kHeight));
    }
    return buffer.data();
}

} // namespace headroom::ui::report
