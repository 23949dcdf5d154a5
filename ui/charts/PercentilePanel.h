// SPDX-License-Identifier: MIT
#pragma once

#include "charts/AnalysisPanel.h"

namespace headroom::ui {

class PercentileChart;

/// The latency percentiles dock: p50, p95 and p99 of the slowest components at the
/// current load (the live solve's own figures), saturated ones first, the selected one
/// always.
class PercentilePanel : public AnalysisPanel {
    Q_OBJECT

public:
    static constexpr int kComponents = 12;

    PercentilePanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    [[nodiscard]] PercentileChart* chart() const { return m_chart; }

    [[nodiscard]] QList<ChartView*> charts() const override;

protected:
    void refresh(const model::LiveResult& result) override;

private:
    PercentileChart* m_chart = nullptr;
};

} // namespace headroom::ui
