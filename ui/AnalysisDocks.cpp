// SPDX-License-Identifier: MIT
#include "AnalysisDocks.h"

#include "DiagramScene.h"
#include "Theme.h"

#include "charts/LagPanel.h"
#include "charts/PercentilePanel.h"
#include "charts/PoolPanel.h"
#include "charts/SheddingPanel.h"
#include "charts/TenXPanel.h"
#include "whatif/ScenarioCompareDialog.h"
#include "whatif/WhatIfBanner.h"
#include "whatif/WhatIfPanel.h"
#include "whatif/WhatIfText.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/Scenarios.h"

#include <QtGui/QAction>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QGraphicsView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMainWindow>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QStatusBar>

namespace headroom::ui {

AnalysisDocks::AnalysisDocks(QMainWindow* window, model::Document* document, model::LiveSolver* solver,
                             DiagramScene* scene, QGraphicsView* view)
    : QObject(window), m_window(window), m_document(document), m_scene(scene)
{
    m_tenX = new TenXPanel(document, solver, window);
    m_pool = new PoolPanel(document, solver, window);
    m_lag = new LagPanel(document, solver, window);
    m_shedding = new SheddingPanel(document, solver, window);
    m_percentiles = new PercentilePanel(document, solver, window);
    addDock(m_tenX, tr("10x Question"), QStringLiteral("tenx"));
    addDock(m_pool, tr("Pool Sizing"), QStringLiteral("pool"));
    addDock(m_lag, tr("Replica Lag"), QStringLiteral("lag"));
    addDock(m_shedding, tr("Load Shedding"), QStringLiteral("shedding"));
    addDock(m_percentiles, tr("Latency Percentiles"), QStringLiteral("percentiles"));

    m_whatIf = new WhatIfPanel(document, solver, window);
    m_whatIfDock = new QDockWidget(tr("What If"), window);
    m_whatIfDock->setObjectName(QStringLiteral("whatIfDock"));
    m_whatIfDock->setWidget(m_whatIf);
    m_docks.append(m_whatIfDock);
    m_names.append(QStringLiteral("whatif"));

    m_banner = new WhatIfBanner(document, view);
    m_status = new QLabel(window);
    m_status->setObjectName(QStringLiteral("whatIfStatusLabel"));
    m_status->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; font-weight: bold; "
                                           "padding: 1px 8px; border-radius: 3px; }")
                                .arg(theme::kChangedFill.name(), theme::kChanged.name()));
    window->statusBar()->addPermanentWidget(m_status);

    connect(scene, &QGraphicsScene::selectionChanged, this, &AnalysisDocks::selectionChanged);
    connect(m_whatIf, &WhatIfPanel::compareRequested, this, &AnalysisDocks::openCompare);
    for (const auto signal : {&model::Document::whatIfChanged, &model::Document::scenariosChanged,
                              &model::Document::modelReset})
        connect(document, signal, this, &AnalysisDocks::refreshStatus);
    refreshStatus();
}

QDockWidget* AnalysisDocks::addDock(AnalysisPanel* panel, const QString& title, const QString& name)
{
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(name + QStringLiteral("Dock"));
    dock->setWidget(panel);
    // A dock tabbed behind another is hidden only in this signal's eyes: compute when shown.
    connect(dock, &QDockWidget::visibilityChanged, panel, &AnalysisPanel::setShown);
    m_docks.append(dock);
    m_names.append(name);
    return dock;
}

QList<AnalysisPanel*> AnalysisDocks::panels() const
{
    return {m_tenX, m_pool, m_lag, m_shedding, m_percentiles};
}

QDockWidget* AnalysisDocks::dock(const QString& name) const
{
    const qsizetype i = m_names.indexOf(name.toLower());
    return i < 0 ? nullptr : m_docks[i];
}

