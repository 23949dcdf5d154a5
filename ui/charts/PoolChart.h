// SPDX-License-Identifier: MIT
#pragma once

#include "charts/ChartView.h"

#include "engine/PoolSizing.h"

namespace headroom::ui {

/// Pool sizing for one pooled link (engine::poolSizing): the chance of waiting for a
/// connection (left axis) and the mean wait (right axis) against the pool size, with
/// the current size, the recommended size, the target and the per-node budget marked.
/// Sizes too small for the offered load saturate: they are shaded and the mean wait
/// starts at the smallest stable size.
class PoolChart : public ChartView {
    Q_OBJECT

public:
    explicit PoolChart(QWidget* parent = nullptr);

    void setAnalysis(const engine::PoolSizing& sizing, const QString& linkName);

    [[nodiscard]] QCPGraph* waitProbabilityGraph() const { return m_probability; }
    [[nodiscard]] QCPGraph* meanWaitGraph() const { return m_meanWait; }
    void fitView() override;

private:
    QCPGraph* m_probability = nullptr;
    QCPGraph* m_meanWait = nullptr;
    double m_to = 10.0;
};

} // namespace headroom::ui
