// SPDX-License-Identifier: MIT
#pragma once

#include "project/Project.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>

class QDockWidget;
class QGraphicsView;
class QLabel;
class QMainWindow;
class QMenu;
class QMenuBar;

namespace headroom::model {
class Document;
class LiveSolver;
} // namespace headroom::model

namespace headroom::ui {

class AnalysisPanel;
class DiagramScene;
class LagPanel;
class PercentilePanel;
class PoolPanel;
class ScenarioCompareDialog;
class SheddingPanel;
class TenXPanel;
class WhatIfBanner;
class WhatIfPanel;

/// The charts and the what-if panel of the main window, kept apart from it: it creates
/// their docks (the charts tabbed with the results at the bottom, the what-if panel
/// under the inspector), the "What If" menu, the banner on the canvas and the status
/// bar's what-if label, and wires them to the document and the selection. Each panel
/// follows the live solver itself (followSolver) and computes only if visible.
class AnalysisDocks : public QObject {
    Q_OBJECT

public:
    AnalysisDocks(QMainWindow* window, model::Document* document, model::LiveSolver* solver, DiagramScene* scene,
                  QGraphicsView* view);

    /// Tabs the chart docks with `bottom` (the results) and puts the what-if panel under
    /// `right` (the inspector).
    void arrange(QDockWidget* bottom, QDockWidget* right);
    /// Adds the "What If" menu to the bar.
    QMenu* createMenu(QMenuBar* bar);

    [[nodiscard]] TenXPanel* tenX() const { return m_tenX; }
    [[nodiscard]] PoolPanel* pool() const { return m_pool; }
    [[nodiscard]] LagPanel* lag() const { return m_lag; }
    [[nodiscard]] SheddingPanel* shedding() const { return m_shedding; }
    [[nodiscard]] PercentilePanel* percentiles() const { return m_percentiles; }
    [[nodiscard]] WhatIfPanel* whatIf() const { return m_whatIf; }
    [[nodiscard]] QList<AnalysisPanel*> panels() const;
    /// The dock of a panel, or by short name: "tenx", "pool", "lag", "shedding",
    /// "percentiles", "whatif".
    [[nodiscard]] QDockWidget* dock(const QString& name) const;
    [[nodiscard]] QList<QDockWidget*> docks() const { return m_docks; }
    [[nodiscard]] WhatIfBanner* banner() const { return m_banner; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }

    /// Shows a dock (raising its tab).
    void showDock(const QString& name);
    /// Opens (or raises) the scenario comparison.
    ScenarioCompareDialog* openCompare();
    /// Computes every visible panel now (tests, the screenshot).
    void flush();
    /// The project's planning multiplier and targets, for the panels that plan.
    void applySettings(const model::ProjectSettings& settings);

private:
    QDockWidget* addDock(AnalysisPanel* panel, const QString& title, const QString& name);
    void selectionChanged();
    void refreshStatus();

    QMainWindow* m_window = nullptr;
    model::Document* m_document = nullptr;
    DiagramScene* m_scene = nullptr;
    TenXPanel* m_tenX = nullptr;
    PoolPanel* m_pool = nullptr;
    LagPanel* m_lag = nullptr;
    SheddingPanel* m_shedding = nullptr;
    PercentilePanel* m_percentiles = nullptr;
    WhatIfPanel* m_whatIf = nullptr;
    QDockWidget* m_whatIfDock = nullptr;
    QList<QDockWidget*> m_docks;
    QStringList m_names;
    WhatIfBanner* m_banner = nullptr;
    QLabel* m_status = nullptr;
    QPointer<ScenarioCompareDialog> m_compare;
    model::ProjectSettings m_settings; ///< the project's, for the comparison when it opens
};

} // namespace headroom::ui
