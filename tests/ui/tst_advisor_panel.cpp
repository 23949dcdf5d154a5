// SPDX-License-Identifier: MIT
// The advisor dock in the editor: one card per finding (a model per finding kind),
// Apply as one undo step that removes the finding, undo back to the identical model
// JSON and redo, the stage sentence of every stage example, the options, following
// the document live, and a finding selecting its component on the diagram.
#include "AdvisorTestModels.h"

#include "DiagramScene.h"
#include "MainWindow.h"
#include "ModelDiff.h"
#include "advisor/AdvisorPanel.h"
#include "advisor/FindingCard.h"
#include "advisor/RecommendationView.h"

#include "document/Document.h"
#include "document/LiveAdvisor.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"
#include "engine/StageDetection.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"

#include <QtCore/QDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>

#include <algorithm>

using namespace headroom;
namespace fixtures = headroom::testing::advisor;

Q_DECLARE_METATYPE(headroom::engine::FindingKind)

class TestAdvisorPanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ui::MainWindow> m_window;

    model::Document* doc() const { return m_window->document(); }
    ui::AdvisorPanel* panel() const { return m_window->advisorPanel(); }

    /// Loads a model and waits for nothing: solves and advises at once.
    void show(const engine::Model& model)
    {
        doc()->load(model);
        panel()->flush();
    }

    bool hasCard(engine::FindingKind kind, const QString& component) const
    {
        const QList<ui::FindingCard*> cards = panel()->cards();
        return std::any_of(cards.begin(), cards.end(), [&](const ui::FindingCard* card) {
            return card->kind() == kind && card->component() == component;
        });
    }

