// SPDX-License-Identifier: MIT
#pragma once

#include "charts/AnalysisPanel.h"

#include "engine/PoolSizing.h"
#include "project/Project.h"

namespace headroom::ui {

class PoolChart;

/// The pool sizing dock for the selected pooled link (or the first pool of the selected
/// component): engine::poolSizing at the current load, drawn by a PoolChart.
class PoolPanel : public AnalysisPanel {
    Q_OBJECT

public:
    PoolPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    /// The acceptable chance of waiting for a connection the recommended size keeps under.
    void setTargetWait(double wait);
    [[nodiscard]] double targetWait() const { return m_targetWait; }

    [[nodiscard]] PoolChart* chart() const { return m_chart; }
    /// The link the last refresh sized (its index in the model), if any.
    [[nodiscard]] std::optional<std::size_t> link() const { return m_link; }
    /// The largest pool size it asked for (the series' end).
    [[nodiscard]] std::optional<std::int64_t> maxSize() const { return m_maxSize; }

    [[nodiscard]] QList<ChartView*> charts() const override;

protected:
    void refresh(const model::LiveResult& result) override;

private:
    [[nodiscard]] std::optional<std::size_t> chooseLink(const model::LiveResult& result) const;

    PoolChart* m_chart = nullptr;
    std::optional<std::size_t> m_link;
    std::optional<std::int64_t> m_maxSize;
    double m_targetWait = model::ProjectSettings{}.targetWait;
};

} // namespace headroom::ui
