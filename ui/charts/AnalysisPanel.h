// SPDX-License-Identifier: MIT
#pragma once

#include "FiguresLabel.h"

#include "document/Ids.h"
#include "document/LiveResult.h"
#include "engine/PlanDefaults.h"

#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

#include <optional>
#include <vector>

class QLabel;
class QStackedWidget;

namespace headroom::model {
class Document;
class LiveSolver;
} // namespace headroom::model

namespace headroom::ui {

class ChartView;

/// The body of one analysis dock: a summary in words above a chart (and whatever the
/// analysis adds), or a message saying what to select. It follows the live solver
/// (followSolver) and the selection but computes only when it is visible, and only once
/// per turn of the event loop (a zero timer), however many changes arrived in that turn,
/// from the solver's result at that moment; a panel that becomes visible catches up.
/// Every figure comes from the engine; the panel only chooses what to ask and draws the
/// answer.
class AnalysisPanel : public QWidget {
    Q_OBJECT

public:
    AnalysisPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    void setSelection(const QList<model::ComponentId>& components, const QList<model::LinkId>& links);

    /// The multiple of the current traffic the analyses look up to (the "10x" of the
    /// 10x question; a project's planning multiplier).
    void setPlanningMultiplier(double multiplier);
    [[nodiscard]] double planningMultiplier() const { return m_planning; }

    /// Whether the panel is on screen: a dock tabbed behind another stays "visible" to
    /// Qt, so the dock's visibilityChanged says it (AnalysisDocks). Shown by default.
    void setShown(bool shown);
    [[nodiscard]] bool isShown() const { return m_shown && isVisible(); }

    /// Computes now if something changed and the panel is visible (tests, benchmarks).
    void flush();
    [[nodiscard]] bool isStale() const { return m_stale; }
    [[nodiscard]] int refreshCount() const { return m_refreshCount; }
    [[nodiscard]] FiguresLabel* summary() const { return m_summary; }
    /// The charts the panel draws (tests, benchmarks and exports walk them).
    [[nodiscard]] virtual QList<ChartView*> charts() const = 0;
    /// The message shown instead of the analysis ("Select a read replica..."), or empty.
    [[nodiscard]] QString message() const;

    /// `count` values from `from` to `to` (evenly, or evenly in the logarithm), with
    /// `extra` points inside the range added, sorted and without repeats.
    static std::vector<double> grid(double from, double to, int count, bool logarithmic,
                                    const std::vector<double>& extra = {});
    /// Points just below and at `edge` (a saturation point), where a curve bends sharply.
    static std::vector<double> approach(double edge);

protected:
    /// Computes the analysis for `result` and the selection, and draws it (showContent),
    /// or says why there is nothing to draw (showMessage).
    virtual void refresh(const model::LiveResult& result) = 0;

    /// Something the analysis depends on changed (a setting): compute again.
    void invalidate() { markStale(); }
    void setContent(QWidget* content);
    void showMessage(const QString& text);
    /// Shows the analysis with its summary (rich text).
    void showContent(const QString& summary);

    [[nodiscard]] model::Document* document() const { return m_document; }
    [[nodiscard]] const QList<model::ComponentId>& selectedComponents() const { return m_components; }
    [[nodiscard]] const QList<model::LinkId>& selectedLinks() const { return m_links; }
    /// The component's index in a result (its model order), if the result has it.
    static std::optional<std::size_t> indexIn(const model::LiveResult& result, model::ComponentId id);
    static std::optional<std::size_t> indexIn(const model::LiveResult& result, model::LinkId id);

    void showEvent(QShowEvent* event) override;

private:
    void markStale();

    model::Document* m_document = nullptr;
    FiguresLabel* m_summary = nullptr;
    QLabel* m_message = nullptr;
    QStackedWidget* m_pages = nullptr;
    QTimer m_timer;
    const model::LiveSolver* m_solver = nullptr;
    QList<model::ComponentId> m_components;
    QList<model::LinkId> m_links;
    double m_planning = engine::kDefaultPlanningMultiplier;
    bool m_shown = true;
    bool m_stale = false;
    int m_refreshCount = 0;
};

} // namespace headroom::ui
