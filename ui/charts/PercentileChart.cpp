// SPDX-License-Identifier: MIT
#include "charts/PercentileChart.h"

#include "Format.h"

#include <cmath>

namespace headroom::ui {

PercentileChart::PercentileChart(QWidget* parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("percentileChart"));
    xAxis->setLabel(tr("Component"));
    yAxis->setLabel(tr("Response time (ms)"));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    auto* group = new QCPBarsGroup(this);
    group->setSpacing(1.0);
    const auto make = [&](const QString& name, int colour) {
        auto* bars = new QCPBars(xAxis, yAxis);
        bars->setName(name);
        bars->setWidth(0.26);
        bars->setPen(Qt::NoPen);
        bars->setBrush(seriesColour(colour));
        bars->setBarsGroup(group);
        return bars;
    };
    m_p50 = make(tr("p50"), 0);
    m_p95 = make(tr("p95"), 1);
    m_p99 = make(tr("p99"), 3);
    xAxis->setTickLength(0, 3);
    xAxis->grid()->setVisible(false);
}

QCPBars* PercentileChart::bars(int percentile) const
{
    switch (percentile) {
    case 50:
        return m_p50;
    case 95:
        return m_p95;
    case 99:
        return m_p99;
    default:
        return nullptr;
    }
}

void PercentileChart::setAnalysis(const engine::SolveResult& result, const engine::Model& model,
                                  std::span<const std::size_t> components, std::optional<std::size_t> selected)
{
    clearDecorations();
    setStatus(result.status);
    m_components.assign(components.begin(), components.end());
    m_names.clear();
    m_details.clear();
    QVector<double> keys50, keys95, keys99, p50, p95, p99;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const auto add = [](QVector<double>& keys, QVector<double>& values, double key, std::optional<double> v) {
        if (v && std::isfinite(*v)) {
            keys.append(key);
            values.append(*v);
        }
    };
    for (std::size_t k = 0; k < m_components.size(); ++k) {
        const std::size_t i = m_components[k];
        const engine::ComponentResult& c = result.components[i];
        const auto key = static_cast<double>(k);
        const QString name = format::shortText(model.components[i].id);
        m_names << name;
        ticker->addTick(key, selected && *selected == i ? QStringLiteral("\u25b8 ") + name : name);
        add(keys50, p50, key, c.p50ResponseMs);
        add(keys95, p95, key, c.p95ResponseMs);
        add(keys99, p99, key, c.p99ResponseMs);
        if (c.saturated) {
            addSaturatedRegion(key - 0.45, key + 0.45, tr("saturated"),
                               tr("%1 is saturated at this load: its queue grows without bound, so it has no "
                                  "finite response time.")
                                   .arg(name));
            m_details << tr("saturated: no finite response time");
        } else {
            m_details << tr("p50 %1, p95 %2, p99 %3")
                             .arg(format::ms(c.p50ResponseMs), format::ms(c.p95ResponseMs), format::ms(c.p99ResponseMs));
        }
    }
    m_p50->setData(keys50, p50, true);
    m_p95->setData(keys95, p95, true);
    m_p99->setData(keys99, p99, true);
    xAxis->setTicker(ticker);
    xAxis->setTickLabelRotation(m_components.size() > 8 ? 35.0 : 0.0);
    fitView();
}

QString PercentileChart::valuesAt(double key)
{
    if (m_components.empty())
        return {};
    const auto k = static_cast<qsizetype>(std::clamp(std::lround(key), 0L, static_cast<long>(m_components.size()) - 1));
    return m_names.value(k) + QLatin1Char('\n') + m_details.value(k);
}

void PercentileChart::fitView()
{
    xAxis->setRange(-0.6, static_cast<double>(m_components.size()) - 0.4);
    fitValueAxis(yAxis, 0.0, 1.12);
    replotLater();
}

} // namespace headroom::ui
