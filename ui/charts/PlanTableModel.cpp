// SPDX-License-Identifier: MIT
#include "charts/PlanTableModel.h"

#include "Format.h"
#include "Theme.h"

#include <QtCore/QLocale>
#include <QtGui/QBrush>
#include <QtGui/QFont>

#include <algorithm>

namespace headroom::ui {

namespace {

QString money(double value)
{
    return QLocale().toString(value, 'f', 0);
}

} // namespace

PlanTableModel::PlanTableModel(QObject* parent) : QAbstractTableModel(parent)
{
}

void PlanTableModel::setAnswer(const engine::TenXAnswer& answer, const engine::Model& model)
{
    beginResetModel();
    m_rows.clear();
    m_multiplier = answer.multiplier;
    m_costNow = answer.plan.costNow;
    m_costAfter = answer.plan.costAfter;
    for (const engine::InstancePlan& plan : answer.plan.components) {
        Row row{plan, format::shortText(model.components[plan.component].id), std::nullopt, std::nullopt};
        if (plan.component < answer.saturatesAt.size())
            row.saturatesAt = answer.saturatesAt[plan.component];
        for (const engine::RedundancyCheck& check : answer.nPlusOne) {
            if (check.component == plan.component)
                row.survivesLoss = check.survivesLossOfOne;
        }
        m_rows.push_back(std::move(row));
    }
    // What breaks first comes first; then the busiest.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        const double sa = a.saturatesAt.value_or(std::numeric_limits<double>::infinity());
        const double sb = b.saturatesAt.value_or(std::numeric_limits<double>::infinity());
        if (sa != sb)
            return sa < sb;
        return a.plan.utilizationNow > b.plan.utilizationNow;
    });
    endResetModel();
}

int PlanTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size()) + (m_rows.empty() ? 0 : 1);
}

int PlanTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<std::size_t> PlanTableModel::componentAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size()))
        return std::nullopt;
    return m_rows[static_cast<std::size_t>(row)].plan.component;
}

QVariant PlanTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const bool totals = index.row() == static_cast<int>(m_rows.size());
    if (totals) {
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (role != Qt::DisplayRole)
            return {};
        switch (index.column()) {
        case Component:
            return tr("Total");
        case CostNow:
            return money(m_costNow);
        case CostAfter:
            return money(m_costAfter);
        default:
            return {};
        }
    }
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const engine::InstancePlan& plan = row.plan;
    if (role == Qt::ForegroundRole) {
        if (index.column() == SaturatesAt && row.saturatesAt && *row.saturatesAt <= m_multiplier)
            return QBrush(theme::kBottleneck);
        if (index.column() == SurvivesLoss && row.survivesLoss && !*row.survivesLoss)
            return QBrush(theme::kBottleneck);
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() == Component ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                           : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Component:
        return row.name;
    case SaturatesAt:
        return row.saturatesAt ? format::multiplier(row.saturatesAt) : tr("never");
    case Instances:
        return QString::number(plan.instances);
    case Needed:
        return plan.requiredInstances ? QString::number(*plan.requiredInstances) : tr("hot spot");
    case UtilizationNow:
        return format::percent(plan.utilizationNow);
    case UtilizationAfter:
        return plan.utilizationAfter ? format::percent(*plan.utilizationAfter) : QStringLiteral("\u2014");
    case CostNow:
        return money(plan.costNow);
    case CostAfter:
        return money(plan.costAfter);
    case SurvivesLoss:
        return row.survivesLoss ? (*row.survivesLoss ? tr("yes") : tr("no")) : QStringLiteral("\u2014");
    default:
        return {};
    }
}

QVariant PlanTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const QString at = format::multiplier(m_multiplier);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SaturatesAt:
            return tr("The traffic multiplier at which the busiest instance reaches 100%");
        case Needed:
            return tr("The fewest instances that keep the busiest one at or under the target utilization at %1").arg(at);
        case UtilizationNow:
            return tr("Busiest instance at %1 with today's instances (offered load)").arg(at);
        case UtilizationAfter:
            return tr("Busiest instance at %1 with the instances needed").arg(at);
        case SurvivesLoss:
            return tr("Whether the tier stays under 100% at %1 after losing one of today's instances (N+1)").arg(at);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Component:
        return tr("Component");
    case SaturatesAt:
        return tr("Saturates at");
    case Instances:
        return tr("Instances");
    case Needed:
        return tr("Needed at %1").arg(at);
    case UtilizationNow:
        return tr("Load at %1").arg(at);
    case UtilizationAfter:
        return tr("Load planned");
    case CostNow:
        return tr("Cost/month");
    case CostAfter:
        return tr("Cost at %1").arg(at);
    case SurvivesLoss:
        return tr("N+1 at %1").arg(at);
    default:
        return {};
    }
}

} // namespace headroom::ui
