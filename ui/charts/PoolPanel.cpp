// SPDX-License-Identifier: MIT
#include "charts/PoolPanel.h"

#include "Theme.h"
#include "charts/PoolChart.h"

#include "Format.h"

#include "document/Document.h"

#include <algorithm>

namespace headroom::ui {

PoolPanel::PoolPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : AnalysisPanel(document, solver, parent)
{
    setObjectName(QStringLiteral("poolPanel"));
    m_chart = new PoolChart(this);
    setContent(m_chart);
}

std::optional<std::size_t> PoolPanel::chooseLink(const model::LiveResult& result) const
{
    const engine::Model& model = result.solver->model();
    const auto pooled = [&](std::size_t i) { return model.links[i].get(engine::LinkField::PoolSize).has_value(); };
    for (const model::LinkId id : selectedLinks()) {
        if (const auto i = indexIn(result, id); i && pooled(*i))
            return i;
    }
    // A component: its own pool (the caller's), else a pool into it.
    for (const model::ComponentId id : selectedComponents()) {
        const auto c = indexIn(result, id);
        if (!c)
            continue;
        const std::string& name = model.components[*c].id;
        for (const bool from : {true, false}) {
            for (std::size_t i = 0; i < model.links.size(); ++i) {
                if (pooled(i) && (from ? model.links[i].from : model.links[i].to) == name)
                    return i;
            }
        }
    }
    return std::nullopt;
}

void PoolPanel::setTargetWait(double wait)
{
    if (wait == m_targetWait)
        return;
    m_targetWait = wait;
    invalidate();
}

void PoolPanel::refresh(const model::LiveResult& result)
{
    m_link = chooseLink(result);
    m_maxSize.reset();
    if (!m_link) {
        showMessage(tr("Select a link with a connection pool (a link into a database with a pool size), or the "
                       "component that holds the pool."));
        return;
    }
    const engine::Solver& solver = *result.solver;
    const double now = result.result.multiplier;
    auto sizing = engine::poolSizing(solver, *m_link, now, std::nullopt, m_targetWait);
    if (!sizing) {
        showMessage(format::shortText(sizing.issues().front().message, format::kMostMessageCharacters));
        return;
    }
    // Reach the current size and a budget close by, so their markers sit on the curve.
    std::int64_t end = sizing->series.empty() ? 1 : sizing->series.back().poolSize;
    // (A current size far beyond any curve worth drawing, 10,000,000, stays off it.)
    std::int64_t wanted = end;
    if (sizing->currentPoolSize + 2 <= engine::kMostPoolSizes)
        wanted = std::max(wanted, sizing->currentPoolSize + 2);
    if (sizing->perNodeBudget && *sizing->perNodeBudget <= 2 * end)
        wanted = std::max(wanted, *sizing->perNodeBudget + 2);
    if (wanted > end) {
        sizing = engine::poolSizing(solver, *m_link, now, wanted, m_targetWait);
        if (!sizing) {
            showMessage(format::shortText(sizing.issues().front().message, format::kMostMessageCharacters));
            return;
        }
    }
    m_maxSize = sizing->series.empty() ? 0 : sizing->series.back().poolSize;
    const engine::Link& link = solver.model().links[*m_link];
    const QString name = format::shortText(link.from) + QStringLiteral(" \u2192 ") + format::shortText(link.to);
    m_chart->setAnalysis(*sizing, name);

    QStringList parts;
    parts << tr("<b>Pool %1</b>: each of %2 %3 instances sends %4, and a connection is held %5.")
                 .arg(name.toHtmlEscaped())
                 .arg(sizing->callerInstances)
                 .arg(format::shortText(link.from).toHtmlEscaped(), format::rps(sizing->perInstanceRps),
                      format::ms(sizing->holdMs));
    if (sizing->recommendedPoolSize)
        parts << tr("Recommended <b>%1</b> connections (chance of waiting at most %2); it has %3.")
                     .arg(*sizing->recommendedPoolSize)
                     .arg(format::percent(sizing->targetWait))
                     .arg(sizing->currentPoolSize);
    else
        parts << tr("No pool size keeps the chance of waiting under %1.").arg(format::percent(sizing->targetWait));
    if (sizing->perNodeBudget)
        parts << tr("Per-node budget: %1 connections (max_connections %2 over %3 instances).")
                     .arg(*sizing->perNodeBudget)
                     .arg(sizing->maxConnections.value_or(0))
                     .arg(sizing->callerInstances);
    if (sizing->pooledResponseMs && sizing->unpooledResponseMs)
        parts << tr("Database response with the pool %1, without %2.")
                     .arg(format::ms(sizing->pooledResponseMs), format::ms(sizing->unpooledResponseMs));
    for (const QString& note : m_chart->notes())
        parts << QStringLiteral("<span style='color:%1'>%2</span>").arg(theme::kAlarm.name(), note.toHtmlEscaped());
    showContent(parts.join(QLatin1Char(' ')));
}

QList<ChartView*> PoolPanel::charts() const
{
    return {m_chart};
}

} // namespace headroom::ui
