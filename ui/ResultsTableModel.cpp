// SPDX-License-Identifier: MIT
#include "ResultsTableModel.h"

#include "Format.h"
#include "IconLibrary.h"

#include "document/Document.h"

#include <QtGui/QBrush>
#include <QtGui/QFont>

#include <cmath>
#include <limits>

namespace headroom::ui {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double orInfinity(std::optional<double> value)
{
    return value.value_or(kInfinity);
}

} // namespace

ResultsTableModel::ResultsTableModel(QObject* parent) : QAbstractTableModel(parent)
{
}

void ResultsTableModel::setResult(const model::Document& document, const model::LiveResult* result)
{
    QList<Row> rows;
    if (result) {
        const model::ComponentId bottleneck = result->bottleneck();
        for (qsizetype i = 0; i < result->components.size(); ++i) {
            const model::ComponentId id = result->components[i];
            if (!document.contains(id))
                continue;
            const engine::Component& c = document.component(id);
            Row row;
            row.id = id;
            row.name = format::shortText(c.id);
            row.title = format::displayName(c);
            row.kindValue = c.kind;
            row.role = c.role;
            row.kind = format::kindTitle(c.kind, c.role);
            row.component = static_cast<std::size_t>(i);
            row.level = loadLevel(result->result.components[row.component]);
            row.bottleneck = id == bottleneck;
            rows.append(std::move(row));
        }
        m_closed = result->result.workload == engine::Workload::Closed;
    }
    m_result = result;
    // The same components in the same order: update in place, so that the view keeps
    // its selection, scroll position and sort.
    const bool sameRows = rows.size() == m_rows.size() &&
                          std::equal(rows.begin(), rows.end(), m_rows.begin(),
                                     [](const Row& a, const Row& b) { return a.id == b.id; });
    if (sameRows && !rows.isEmpty()) {
        m_rows = std::move(rows);
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ResultsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ResultsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

model::ComponentId ResultsTableModel::componentAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : model::ComponentId{};
}

QVariant ResultsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Component");
        case Kind:
            return tr("Kind");
        case Utilization:
            return tr("Utilization");
        case Arrival:
            return tr("Arrivals (rps)");
        case Response:
            return tr("Response (ms)");
        case P99:
            return tr("p99 (ms)");
        case Wait:
            return tr("Wait (ms)");
        case WaitProbability:
            return tr("P(wait)");
        case Headroom:
            return tr("Headroom");
        case Method:
            return tr("Method");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Utilization:
            return tr("Utilization of the busiest instance (offered load when saturated)");
        case Response:
            return tr("Mean response time of one visit, traffic-weighted over instances");
        case Headroom:
            return tr("How far traffic can grow before this component saturates");
        default:
            return {};
        }
    }
    return {};
}

QVariant ResultsTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows[index.row()];
    const engine::ComponentResult& r = m_result->result.components[row.component];
    const bool station = engine::isStation(row.kindValue);
    const bool clients = row.kindValue == engine::ComponentKind::Clients;
    if (role == kIdRole)
        return QVariant::fromValue(row.id.value);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return row.bottleneck ? row.name + tr("  \u2691 bottleneck") : row.name;
        case Kind:
            return row.kind;
        case Utilization:
            if (!station)
                return QStringLiteral("\u2014");
            return r.saturated ? tr("%1 saturated").arg(format::percent(r.utilization)) : format::percent(r.utilization);
        case Arrival:
            if (clients && m_closed)
                return QStringLiteral("\u2014"); // a closed workload has users, not a rate
            return format::number(clients ? r.throughputRps : r.arrivalRps);
        case Response:
            return clients ? QStringLiteral("\u2014") : format::number(r.avgResponseMs);
        case P99:
            if (clients || (!r.p99ResponseMs && !r.saturated))
                return QStringLiteral("\u2014"); // closed workloads have no percentiles
            return format::number(r.p99ResponseMs);
        case Wait:
            return station ? format::number(r.meanWaitMs) : QStringLiteral("\u2014");
        case WaitProbability:
            return station ? format::percent(r.waitProbability) : QStringLiteral("\u2014");
        case Headroom:
            return station && !m_closed ? format::multiplier(r.headroomMultiplier) : QStringLiteral("\u2014");
        case Method:
            return format::methodName(r.method);
        default:
            return {};
        }
    }
    if (role == kSortRole) {
        switch (index.column()) {
        case Name:
            return row.name;
        case Kind:
            return row.kind;
        case Utilization:
            return station ? r.utilization : -1.0;
        case Arrival:
            return clients ? r.throughputRps : r.arrivalRps;
        case Response:
            return clients ? -1.0 : orInfinity(r.avgResponseMs);
        case P99:
            return clients ? -1.0 : orInfinity(r.p99ResponseMs);
        case Wait:
            return station ? orInfinity(r.meanWaitMs) : -1.0;
        case WaitProbability:
            return station ? r.waitProbability : -1.0;
        case Headroom:
            return station ? orInfinity(r.headroomMultiplier) : kInfinity;
        case Method:
            return format::methodName(r.method);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == Name)
        return icons::icon(row.kindValue, row.role);
    if (role == Qt::BackgroundRole && index.column() == Utilization && station)
        return QBrush(levelColours(row.level).fill);
    if (role == Qt::ForegroundRole && index.column() == Utilization && station)
        return QBrush(row.level == LoadLevel::Saturated ? levelColours(row.level).text : levelColours(row.level).border);
    if (role == Qt::FontRole && (row.bottleneck || (index.column() == Utilization && row.level != LoadLevel::Ok))) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Utilization && index.column() <= Headroom)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Name)
        return row.title;
    if (role == Qt::ToolTipRole && index.column() >= Utilization && index.column() <= Headroom) {
        // The figure at full precision behind the rounded one.
        const double raw = data(index, kSortRole).toDouble();
        return raw >= 0.0 && std::isfinite(raw) ? QString::number(raw, 'g', 12) : QVariant();
    }
    return {};
}

} // namespace headroom::ui
