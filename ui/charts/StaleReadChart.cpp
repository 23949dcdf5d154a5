// SPDX-License-Identifier: MIT
#include "charts/StaleReadChart.h"

#include "Format.h"
#include "Theme.h"

namespace headroom::ui {

StaleReadChart::StaleReadChart(QWidget* parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("staleReadChart"));
    xAxis->setLabel(tr("Time since the write (ms)"));
    yAxis->setLabel(tr("Chance a read is stale"));
    yAxis->setTicker(QSharedPointer<PercentTicker>::create());
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    setKeyFormatter([](double key) { return tr("%1 after the write").arg(format::ms(key)); });
    m_stale = addSeries(tr("Stale read"), seriesColour(4), QStringLiteral("%"));
}

void StaleReadChart::setAnalysis(const engine::ReplicaLagAnswer& lag, const QString& replica)
{
    clearDecorations();
    std::vector<double> keys;
    std::vector<double> probability;
    for (const engine::StaleReadPoint& p : lag.staleRead) {
        keys.push_back(p.afterMs);
        probability.push_back(p.probability);
    }
    setFiniteData(m_stale, keys, probability);
    m_to = keys.empty() ? 1.0 : keys.back();
    // No p99 lag at the current load: the replica is saturated there and never catches up
    // (the engine still gives the stale-read points, all at or near 1).
    if (lag.staleRead.empty() || !lag.readYourWritesMs) {
        addSaturatedRegion(0.0, 1e12, tr("never catches up"),
                           tr("At the current load %1 applies writes slower than they arrive: it falls further "
                              "behind every second, so a read may miss any write.")
                               .arg(replica));
    } else {
        addHorizontalMarker(0.01, tr("1%"), theme::kMutedText);
        if (lag.readYourWritesMs)
            addVerticalMarker(*lag.readYourWritesMs, tr("1% stale after %1").arg(format::ms(*lag.readYourWritesMs)),
                              theme::kGood, Qt::DashLine);
    }
    fitView();
}

void StaleReadChart::fitView()
{
    xAxis->setRange(0.0, m_to);
    yAxis->setRange(0.0, 1.05);
    replotLater();
}

} // namespace headroom::ui
