// SPDX-License-Identifier: MIT
#include "MainWindow.h"

#include "AnalysisDocks.h"
#include "advisor/AdvisorPanel.h"
#include "advisor/TemplateGallery.h"
#include "document/LiveAdvisor.h"
#include "ComponentItem.h"
#include "DiagramScene.h"
#include "DiagramView.h"
#include "Format.h"
#include "IconLibrary.h"
#include "Inspector.h"
#include "LinkItem.h"
#include "Palette.h"
#include "ProjectActions.h"
#include "ImportMeasurementsDialog.h"
#include "ProjectSettingsDialog.h"
#include "Resources.h"
#include "ResultsPanel.h"
#include "report/ExportMenu.h"

#include "document/Clipboard.h"
#include "document/Document.h"
#include "document/Editing.h"
#include "document/IssueText.h"
#include "document/LiveSolver.h"
#include "document/PasteCommand.h"
#include "document/RemoveItemsCommand.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"

#include <QtGui/QAction>
#include <QtWidgets/QApplication>
#include <QtGui/QClipboard>
#include <QtGui/QCloseEvent>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QFileDialog>
#include <QtCore/QFileInfo>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtCore/QMimeData>
#include <QtWidgets/QStatusBar>
#include <QtCore/QTimer>
#include <QtWidgets/QToolBar>
#include <QtGui/QUndoStack>

namespace headroom::ui {

using model::ComponentId;
using model::LinkId;

namespace {

constexpr qreal kPasteStep = 30.0;
constexpr int kAdvisorWidth = 460;

/// A standard key sequence, or `fallback` where the platform defines none (SaveAs
/// and Quit are empty on some platforms).
QList<QKeySequence> standardKeys(QKeySequence::StandardKey key, const QKeySequence& fallback)
{
    const QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    return keys.isEmpty() ? QList<QKeySequence>{fallback} : keys;
}

QIcon themed(const char* name, const QString& fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), QIcon(fallback));
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(icons::appIcon());
    m_document = new model::Document(this);
    m_solver = new model::LiveSolver(m_document, this);
    m_project = new ProjectActions(this, m_document);
    m_scene = new DiagramScene(m_document, m_solver, this);
    m_view = new DiagramView(m_scene, this);
    m_view->setObjectName(QStringLiteral("diagramView"));
    setCentralWidget(m_view);
    createDocks();
    createActions();
    createMenus();
    wire();
    resize(1440, 900);
    newDocument();
}

MainWindow::~MainWindow()
{
    // Children go in creation order, the document first: nothing may hear from it then.
    m_document->disconnect();
    m_document->undoStack()->disconnect(this);
    m_scene->disconnect(this);
    // Every view follows the solver, its destruction included (followSolver): none may refresh now.
    m_solver->disconnect();
    m_scene->disconnect(m_analysis);
}

void MainWindow::createDocks()
{
    m_palette = new Palette(this);
    auto* paletteDock = new QDockWidget(tr("Components"), this);
    paletteDock->setObjectName(QStringLiteral("paletteDock"));
    paletteDock->setWidget(m_palette);
    paletteDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock);
    // Wide enough for its names: the docks added later take width from the sides.
    paletteDock->setMinimumWidth(170);

    m_inspector = new Inspector(m_document, m_solver, this);
    auto* inspectorDock = new QDockWidget(tr("Inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock->setWidget(m_inspector);
    inspectorDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);

    m_results = new ResultsPanel(m_document, m_solver, this);
    auto* resultsDock = new QDockWidget(tr("Results"), this);
    resultsDock->setObjectName(QStringLiteral("resultsDock"));
    resultsDock->setWidget(m_results);
    resultsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, resultsDock);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    resizeDocks({paletteDock, inspectorDock}, {190, 340}, Qt::Horizontal);
    resizeDocks({resultsDock}, {280}, Qt::Vertical);

    // The charts and the what-if panel: their own docks, menu and wiring.
    m_analysis = new AnalysisDocks(this, m_document, m_solver, m_scene, m_view);
    m_analysis->arrange(resultsDock, inspectorDock);

    // The playbook advisor: a tab beside the inspector, which it needs the
    // width of; it advises only while shown.
    m_advisorPanel = new AdvisorPanel(m_document, m_solver, this);
    m_advisorDock = new QDockWidget(tr("Advisor"), this);
    m_advisorDock->setObjectName(QStringLiteral("advisorDock"));
    m_advisorDock->setWidget(m_advisorPanel);
    m_advisorDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                               QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, m_advisorDock);
    tabifyDockWidget(inspectorDock, m_advisorDock);
    inspectorDock->raise();
    connect(m_advisorDock, &QDockWidget::visibilityChanged, m_advisorPanel, &AdvisorPanel::setOnScreen);

    m_statusSummary = new QLabel(this);
    m_statusCount = new QLabel(this);
    m_statusZoom = new QLabel(this);
    statusBar()->addWidget(m_statusSummary, 1);
    statusBar()->addPermanentWidget(m_statusCount);
    statusBar()->addPermanentWidget(m_statusZoom);
}

