// SPDX-License-Identifier: MIT
#include "ResultsPanel.h"

#include "Format.h"
#include "ResultsTableModel.h"
#include "Theme.h"

#include "document/Document.h"
#include "document/LiveSolver.h"

#include <QtWidgets/QApplication>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtCore/QSortFilterProxyModel>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTableView>
#include <QtWidgets/QVBoxLayout>

namespace headroom::ui {

namespace {

constexpr int kComponentRole = Qt::UserRole + 1;
constexpr int kLinkRole = Qt::UserRole + 2;

} // namespace

ResultsPanel::ResultsPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("resultsPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_model = new ResultsTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ResultsTableModel::kSortRole);
    m_table = new QTableView(splitter);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ResultsTableModel::Utilization, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setIconSize(QSize(18, 18));
    m_table->setWordWrap(false);
    m_issues = new QListWidget(splitter);
    m_issues->setWordWrap(true);
    m_issues->setVisible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(m_issues);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const model::ComponentId id = m_model->componentAt(m_proxy->mapToSource(index).row());
        if (id.isValid())
            emit componentActivated(id);
    });
    connect(m_issues, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const model::ComponentId component{item->data(kComponentRole).toULongLong()};
        const model::LinkId link{item->data(kLinkRole).toULongLong()};
        if (link.isValid())
            emit linkActivated(link);
        else if (component.isValid())
            emit componentActivated(component);
    });
    model::followSolver(m_solver, solver, this, &ResultsPanel::showSolve);
}

void ResultsPanel::showSolve()
{
    if (m_solver && m_solver->result()) {
        showResults(*m_solver->result());
    } else if (m_solver && !m_solver->issues().isEmpty()) {
        showIssues(m_solver->issues());
    } else {
        // Nothing solved yet: an empty panel.
        m_model->setResult(*m_document, nullptr);
        m_summary->clear();
        fillIssues({});
    }
}

void ResultsPanel::showResults(const model::LiveResult& live)
{
    const engine::SolveResult& r = live.result;
    m_model->setResult(*m_document, &live);
    m_table->setVisible(true);
    if (m_table->horizontalHeader()->sectionSize(0) < 150) {
        m_table->resizeColumnsToContents();
        m_table->setColumnWidth(ResultsTableModel::Name, std::max(m_table->columnWidth(ResultsTableModel::Name), 180));
    }

    const QString sep = QStringLiteral(" &nbsp;&middot;&nbsp; ");
    QStringList parts;
    parts << tr("End-to-end response <b>%1</b>").arg(format::ms(r.meanResponseMs));
    parts << tr("Throughput <b>%1</b>").arg(format::rps(r.throughputRps));
    if (r.workload == engine::Workload::Open)
        parts << tr("Max multiplier <b>%1</b>").arg(format::multiplier(r.maxMultiplier));
    else
        parts << tr("Closed workload (no multiplier)");
    if (const model::ComponentId b = live.bottleneck(); b.isValid() && m_document->contains(b))
        parts << tr("Bottleneck <b>%1</b> at %2")
                     .arg(format::shortText(m_document->component(b).id).toHtmlEscaped(),
                          format::percent(r.components[*r.bottleneck].utilization));
    const QString bold = QStringLiteral("<b style='color:%1'>%2</b>");
    parts << (r.stable ? bold.arg(theme::kGood.name(), tr("Stable"))
                       : bold.arg(theme::kAlarm.name(), tr("Unstable: a component is saturated")));
    if (r.status == engine::Status::NotConverged)
        parts << bold.arg(theme::kAlarm.name(),
                          tr("Not converged: an iteration did not settle, so these figures are its last iterate"));
    m_summary->setText(parts.join(sep));
    fillIssues(live.warnings);
}

void ResultsPanel::showIssues(const QList<model::LiveIssue>& issues)
{
    m_model->setResult(*m_document, nullptr);
    m_table->setVisible(false);
    m_summary->setText(tr("<b style='color:%1'>No figures: the model has %2.</b> "
                          "Fix them (click one to select the component) and the figures come back.")
                           .arg(theme::kError.name(), format::counted(issues.size(), tr("error"), tr("errors"))));
    fillIssues(issues);
}

void ResultsPanel::fillIssues(const QList<model::LiveIssue>& issues)
{
    m_issues->clear();
    const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const model::LiveIssue& issue : issues) {
        const QString where = issue.subject.isEmpty() ? QString() : issue.subject + QStringLiteral(": ");
        auto* item = new QListWidgetItem(issue.severity == model::LiveIssue::Severity::Error ? error : warning,
                                         format::elided(where + issue.message, format::kMostMessageCharacters),
                                         m_issues);
        item->setData(kComponentRole, QVariant::fromValue(issue.component.value));
        item->setData(kLinkRole, QVariant::fromValue(issue.link.value));
        item->setToolTip(issue.component.isValid() || issue.link.isValid() ? tr("Click to select it on the diagram")
                                                                            : QString());
    }
    m_issues->setVisible(!issues.isEmpty());
}

} // namespace headroom::ui
