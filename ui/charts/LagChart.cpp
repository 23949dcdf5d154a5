// SPDX-License-Identifier: MIT
#include "charts/LagChart.h"

#include "Format.h"

#include <algorithm>

namespace headroom::ui {

LagChart::LagChart(QWidget* parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("lagChart"));
    xAxis->setLabel(tr("Traffic (\u00d7 today's)"));
    yAxis->setLabel(tr("Replication lag (ms)"));
    setKeyFormatter([](double key) { return tr("Traffic %1").arg(format::multiplier(key)); });
    m_mean = addSeries(tr("Mean lag"), seriesColour(0), QStringLiteral("ms"));
    m_p99 = addSeries(tr("p99 lag"), seriesColour(3), QStringLiteral("ms"), nullptr, Qt::DashLine);
}

void LagChart::setAnalysis(const engine::ReplicaLagAnswer& lag, const QString& replica, double current)
{
    clearDecorations();
    setStatus(lag.status);
    std::vector<double> keys;
    std::vector<std::optional<double>> mean;
    std::vector<std::optional<double>> p99;
    for (const engine::LagPoint& p : lag.series) {
        keys.push_back(p.multiplier);
        mean.push_back(p.lag.meanLagMs);
        p99.push_back(p.lag.p99LagMs);
    }
    setFiniteData(m_mean, keys, mean);
    setFiniteData(m_p99, keys, p99);
    m_to = keys.empty() ? 10.0 : keys.back();

    // The axis reaches the lag well before saturation, times three: the climb shows.
    double top = 0.0;
    double any = 0.0;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (!p99[k])
            continue;
        any = std::max(any, *p99[k]);
        if (!lag.saturatesAt || keys[k] <= 0.8 * *lag.saturatesAt)
            top = std::max(top, *p99[k]);
    }
    m_top = (top > 0.0 ? std::min(any, top * 3.0) : any) * 1.1;
    if (!(m_top > 0.0))
        m_top = 1.0;

    if (lag.saturatesAt && *lag.saturatesAt < m_to) {
        const engine::LagPoint& last = lag.series.back();
        addSaturatedRegion(*lag.saturatesAt, m_to * 10.0,
                           tr("%1 falls behind beyond %2").arg(replica, format::multiplier(*lag.saturatesAt)),
                           tr("Beyond %1 the writes arrive faster than %2 applies them: the lag grows without "
                              "bound (at %3 by %4 every second).")
                               .arg(format::multiplier(*lag.saturatesAt), replica, format::multiplier(last.multiplier),
                                    format::ms(last.lag.lagGrowthMsPerS)));
    }
    addOperatingPoint(current, tr("now %1").arg(format::multiplier(current)));
    fitView();
}

void LagChart::fitView()
{
    xAxis->setRange(0.0, m_to);
    yAxis->setRange(0.0, m_top);
    replotLater();
}

} // namespace headroom::ui
