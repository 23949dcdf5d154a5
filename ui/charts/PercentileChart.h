// SPDX-License-Identifier: MIT
#pragma once

#include "charts/ChartView.h"

#include "engine/Model.h"
#include "engine/Result.h"

#include <optional>
#include <span>
#include <vector>

namespace headroom::ui {

/// Latency percentiles at the current load: p50, p95 and p99 response time of each
/// chosen component as grouped bars (the live solve's figures). A saturated component
/// has no finite percentile: its column is shaded and says so.
class PercentileChart : public ChartView {
    Q_OBJECT

public:
    explicit PercentileChart(QWidget* parent = nullptr);

    void setAnalysis(const engine::SolveResult& result, const engine::Model& model,
                     std::span<const std::size_t> components, std::optional<std::size_t> selected);

    [[nodiscard]] QCPBars* bars(int percentile) const; ///< 50, 95 or 99
    /// The component drawn at each category position.
    [[nodiscard]] const std::vector<std::size_t>& components() const { return m_components; }
    [[nodiscard]] QString valuesAt(double key) override;
    void fitView() override;

private:
    QCPBars* m_p50 = nullptr;
    QCPBars* m_p95 = nullptr;
    QCPBars* m_p99 = nullptr;
    std::vector<std::size_t> m_components;
    QStringList m_names;
    QStringList m_details;
};

} // namespace headroom::ui
