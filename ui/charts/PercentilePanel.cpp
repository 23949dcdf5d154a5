// SPDX-License-Identifier: MIT
#include "charts/PercentilePanel.h"

#include "Theme.h"
#include "charts/PercentileChart.h"

#include "Format.h"

#include <algorithm>

namespace headroom::ui {

PercentilePanel::PercentilePanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : AnalysisPanel(document, solver, parent)
{
    setObjectName(QStringLiteral("percentilePanel"));
    m_chart = new PercentileChart(this);
    setContent(m_chart);
}

void PercentilePanel::refresh(const model::LiveResult& result)
{
    const engine::SolveResult& r = result.result;
    const engine::Model& model = result.solver->model();
    if (r.workload != engine::Workload::Open) {
        showMessage(tr("Response-time percentiles are exact for an open workload (clients with rate_rps); a closed "
                       "workload has mean figures only."));
        return;
    }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < r.components.size(); ++i) {
        if (r.components[i].kind != engine::ComponentKind::Clients)
            order.push_back(i);
    }
    // Saturated first (no finite percentile), then the slowest p99.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const engine::ComponentResult& x = r.components[a];
        const engine::ComponentResult& y = r.components[b];
        if (x.saturated != y.saturated)
            return x.saturated;
        return x.p99ResponseMs.value_or(0.0) > y.p99ResponseMs.value_or(0.0);
    });
    std::optional<std::size_t> selected;
    if (selectedComponents().size() == 1) {
        selected = indexIn(result, selectedComponents().front());
        if (selected && r.components[*selected].kind == engine::ComponentKind::Clients)
            selected.reset();
    }
    std::vector<std::size_t> shown(order.begin(), order.begin() + std::min<std::ptrdiff_t>(kComponents, std::ssize(order)));
    if (selected && std::find(shown.begin(), shown.end(), *selected) == shown.end())
        shown.push_back(*selected);
    m_chart->setAnalysis(r, model, shown, selected);

    QStringList parts;
    parts << tr("Response time of one visit at the current load (%1 today's traffic), exact for FCFS queues.")
                 .arg(format::multiplier(r.multiplier));
    if (!order.empty()) {
        const engine::ComponentResult& slowest = r.components[order.front()];
        const QString name = format::shortText(model.components[order.front()].id).toHtmlEscaped();
        parts << (slowest.saturated ? tr("<b>%1 is saturated</b>: its response is unbounded.").arg(name)
                                    : tr("Slowest p99: <b>%1</b>, %2.").arg(name, format::ms(slowest.p99ResponseMs)));
    }
    if (std::ssize(order) > std::ssize(shown))
        parts << QStringLiteral("<span style='color:%1'>%2</span>")
                     .arg(theme::kMutedText.name(),
                          tr("Showing %1 of %2 components, the slowest.").arg(shown.size()).arg(order.size()));
    showContent(parts.join(QLatin1Char(' ')));
}

QList<ChartView*> PercentilePanel::charts() const
{
    return {m_chart};
}

} // namespace headroom::ui
