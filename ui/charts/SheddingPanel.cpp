// SPDX-License-Identifier: MIT
#include "charts/SheddingPanel.h"

#include "Theme.h"
#include "charts/SheddingChart.h"

#include "Format.h"

#include "engine/LoadShedding.h"

#include <algorithm>
#include <cmath>

namespace headroom::ui {

SheddingPanel::SheddingPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : AnalysisPanel(document, solver, parent)
{
    setObjectName(QStringLiteral("sheddingPanel"));
    m_chart = new SheddingChart(this);
    setContent(m_chart);
}

std::optional<std::size_t> SheddingPanel::chooseStation(const model::LiveResult& result) const
{
    const engine::Model& model = result.solver->model();
    const auto station = [&](std::size_t i) { return engine::isStation(model.components[i].kind); };
    for (const model::ComponentId id : selectedComponents()) {
        if (const auto c = indexIn(result, id); c && station(*c))
            return c;
    }
    for (const model::LinkId id : selectedLinks()) {
        if (const auto i = indexIn(result, id)) {
            if (const auto to = model.indexOf(model.links[*i].to); to && station(*to))
                return to;
        }
    }
    return std::nullopt;
}

void SheddingPanel::refresh(const model::LiveResult& result)
{
    m_station = chooseStation(result);
    if (!m_station) {
        showMessage(tr("Select a queueing component (a server, a database, a queue...) to compare its goodput with "
                       "and without a bounded queue as the load grows past its capacity."));
        return;
    }
    const engine::Solver& solver = *result.solver;
    const QString name = format::shortText(solver.model().components[*m_station].id);
    if (solver.workload() != engine::Workload::Open) {
        showMessage(tr("Load shedding is computed for an open workload (clients with rate_rps)."));
        return;
    }
    const double now = result.result.multiplier;
    const std::optional<double> headroom = result.result.components[*m_station].headroomMultiplier;
    if (!headroom || !(*headroom > 0.0)) {
        showMessage(tr("No traffic reaches %1, so it never saturates.").arg(name));
        return;
    }
    // From light load to well past saturation, closing in on it from both sides.
    const double saturation = now * *headroom;
    const double to = std::max(kReach * saturation, 1.2 * now);
    if (const engine::Issues issues = solver.checkMagnitudes(to); !issues.empty()) {
        showMessage(format::shortText(issues.front().message, format::kMostMessageCharacters));
        return;
    }
    std::vector<double> extra = approach(saturation);
    for (const double beyond : {1.001, 1.01, 1.05})
        extra.push_back(saturation * beyond);
    extra.push_back(now);
    m_multipliers = grid(to / kPoints, to, kPoints, false, extra);
    const engine::LoadSheddingAnswer answer =
        engine::loadShedding(solver, *m_station, std::nullopt, kTimeoutMs, m_multipliers);
    const auto offeredAt = [&](double multiplier) -> std::optional<double> {
        for (const engine::ShedPoint& p : answer.withShedding) {
            if (std::fabs(p.multiplier - multiplier) <= 1e-9 * multiplier)
                return p.offeredRps;
        }
        return std::nullopt;
    };
    m_chart->setAnalysis(answer, name, offeredAt(saturation), offeredAt(now));

    const engine::ShedPoint& topWith = answer.withShedding.back();
    const engine::ShedPoint& topWithout = answer.withoutShedding.back();
    QStringList parts;
    parts << tr("<b>%1</b> at %2 offered: with a queue bounded at %3, goodput %4 (%5 rejected at once); without a "
                "bound, %6.")
                 .arg(name.toHtmlEscaped(), format::rps(topWith.offeredRps))
                 .arg(answer.capacity)
                 .arg(format::rps(topWith.goodputRps), format::percent(topWith.rejectedFraction),
                      format::rps(topWithout.goodputRps));
    parts << tr("The recommended bound is %1, the shortest queue that keeps 99% of the best goodput there. "
                "Goodput counts requests answered within %2.")
                 .arg(answer.recommendedCapacity)
                 .arg(format::ms(answer.timeoutMs));
    for (const QString& note : m_chart->notes())
        parts << QStringLiteral("<span style='color:%1'>%2</span>").arg(theme::kAlarm.name(), note.toHtmlEscaped());
    showContent(parts.join(QLatin1Char(' ')));
}

QList<ChartView*> SheddingPanel::charts() const
{
    return {m_chart};
}

} // namespace headroom::ui
