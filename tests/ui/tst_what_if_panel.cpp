// SPDX-License-Identifier: MIT
// The what-if panel driven as a user drives it, offscreen: slider drags (one undo step
// each, the model untouched), number boxes, resets, the diagram's colours following
// the engine's figures for the model with the layer, undo back to the exact model and
// layer, the scenario combo and buttons, the banner and status bar, and the comparison
// table against the engine.
#include "DocumentFixtures.h"
#include "WindowFixture.h"
#include "SliderDrag.h"

#include "AnalysisDocks.h"
#include "ComponentItem.h"
#include "DiagramScene.h"
#include "MainWindow.h"
#include "charts/PoolChart.h"
#include "charts/PoolPanel.h"
#include "whatif/ScenarioCompareDialog.h"
#include "whatif/WhatIfBanner.h"
#include "whatif/WhatIfPanel.h"
#include "whatif/WhatIfSlider.h"

#include "Format.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"
#include "engine/ScenarioComparison.h"
#include "engine/Solver.h"
#include "engine/Validation.h"
#include "io/ModelJson.h"

#include <QtCore/QTemporaryDir>

#include <cmath>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSlider>
#include <QtWidgets/QTableWidget>
#include <QtWidgets/QToolButton>

using namespace headroom;
using engine::Field;
using engine::LinkField;
using model::ComponentId;
using model::WhatIfKey;

namespace {

/// The engine's figures for the document's model with its what-if layer.
engine::SolveResult engineFigures(const model::Document& doc)
{
    engine::ScenarioApplied applied = engine::applyScenario(doc.model(), doc.whatIf());
    applied.model.scenarios.clear();
    auto solved = engine::solve(applied.model, {applied.multiplier, true});
    if (!solved)
        qFatal("the engine does not solve the what-if");
    return solved.value();
}

} // namespace

class TestWhatIfPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    model::Document* doc() const { return m_window->document(); }
    ui::WhatIfPanel* panel() const { return m_window->analysisDocks()->whatIf(); }
    ComponentId id(const char* name) const { return doc()->findComponent(name); }
    void solve() { m_window->liveSolver()->flush(); }

    /// Every card's colour is the one the engine's figures call for.
    void checkColours()
    {
        solve();
        const engine::SolveResult expected = engineFigures(*doc());
        for (qsizetype i = 0; i < doc()->componentIds().size(); ++i) {
            const ui::ComponentItem* item = m_window->scene()->itemFor(doc()->componentIds()[i]);
            QVERIFY(item->figures());
            QCOMPARE(item->figures()->utilization, expected.components[static_cast<std::size_t>(i)].utilization);
            QCOMPARE(item->level(), ui::loadLevel(expected.components[static_cast<std::size_t>(i)]));
        }
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_window = testing::windowOnModel(testing::webModel(), m_dir, error);
        QVERIFY2(m_window, qPrintable(error));
        solve();
        m_window->analysisDocks()->showDock(QStringLiteral("whatif"));
    }

    void cleanup() { m_window.reset(); }

    void aMouseDragOfTheTrafficSliderIsOneStepAndTheColoursFollow()
    {
        const engine::Model base = doc()->model();
        ui::WhatIfSlider* traffic = panel()->multiplierSlider();
        QSlider* slider = traffic->slider();
        QVERIFY(slider->isVisible());
        const int start = slider->value();
        testing::mouseDragSlider(slider, {start + 80, start + 160, start + 240, start + 300});
        QVERIFY(slider->value() > start + 200);
        QCOMPARE(doc()->undoStack()->count(), 1);
        QCOMPARE(doc()->model(), base);
        // The value is the one the handle stood for (rounded to three digits), and the
        // handle stands where that value is.
        QVERIFY(doc()->whatIf().multiplier);
        QCOMPARE(slider->value(), traffic->positionOf(*doc()->whatIf().multiplier));
        QVERIFY(std::fabs(traffic->valueAt(slider->value()) / *doc()->whatIf().multiplier - 1.0) < 0.01);
        QVERIFY(*doc()->whatIf().multiplier > 1.5);
        checkColours();
        // The number box follows the slider.
        QCOMPARE(traffic->spinBox()->value(), *doc()->whatIf().multiplier);
        doc()->undoStack()->undo();
        QCOMPARE(doc()->model(), base);
        QCOMPARE(doc()->whatIf(), engine::Scenario{});
        QCOMPARE(slider->value(), traffic->positionOf(1.0));
        checkColours();
    }

    void componentSlidersEditTheLayerNotTheModel()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("app")));
        ui::WhatIfSlider* instances = panel()->slider(WhatIfKey::of(id("app"), Field::Instances));
        QVERIFY(instances);
        QVERIFY(panel()->slider(WhatIfKey::of(id("app"), Field::Servers)));
        QVERIFY(panel()->slider(WhatIfKey::of(id("app"), Field::ServiceMs)));
        QVERIFY(!panel()->slider(WhatIfKey::of(id("app"), Field::HitRatio))); // not a cache
        // Its own pool is offered too.
        QVERIFY(panel()->slider(WhatIfKey::of(doc()->findLink(id("app"), id("db")), LinkField::PoolSize)));
        QVERIFY(instances->baseLabel()->text().contains(QStringLiteral("2")));

        const engine::Model base = doc()->model();
        testing::dragSlider(instances->slider(), {3, 4, 5, 1});
        QCOMPARE(doc()->undoStack()->count(), 1);
        QCOMPARE(doc()->whatIfValue(WhatIfKey::of(id("app"), Field::Instances)), 1.0);
        QCOMPARE(doc()->model(), base);
        checkColours();
        QVERIFY(instances->resetButton()->isEnabled());

        // A typed value is a step of its own; the reset button is another.
        ui::WhatIfSlider* service = panel()->slider(WhatIfKey::of(id("app"), Field::ServiceMs));
        service->spinBox()->setValue(35.0);
        QCOMPARE(doc()->undoStack()->count(), 2);
        QCOMPARE(doc()->whatIfValue(WhatIfKey::of(id("app"), Field::ServiceMs)), 35.0);
        checkColours();
        QTest::mouseClick(instances->resetButton(), Qt::LeftButton);
        QCOMPARE(doc()->undoStack()->count(), 3);
        QVERIFY(!doc()->whatIfValue(WhatIfKey::of(id("app"), Field::Instances)));
        QCOMPARE(doc()->model(), base);
        while (doc()->undoStack()->canUndo())
            doc()->undoStack()->undo();
        QCOMPARE(doc()->whatIf(), engine::Scenario{});
    }

    void aDragBackToTheModelsValueLeavesNoOverride()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("db")));
        ui::WhatIfSlider* servers = panel()->slider(WhatIfKey::of(id("db"), Field::Servers));
        QVERIFY(servers);
        testing::dragSlider(servers->slider(), {9, 12, 8});
        QCOMPARE(doc()->undoStack()->count(), 0);
        QVERIFY(!doc()->whatIfActive());
    }

    void fractionsAndPools()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("cache")));
        ui::WhatIfSlider* hit = panel()->slider(WhatIfKey::of(id("cache"), Field::HitRatio));
        QVERIFY(hit);
        testing::dragSlider(hit->slider(), {600, 500});
        QCOMPARE(doc()->whatIfValue(WhatIfKey::of(id("cache"), Field::HitRatio)), 0.5);
        checkColours();

        const model::LinkId pool = doc()->findLink(id("app"), id("db"));
        m_window->scene()->selectOnly({}, {pool});
        ui::WhatIfSlider* size = panel()->slider(WhatIfKey::of(pool, LinkField::PoolSize));
        QVERIFY(size);
        m_window->analysisDocks()->showDock(QStringLiteral("pool"));
        testing::dragSlider(size->slider(), {12, 8, 6});
        QCOMPARE(doc()->whatIfValue(WhatIfKey::of(pool, LinkField::PoolSize)), 6.0);
        solve();
        m_window->analysisDocks()->flush();
        // The pool chart's operating point is the what-if size.
        QCOMPARE(m_window->analysisDocks()->pool()->chart()->operatingPoint(), std::optional<double>(6.0));
        QCOMPARE(doc()->undoStack()->count(), 2);
    }

    void aLayerThatDoesNotValidateSaysWhy()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("app")));
        // The rule: hottest_share >= 1/instances. A scenario sets the share; fewer instances break it.
        doc()->undoStack()->push(new model::SetWhatIfCommand(doc(), {WhatIfKey::of(id("app"), Field::HottestShare)},
                                                             0.5));
        ui::WhatIfSlider* instances = panel()->slider(WhatIfKey::of(id("app"), Field::Instances));
        testing::dragSlider(instances->slider(), {1});
        QSignalSpy failed(m_window->liveSolver(), &model::LiveSolver::failed);
        solve();
        QCOMPARE(failed.count(), 1);
        const QLabel* errors = panel()->errorLabel();
        QVERIFY2(errors->isVisible() && errors->text().contains(QStringLiteral("app.hottest_share")),
                 qPrintable(errors->text()));
        doc()->undoStack()->undo();
        solve();
        QVERIFY(m_window->liveSolver()->result());
    }

    /// Regression: "what-if" is a valid component id. An error of that component is the
    /// model's: the what-if panel does not list it as its own, and the diagram marks the card.
    void aComponentCalledWhatIfIsNotTheLayer()
    {
        engine::Model model = testing::webModel();
        model.components[3].id = "what-if"; // the cache
        for (engine::Link& l : model.links) {
            for (std::string* end : {&l.from, &l.to}) {
                if (*end == "cache")
                    *end = "what-if";
            }
        }
        model.components[3].set(Field::Servers, 0);
        QString error;
        m_window = testing::windowOnModel(model, m_dir, error);
        QVERIFY2(m_window, qPrintable(error));
        m_window->analysisDocks()->showDock(QStringLiteral("whatif"));
        solve();
        QVERIFY(!m_window->liveSolver()->result());
        const QLabel* errors = panel()->errorLabel();
        QVERIFY2(!errors->text().contains(QStringLiteral("what-if.servers")) &&
                     errors->text().contains(QStringLiteral("The model has errors")),
                 qPrintable(errors->text()));
        QCOMPARE(m_window->scene()->itemFor(id("what-if"))->level(), ui::LoadLevel::Invalid);
    }

    void theScenarioComboSwitchesAndTheWindowSaysWhatIsShown()
    {
        QComboBox* combo = panel()->scenarioCombo();
        QCOMPARE(combo->count(), 2); // base model and "Peak"
        QCOMPARE(combo->currentIndex(), 0);
        ui::WhatIfBanner* banner = m_window->analysisDocks()->banner();
        QLabel* status = m_window->analysisDocks()->statusLabel();
        QVERIFY(!banner->isVisible());
        QVERIFY(!status->isVisible());

        combo->setCurrentIndex(1);
        emit combo->activated(1);
        QCOMPARE(doc()->whatIf(), *doc()->model().findScenario("Peak"));
        QCOMPARE(doc()->undoStack()->count(), 1);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->label()->text().contains(QStringLiteral("Peak")));
        QVERIFY(banner->label()->text().contains(QStringLiteral("app instances 6 (model 2)")));
        QVERIFY(status->isVisible());
        QVERIFY(status->text().contains(QStringLiteral("Peak")));
        QCOMPARE(panel()->multiplierSlider()->spinBox()->value(), 3.0);
        checkColours();

        // A change makes it "changed"; the banner's button goes back to the model.
        panel()->multiplierSlider()->spinBox()->setValue(4.0);
        QVERIFY(banner->label()->text().contains(QStringLiteral("changed")));
        QCOMPARE(combo->currentIndex(), 1);
        QTest::mouseClick(banner->findChild<QPushButton*>(QStringLiteral("bannerResetButton")), Qt::LeftButton);
        QVERIFY(!doc()->whatIfActive());
        QVERIFY(!banner->isVisible());
        QCOMPARE(combo->currentIndex(), 0);
        checkColours();
    }

    void savingRenamingAndDeletingScenarios()
    {
        panel()->multiplierSlider()->spinBox()->setValue(2.0);
        QCOMPARE(panel()->scenarioCombo()->currentIndex(), -1); // an unsaved what-if
        QVERIFY(panel()->saveScenarioAs(QString()).has_value());
        QVERIFY(!panel()->saveScenarioAs(QStringLiteral("Launch")).has_value());
        QVERIFY(doc()->model().findScenario("Launch"));
        QCOMPARE(panel()->scenarioCombo()->currentText(), QStringLiteral("Launch"));
        QVERIFY(panel()->findChild<QToolButton*>(QStringLiteral("renameScenarioButton"))->isEnabled());
        QVERIFY(panel()->renameScenario(QStringLiteral("Peak")).has_value()); // taken
        QVERIFY(!panel()->renameScenario(QStringLiteral("Launch day")).has_value());
        QCOMPARE(panel()->scenarioCombo()->currentText(), QStringLiteral("Launch day"));
        // The model file holds it.
        const auto read = model::readModelJson(model::writeModelJson(doc()->model()));
        QVERIFY(read.ok());
        QCOMPARE(read->findScenario("Launch day")->multiplier, 2.0);
        panel()->deleteScenario();
        QVERIFY(!doc()->model().findScenario("Launch day"));
        QCOMPARE(panel()->scenarioCombo()->count(), 2);
        QCOMPARE(doc()->undoStack()->count(), 4);
        while (doc()->undoStack()->canUndo())
            doc()->undoStack()->undo();
        QCOMPARE(doc()->model(), testing::webModel());
        QCOMPARE(doc()->whatIf(), engine::Scenario{});
    }

    void theComparisonShowsTheEnginesFigures()
    {
        QTest::mouseClick(panel()->findChild<QPushButton*>(QStringLiteral("compareButton")), Qt::LeftButton);
        auto* dialog = m_window->findChild<ui::ScenarioCompareDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->compare(QString(), QStringLiteral("Peak"));
        const engine::ScenarioFigures base = engine::scenarioFigures(doc()->model(), "");
        const engine::ScenarioFigures peak = engine::scenarioFigures(doc()->model(), "Peak");
        QCOMPARE(dialog->leftFigures().result->meanResponseMs, base.result->meanResponseMs);
        QCOMPARE(dialog->rightFigures().result->meanResponseMs, peak.result->meanResponseMs);
        QTableWidget* table = dialog->table();
        QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("Peak"));
        const auto row = [&](const QString& name) {
            for (int r = 0; r < table->rowCount(); ++r) {
                if (table->item(r, 0)->text() == name)
                    return r;
            }
            return -1;
        };
        QVERIFY(row(QStringLiteral("10x verdict")) >= 0);
        QVERIFY(table->item(row(QStringLiteral("10x verdict")), 2)->text().contains(QString::fromStdString(peak.verdict)));
        QVERIFY(table->item(row(QStringLiteral("10x verdict")), 2)->text().startsWith(QStringLiteral("at 30")));
        QCOMPARE(table->item(row(QStringLiteral("Monthly cost")), 1)->text(), QLocale().toString(base.monthlyCost, 'f', 0));
        QCOMPARE(table->item(row(QStringLiteral("app utilization")), 1)->text(),
                 ui::format::percent(base.result->components[2].utilization));
        QCOMPARE(table->item(row(QStringLiteral("app utilization")), 2)->text(),
                 ui::format::percent(peak.result->components[2].utilization));
        QCOMPARE(table->item(row(QStringLiteral("End-to-end response")), 2)->text(),
                 ui::format::ms(peak.result->meanResponseMs));
        // Its figures follow an edit of the model.
        doc()->undoStack()->push(new model::SetComponentFieldCommand(doc(), {id("app"), Field::Servers}, 16.0));
        const engine::ScenarioFigures edited = engine::scenarioFigures(doc()->model(), "Peak");
        QCOMPARE(table->item(row(QStringLiteral("app utilization")), 2)->text(),
                 ui::format::percent(edited.result->components[2].utilization));
    }

    void theWhatIfMenuResetsAndSwitches()
    {
        panel()->multiplierSlider()->spinBox()->setValue(2.0);
        QAction* reset = m_window->findChild<QAction*>(QStringLiteral("actionResetWhatIf"));
        QVERIFY(reset);
        reset->trigger();
        QVERIFY(!doc()->whatIfActive());
        QVERIFY(m_window->findChild<QDockWidget*>(QStringLiteral("whatIfDock")));
        for (const char* name : {"tenxDock", "poolDock", "lagDock", "sheddingDock", "percentilesDock"})
            QVERIFY2(m_window->findChild<QDockWidget*>(QString::fromLatin1(name)), name);
    }
};

QTEST_MAIN(TestWhatIfPanel)
#include "tst_what_if_panel.moc"
