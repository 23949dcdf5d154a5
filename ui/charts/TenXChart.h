// SPDX-License-Identifier: MIT
#pragma once

#include "charts/ChartView.h"

#include "engine/TenX.h"

#include <QtCore/QHash>

#include <optional>
#include <span>

namespace headroom::ui {

/// The 10x question: end-to-end response (left axis) and the busiest instance's
/// utilization of chosen components (right axis) against the traffic multiplier, from
/// engine::loadCurve; each component's saturation point (engine::tenX) marked on the
/// 100% line; the range past the first saturation shaded, where the response is
/// unbounded and its curve ends.
class TenXChart : public ChartView {
    Q_OBJECT

public:
    explicit TenXChart(QWidget* parent = nullptr);

    /// Draws the curves of `components` (indices into `model`); `current` is the
    /// operating point, `selected` is drawn thicker.
    void setAnalysis(const engine::LoadCurve& curve, const engine::TenXAnswer& answer, const engine::Model& model,
                     double current, std::span<const std::size_t> components, std::optional<std::size_t> selected);

    [[nodiscard]] QCPGraph* responseGraph() const { return m_response; }
    /// The utilization series of a component, or null if it is not shown.
    [[nodiscard]] QCPGraph* utilizationGraph(std::size_t component) const { return m_utilization.value(component); }
    void fitView() override;

signals:
    /// The user switched the multiplier axis between linear and logarithmic.
    void logarithmicToggled(bool on);

protected:
    void addContextActions(QMenu* menu) override;

private:
    QCPGraph* m_response = nullptr;
    QHash<std::size_t, QCPGraph*> m_utilization;
    double m_from = 0.0;
    double m_to = 10.0;
    double m_responseTop = 1.0;
    double m_utilizationTop = 1.1;
};

} // namespace headroom::ui
