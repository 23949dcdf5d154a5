// SPDX-License-Identifier: MIT
#pragma once

#include "charts/AnalysisPanel.h"

#include "engine/PlanDefaults.h"

class QTableView;

namespace headroom::ui {

class PlanTableModel;
class TenXChart;

/// The 10x dock: the verdict in words (engine::tenX), the load curve chart and the
/// capacity plan. The question is asked at the planning multiplier (10) times the current traffic,
/// as `headroom-cli tenx` does for a scenario; the chart draws the end-to-end response
/// and the utilization of the components that break by then and the busiest others
/// (at most kLines, the selected one always).
class TenXPanel : public AnalysisPanel {
    Q_OBJECT

public:
    static constexpr int kLines = 8;
    static constexpr int kPoints = 36;

    TenXPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    void setTargetUtilization(double target);
    [[nodiscard]] double targetUtilization() const { return m_target; }

    [[nodiscard]] TenXChart* chart() const { return m_chart; }
    [[nodiscard]] QTableView* planTable() const { return m_table; }
    [[nodiscard]] PlanTableModel* planModel() const { return m_plan; }
    /// The multipliers the last refresh asked engine::loadCurve for.
    [[nodiscard]] const std::vector<double>& multipliers() const { return m_multipliers; }
    [[nodiscard]] const QString& verdict() const { return m_verdict; }

    [[nodiscard]] QList<ChartView*> charts() const override;

protected:
    void refresh(const model::LiveResult& result) override;

private:
    TenXChart* m_chart = nullptr;
    QTableView* m_table = nullptr;
    PlanTableModel* m_plan = nullptr;
    std::vector<double> m_multipliers;
    QString m_verdict;
    double m_target = engine::kDefaultTargetUtilization;
};

} // namespace headroom::ui
