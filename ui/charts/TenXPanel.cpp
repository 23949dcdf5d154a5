// SPDX-License-Identifier: MIT
#include "charts/TenXPanel.h"

#include "Theme.h"
#include "charts/PlanTableModel.h"
#include "charts/TenXChart.h"

#include "Format.h"

#include "engine/TenX.h"

#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableView>

#include <algorithm>

namespace headroom::ui {

TenXPanel::TenXPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : AnalysisPanel(document, solver, parent)
{
    setObjectName(QStringLiteral("tenXPanel"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_chart = new TenXChart(splitter);
    m_plan = new PlanTableModel(this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("planTable"));
    m_table->setModel(m_plan);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    // Column widths from the first rows only: measuring every row of a large model at
    // every slider tick would cost more than the chart.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setResizeContentsPrecision(16);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    // Half each: the plan's cost columns are what the 10x question ends with.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1000, 1000});
    setContent(splitter);
    connect(m_chart, &TenXChart::logarithmicToggled, this, [this](bool on) {
        m_chart->setLogarithmicKeys(on);
        invalidate();
    });
}

void TenXPanel::setTargetUtilization(double target)
{
    if (target == m_target)
        return;
    m_target = target;
    invalidate();
}

void TenXPanel::refresh(const model::LiveResult& result)
{
    const engine::Solver& solver = *result.solver;
    if (solver.workload() != engine::Workload::Open) {
        showMessage(tr("The 10x question needs an open workload: clients with a request rate (rate_rps). In a "
                       "closed workload the load follows the response time."));
        return;
    }
    const double now = result.result.multiplier;
    const double at = planningMultiplier() * now;
    if (const engine::Issues issues = solver.checkMagnitudes(at); !issues.empty()) {
        showMessage(format::shortText(issues.front().message, format::kMostMessageCharacters));
        return;
    }
    const auto answer = engine::tenX(solver, at, m_target);
    if (!answer) {
        showMessage(format::shortText(answer.issues().front().message, format::kMostMessageCharacters));
        return;
    }
    // Multipliers: the whole range, the current one, and a close approach to the first
    // saturation, where the response curve turns up.
    std::optional<double> first;
    for (const auto& s : answer->saturatesAt) {
        if (s && (!first || *s < *first))
            first = *s;
    }
    std::vector<double> extra = first ? approach(*first) : std::vector<double>{};
    extra.push_back(now);
    const bool log = m_chart->logarithmicKeys();
    m_multipliers = grid(log ? at / 100.0 : at / 50.0, at, kPoints, log, extra);
    const engine::LoadCurve curve = engine::loadCurve(solver, m_multipliers);

    // The lines: what breaks by then, then the busiest, the selected one always.
    std::optional<std::size_t> selected;
    if (selectedComponents().size() == 1) {
        selected = indexIn(result, selectedComponents().front());
        if (selected && !solver.params(*selected).queueing())
            selected.reset();
    }
    std::vector<std::size_t> lines;
    for (const engine::Break& b : answer->breaks) {
        if (static_cast<int>(lines.size()) < kLines - (selected ? 1 : 0))
            lines.push_back(b.component);
    }
    std::vector<std::size_t> busiest;
    for (std::size_t i = 0; i < solver.model().components.size(); ++i) {
        if (solver.params(i).queueing())
            busiest.push_back(i);
    }
    std::stable_sort(busiest.begin(), busiest.end(), [&](std::size_t a, std::size_t b) {
        return curve.utilization[a].back() > curve.utilization[b].back();
    });
    for (const std::size_t i : busiest) {
        if (static_cast<int>(lines.size()) >= kLines - (selected ? 1 : 0))
            break;
        if (std::find(lines.begin(), lines.end(), i) == lines.end())
            lines.push_back(i);
    }
    if (selected && std::find(lines.begin(), lines.end(), *selected) == lines.end())
        lines.push_back(*selected);

    m_chart->setAnalysis(curve, *answer, solver.model(), now, lines, selected);
    m_plan->setAnswer(*answer, solver.model());

    m_verdict = format::shortText(answer->verdict, format::kMostMessageCharacters);
    if (!m_verdict.isEmpty())
        m_verdict[0] = m_verdict[0].toUpper();
    QString text = QStringLiteral("<b>%1.</b> ").arg(m_verdict.toHtmlEscaped());
    text += answer->survives ? tr("The system survives %1.").arg(format::multiplier(at))
                             : tr("The system does not survive %1 as it is: the plan says what it takes.")
                                   .arg(format::multiplier(at));
    if (now != 1.0)
        text += QStringLiteral(" <span style='color:%1'>").arg(theme::kMutedText.name())
                + tr("(%1 times the what-if traffic of %2 is %3 today's.)")
                      .arg(format::number(planningMultiplier()), format::multiplier(now), format::multiplier(at))
                + QStringLiteral("</span>");
    const qsizetype stations = static_cast<qsizetype>(busiest.size());
    if (stations > static_cast<qsizetype>(lines.size()))
        text += QStringLiteral(" <span style='color:%1'>").arg(theme::kMutedText.name())
                + tr("Showing %1 of %2 components: those that break and the busiest.").arg(lines.size()).arg(stations)
                + QStringLiteral("</span>");
    showContent(text);
}

QList<ChartView*> TenXPanel::charts() const
{
    return {m_chart};
}

} // namespace headroom::ui