private slots:
    void init()
    {
        m_window = std::make_unique<ui::MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        m_window->showAdvisor();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(panel()->isVisible());
    }

    void cleanup() { m_window.reset(); }

    void listsExactlyTheFinding_data()
    {
        QTest::addColumn<engine::Model>("model");
        QTest::addColumn<engine::FindingKind>("kind");
        QTest::addColumn<QString>("component");
        QTest::newRow("saturates") << fixtures::onlySaturates() << engine::FindingKind::Saturates << "db";
        QTest::newRow("n_plus_one") << fixtures::onlyNPlusOne() << engine::FindingKind::NPlusOne << "app";
        QTest::newRow("replica_lag") << fixtures::onlyReplicaLag(1.9) << engine::FindingKind::ReplicaLag << "replica";
        QTest::newRow("pool_wait") << fixtures::onlyPoolWait() << engine::FindingKind::PoolWait << "lb";
        QTest::newRow("connections") << fixtures::onlyConnections() << engine::FindingKind::Connections << "db";
        QTest::newRow("stateful") << fixtures::onlyStateful() << engine::FindingKind::Stateful << "app";
        QTest::newRow("over_engineering") << fixtures::onlyOverEngineering() << engine::FindingKind::OverEngineering
                                          << "db";
    }

    void listsExactlyTheFinding()
    {
        QFETCH(engine::Model, model);
        QFETCH(engine::FindingKind, kind);
        QFETCH(QString, component);
        show(model);
        QCOMPARE(panel()->cards().size(), 1);
        const ui::FindingCard* card = panel()->cards().front();
        QCOMPARE(card->kind(), kind);
        QCOMPARE(card->component(), component);
        QVERIFY(card->title().contains(component));
        QTRY_VERIFY(card->isVisible()); // the layout shows it on the next turn of the event loop
    }

    void applyRemovesTheFindingAndUndoRestoresTheModel_data()
    {
        listsExactlyTheFinding_data();
    }

    void applyRemovesTheFindingAndUndoRestoresTheModel()
    {
        QFETCH(engine::Model, model);
        QFETCH(engine::FindingKind, kind);
        QFETCH(QString, component);
        show(model);
        QCOMPARE(panel()->cards().size(), 1);
        ui::FindingCard* card = panel()->cards().front();
        if (card->recommendations().isEmpty()) {
            // Replica lag: no pattern in the model fixes it, so nothing is offered.
            QCOMPARE(kind, engine::FindingKind::ReplicaLag);
            QVERIFY(card->findChild<QLabel*>(QStringLiteral("advice")));
            return;
        }
        const QByteArray before = model::writeModelJson(doc()->model());
        QUndoStack* stack = doc()->undoStack();
        const int steps = stack->count();

        QPushButton* apply = card->recommendations().front()->applyButton();
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(stack->count(), steps + 1); // one undo step, named after the fix
        QVERIFY(stack->undoText().startsWith(QStringLiteral("Advisor: ")));
        QVERIFY(panel()->advisor()->isOutdated());
        QVERIFY(!apply->isEnabled()); // outdated advice cannot be applied
        const QByteArray after = model::writeModelJson(doc()->model());
        QVERIFY(after != before);

        // The live solver and the advisor follow on their own: no flush.
        QTRY_VERIFY(!panel()->advisor()->isOutdated());
        QVERIFY(!hasCard(kind, component));

        stack->undo();
        QCOMPARE(model::writeModelJson(doc()->model()), before);
        const engine::Model original = model::readModelJson(before).value();
        HR_COMPARE_MODELS(doc()->model(), original);
        panel()->flush();
        QVERIFY(hasCard(kind, component));

        stack->redo();
        QCOMPARE(model::writeModelJson(doc()->model()), after);
        panel()->flush();
        QVERIFY(!hasCard(kind, component));
    }

    void stageSentenceOfEachExample_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("stage");
        for (int stage = 0; stage <= engine::kLastStage; ++stage) {
            const QStringList found = QDir(QStringLiteral(":/examples"))
                                          .entryList({QStringLiteral("stage%1-*.json").arg(stage)}, QDir::Files);
            if (!found.isEmpty())
                QTest::newRow(qPrintable(found.front())) << QStringLiteral(":/examples/") + found.front() << stage;
        }
    }

    void stageSentenceOfEachExample()
    {
        QFETCH(QString, path);
        QFETCH(int, stage);
        QString error;
        QVERIFY2(m_window->openFile(path, &error), qPrintable(error));
        panel()->flush();
        QVERIFY(panel()->stageHeadline().startsWith(QStringLiteral("Stage %1 \u00b7 ").arg(stage)));
        const auto model = model::loadModelFile(path);
        QVERIFY(model.ok());
        const engine::StageAssessment assessed = engine::detectStage(*model);
        QString reason = QString::fromStdString(assessed.reason);
        reason[0] = reason[0].toUpper(); // a sentence
        QCOMPARE(panel()->stageSentence(), reason);
        QVERIFY(panel()->stageSentence().endsWith(QStringLiteral("stage %1").arg(stage)));
    }

    void selectingAFindingSelectsItsComponent()
    {
        show(fixtures::onlySaturates());
        QCOMPARE(panel()->cards().size(), 1);
        ui::FindingCard* card = panel()->cards().front();
        QTest::mouseClick(card, Qt::LeftButton, Qt::NoModifier, QPoint(20, 10));
        QVERIFY(card->isSelected());
        QCOMPARE(m_window->scene()->selectedComponents(), QList<model::ComponentId>{doc()->findComponent("db")});
    }

    // The findings without a mouse: Tab reaches a card and selects it (and its component),
    // the arrow keys move between cards, and Tab goes on to the card's Apply button.
    void theKeyboardMovesThroughTheFindings()
    {
        QString error;
        QVERIFY2(m_window->openFile(QStringLiteral(":/examples/stage4-load-balancing.json"), &error), qPrintable(error));
        panel()->flush();
        const QList<ui::FindingCard*> cards = panel()->cards();
        QVERIFY2(cards.size() >= 3, "the example has several findings");
        m_window->activateWindow();
        panel()->multiplierBox()->setFocus(Qt::TabFocusReason);
        // Tab from the options reaches the first card (past the lag threshold box).
        for (int i = 0; i < 4 && !cards[0]->hasFocus(); ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY(cards[0]->hasFocus());
        QVERIFY(cards[0]->isSelected());
        QTest::keyClick(cards[0], Qt::Key_Down);
        QVERIFY(cards[1]->hasFocus());
        QVERIFY(cards[1]->isSelected());
        QVERIFY(!cards[0]->isSelected());
        const model::ComponentId component = doc()->findComponent(cards[1]->component().toStdString());
        if (component.isValid())
            QCOMPARE(m_window->scene()->selectedComponents(), QList<model::ComponentId>{component});
        QTest::keyClick(cards[1], Qt::Key_Up);
        QVERIFY(cards[0]->hasFocus());
        QTest::keyClick(cards[0], Qt::Key_Up); // the first card stays
        QVERIFY(cards[0]->hasFocus());
        QTest::keyClick(cards[cards.size() - 1], Qt::Key_Down); // so does the last
        // Tab from a card with a fix reaches its Apply button.
        for (ui::FindingCard* card : cards) {
            if (card->recommendations().isEmpty())
                continue;
            card->setFocus(Qt::TabFocusReason);
            QTest::keyClick(card, Qt::Key_Tab);
            QVERIFY(card->isAncestorOf(QApplication::focusWidget()));
            break;
        }
    }

    void theOptionsChangeTheAdvice()
    {
        show(fixtures::onlySaturates());
        QCOMPARE(panel()->cards().size(), 1);
        // At 2x the database (2.5 erlangs on 4 servers at 10x) is at half its capacity.
        panel()->multiplierBox()->setValue(2.0);
        QCOMPARE(panel()->advisor()->options().multiplier, 2.0);
        panel()->flush();
        QVERIFY(panel()->cards().isEmpty());

        show(fixtures::onlyReplicaLag(1.9)); // p99 lag 1075 ms at 10x
        panel()->multiplierBox()->setValue(10.0);
        panel()->flush();
        QVERIFY(hasCard(engine::FindingKind::ReplicaLag, QStringLiteral("replica")));
        panel()->lagThresholdBox()->setValue(2000.0);
        panel()->flush();
        QVERIFY(!hasCard(engine::FindingKind::ReplicaLag, QStringLiteral("replica")));
    }

    void followsTheDocumentLive()
    {
        show(fixtures::onlySaturates());
        QCOMPARE(panel()->cards().size(), 1);
        const int runs = panel()->advisor()->runCount();
        // A burst of edits (a typed value) costs one run, once the typing pauses.
        for (const double servers : {1.0, 16.0, 64.0})
            doc()->undoStack()->push(new model::SetComponentFieldCommand(
                doc(), {doc()->findComponent("db"), engine::Field::Servers}, servers));
        QTRY_VERIFY(panel()->cards().isEmpty());
        QCOMPARE(panel()->advisor()->runCount(), runs + 1);
    }

    void aHiddenPanelDoesNotAdvise()
    {
        show(fixtures::onlySaturates());
        m_window->advisorDock()->hide();
        QVERIFY(!panel()->advisor()->isActive());
        const int runs = panel()->advisor()->runCount();
        doc()->undoStack()->push(
            new model::SetComponentFieldCommand(doc(), {doc()->findComponent("db"), engine::Field::Servers}, 64.0));
        m_window->liveSolver()->flush();
        QTest::qWait(model::LiveAdvisor::kDebounceMs * 2);
        QCOMPARE(panel()->advisor()->runCount(), runs);
        m_window->showAdvisor();
        QTRY_COMPARE(panel()->advisor()->runCount(), runs + 1);
        QVERIFY(panel()->cards().isEmpty());
    }

    void aModelWithErrorsSaysSo()
    {
        engine::Model broken = fixtures::onlySaturates();
        broken.components[1].set(engine::Field::ServiceMs, std::nullopt);
        show(broken);
        QVERIFY(panel()->cards().isEmpty());
        QCOMPARE(panel()->stageHeadline(), QStringLiteral("No advice"));
        QVERIFY(!panel()->stageSentence().isEmpty());
    }
};

QTEST_MAIN(TestAdvisorPanel)
#include "tst_advisor_panel.moc"
