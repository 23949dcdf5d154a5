// SPDX-License-Identifier: MIT
#pragma once

#include "charts/ChartView.h"

#include "engine/ReplicaLag.h"

namespace headroom::ui {

/// Replica lag against the traffic multiplier (engine::replicaLag): the mean and p99
/// lag, which bend up towards the multiplier where the replica's apply thread
/// saturates; past it the lag grows every second, so the curves end and the range is
/// shaded.
class LagChart : public ChartView {
    Q_OBJECT

public:
    explicit LagChart(QWidget* parent = nullptr);

    void setAnalysis(const engine::ReplicaLagAnswer& lag, const QString& replica, double current);

    [[nodiscard]] QCPGraph* meanGraph() const { return m_mean; }
    [[nodiscard]] QCPGraph* p99Graph() const { return m_p99; }
    void fitView() override;

private:
    QCPGraph* m_mean = nullptr;
    QCPGraph* m_p99 = nullptr;
    double m_to = 10.0;
    double m_top = 1.0;
};

} // namespace headroom::ui
