// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "document/LiveResult.h"

#include <QtWidgets/QWidget>

class QLabel;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;

namespace headroom::model {
class Document;
class LiveSolver;
}

namespace headroom::ui {

class ResultsTableModel;

/// The figures of the last solve: a summary line (end-to-end response, throughput,
/// how far traffic can grow, stable or not), a sortable table of every component,
/// and the list of errors and warnings. Clicking a row or an issue points at the
/// component on the diagram.
class ResultsPanel : public QWidget {
    Q_OBJECT

public:
    /// Shows the figures of `solver` (followSolver), after every solve.
    ResultsPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    [[nodiscard]] QLabel* summary() const { return m_summary; }
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] QListWidget* issueList() const { return m_issues; }
    [[nodiscard]] ResultsTableModel* tableModel() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel* sortedModel() const { return m_proxy; }

signals:
    void componentActivated(headroom::model::ComponentId id);
    void linkActivated(headroom::model::LinkId id);

private:
    void showSolve();
    void showResults(const model::LiveResult& result);
    void showIssues(const QList<model::LiveIssue>& issues);
    void fillIssues(const QList<model::LiveIssue>& issues);

    model::Document* m_document = nullptr;
    const model::LiveSolver* m_solver = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_table = nullptr;
    QListWidget* m_issues = nullptr;
    ResultsTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
};

} // namespace headroom::ui
