// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "document/LiveResult.h"

#include <QtWidgets/QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

namespace headroom::model {
class Document;
class LiveSolver;
} // namespace headroom::model

namespace headroom::ui {

class AdvisorPanel;
class AnalysisDocks;
class DiagramScene;
class DiagramView;
class Inspector;
class Palette;
class ProjectActions;
class ResultsPanel;

/// The editor: palette, canvas, inspector, results and status bar around one
/// document, with the File, Edit and View menus. Wiring only: the document holds
/// the model, the live solver the figures, the widgets show them.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a `.headroom` project or a `.json` model (or a bundled example, ":/examples/...").
    /// A file that cannot be read leaves the current document alone and returns the reasons
    /// in `error`. A model that reads but does not validate opens, with its errors shown.
    bool openFile(const QString& path, QString* error = nullptr);
    /// Saves a project, or the model as JSON for a `.json` name; the document becomes clean.
    bool saveTo(const QString& path, QString* error = nullptr);
    void newDocument();

    void copySelection();
    void cutSelection();
    void paste();
    void deleteSelection();
    void selectAll();

    /// Selects the component with this text id and shows it in the inspector.
    bool selectComponent(const QString& id);

    /// Solves what is pending, fits the diagram and renders the window.
    QImage screenshot();

    [[nodiscard]] model::Document* document() const { return m_document; }
    [[nodiscard]] model::LiveSolver* liveSolver() const { return m_solver; }
    [[nodiscard]] DiagramScene* scene() const { return m_scene; }
    [[nodiscard]] DiagramView* view() const { return m_view; }
    [[nodiscard]] Inspector* inspector() const { return m_inspector; }
    [[nodiscard]] ResultsPanel* resultsPanel() const { return m_results; }
    [[nodiscard]] Palette* palette() const { return m_palette; }
    /// The charts, the what-if panel and their menu (ui/AnalysisDocks.h).
    [[nodiscard]] AnalysisDocks* analysisDocks() const { return m_analysis; }
    [[nodiscard]] QString currentFile() const { return m_file; }
    /// The playbook advisor's dock (ui/advisor/AdvisorPanel.h).
    [[nodiscard]] AdvisorPanel* advisorPanel() const { return m_advisorPanel; }
    [[nodiscard]] QDockWidget* advisorDock() const { return m_advisorDock; }
    void showAdvisor();
    /// File > New from Template: the gallery, then the chosen template as a new document.
    void newFromTemplate();
    /// Open, save, recent files, autosave and recovery (ui/ProjectActions.h).
    [[nodiscard]] ProjectActions* projectActions() const { return m_project; }
    /// File > Project Settings: the dialog, then the settings chosen (unsaved until saved).
    void editProjectSettings();
    /// File > Import Measurements: the dialog; what it applies is one undo step.
    void importMeasurements();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void wire();
    bool maybeSave();
    bool save();
    bool saveAs();
    void openDialog();
    void updateTitle();
    void updateEditActions();
    void showComponent(model::ComponentId id);
    void showLink(model::LinkId id);
    /// The status bar's line about the last solve.
    void showSolveSummary();
    void fitLater();
    /// Hands the project's settings to everything that plans with them.
    void applyProjectSettings();

    model::Document* m_document = nullptr;
    model::LiveSolver* m_solver = nullptr;
    DiagramScene* m_scene = nullptr;
    DiagramView* m_view = nullptr;
    Palette* m_palette = nullptr;
    Inspector* m_inspector = nullptr;
    ResultsPanel* m_results = nullptr;
    AnalysisDocks* m_analysis = nullptr;
    ProjectActions* m_project = nullptr;
    QLabel* m_statusSummary = nullptr;
    QLabel* m_statusZoom = nullptr;
    QLabel* m_statusCount = nullptr;
    AdvisorPanel* m_advisorPanel = nullptr;
    QDockWidget* m_advisorDock = nullptr;
    QAction* m_templateAction = nullptr;

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_cutAction = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_pasteAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_selectAllAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_actualSizeAction = nullptr;
    QAction* m_snapAction = nullptr;

    QString m_file;
    QString m_untitledName;
    QByteArray m_lastPaste;
    int m_pasteCount = 0;
};

} // namespace headroom::ui
