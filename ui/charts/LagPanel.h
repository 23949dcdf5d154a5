// SPDX-License-Identifier: MIT
#pragma once

#include "charts/AnalysisPanel.h"

namespace headroom::ui {

class LagChart;
class StaleReadChart;

/// The replica lag dock for the selected replica (or the first replica of the selected
/// primary, or the selected replication link): engine::replicaLag against the traffic
/// multiplier, up to the planning multiplier times the current traffic, and its
/// stale-read curve at the current load.
class LagPanel : public AnalysisPanel {
    Q_OBJECT

public:
    static constexpr int kPoints = 48;

    LagPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    [[nodiscard]] LagChart* lagChart() const { return m_lag; }
    [[nodiscard]] StaleReadChart* staleReadChart() const { return m_stale; }
    [[nodiscard]] std::optional<std::size_t> replica() const { return m_replica; }
    /// The multipliers the last refresh asked engine::replicaLag for.
    [[nodiscard]] const std::vector<double>& multipliers() const { return m_multipliers; }

    [[nodiscard]] QList<ChartView*> charts() const override;

protected:
    void refresh(const model::LiveResult& result) override;

private:
    [[nodiscard]] std::optional<std::size_t> chooseReplica(const model::LiveResult& result) const;

    LagChart* m_lag = nullptr;
    StaleReadChart* m_stale = nullptr;
    std::optional<std::size_t> m_replica;
    std::vector<double> m_multipliers;
};

} // namespace headroom::ui
