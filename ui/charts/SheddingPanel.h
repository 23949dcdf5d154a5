// SPDX-License-Identifier: MIT
#pragma once

#include "charts/AnalysisPanel.h"

namespace headroom::ui {

class SheddingChart;

/// The load shedding dock for the selected station: engine::loadShedding from light
/// load to well past the station's saturation (kReach times it), with and without a
/// bounded queue.
class SheddingPanel : public AnalysisPanel {
    Q_OBJECT

public:
    static constexpr int kPoints = 48;
    static constexpr double kReach = 2.5;
    static constexpr double kTimeoutMs = 1000.0;

    SheddingPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    [[nodiscard]] SheddingChart* chart() const { return m_chart; }
    [[nodiscard]] std::optional<std::size_t> station() const { return m_station; }
    /// The multipliers the last refresh asked engine::loadShedding for.
    [[nodiscard]] const std::vector<double>& multipliers() const { return m_multipliers; }

    [[nodiscard]] QList<ChartView*> charts() const override;

protected:
    void refresh(const model::LiveResult& result) override;

private:
    [[nodiscard]] std::optional<std::size_t> chooseStation(const model::LiveResult& result) const;

    SheddingChart* m_chart = nullptr;
    std::optional<std::size_t> m_station;
    std::vector<double> m_multipliers;
};

} // namespace headroom::ui