void AnalysisDocks::arrange(QDockWidget* bottom, QDockWidget* right)
{
    QDockWidget* previous = bottom;
    for (QDockWidget* dock : std::as_const(m_docks)) {
        if (dock == m_whatIfDock)
            continue;
        m_window->tabifyDockWidget(previous, dock);
        previous = dock;
    }
    m_window->splitDockWidget(right, m_whatIfDock, Qt::Vertical);
    bottom->raise();
    m_window->resizeDocks({bottom}, {330}, Qt::Vertical);
}

QMenu* AnalysisDocks::createMenu(QMenuBar* bar)
{
    QMenu* menu = bar->addMenu(tr("&What If"));
    menu->setObjectName(QStringLiteral("whatIfMenu"));
    QAction* reset = menu->addAction(tr("&Reset What-If"), this, [this] { model::resetWhatIf(*m_document); });
    reset->setObjectName(QStringLiteral("actionResetWhatIf"));
    QAction* save = menu->addAction(tr("&Save What-If as Scenario\u2026"), this, [this] {
        showDock(QStringLiteral("whatif"));
        m_whatIf->promptSaveAs();
    });
    save->setObjectName(QStringLiteral("actionSaveScenario"));
    QMenu* switchTo = menu->addMenu(tr("S&witch To"));
    switchTo->setObjectName(QStringLiteral("switchScenarioMenu"));
    connect(switchTo, &QMenu::aboutToShow, this, [this, switchTo] {
        switchTo->clear();
        const auto add = [&](const QString& text, const std::string& name) {
            QAction* action = switchTo->addAction(text, this, [this, name] { model::switchScenario(*m_document, name); });
            action->setCheckable(true);
            action->setChecked(m_document->whatIf().name == name && !m_document->whatIfModified() &&
                               (!name.empty() || !m_document->whatIfChangesModel()));
        };
        add(tr("Base Model"), {});
        for (const engine::Scenario& s : m_document->model().scenarios)
            add(QString::fromStdString(s.name), s.name);
    });
    QAction* compare = menu->addAction(tr("&Compare Scenarios\u2026"), this, &AnalysisDocks::openCompare);
    compare->setObjectName(QStringLiteral("actionCompareScenarios"));
    menu->addSeparator();
    menu->addAction(m_whatIfDock->toggleViewAction());
    connect(menu, &QMenu::aboutToShow, this, [this, reset] { reset->setEnabled(m_document->whatIfActive()); });
    return menu;
}

void AnalysisDocks::showDock(const QString& name)
{
    if (QDockWidget* d = dock(name)) {
        d->show();
        d->raise();
    }
}

ScenarioCompareDialog* AnalysisDocks::openCompare()
{
    if (!m_compare) {
        m_compare = new ScenarioCompareDialog(m_document, m_window);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
        m_compare->setPlanning(m_settings.planningMultiplier, m_settings.targetUtilization);
    }
    m_compare->show();
    m_compare->raise();
    return m_compare;
}

void AnalysisDocks::applySettings(const model::ProjectSettings& settings)
{
    m_settings = settings;
    for (AnalysisPanel* panel : panels())
        panel->setPlanningMultiplier(settings.planningMultiplier);
    if (m_compare)
        m_compare->setPlanning(settings.planningMultiplier, settings.targetUtilization);
    m_tenX->setTargetUtilization(settings.targetUtilization);
    m_pool->setTargetWait(settings.targetWait);
}

void AnalysisDocks::flush()
{
    for (AnalysisPanel* panel : panels())
        panel->flush();
}

void AnalysisDocks::selectionChanged()
{
    const QList<model::ComponentId> components = m_scene->selectedComponents();
    const QList<model::LinkId> links = m_scene->selectedLinks();
    for (AnalysisPanel* panel : panels())
        panel->setSelection(components, links);
    m_whatIf->setSelection(components, links);
}

void AnalysisDocks::refreshStatus()
{
    m_status->setVisible(m_document->whatIfActive());
    m_status->setText(tr("What if: %1").arg(whatIfTitle(*m_document)));
    m_status->setToolTip(whatIfSettings(*m_document));
}

} // namespace headroom::ui
