// SPDX-License-Identifier: MIT
#include "charts/LagPanel.h"

#include "Theme.h"
#include "charts/LagChart.h"
#include "charts/StaleReadChart.h"

#include "Format.h"

#include "engine/ReplicaLag.h"

#include <QtWidgets/QSplitter>

namespace headroom::ui {

LagPanel::LagPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : AnalysisPanel(document, solver, parent)
{
    setObjectName(QStringLiteral("lagPanel"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_lag = new LagChart(splitter);
    m_stale = new StaleReadChart(splitter);
    splitter->addWidget(m_lag);
    splitter->addWidget(m_stale);
    setContent(splitter);
}

std::optional<std::size_t> LagPanel::chooseReplica(const model::LiveResult& result) const
{
    const engine::Model& model = result.solver->model();
    const auto replicaNamed = [&](const std::string& id) -> std::optional<std::size_t> {
        const auto found = engine::findReplica(model, id);
        return found ? std::optional<std::size_t>(*found) : std::nullopt;
    };
    for (const model::LinkId id : selectedLinks()) {
        if (const auto i = indexIn(result, id); i && model.links[*i].kind == engine::LinkKind::Replication) {
            if (const auto replica = replicaNamed(model.links[*i].to))
                return replica;
        }
    }
    for (const model::ComponentId id : selectedComponents()) {
        const auto c = indexIn(result, id);
        if (!c)
            continue;
        if (const auto replica = replicaNamed(model.components[*c].id))
            return replica;
        // A primary: its first replica.
        for (const engine::Link& link : model.links) {
            if (link.from == model.components[*c].id && link.kind == engine::LinkKind::Replication) {
                if (const auto replica = replicaNamed(link.to))
                    return replica;
            }
        }
    }
    return std::nullopt;
}

void LagPanel::refresh(const model::LiveResult& result)
{
    m_replica = chooseReplica(result);
    if (!m_replica) {
        showMessage(tr("Select a read replica (or its primary, or the replication link between them) to see how "
                       "far behind it falls as traffic grows."));
        return;
    }
    const engine::Solver& solver = *result.solver;
    const double now = result.result.multiplier;
    const double to = planningMultiplier() * now;
    if (const engine::Issues issues = solver.checkMagnitudes(to); !issues.empty()) {
        showMessage(format::shortText(issues.front().message, format::kMostMessageCharacters));
        return;
    }
    m_multipliers = grid(to / 50.0, to, kPoints, false, {now});
    engine::ReplicaLagAnswer lag = engine::replicaLag(solver, *m_replica, m_multipliers, now);
    if (lag.saturatesAt && *lag.saturatesAt < to) {
        // Close in on the saturation point, where the lag turns up.
        std::vector<double> extra = approach(*lag.saturatesAt);
        extra.push_back(now);
        m_multipliers = grid(to / 50.0, to, kPoints, false, extra);
        lag = engine::replicaLag(solver, *m_replica, m_multipliers, now);
    }
    const engine::Model& model = solver.model();
    const QString replica = format::shortText(model.components[*m_replica].id);
    const QString primary = format::shortText(model.components[lag.primary].id);
    m_lag->setAnalysis(lag, replica, now);
    m_stale->setAnalysis(lag, replica);

    QStringList parts;
    parts << tr("<b>%1</b> replicates from %2.").arg(replica.toHtmlEscaped(), primary.toHtmlEscaped());
    parts << (lag.saturatesAt ? tr("It falls behind for good at <b>%1</b> today's traffic.")
                                    .arg(format::multiplier(lag.saturatesAt))
                              : tr("It keeps up at any traffic."));
    if (lag.readYourWritesMs)
        parts << tr("At the current load, a read %1 after a write sees it 99% of the time.")
                     .arg(format::ms(lag.readYourWritesMs));
    for (const QString& note : m_lag->notes() + m_stale->notes())
        parts << QStringLiteral("<span style='color:%1'>%2</span>").arg(theme::kAlarm.name(), note.toHtmlEscaped());
    showContent(parts.join(QLatin1Char(' ')));
}

QList<ChartView*> LagPanel::charts() const
{
    return {m_lag, m_stale};
}

} // namespace headroom::ui