void MainWindow::createActions()
{
    const auto make = [this](const QString& text, const QString& name, const QIcon& icon,
                             const QList<QKeySequence>& keys) {
        auto* action = new QAction(icon, text, this);
        action->setObjectName(name);
        action->setShortcuts(keys);
        return action;
    };
    m_newAction = make(tr("&New"), QStringLiteral("actionNew"), themed("document-new", QStringLiteral(":/icons/actions/document-new.svg")),
                       {QKeySequence::New});
    m_openAction = make(tr("&Open\u2026"), QStringLiteral("actionOpen"),
                        themed("document-open", QStringLiteral(":/icons/actions/document-open.svg")), {QKeySequence::Open});
    m_saveAction = make(tr("&Save"), QStringLiteral("actionSave"), themed("document-save", QStringLiteral(":/icons/actions/document-save.svg")),
                        {QKeySequence::Save});
    m_saveAsAction = make(tr("Save &As\u2026"), QStringLiteral("actionSaveAs"), QIcon::fromTheme(QStringLiteral("document-save-as")),
                          standardKeys(QKeySequence::SaveAs, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));
    m_settingsAction = make(tr("Project Se&ttings\u2026"), QStringLiteral("actionProjectSettings"),
                            QIcon::fromTheme(QStringLiteral("document-properties")), {});
    m_settingsAction->setStatusTip(tr("The growth the analyses plan for, the target utilization and the acceptable "
                                      "pool wait"));
    m_quitAction = make(tr("&Quit"), QStringLiteral("actionQuit"), QIcon::fromTheme(QStringLiteral("application-exit")),
                        standardKeys(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));

    QUndoStack* stack = m_document->undoStack();
    m_undoAction = stack->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("actionUndo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_undoAction->setIcon(themed("edit-undo", QStringLiteral(":/icons/actions/edit-undo.svg")));
    m_redoAction = stack->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("actionRedo"));
    m_redoAction->setShortcuts(QKeySequence::Redo);
    m_redoAction->setIcon(themed("edit-redo", QStringLiteral(":/icons/actions/edit-redo.svg")));

    m_cutAction = make(tr("Cu&t"), QStringLiteral("actionCut"), QIcon::fromTheme(QStringLiteral("edit-cut")), {QKeySequence::Cut});
    m_copyAction = make(tr("&Copy"), QStringLiteral("actionCopy"), QIcon::fromTheme(QStringLiteral("edit-copy")),
                        {QKeySequence::Copy});
    m_pasteAction = make(tr("&Paste"), QStringLiteral("actionPaste"), QIcon::fromTheme(QStringLiteral("edit-paste")),
                         {QKeySequence::Paste});
    m_deleteAction = make(tr("&Delete"), QStringLiteral("actionDelete"), themed("edit-delete", QStringLiteral(":/icons/actions/edit-delete.svg")),
                          {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_selectAllAction = make(tr("Select &All"), QStringLiteral("actionSelectAll"),
                             QIcon::fromTheme(QStringLiteral("edit-select-all")), {QKeySequence::SelectAll});

    m_zoomInAction = make(tr("Zoom &In"), QStringLiteral("actionZoomIn"),
                          themed("zoom-in", QStringLiteral(":/icons/actions/zoom-in.svg")), {QKeySequence::ZoomIn});
    m_zoomOutAction = make(tr("Zoom &Out"), QStringLiteral("actionZoomOut"),
                           themed("zoom-out", QStringLiteral(":/icons/actions/zoom-out.svg")), {QKeySequence::ZoomOut});
    m_fitAction = make(tr("&Fit to View"), QStringLiteral("actionFit"),
                       themed("zoom-fit-best", QStringLiteral(":/icons/actions/zoom-fit.svg")),
                       {QKeySequence(Qt::CTRL | Qt::Key_0)});
    m_actualSizeAction = make(tr("&Actual Size"), QStringLiteral("actionActualSize"),
                              QIcon::fromTheme(QStringLiteral("zoom-original")), {QKeySequence(Qt::CTRL | Qt::Key_1)});
    m_snapAction = make(tr("&Snap to Grid"), QStringLiteral("actionSnap"),
                        themed("snap-grid", QStringLiteral(":/icons/actions/snap-grid.svg")), {});
    m_snapAction->setCheckable(true);
    m_snapAction->setChecked(m_scene->snapToGrid());

    // The edit actions' keys act on the canvas when it has the focus, so that Delete
    // or Ctrl+A in the inspector, the results or a combo box never deletes or
    // selects components; the menu and toolbar work from anywhere.
    for (QAction* action : {m_cutAction, m_copyAction, m_pasteAction, m_deleteAction, m_selectAllAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
    }

    connect(m_newAction, &QAction::triggered, this, [this] {
        if (maybeSave())
            newDocument();
    });
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openDialog);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::editProjectSettings);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_cutAction, &QAction::triggered, this, &MainWindow::cutSelection);
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelection);
    connect(m_pasteAction, &QAction::triggered, this, &MainWindow::paste);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelection);
    connect(m_selectAllAction, &QAction::triggered, this, &MainWindow::selectAll);
    connect(m_zoomInAction, &QAction::triggered, m_view, &DiagramView::zoomIn);
    connect(m_zoomOutAction, &QAction::triggered, m_view, &DiagramView::zoomOut);
    connect(m_fitAction, &QAction::triggered, m_view, &DiagramView::fitDiagram);
    connect(m_actualSizeAction, &QAction::triggered, this, [this] { m_view->setZoom(1.0); });
    connect(m_snapAction, &QAction::toggled, this, [this](bool on) { m_scene->setSnapToGrid(on); });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    // One entry for the bundled examples: the gallery shows each with its stage and a preview.
    m_templateAction = file->addAction(tr("New from &Template\u2026"), this, &MainWindow::newFromTemplate);
    m_templateAction->setObjectName(QStringLiteral("actionNewFromTemplate"));
    file->addAction(m_openAction);
    m_project->addRecentMenu(file);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addAction(m_settingsAction);
    QAction* importAction = file->addAction(tr("Import &Measurements\u2026"), this, &MainWindow::importMeasurements);
    importAction->setObjectName(QStringLiteral("actionImportMeasurements"));
    file->addMenu(new report::ExportMenu(
        m_document, m_solver, [this] { return currentFile(); }, [this] { return m_project->settings(); }, this));
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_cutAction);
    edit->addAction(m_copyAction);
    edit->addAction(m_pasteAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_selectAllAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_fitAction);
    view->addAction(m_actualSizeAction);
    view->addSeparator();
    view->addAction(m_snapAction);
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    m_analysis->createMenu(menuBar());

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_newAction);
    bar->addAction(m_openAction);
    bar->addAction(m_saveAction);
    bar->addSeparator();
    bar->addAction(m_undoAction);
    bar->addAction(m_redoAction);
    bar->addSeparator();
    bar->addAction(m_deleteAction);
    bar->addSeparator();
    bar->addAction(m_zoomInAction);
    bar->addAction(m_zoomOutAction);
    bar->addAction(m_fitAction);
    bar->addAction(m_snapAction);
}

