// SPDX-License-Identifier: MIT
#pragma once

#include "charts/ChartView.h"

#include "engine/ReplicaLag.h"

namespace headroom::ui {

/// The stale-read curve at the current load (engine::replicaLag's stale_read): the
/// chance that a read t ms after a write still misses it, with the read-your-writes
/// window (where it falls to 1%) marked. When the replica cannot keep up at the current
/// load there is no curve: the chart says so.
class StaleReadChart : public ChartView {
    Q_OBJECT

public:
    explicit StaleReadChart(QWidget* parent = nullptr);

    void setAnalysis(const engine::ReplicaLagAnswer& lag, const QString& replica);

    [[nodiscard]] QCPGraph* staleGraph() const { return m_stale; }
    void fitView() override;

private:
    QCPGraph* m_stale = nullptr;
    double m_to = 1.0;
};

} // namespace headroom::ui
