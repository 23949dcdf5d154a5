// SPDX-License-Identifier: MIT
#pragma once

#include "charts/ChartView.h"

#include "engine/LoadShedding.h"

#include <optional>

namespace headroom::ui {

/// Load shedding on one station (engine::loadShedding): goodput against offered load
/// with a bounded queue (it flattens near capacity) and without one (it collapses to
/// zero at saturation), beside the offered load itself. Past saturation the unbounded
/// queue's range is shaded.
class SheddingChart : public ChartView {
    Q_OBJECT

public:
    explicit SheddingChart(QWidget* parent = nullptr);

    /// `saturationRps`: the offered load at which the unbounded station saturates (a
    /// point of the analysis); `currentRps`: the offered load now.
    void setAnalysis(const engine::LoadSheddingAnswer& answer, const QString& station,
                     std::optional<double> saturationRps, std::optional<double> currentRps);

    [[nodiscard]] QCPGraph* boundedGraph() const { return m_bounded; }
    [[nodiscard]] QCPGraph* unboundedGraph() const { return m_unbounded; }
    [[nodiscard]] QCPGraph* offeredGraph() const { return m_offered; }
    void fitView() override;

private:
    QCPGraph* m_bounded = nullptr;
    QCPGraph* m_unbounded = nullptr;
    QCPGraph* m_offered = nullptr;
    double m_to = 1.0;
};

} // namespace headroom::ui
