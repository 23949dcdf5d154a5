// SPDX-License-Identifier: MIT
#pragma once

#include "Theme.h"

#include "document/Ids.h"
#include "document/LiveResult.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QList>

namespace headroom::model {
class Document;
}

namespace headroom::ui {

/// One row per component with the engine's figures, for the results table. Sorting
/// uses Qt::UserRole, which holds the raw number (infinite figures sort last).
class ResultsTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column : int { Name, Kind, Utilization, Arrival, Response, P99, Wait, WaitProbability, Headroom, Method, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kIdRole = Qt::UserRole + 1;

    explicit ResultsTableModel(QObject* parent = nullptr);

    /// The figures of a solve (null: no figures, the table empties). `result` is the live
    /// solver's own (LiveSolver::result()), not a copy: set it again after every solve.
    void setResult(const model::Document& document, const model::LiveResult* result);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    [[nodiscard]] model::ComponentId componentAt(int row) const;

private:
    struct Row {
        model::ComponentId id;
        QString name;
        QString title;
        QString kind;
        engine::ComponentKind kindValue = engine::ComponentKind::Station;
        std::optional<engine::DatabaseRole> role;
        std::size_t component = 0; ///< its figures' index in the result
        LoadLevel level = LoadLevel::Unknown;
        bool bottleneck = false;
    };
    QList<Row> m_rows;
    const model::LiveResult* m_result = nullptr;
    bool m_closed = false;
};

} // namespace headroom::ui
