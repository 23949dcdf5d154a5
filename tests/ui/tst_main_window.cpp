// SPDX-License-Identifier: MIT
// The whole editor: files, the Edit menu (copy, cut, paste with new ids, delete,
// select all, undo and redo back to the identical model), zoom, the results panel
// and the error list, the bundled examples, the screenshot.
#include "DocumentFixtures.h"
#include "UiTestSupport.h"

#include "ComponentItem.h"
#include "DiagramScene.h"
#include "DiagramView.h"
#include "Examples.h"
#include "Inspector.h"
#include "MainWindow.h"
#include "Palette.h"
#include "ResultsPanel.h"
#include "ResultsTableModel.h"
#include "Theme.h"
#include "ModelDiff.h"
#include "ModelFiles.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"

#include <QtCore/QDir>
#include <QtCore/QSortFilterProxyModel>
#include <QtCore/QTemporaryDir>
#include <QtGui/QAction>
#include <QtGui/QClipboard>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QMenu>
#include <QtWidgets/QTableView>

#include <set>

#include <sys/stat.h>

using namespace headroom;
using model::ComponentId;
using model::LinkId;

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    model::Document* doc() const { return m_window->document(); }
    ComponentId id(const char* name) const { return doc()->findComponent(name); }
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QString::fromLatin1(name)); }
    QString writeModel(const engine::Model& model, const QString& name)
    {
        return testing::writeModelFile(m_dir.filePath(name), model);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_window = std::make_unique<ui::MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QString error;
        QVERIFY2(m_window->openFile(writeModel(testing::webModel(), QStringLiteral("web.json")), &error), qPrintable(error));
        m_window->liveSolver()->flush();
    }

    void cleanup() { m_window.reset(); }

    void opensAFileAndShowsItLoaded()
    {
        HR_COMPARE_MODELS(doc()->model(), testing::webModel());
        QCOMPARE(m_window->scene()->componentItemCount(), 6);
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("web.json")));
        QVERIFY(m_window->liveSolver()->result());
        QCOMPARE(m_window->resultsPanel()->tableModel()->rowCount(), 6);
        QVERIFY(m_window->resultsPanel()->summary()->text().contains(QStringLiteral("End-to-end response")));
        QVERIFY(m_window->resultsPanel()->summary()->text().contains(QStringLiteral("Stable")));
        QVERIFY(m_window->scene()->itemFor(id("app"))->figures());
    }

    void unreadableFilesAreRefusedAndLeaveTheDocumentAlone()
    {
        QFile bad(m_dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"components\": [");
        bad.close();
        QString error;
        QVERIFY(!m_window->openFile(bad.fileName(), &error));
        QVERIFY(error.contains(QStringLiteral("not valid JSON")));
        QVERIFY(!m_window->openFile(m_dir.filePath(QStringLiteral("missing.json")), &error));
        HR_COMPARE_MODELS(doc()->model(), testing::webModel());
        // A named pipe nobody writes to is refused at once: reading it would wait for ever.
        for (const QString& name : {QStringLiteral("pipe.json"), QStringLiteral("pipe.headroom")}) {
            const QString pipe = m_dir.filePath(name);
            QVERIFY(::mkfifo(QFile::encodeName(pipe).constData(), 0600) == 0);
            QVERIFY(!m_window->openFile(pipe, &error));
            QVERIFY2(error.contains(QStringLiteral("is not a regular file (a named pipe, a device or a socket)")),
                     qPrintable(error));
            QVERIFY(QFile::remove(pipe));
        }
        HR_COMPARE_MODELS(doc()->model(), testing::webModel());
    }

    void anInvalidModelOpensWithItsErrorsPointingAtTheComponent()
    {
        engine::Model model = testing::webModel();
        model.components[2].set(engine::Field::ServiceMs, -1);
        QVERIFY(m_window->openFile(writeModel(model, QStringLiteral("invalid.json"))));
        QSignalSpy failed(m_window->liveSolver(), &model::LiveSolver::failed);
        QVERIFY(failed.wait());
        ui::ResultsPanel* panel = m_window->resultsPanel();
        QVERIFY(panel->issueList()->isVisibleTo(m_window.get()));
        QVERIFY(!panel->table()->isVisibleTo(m_window.get()));
        QCOMPARE(panel->tableModel()->rowCount(), 0);
        QVERIFY(panel->issueList()->count() >= 1);
        QListWidgetItem* issue = panel->issueList()->item(0);
        QVERIFY(issue->text().contains(QStringLiteral("app.service_ms")));
        // Clicking the error selects the component.
        QTest::mouseClick(panel->issueList()->viewport(), Qt::LeftButton, {},
                          panel->issueList()->visualItemRect(issue).center());
        QCOMPARE(m_window->scene()->selectedComponents(), QList<ComponentId>{id("app")});
        QCOMPARE(m_window->inspector()->component(), id("app"));
        QCOMPARE(m_window->scene()->itemFor(id("app"))->level(), ui::LoadLevel::Invalid);
    }

    void resultsTableIsSortableAndPointsAtComponents()
    {
        ui::ResultsPanel* panel = m_window->resultsPanel();
        QTableView* table = panel->table();
        const model::LiveResult& result = *m_window->liveSolver()->result();
        table->sortByColumn(ui::ResultsTableModel::Utilization, Qt::DescendingOrder);
        const QModelIndex first = table->model()->index(0, ui::ResultsTableModel::Name);
        QCOMPARE(first.data(ui::ResultsTableModel::kIdRole).toULongLong(), result.bottleneck().value);
        table->sortByColumn(ui::ResultsTableModel::Name, Qt::AscendingOrder);
        QCOMPARE(table->model()->index(0, ui::ResultsTableModel::Name).data(ui::ResultsTableModel::kSortRole).toString(),
                 QStringLiteral("app"));
        // Every figure in the table is the engine's.
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const ComponentId c{table->model()->index(row, 0).data(ui::ResultsTableModel::kIdRole).toULongLong()};
            const double shown = table->model()->index(row, ui::ResultsTableModel::Arrival).data(ui::ResultsTableModel::kSortRole).toDouble();
            const engine::ComponentResult* r = result.find(c);
            QVERIFY(r);
            QCOMPARE(shown, r->kind == engine::ComponentKind::Clients ? r->throughputRps : r->arrivalRps);
        }
        const QModelIndex dbRow = [&] {
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                const QModelIndex index = table->model()->index(row, 0);
                if (index.data(ui::ResultsTableModel::kIdRole).toULongLong() == id("db").value)
                    return index;
            }
            return QModelIndex();
        }();
        QVERIFY(dbRow.isValid());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(dbRow).center());
        QCOMPARE(m_window->scene()->selectedComponents(), QList<ComponentId>{id("db")});
    }

    void editsResolveLive()
    {
        QSignalSpy ready(m_window->liveSolver(), &model::LiveSolver::resultsReady);
        const double before = m_window->liveSolver()->result()->find(id("app"))->utilization;
        doc()->undoStack()->push(new model::SetComponentFieldCommand(doc(), {id("app"), engine::Field::Servers}, 4));
        QVERIFY(ready.wait());
        const double after = m_window->scene()->itemFor(id("app"))->figures()->utilization;
        QCOMPARE(after, 2 * before);
    }

    void selectAllCopyPasteGivesNewIds()
    {
        action("actionSelectAll")->trigger();
        QCOMPARE(m_window->scene()->selectedComponents().size(), 6);
        QCOMPARE(m_window->scene()->selectedLinks().size(), 6);
        m_window->scene()->selectOnly({id("app"), id("db")});
        action("actionCopy")->trigger();
        QVERIFY(QGuiApplication::clipboard()->mimeData()->hasFormat(QStringLiteral("application/x-headroom-fragment+json")));
        QVERIFY(action("actionPaste")->isEnabled());
        action("actionPaste")->trigger();
        QCOMPARE(doc()->componentIds().size(), 8);
        const QList<ComponentId> pasted = m_window->scene()->selectedComponents();
        QCOMPARE(pasted.size(), 2);
        std::set<std::string> names;
        for (const engine::Component& c : doc()->model().components)
            QVERIFY(names.insert(c.id).second);
        QCOMPARE(doc()->component(pasted[0]).id, std::string("app-2"));
        QVERIFY(doc()->findLink(pasted[0], pasted[1]).isValid()); // the link between them came along
        QCOMPARE(doc()->position(pasted[0]), doc()->position(id("app")) + QPointF(30, 30));
        // A second paste lands further on, with further ids.
        action("actionPaste")->trigger();
        QCOMPARE(doc()->component(m_window->scene()->selectedComponents()[0]).id, std::string("app-3"));
        QCOMPARE(doc()->undoStack()->count(), 2);
        action("actionUndo")->trigger();
        action("actionUndo")->trigger();
        HR_COMPARE_MODELS(doc()->model(), testing::webModel());
    }

    void cutThenPasteBringsTheComponentsBack()
    {
        m_window->scene()->selectOnly({id("cache")});
        action("actionCut")->trigger();
        QVERIFY(!id("cache").isValid());
        QCOMPARE(doc()->undoStack()->count(), 1);
        action("actionPaste")->trigger();
        QVERIFY(id("cache").isValid()); // the name is free again
        QCOMPARE(doc()->component(id("cache")).get(engine::Field::HitRatio), std::optional(0.8));
    }

    void deleteAndUndoRestoreTheIdenticalModel()
    {
        m_window->scene()->selectOnly({id("app"), id("replica")}, {doc()->findLink(id("users"), id("lb"))});
        action("actionDelete")->trigger();
        QCOMPARE(doc()->componentIds().size(), 4);
        QCOMPARE(m_window->scene()->componentItemCount(), 4);
        QCOMPARE(m_window->scene()->linkItemCount(), qsizetype(doc()->model().links.size()));
        const engine::Model afterDelete = doc()->model();
        action("actionUndo")->trigger();
        HR_COMPARE_MODELS(doc()->model(), testing::webModel());
        QCOMPARE(m_window->scene()->componentItemCount(), 6);
        QCOMPARE(m_window->scene()->linkItemCount(), 6);
        action("actionRedo")->trigger();
        HR_COMPARE_MODELS(doc()->model(), afterDelete);
    }

    void aSessionOfEditsUndoesToTheIdenticalModel()
    {
        ui::DiagramView* view = m_window->view();
        view->setZoom(1.0);
        view->centerOn(400, 150);
        ui::DiagramScene* scene = m_window->scene();
        // Add from the palette, link it, move it, edit it, delete something.
        ui::Palette* palette = m_window->palette();
        const auto mime = palette->mimeDataForRow(palette->rowOf(engine::ComponentKind::Worker));
        QVERIFY(testing::dropOnView(*view, mime.get(), {500, 300}));
        const ComponentId worker = id("worker");
        QVERIFY(worker.isValid());
        testing::mouseDrag(*view, scene->itemFor(id("app"))->handleScenePos(), {500, 300});
        QVERIFY(doc()->findLink(id("app"), worker).isValid());
        testing::mouseDrag(*view, QPointF(470, 300), QPointF(470, 340));
        QCOMPARE(doc()->position(worker), QPointF(500, 340));
        doc()->undoStack()->push(new model::SetComponentFieldCommand(doc(), {worker, engine::Field::Servers}, 12));
        scene->selectOnly({id("cache")});
        action("actionDelete")->trigger();
        QCOMPARE(doc()->undoStack()->count(), 5);
        const engine::Model edited = doc()->model();
        while (action("actionUndo")->isEnabled())
            action("actionUndo")->trigger();
        HR_COMPARE_MODELS(doc()->model(), testing::webModel());
        QVERIFY(doc()->undoStack()->isClean());
        while (action("actionRedo")->isEnabled())
            action("actionRedo")->trigger();
        HR_COMPARE_MODELS(doc()->model(), edited);
    }

    void editKeysActOnTheCanvasOnly()
    {
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->scene()->selectOnly({id("cache")});
        // Typing Delete in the inspector edits the text, not the diagram.
        QLineEdit* label = m_window->inspector()->labelEdit();
        QVERIFY(label);
        label->setFocus();
        label->setCursorPosition(0);
        QTest::keyClick(label, Qt::Key_Delete);
        QVERIFY(id("cache").isValid());
        // On the canvas it deletes the selection.
        m_window->view()->setFocus();
        QTest::keyClick(m_window->view()->viewport(), Qt::Key_Delete);
        QVERIFY(!id("cache").isValid());
        QTest::keyClick(m_window->view()->viewport(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(id("cache").isValid());
    }

    void zoomActions()
    {
        ui::DiagramView* view = m_window->view();
        action("actionActualSize")->trigger();
        QCOMPARE(view->zoom(), 1.0);
        action("actionZoomIn")->trigger();
        QCOMPARE(view->zoom(), ui::DiagramView::kZoomStep);
        action("actionZoomOut")->trigger();
        action("actionZoomOut")->trigger();
        QCOMPARE(view->zoom(), 1.0 / ui::DiagramView::kZoomStep);
        action("actionFit")->trigger();
        QVERIFY(view->zoom() <= 1.0);
        for (int i = 0; i < 40; ++i)
            action("actionZoomIn")->trigger();
        QCOMPARE(view->zoom(), ui::DiagramView::kMaxZoom);
    }

    void standardShortcuts()
    {
        QCOMPARE(action("actionNew")->shortcut(), QKeySequence(QKeySequence::New));
        QCOMPARE(action("actionOpen")->shortcut(), QKeySequence(QKeySequence::Open));
        QCOMPARE(action("actionSave")->shortcut(), QKeySequence(QKeySequence::Save));
        QCOMPARE(action("actionUndo")->shortcut(), QKeySequence(QKeySequence::Undo));
        QCOMPARE(action("actionRedo")->shortcut(), QKeySequence(QKeySequence::Redo));
        QCOMPARE(action("actionCopy")->shortcut(), QKeySequence(QKeySequence::Copy));
        QCOMPARE(action("actionPaste")->shortcut(), QKeySequence(QKeySequence::Paste));
        QCOMPARE(action("actionCut")->shortcut(), QKeySequence(QKeySequence::Cut));
        QCOMPARE(action("actionDelete")->shortcut(), QKeySequence(QKeySequence::Delete));
        QCOMPARE(action("actionSelectAll")->shortcut(), QKeySequence(QKeySequence::SelectAll));
        QCOMPARE(action("actionZoomIn")->shortcut(), QKeySequence(QKeySequence::ZoomIn));
        QCOMPARE(action("actionZoomOut")->shortcut(), QKeySequence(QKeySequence::ZoomOut));
        // Where the platform has no binding (Quit and Save As under some), the usual one.
        QCOMPARE(action("actionQuit")->shortcut(),
                 QKeySequence::keyBindings(QKeySequence::Quit).value(0, QKeySequence(Qt::CTRL | Qt::Key_Q)));
        QCOMPARE(action("actionSaveAs")->shortcut(),
                 QKeySequence::keyBindings(QKeySequence::SaveAs).value(0, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));
        QVERIFY(!action("actionFit")->shortcut().isEmpty());
    }

    void saveWritesTheModelAndMarksItClean()
    {
        doc()->undoStack()->push(new model::SetComponentFieldCommand(doc(), {id("db"), engine::Field::Servers}, 12));
        QVERIFY(m_window->isWindowModified());
        const QString path = m_dir.filePath(QStringLiteral("saved.json"));
        QVERIFY(m_window->saveTo(path));
        QVERIFY(!m_window->isWindowModified());
        QCOMPARE(m_window->currentFile(), QFileInfo(path).absoluteFilePath());
        const auto back = model::loadModelFile(path);
        QVERIFY(back.ok());
        HR_COMPARE_MODELS(*back, doc()->model());
    }

    void newStartsEmpty()
    {
        m_window->newDocument();
        QVERIFY(doc()->componentIds().isEmpty());
        QCOMPARE(m_window->scene()->componentItemCount(), 0);
        QSignalSpy failed(m_window->liveSolver(), &model::LiveSolver::failed);
        QVERIFY(failed.wait());
        // No clients yet: said so in words, on the whole model (no component to point at).
        const QList<model::LiveIssue> issues = m_window->liveSolver()->issues();
        QCOMPARE(issues.size(), qsizetype(1));
        QCOMPARE(issues[0].subject, QStringLiteral("components"));
        QVERIFY2(issues[0].message.startsWith(QStringLiteral("the model has no clients component")),
                 qPrintable(issues[0].message));
        QVERIFY(!issues[0].component.isValid());
        ui::ResultsPanel* panel = m_window->resultsPanel();
        QVERIFY2(panel->summary()->text().contains(QStringLiteral("No figures: the model has 1 error")),
                 qPrintable(panel->summary()->text()));
        QCOMPARE(panel->issueList()->count(), 1);
        QCOMPARE(panel->issueList()->item(0)->text(), issues[0].subject + QStringLiteral(": ") + issues[0].message);
    }

    void bundledExamplesOpen()
    {
        const QList<ui::examples::Example> examples = ui::examples::bundled();
        // Every file of resources/examples is bundled: a missing one is a build fault, not a skip.
        const QStringList files = QDir(QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples"))
                                      .entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY2(!files.isEmpty(), "no example models in resources/examples");
        QCOMPARE(examples.size(), files.size());
        const QString startup = ui::examples::startupExample();
        QVERIFY(!startup.isEmpty());
        if (QFileInfo::exists(QStringLiteral(":/examples/stage4-load-balancing.json")))
            QCOMPARE(startup, QStringLiteral(":/examples/stage4-load-balancing.json"));
        // File > New from Template lists them (tst_template_gallery drives it).
        QVERIFY(action("actionNewFromTemplate"));
        for (const ui::examples::Example& example : examples) {
            QString error;
            QVERIFY2(m_window->openFile(example.path, &error), qPrintable(error));
            const auto model = model::loadModelFile(example.path);
            QVERIFY(model.ok());
            QCOMPARE(doc()->componentIds().size(), qsizetype(model->components.size()));
            QVERIFY(m_window->currentFile().isEmpty()); // a bundled example is saved under a new name
            m_window->liveSolver()->flush();
            QVERIFY2(m_window->liveSolver()->result(), qPrintable(example.title));
        }
    }

    void screenshotRendersTheSolvedDiagram()
    {
        const QImage image = m_window->screenshot().convertToFormat(QImage::Format_RGB32);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), m_window->size() * m_window->devicePixelRatio());
        // Solved, and fitted: every card is inside the canvas.
        QVERIFY(m_window->liveSolver()->result());
        ui::DiagramView* view = m_window->view();
        const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
        for (const ComponentId c : doc()->componentIds())
            QVERIFY2(visible.contains(m_window->scene()->itemFor(c)->sceneBoundingRect()),
                     doc()->component(c).id.c_str());
        // The picture is of that diagram: the canvas holds each load level's card fill
        // (a solid area, so it is drawn exactly in its colour).
        const qreal ratio = m_window->devicePixelRatio();
        const QRect canvas(view->viewport()->mapTo(m_window.get(), QPoint(0, 0)) * ratio,
                           view->viewport()->size() * ratio);
        std::set<ui::LoadLevel> levels;
        for (const ComponentId c : doc()->componentIds())
            levels.insert(m_window->scene()->itemFor(c)->level());
        for (const ui::LoadLevel level : levels) {
            const QRgb fill = ui::levelColours(level).fill.rgb();
            int pixels = 0;
            for (int y = canvas.top(); y <= canvas.bottom(); ++y) {
                const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
                for (int x = canvas.left(); x <= canvas.right(); ++x)
                    pixels += (row[x] & 0xffffff) == (fill & 0xffffff) ? 1 : 0;
            }
            QVERIFY2(pixels > 200, qPrintable(QStringLiteral("level %1: %2 pixels of its fill on the canvas")
                                                  .arg(static_cast<int>(level))
                                                  .arg(pixels)));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