void MainWindow::wire()
{
    // The status bar is one more view of the live solve: it follows the solver as the others do.
    connect(m_solver, &model::LiveSolver::resultsReady, this, &MainWindow::showSolveSummary);
    connect(m_solver, &model::LiveSolver::failed, this, &MainWindow::showSolveSummary);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        m_inspector->showSelection(m_scene->selectedComponents(), m_scene->selectedLinks());
        updateEditActions();
    });
    connect(m_scene, &DiagramScene::gestureRejected, this,
            [this](const QString& reason) { statusBar()->showMessage(reason, 6000); });
    connect(m_palette, &Palette::addRequested, this,
            [this](engine::ComponentKind kind, std::optional<engine::DatabaseRole> role) {
                const QPointF centre = m_scene->snap(m_view->mapToScene(m_view->viewport()->rect().center()));
                m_scene->selectOnly({model::addComponent(*m_document, kind, role, centre)});
                m_view->setFocus();
            });
    connect(m_results, &ResultsPanel::componentActivated, this, &MainWindow::showComponent);
    connect(m_results, &ResultsPanel::linkActivated, this, &MainWindow::showLink);
    connect(m_advisorPanel, &AdvisorPanel::componentActivated, this, &MainWindow::showComponent);
    connect(m_advisorPanel, &AdvisorPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    connect(m_view, &DiagramView::zoomChanged, this,
            [this](qreal zoom) { m_statusZoom->setText(tr("Zoom %1%").arg(qRound(zoom * 100))); });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    for (const auto signal : {&model::Document::componentAdded, &model::Document::componentRemoved}) {
        connect(m_document, signal, this, [this] {
            m_statusCount->setText(format::counted(m_document->componentIds().size(), tr("component"), tr("components")));
        });
    }
    connect(m_document, &model::Document::modelReset, this, [this] {
        m_statusCount->setText(format::counted(m_document->componentIds().size(), tr("component"), tr("components")));
    });
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, &MainWindow::updateEditActions);
    m_statusZoom->setText(tr("Zoom %1%").arg(qRound(m_view->zoom() * 100)));
    connect(m_project, &ProjectActions::fileChanged, this, [this] {
        m_file = m_project->currentFile();
        m_untitledName = m_project->untitledName();
        updateTitle();
    });
    connect(m_project, &ProjectActions::documentReplaced, this, [this] {
        m_pasteCount = 0;
        updateEditActions();
        fitLater();
    });
    connect(m_project, &ProjectActions::message, this, [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    connect(m_project, &ProjectActions::settingsChanged, this, [this] {
        applyProjectSettings();
        updateTitle();
    });
}

void MainWindow::newDocument()
{
    m_document->load({});
    m_project->startUntitled(tr("Untitled"));
    m_pasteCount = 0;
    updateTitle();
    updateEditActions();
    fitLater();
}

bool MainWindow::openFile(const QString& path, QString* error)
{
    return m_project->open(path, error);
}

bool MainWindow::saveTo(const QString& path, QString* error)
{
    return m_project->saveTo(path, error);
}

bool MainWindow::save()
{
    return m_project->save();
}

bool MainWindow::saveAs()
{
    return m_project->saveAs();
}

void MainWindow::openDialog()
{
    m_project->openDialog();
}

bool MainWindow::maybeSave()
{
    return m_project->maybeSave();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

void MainWindow::updateTitle()
{
    const engine::Model& model = m_document->model();
    const QString where = m_file.isEmpty() ? m_untitledName : QFileInfo(m_file).fileName();
    const QString name = model.name.empty() ? QString() : format::shortText(model.name) + QStringLiteral(" \u2014 ");
    setWindowTitle(name + where + QStringLiteral("[*] \u2014 Headroom"));
    setWindowFilePath(m_file);
    setWindowModified(m_project->isModified());
}

void MainWindow::editProjectSettings()
{
    ProjectSettingsDialog dialog(m_project->settings(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_project->setSettings(dialog.settings());
}

void MainWindow::importMeasurements()
{
    ImportMeasurementsDialog dialog(m_document, this);
    dialog.exec();
}

void MainWindow::applyProjectSettings()
{
    const model::ProjectSettings& settings = m_project->settings();
    m_analysis->applySettings(settings);
    m_advisorPanel->applySettings(settings);
}

void MainWindow::updateEditActions()
{
    const bool components = !m_scene->selectedComponents().isEmpty();
    const bool anything = components || !m_scene->selectedLinks().isEmpty();
    m_copyAction->setEnabled(components);
    m_cutAction->setEnabled(components);
    m_deleteAction->setEnabled(anything);
    m_pasteAction->setEnabled(model::canPaste(QGuiApplication::clipboard()->mimeData()));
}

void MainWindow::copySelection()
{
    const QList<ComponentId> selected = m_scene->selectedComponents();
    if (selected.isEmpty())
        return;
    QGuiApplication::clipboard()->setMimeData(model::fragmentMimeData(model::copyFragment(*m_document, selected)).release());
    m_pasteCount = 0;
    statusBar()->showMessage(tr("Copied %1").arg(format::counted(selected.size(), tr("component"), tr("components"))), 3000);
}

void MainWindow::cutSelection()
{
    if (m_scene->selectedComponents().isEmpty())
        return;
    copySelection();
    QUndoStack* stack = m_document->undoStack();
    stack->beginMacro(tr("Cut"));
    deleteSelection();
    stack->endMacro();
}

void MainWindow::paste()
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    auto fragment = model::fragmentFromMimeData(mime);
    if (!fragment) {
        statusBar()->showMessage(tr("Nothing to paste: %1").arg(model::issuesText(fragment.issues())), 5000);
        return;
    }
    if (fragment->components.empty())
        return;
    ++m_pasteCount;
    const qreal shift = kPasteStep * m_pasteCount;
    auto* command = new model::PasteCommand(m_document, *fragment, QPointF(shift, shift));
    const QList<ComponentId> pasted = command->pastedComponents();
    const QList<LinkId> links = command->pastedLinks();
    m_document->undoStack()->push(command);
    m_scene->selectOnly(pasted, links);
}

void MainWindow::deleteSelection()
{
    const QList<ComponentId> components = m_scene->selectedComponents();
    const QList<LinkId> links = m_scene->selectedLinks();
    if (components.isEmpty() && links.isEmpty())
        return;
    m_document->undoStack()->push(new model::RemoveItemsCommand(m_document, components, links));
}

void MainWindow::selectAll()
{
    m_scene->selectEverything();
}

bool MainWindow::selectComponent(const QString& id)
{
    const ComponentId found = m_document->findComponent(id.toStdString());
    if (!found.isValid())
        return false;
    showComponent(found);
    return true;
}

void MainWindow::showComponent(ComponentId id)
{
    if (ComponentItem* item = m_scene->itemFor(id)) {
        m_scene->selectOnly({id});
        m_view->ensureVisible(item, 60, 60);
    }
}

void MainWindow::showLink(LinkId id)
{
    if (LinkItem* item = m_scene->itemFor(id)) {
        m_scene->selectOnly({}, {id});
        m_view->ensureVisible(item, 60, 60);
    }
}

void MainWindow::showSolveSummary()
{
    const std::optional<model::LiveResult>& live = m_solver->result();
    if (!live) {
        const QList<model::LiveIssue>& issues = m_solver->issues();
        m_statusSummary->setText(
            tr("%1: no figures until they are fixed").arg(format::counted(issues.size(), tr("error"), tr("errors"))));
        return;
    }
    const model::LiveResult& result = *live;
    const engine::SolveResult& r = result.result;
    QString text = r.stable ? tr("Stable") : tr("Unstable: a component is saturated");
    if (const ComponentId b = result.bottleneck(); b.isValid() && m_document->contains(b))
        text += tr(" \u00b7 bottleneck %1 at %2").arg(format::shortText(m_document->component(b).id),
                                                     format::percent(r.components[*r.bottleneck].utilization));
    if (r.workload == engine::Workload::Open)
        text += tr(" \u00b7 traffic can grow %1").arg(format::multiplier(r.maxMultiplier));
    if (r.status == engine::Status::NotConverged)
        text += tr(" \u00b7 not converged: the figures are an unsettled iterate");
    m_statusSummary->setText(text);
}

void MainWindow::showAdvisor()
{
    m_advisorDock->show();
    m_advisorDock->raise();
    // The findings need more room than the inspector's column gives.
    if (!m_advisorDock->isFloating() && m_advisorDock->width() < kAdvisorWidth) {
        resizeDocks({m_advisorDock}, {kAdvisorWidth}, Qt::Horizontal);
        resizeDocks({m_advisorDock}, {height() * 2 / 3}, Qt::Vertical);
    }
}

void MainWindow::newFromTemplate()
{
    if (!maybeSave())
        return;
    TemplateGallery gallery(this);
    if (gallery.exec() != QDialog::Accepted || gallery.selectedPath().isEmpty())
        return;
    QString error;
    if (!openFile(gallery.selectedPath(), &error))
        QMessageBox::warning(this, tr("Cannot open the template"), error);
}

void MainWindow::fitLater()
{
    // The view has its final size only once the window is laid out.
    QTimer::singleShot(0, m_view, &DiagramView::fitDiagram);
}

QImage MainWindow::screenshot()
{
    m_solver->flush();
    QCoreApplication::processEvents();
    m_view->fitDiagram();
    m_analysis->flush();
    if (m_advisorPanel->advisor()->isActive())
        m_advisorPanel->flush();
    QCoreApplication::processEvents();
    return grab().toImage();
}

} // namespace headroom::ui
