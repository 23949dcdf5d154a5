// SPDX-License-Identifier: MIT
#include "charts/TenXChart.h"

#include "Format.h"
#include "Theme.h"

#include <QtWidgets/QMenu>

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::ui {

namespace {

QString times(double multiplier)
{
    return format::multiplier(multiplier);
}

} // namespace

TenXChart::TenXChart(QWidget* parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("tenXChart"));
    xAxis->setLabel(tr("Traffic (\u00d7 today's)"));
    yAxis->setLabel(tr("End-to-end response (ms)"));
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("Utilization, busiest instance"));
    yAxis2->setTicker(QSharedPointer<PercentTicker>::create());
    setKeyFormatter([](double key) { return tr("Traffic %1").arg(times(key)); });
    // Many series: the legend sits under the plot, in columns, never over a curve.
    axisRect()->insetLayout()->take(legend);
    plotLayout()->addElement(1, 0, legend);
    plotLayout()->setRowStretchFactor(1, 0.001);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(4);
    legend->setMargins(QMargins(6, 4, 6, 4));
    legend->setBorderPen(Qt::NoPen);
}

void TenXChart::setAnalysis(const engine::LoadCurve& curve, const engine::TenXAnswer& answer,
                            const engine::Model& model, double current, std::span<const std::size_t> components,
                            std::optional<std::size_t> selected)
{
    clearDecorations();
    clearGraphs();
    m_utilization.clear();
    const std::vector<double>& keys = curve.multipliers;
    if (keys.empty())
        return;
    m_from = keys.front();
    m_to = keys.back();
    std::optional<double> unsettledFrom, unsettledTo;
    for (std::size_t k = 0; k < keys.size() && k < curve.status.size(); ++k) {
        if (curve.status[k] != engine::Status::NotConverged)
            continue;
        unsettledFrom = unsettledFrom.value_or(keys[k]);
        unsettledTo = keys[k];
    }
    if (unsettledFrom) {
        const QString where = *unsettledFrom == *unsettledTo
                                  ? tr("at %1").arg(times(*unsettledFrom))
                                  : tr("from %1 to %2").arg(times(*unsettledFrom), times(*unsettledTo));
        setStatus(engine::Status::NotConverged, where);
    }

    m_response = addSeries(tr("End-to-end response"), theme::kText, QStringLiteral("ms"), yAxis, Qt::SolidLine, 3.0);
    setFiniteData(m_response, keys, curve.responseMs);
    int colour = 0;
    double utilizationTop = 1.1;
    for (const std::size_t i : components) {
        const QString name = format::shortText(model.components[i].id);
        const bool highlighted = selected && *selected == i;
        QCPGraph* graph = addSeries(tr("%1 utilization").arg(name), seriesColour(colour++), QStringLiteral("%"), yAxis2,
                                    Qt::SolidLine, highlighted ? 3.5 : 1.8);
        setFiniteData(graph, keys, curve.utilization[i]);
        m_utilization.insert(i, graph);
        for (const double u : curve.utilization[i]) {
            if (std::isfinite(u))
                utilizationTop = std::max(utilizationTop, u * 1.05);
        }
    }
    m_utilizationTop = utilizationTop;

    // The response axis: up to the curve's height well before saturation, so the climb
    // towards it reads as a climb and not as a wall.
    // The first saturation point, infinitely far when nothing breaks by the planning multiplier.
    const double firstBreak =
        answer.breaks.empty() ? std::numeric_limits<double>::infinity() : answer.breaks.front().saturatesAt;
    double top = 0.0;
    double any = 0.0;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (!curve.responseMs[k] || !std::isfinite(*curve.responseMs[k]))
            continue;
        any = std::max(any, *curve.responseMs[k]);
        if (keys[k] <= 0.9 * firstBreak)
            top = std::max(top, *curve.responseMs[k]);
    }
    m_responseTop = (top > 0.0 ? std::min(any, top * 3.0) : any) * 1.1;
    if (!(m_responseTop > 0.0))
        m_responseTop = 1.0;

    // On the same line as the saturation points' labels: stacked with them, never under one.
    stackLabel(addHorizontalMarker(1.0, tr("saturation (100%)"), theme::kAlarm, yAxis2));
    addHorizontalMarker(answer.targetUtilization, tr("target %1").arg(format::percent(answer.targetUtilization)),
                        theme::kGood, yAxis2);
    if (firstBreak < m_to) {
        const QString id = format::shortText(model.components[answer.breaks.front().component].id);
        addSaturatedRegion(firstBreak, m_to * 10.0, tr("%1 saturated beyond %2").arg(id, times(firstBreak)),
                           tr("%1 saturates at %2: beyond it its queue grows without bound, so the end-to-end "
                              "response is unbounded and its curve ends.")
                               .arg(id, times(firstBreak)));
    }
    for (const engine::Break& b : answer.breaks) {
        if (b.saturatesAt > m_to || !m_utilization.contains(b.component))
            continue;
        auto* dot = new QCPItemTracer(this);
        dot->position->setAxes(xAxis, yAxis2);
        dot->position->setCoords(b.saturatesAt, 1.0);
        dot->setStyle(QCPItemTracer::tsCircle);
        dot->setSize(10);
        const QColor colour = m_utilization.value(b.component)->pen().color();
        dot->setPen(QPen(colour, 2.0));
        dot->setBrush(Qt::white);
        keep(dot);
        auto* label = new QCPItemText(this);
        label->position->setAxes(xAxis, yAxis2);
        label->position->setCoords(b.saturatesAt, 1.0);
        label->setPositionAlignment(Qt::AlignBottom | Qt::AlignRight);
        label->setText(tr("%1 %2").arg(format::shortText(model.components[b.component].id), times(b.saturatesAt)));
        label->setColor(colour);
        QFont font;
        font.setPixelSize(11);
        font.setBold(true);
        label->setFont(font);
        label->setPadding(QMargins(2, 0, 6, 4));
        label->setClipToAxisRect(true);
        keep(label);
        stackLabel(label);
    }
    addOperatingPoint(current, tr("now %1").arg(times(current)));
    fitView();
}

void TenXChart::fitView()
{
    xAxis->setRange(logarithmicKeys() ? m_from : 0.0, m_to);
    yAxis->setRange(0.0, m_responseTop);
    yAxis2->setRange(0.0, m_utilizationTop);
    replotLater();
}

void TenXChart::addContextActions(QMenu* menu)
{
    QAction* log = menu->addAction(tr("Logarithmic Traffic Axis"));
    log->setCheckable(true);
    log->setChecked(logarithmicKeys());
    connect(log, &QAction::toggled, this, &TenXChart::logarithmicToggled);
}

} // namespace headroom::ui
