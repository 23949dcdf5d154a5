// SPDX-License-Identifier: MIT
// The canvas driven like a user: drops from the palette, links drawn from a card's
// handle, moves, rubber-band and Ctrl selection, keyboard nudges, wheel zoom. Every
// assertion is on the document (and the undo stack), not on pixels.
#include "DocumentFixtures.h"
#include "UiTestSupport.h"

#include "ComponentItem.h"
#include "DiagramScene.h"
#include "DiagramView.h"
#include "LinkItem.h"
#include "LinkLabelItem.h"
#include "Palette.h"
#include "Resources.h"
#include "ModelDiff.h"

#include "document/ComponentCommands.h"
#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/RemoveItemsCommand.h"
#include "document/SetValueCommand.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace headroom;
using model::ComponentId;
using model::LinkId;
using ui::ComponentItem;

class TestDiagramScene : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<model::Document> m_doc;
    std::unique_ptr<ui::DiagramScene> m_scene;
    std::unique_ptr<ui::DiagramView> m_view;

    ComponentId id(const char* name) const { return m_doc->findComponent(name); }
    ComponentItem* item(const char* name) const { return m_scene->itemFor(id(name)); }
    QUndoStack* stack() const { return m_doc->undoStack(); }

private slots:
    void initTestCase() { ui::initResources(); }

    void init()
    {
        m_doc = std::make_unique<model::Document>();
        m_doc->load(testing::webModel());
        m_scene = std::make_unique<ui::DiagramScene>(m_doc.get());
        m_view = std::make_unique<ui::DiagramView>(m_scene.get());
        m_view->resize(1200, 800);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setZoom(1.0);
        m_view->centerOn(400, 100);
    }

    void cleanup()
    {
        m_view.reset();
        m_scene.reset();
        m_doc.reset();
    }

    void oneItemPerComponentAndLink()
    {
        QCOMPARE(m_scene->componentItemCount(), m_doc->componentIds().size());
        QCOMPARE(m_scene->linkItemCount(), m_doc->linkIds().size());
        QCOMPARE(item("app")->pos(), QPointF(400, 100));
        QCOMPARE(qgraphicsitem_cast<ComponentItem*>(static_cast<QGraphicsItem*>(item("app"))), item("app"));
        const LinkId l = m_doc->findLink(id("app"), id("cache"));
        QCOMPARE(m_scene->itemFor(l)->labelText(), QStringLiteral("\u00d72"));
        QCOMPARE(m_scene->itemFor(m_doc->findLink(id("app"), id("db")))->labelText(), QStringLiteral("\u00d70.5 \u00b7 pool 20"));
    }

    void dropFromThePaletteAddsAComponent()
    {
        ui::Palette palette;
        const int row = palette.rowOf(engine::ComponentKind::Database, engine::DatabaseRole::Replica);
        QVERIFY(row >= 0);
        const auto mime = palette.mimeDataForRow(row);
        QVERIFY(mime->hasFormat(QStringLiteral("application/x-headroom-component")));
        const qsizetype before = m_doc->componentIds().size();
        QVERIFY(testing::dropOnView(*m_view, mime.get(), {503, 297}));
        QCOMPARE(m_doc->componentIds().size(), before + 1);
        const ComponentId added = m_doc->componentIds().back();
        const engine::Component& c = m_doc->component(added);
        QCOMPARE(c.kind, engine::ComponentKind::Database);
        QCOMPARE(c.role, std::optional(engine::DatabaseRole::Replica));
        QCOMPARE(c.id, std::string("replica-2"));
        QCOMPARE(m_doc->position(added), QPointF(500, 300)); // snapped to the grid
        QCOMPARE(stack()->count(), 1);
        QVERIFY(m_scene->itemFor(added));
        QCOMPARE(m_scene->selectedComponents(), QList<ComponentId>{added});
        stack()->undo();
        QCOMPARE(m_doc->componentIds().size(), before);
        QVERIFY(!m_scene->itemFor(added));
    }

    void foreignDropsAreRefused()
    {
        QMimeData mime;
        mime.setText(QStringLiteral("not a component"));
        QVERIFY(!testing::dropOnView(*m_view, &mime, {500, 300}));
        QCOMPARE(stack()->count(), 0);
    }

    void dragFromTheHandleToAnotherComponentLinks()
    {
        const ComponentId lb = id("lb");
        const ComponentId cache = id("cache");
        QVERIFY(!m_doc->findLink(lb, cache).isValid());
        testing::mouseDrag(*m_view, item("lb")->handleScenePos(), item("cache")->pos());
        const LinkId added = m_doc->findLink(lb, cache);
        QVERIFY(added.isValid());
        QCOMPARE(stack()->count(), 1);
        QVERIFY(m_scene->itemFor(added));
        QCOMPARE(m_scene->selectedLinks(), QList<LinkId>{added});
        QCOMPARE(m_doc->position(lb), QPointF(200, 100)); // linking does not move the card
        stack()->undo();
        QVERIFY(!m_doc->findLink(lb, cache).isValid());
        QVERIFY(!m_scene->itemFor(added));
    }

    void aPrimaryToReplicaDragDrawsReplication()
    {
        // Remove the existing replication link first, then draw it again.
        const LinkId existing = m_doc->findLink(id("db"), id("replica"));
        m_scene->selectOnly({}, {existing});
        stack()->push(new model::RemoveItemsCommand(m_doc.get(), {}, {existing}));
        testing::mouseDrag(*m_view, item("db")->handleScenePos(), item("replica")->pos());
        const LinkId drawn = m_doc->findLink(id("db"), id("replica"));
        QVERIFY(drawn.isValid());
        QCOMPARE(m_doc->link(drawn).kind, std::optional(engine::LinkKind::Replication));
    }

    void invalidLinksAreRejectedWithAReason()
    {
        QSignalSpy rejected(m_scene.get(), &ui::DiagramScene::gestureRejected);
        testing::mouseDrag(*m_view, item("app")->handleScenePos(), item("users")->pos()); // into the clients
        testing::mouseDrag(*m_view, item("app")->handleScenePos(), item("db")->pos());    // exists already
        testing::mouseDrag(*m_view, item("app")->handleScenePos(), item("app")->pos());   // itself
        QCOMPARE(rejected.count(), 3);
        testing::mouseDrag(*m_view, item("app")->handleScenePos(), QPointF(400, 400));    // nowhere
        QCOMPARE(stack()->count(), 0);
        HR_COMPARE_MODELS(m_doc->model(), testing::webModel());
    }

    void movingACardIsOneSnappedUndoableStep()
    {
        const QPointF start = item("app")->pos();
        testing::mouseDrag(*m_view, start + QPointF(-30, 0), start + QPointF(-30 + 53, 27));
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(m_doc->position(id("app")), QPointF(450, 130)); // 53, 27 snapped to 50, 30
        QCOMPARE(item("app")->pos(), QPointF(450, 130));
        // Its links followed.
        const ui::LinkItem* link = m_scene->itemFor(m_doc->findLink(id("lb"), id("app")));
        QVERIFY(link->line().p2().x() < 450 - ComponentItem::kWidth / 2);
        QVERIFY(link->line().p2().y() > 100);
        stack()->undo();
        QCOMPARE(m_doc->position(id("app")), start);
        QCOMPARE(item("app")->pos(), start);
        HR_COMPARE_MODELS(m_doc->model(), testing::webModel());
    }

    void aClickWithoutMovingPushesNothing()
    {
        const QPointF centre = item("app")->pos() - QPointF(30, 0);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, testing::toViewport(*m_view, centre));
        QCOMPARE(stack()->count(), 0);
        QCOMPARE(m_scene->selectedComponents(), QList<ComponentId>{id("app")});
    }

    void movingASelectionMovesItTogether()
    {
        m_scene->selectOnly({id("cache"), id("db")});
        const QPointF grab = item("cache")->pos() - QPointF(30, 0);
        testing::mouseDrag(*m_view, grab, grab + QPointF(100, 40));
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(m_doc->position(id("cache")), QPointF(700, 40));
        QCOMPARE(m_doc->position(id("db")), QPointF(700, 240));
    }

    void rubberBandSelects()
    {
        // From empty canvas above-left of lb to below-right of app: lb and app.
        testing::mouseDrag(*m_view, QPointF(120, 20), QPointF(480, 180));
        const QList<ComponentId> selected = m_scene->selectedComponents();
        QVERIFY(selected.contains(id("lb")));
        QVERIFY(selected.contains(id("app")));
        QVERIFY(!selected.contains(id("users")));
        QVERIFY(!selected.contains(id("db")));
        QCOMPARE(stack()->count(), 0);
    }

    void ctrlClickAddsToTheSelection()
    {
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, testing::toViewport(*m_view, item("lb")->pos()));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          testing::toViewport(*m_view, item("cache")->pos() - QPointF(30, 0)));
        QCOMPARE(m_scene->selectedComponents(), (QList<ComponentId>{id("lb"), id("cache")}));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          testing::toViewport(*m_view, item("lb")->pos()));
        QCOMPARE(m_scene->selectedComponents(), QList<ComponentId>{id("cache")});
    }

    void clickingALinkLabelSelectsTheLink()
    {
        const LinkId l = m_doc->findLink(id("app"), id("cache"));
        const ui::LinkLabelItem* label = m_scene->itemFor(l)->labelItem();
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, testing::toViewport(*m_view, label->scenePos()));
        QCOMPARE(m_scene->selectedLinks(), QList<LinkId>{l});
    }

    void arrowKeysNudgeAndMerge()
    {
        m_scene->selectOnly({id("app")});
        m_view->setFocus();
        QTest::keyClick(m_view.get(), Qt::Key_Right);
        QTest::keyClick(m_view.get(), Qt::Key_Right);
        QTest::keyClick(m_view.get(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(m_doc->position(id("app")), QPointF(420, 150));
        QCOMPARE(stack()->count(), 1);
        stack()->undo();
        QCOMPARE(m_doc->position(id("app")), QPointF(400, 100));
    }

    void snappingCanBeTurnedOff()
    {
        m_scene->setSnapToGrid(false);
        const QPointF start = item("app")->pos();
        testing::mouseDrag(*m_view, start - QPointF(30, 0), start - QPointF(30, 0) + QPointF(13, 7));
        QCOMPARE(m_doc->position(id("app")), QPointF(413, 107));
    }

    void undoMovesTheItemsBack()
    {
        m_scene->selectOnly({id("db")});
        stack()->push(new model::MoveComponentsCommand(m_doc.get(), {{id("db"), {900, 400}}}));
        QCOMPARE(item("db")->pos(), QPointF(900, 400));
        stack()->undo();
        QCOMPARE(item("db")->pos(), QPointF(600, 200));
        // Renames and kind changes reach the items too.
        stack()->push(new model::SetComponentTextCommand(m_doc.get(), {id("db"), model::ComponentText::Id}, "orders"));
        QVERIFY(m_scene->itemFor(m_doc->findComponent("orders")));
        QVERIFY(m_scene->itemFor(m_doc->findLink(id("app"), id("orders")))->to());
    }

    void wheelZoomsAboutTheCursor()
    {
        const qreal before = m_view->zoom();
        const QPoint at = testing::toViewport(*m_view, item("app")->pos());
        QWheelEvent wheel(QPointF(at), QPointF(m_view->viewport()->mapToGlobal(at)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view->viewport(), &wheel);
        QCOMPARE(m_view->zoom(), before * ui::DiagramView::kZoomStep);
        // The point under the cursor stays put.
        QVERIFY((m_view->mapToScene(at) - item("app")->pos()).manhattanLength() < 2.0);
        m_view->zoomOut();
        QCOMPARE(m_view->zoom(), before);
        m_view->fitDiagram();
        QVERIFY(m_view->zoom() <= 1.0);
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(m_scene->diagramRect()));
    }

    void middleButtonPans()
    {
        const QPointF before = m_view->mapToScene(m_view->viewport()->rect().center());
        QWidget* viewport = m_view->viewport();
        const QPoint from(600, 400);
        QTest::mousePress(viewport, Qt::MiddleButton, {}, from);
        QTest::mouseMove(viewport, from + QPoint(-100, -50));
        QTest::mouseRelease(viewport, Qt::MiddleButton, {}, from + QPoint(-100, -50));
        const QPointF after = m_view->mapToScene(m_view->viewport()->rect().center());
        QVERIFY((after - before - QPointF(100, 50)).manhattanLength() < 2.0);
        QCOMPARE(stack()->count(), 0);
    }

    void resultsColourTheCards()
    {
        model::LiveSolver solver(m_doc.get());
        m_scene->setSolver(&solver);
        solver.flush();
        const ComponentItem* app = item("app");
        QVERIFY(app->figures());
        QCOMPARE(app->figures()->utilization, solver.result()->find(id("app"))->utilization);
        QVERIFY(app->badgeText().contains(QStringLiteral("ms")));
        QCOMPARE(app->level(), ui::loadLevel(*solver.result()->find(id("app"))));
        int bottlenecks = 0;
        for (const ComponentId c : m_doc->componentIds())
            bottlenecks += m_scene->itemFor(c)->isBottleneck() ? 1 : 0;
        QCOMPARE(bottlenecks, 1);
        QVERIFY(m_scene->itemFor(solver.result()->bottleneck())->isBottleneck());
        QVERIFY(!app->richToolTip().isEmpty());

        // Overload the app tier: saturated, drawn as such.
        stack()->push(new model::SetComponentFieldCommand(m_doc.get(), {id("app"), engine::Field::ServiceMs}, 500));
        solver.flush();
        QCOMPARE(app->level(), ui::LoadLevel::Saturated);
        QVERIFY(app->isBottleneck());

        // An invalid model: no figures, the component at fault marked.
        stack()->push(new model::SetComponentFieldCommand(m_doc.get(), {id("db"), engine::Field::Capacity}, 1));
        solver.flush();
        QCOMPARE(item("db")->level(), ui::LoadLevel::Invalid);
        QVERIFY(!item("db")->problems().isEmpty());
        QCOMPARE(app->level(), ui::LoadLevel::Unknown);
        QVERIFY(!app->figures());
    }
};

QTEST_MAIN(TestDiagramScene)
#include "tst_diagram_scene.moc"
