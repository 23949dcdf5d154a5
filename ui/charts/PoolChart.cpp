// SPDX-License-Identifier: MIT
#include "charts/PoolChart.h"

#include "Format.h"
#include "Theme.h"

namespace headroom::ui {

PoolChart::PoolChart(QWidget* parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("poolChart"));
    xAxis->setLabel(tr("Pool size (connections per caller instance)"));
    yAxis->setLabel(tr("Chance of waiting"));
    yAxis->setTicker(QSharedPointer<PercentTicker>::create());
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("Mean wait for a connection (ms)"));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    setKeyFormatter([](double key) { return tr("Pool size %1").arg(qRound(key)); });
    m_probability = addSeries(tr("Chance of waiting"), seriesColour(0), QStringLiteral("%"), yAxis);
    m_meanWait = addSeries(tr("Mean wait"), seriesColour(1), QStringLiteral("ms"), yAxis2);
    m_probability->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
}

void PoolChart::setAnalysis(const engine::PoolSizing& sizing, const QString& linkName)
{
    clearDecorations();
    setStatus(sizing.status);
    std::vector<double> sizes;
    std::vector<double> probability;
    std::vector<std::optional<double>> meanWait;
    for (const engine::PoolSizePoint& p : sizing.series) {
        sizes.push_back(static_cast<double>(p.poolSize));
        probability.push_back(p.waitProbability);
        meanWait.push_back(p.meanWaitMs);
    }
    setFiniteData(m_probability, sizes, probability);
    // The mean wait is infinite below the smallest stable size: the series starts there.
    std::vector<double> stableSizes;
    std::vector<std::optional<double>> stableWait;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (meanWait[i]) {
            stableSizes.push_back(sizes[i]);
            stableWait.push_back(meanWait[i]);
        }
    }
    setFiniteData(m_meanWait, stableSizes, stableWait);
    m_to = sizes.empty() ? 10.0 : sizes.back() + 0.5;

    addHorizontalMarker(sizing.targetWait, tr("target %1").arg(format::percent(sizing.targetWait)), theme::kGood);
    if (!sizing.smallestStableSize) {
        addSaturatedRegion(0.0, m_to, tr("every size saturates"),
                           tr("The database behind %1 is saturated: every request holds its connection without "
                              "bound, so no pool size is enough.")
                               .arg(linkName));
    } else if (*sizing.smallestStableSize > 1) {
        const double edge = static_cast<double>(*sizing.smallestStableSize) - 0.5;
        addSaturatedRegion(0.0, edge, tr("saturated below %1").arg(*sizing.smallestStableSize),
                           tr("Pools smaller than %1 connections saturate: more connections are busy on average "
                              "than such a pool holds, so requests queue for one without bound.")
                               .arg(*sizing.smallestStableSize));
    }
    if (sizing.recommendedPoolSize)
        addVerticalMarker(static_cast<double>(*sizing.recommendedPoolSize),
                          tr("recommended %1").arg(*sizing.recommendedPoolSize), theme::kGood, Qt::DashLine);
    if (sizing.perNodeBudget) {
        const auto budget = static_cast<double>(*sizing.perNodeBudget);
        if (budget <= m_to * 1.5) {
            m_to = std::max(m_to, budget + 1.0);
            addVerticalMarker(budget, tr("per-node budget %1").arg(*sizing.perNodeBudget), theme::kError,
                              Qt::DashDotLine);
        }
    }
    if (sizing.currentPoolSize > 0) {
        m_to = std::max(m_to, static_cast<double>(sizing.currentPoolSize) + 1.0);
        addOperatingPoint(static_cast<double>(sizing.currentPoolSize), tr("now %1").arg(sizing.currentPoolSize));
    }
    fitView();
}

void PoolChart::fitView()
{
    xAxis->setRange(0.5, m_to);
    yAxis->setRange(0.0, 1.05);
    fitValueAxis(yAxis2);
    replotLater();
}

} // namespace headroom::ui
