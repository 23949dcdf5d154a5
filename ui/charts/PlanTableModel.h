// SPDX-License-Identifier: MIT
#pragma once

#include "engine/TenX.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QStringList>

#include <vector>

namespace headroom::ui {

/// The capacity plan beside the 10x chart: per station the instances today and needed
/// at the planning multiplier, the busiest instance's utilization with today's count
/// and with the plan, the monthly cost before and after, and whether it survives
/// losing one instance; the components that break first come first, and a last row
/// holds the totals. A model, not a table of items: a slider tick on a large model
/// resets it without building a cell per component.
class PlanTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column : int { Component, SaturatesAt, Instances, Needed, UtilizationNow, UtilizationAfter, CostNow, CostAfter,
                        SurvivesLoss, ColumnCount };

    explicit PlanTableModel(QObject* parent = nullptr);

    void setAnswer(const engine::TenXAnswer& answer, const engine::Model& model);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// The component of a row (its index in the model), or none for the totals row.
    [[nodiscard]] std::optional<std::size_t> componentAt(int row) const;

private:
    struct Row {
        engine::InstancePlan plan;
        QString name;
        std::optional<double> saturatesAt;
        std::optional<bool> survivesLoss;
    };
    std::vector<Row> m_rows;
    double m_multiplier = engine::kDefaultPlanningMultiplier;
    double m_costNow = 0.0;
    double m_costAfter = 0.0;
};

} // namespace headroom::ui
