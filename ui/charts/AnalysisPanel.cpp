// SPDX-License-Identifier: MIT
#include "charts/AnalysisPanel.h"

#include "charts/ChartView.h"

#include "Theme.h"

#include "FiguresLabel.h"

#include "document/LiveSolver.h"

#include <QtWidgets/QLabel>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

AnalysisPanel::AnalysisPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : QWidget(parent), m_document(document)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &AnalysisPanel::flush);

    // Laid out once per sentence (a QLabel lays rich text out for every size question).
    m_summary = new FiguresLabel(this, FiguresLabel::Look::Plain);
    m_summary->setObjectName(QStringLiteral("analysisSummary"));
    // A fixed height of three lines: the chart below does not jump while a slider is
    // dragged, and a new sentence costs no relayout of the dock. The whole text is the
    // tooltip too.
    m_summary->setFixedHeight(3 * m_summary->fontMetrics().lineSpacing() + 8);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("analysisMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setStyleSheet(QStringLiteral("color: %1; font-size: 14px; padding: 24px;").arg(theme::kMutedText.name()));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_message);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages, 1);
    showMessage(tr("No figures yet."));
    model::followSolver(m_solver, solver, this, &AnalysisPanel::markStale);
}

void AnalysisPanel::setContent(QWidget* content)
{
    m_pages->addWidget(content);
}

void AnalysisPanel::showMessage(const QString& text)
{
    m_message->setText(text);
    m_summary->hide();
    m_pages->setCurrentWidget(m_message);
}

void AnalysisPanel::showContent(const QString& content)
{
    // Figures that did not settle are flagged wherever they are drawn.
    QString summary = content;
    for (const ChartView* chart : charts()) {
        if (!chart->statusNote().isEmpty())
            summary += QStringLiteral(" <b style='color:%1'>%2</b>")
                           .arg(theme::kAlarm.name(), chart->statusNote().toHtmlEscaped());
    }
    if (m_summary->text() != summary) {
        m_summary->setText(summary);
        m_summary->setToolTip(summary);
    }
    m_summary->setVisible(!summary.isEmpty());
    if (m_pages->count() > 1)
        m_pages->setCurrentIndex(1);
}

QString AnalysisPanel::message() const
{
    return m_pages->currentWidget() == m_message ? m_message->text() : QString();
}

void AnalysisPanel::setSelection(const QList<model::ComponentId>& components, const QList<model::LinkId>& links)
{
    if (components == m_components && links == m_links)
        return;
    m_components = components;
    m_links = links;
    markStale();
}

void AnalysisPanel::setPlanningMultiplier(double multiplier)
{
    if (multiplier == m_planning)
        return;
    m_planning = multiplier;
    markStale();
}

void AnalysisPanel::setShown(bool shown)
{
    m_shown = shown;
    if (m_stale && isShown() && !m_timer.isActive())
        m_timer.start();
}

void AnalysisPanel::markStale()
{
    m_stale = true;
    if (isShown() && !m_timer.isActive())
        m_timer.start();
}

void AnalysisPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale && isShown() && !m_timer.isActive())
        m_timer.start();
}

void AnalysisPanel::flush()
{
    m_timer.stop();
    if (!m_stale || !isShown())
        return;
    m_stale = false;
    ++m_refreshCount;
    if (!m_solver || (!m_solver->result() && m_solver->issues().isEmpty())) {
        showMessage(tr("No figures yet."));
        return;
    }
    const std::optional<model::LiveResult>& result = m_solver->result();
    if (!result || !result->solver) {
        showMessage(tr("The model has errors: no figures until they are fixed (see the Results panel)."));
        return;
    }
    refresh(*result);
}

std::optional<std::size_t> AnalysisPanel::indexIn(const model::LiveResult& result, model::ComponentId id)
{
    const qsizetype i = result.components.indexOf(id);
    return i < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(i));
}

std::optional<std::size_t> AnalysisPanel::indexIn(const model::LiveResult& result, model::LinkId id)
{
    const qsizetype i = result.links.indexOf(id);
    return i < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(i));
}

std::vector<double> AnalysisPanel::grid(double from, double to, int count, bool logarithmic,
                                        const std::vector<double>& extra)
{
    std::vector<double> points;
    points.reserve(static_cast<std::size_t>(count) + extra.size());
    for (int i = 0; i < count; ++i) {
        const double t = count > 1 ? static_cast<double>(i) / (count - 1) : 0.0;
        points.push_back(logarithmic ? from * std::pow(to / from, t) : from + (to - from) * t);
    }
    for (const double x : extra) {
        if (std::isfinite(x) && x > from && x < to)
            points.push_back(x);
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end(),
                             [](double a, double b) { return std::fabs(a - b) <= 1e-12 * std::max(1.0, std::fabs(b)); }),
                 points.end());
    return points;
}

std::vector<double> AnalysisPanel::approach(double edge)
{
    return {edge * 0.8, edge * 0.9, edge * 0.95, edge * 0.98, edge * 0.99, edge * 0.995, edge * 0.999, edge};
}

} // namespace headroom::ui
