// SPDX-License-Identifier: MIT
#include "charts/SheddingChart.h"

#include "Format.h"
#include "Theme.h"

namespace headroom::ui {

SheddingChart::SheddingChart(QWidget* parent) : ChartView(parent)
{
    setObjectName(QStringLiteral("sheddingChart"));
    xAxis->setLabel(tr("Offered load (requests/s)"));
    yAxis->setLabel(tr("Goodput: answered within the timeout (requests/s)"));
    setKeyFormatter([](double key) { return tr("Offered %1").arg(format::rps(key)); });
    m_offered = addSeries(tr("Offered load"), theme::kOfferedLoad, QStringLiteral("rps"), nullptr, Qt::DotLine, 1.5);
    m_bounded = addSeries(tr("Bounded queue"), seriesColour(2), QStringLiteral("rps"), nullptr, Qt::SolidLine, 2.5);
    m_unbounded = addSeries(tr("Unbounded queue"), seriesColour(3), QStringLiteral("rps"), nullptr, Qt::SolidLine, 2.5);
}

void SheddingChart::setAnalysis(const engine::LoadSheddingAnswer& answer, const QString& station,
                                std::optional<double> saturationRps, std::optional<double> currentRps)
{
    clearDecorations();
    setStatus(answer.status);
    std::vector<double> offered;
    std::vector<double> bounded;
    std::vector<double> unbounded;
    for (std::size_t i = 0; i < answer.withShedding.size() && i < answer.withoutShedding.size(); ++i) {
        offered.push_back(answer.withShedding[i].offeredRps);
        bounded.push_back(answer.withShedding[i].goodputRps);
        unbounded.push_back(answer.withoutShedding[i].goodputRps);
    }
    setFiniteData(m_offered, offered, offered);
    setFiniteData(m_bounded, offered, bounded);
    setFiniteData(m_unbounded, offered, unbounded);
    m_bounded->setName(tr("Bounded queue (K = %1)").arg(answer.capacity));
    m_to = offered.empty() ? 1.0 : offered.back();
    if (saturationRps && *saturationRps < m_to) {
        addSaturatedRegion(*saturationRps, m_to * 10.0, tr("unbounded: collapse beyond %1").arg(format::rps(*saturationRps)),
                           tr("Without a bound, %1 saturates at %2: its queue grows until every request times "
                              "out, and goodput falls to zero. A queue bounded at %3 rejects the excess at once "
                              "and keeps serving near capacity.")
                               .arg(station, format::rps(*saturationRps))
                               .arg(answer.capacity));
    }
    if (currentRps)
        addOperatingPoint(*currentRps, tr("now %1").arg(format::rps(*currentRps)));
    fitView();
}

void SheddingChart::fitView()
{
    xAxis->setRange(0.0, m_to);
    fitValueAxis(yAxis);
    replotLater();
}

} // namespace headroom::ui
