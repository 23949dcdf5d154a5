// SPDX-License-Identifier: MIT
// The figures of the scenario comparison are the engine's: a solve of the model with
// the scenario applied, its cost, and the 10x verdict at ten times its multiplier (as
// headroom-cli tenx --scenario asks it).
#include "DocumentFixtures.h"

#include "engine/ScenarioComparison.h"
#include "engine/Solver.h"
#include "engine/TenX.h"
#include "engine/Validation.h"

#include <QtTest/QTest>

using namespace headroom;

class TestScenarioComparison : public QObject {
    Q_OBJECT

private slots:
    void baseModel()
    {
        const engine::Model model = testing::webModel();
        const engine::ScenarioFigures figures = engine::scenarioFigures(model, "");
        QVERIFY(figures.issues.empty());
        QVERIFY(figures.result);
        QCOMPARE(figures.multiplier, 1.0);
        QCOMPARE(figures.planningMultiplier, 10.0);
        auto solver = engine::Solver::create(model);
        QVERIFY(solver.ok());
        const engine::SolveResult direct = solver->solve();
        QCOMPARE(figures.result->meanResponseMs, direct.meanResponseMs);
        QCOMPARE(figures.monthlyCost, solver->monthlyCost());
        const auto tenX = engine::tenX(*solver, 10.0, 0.7);
        QVERIFY(tenX.ok());
        QCOMPARE(figures.verdict, tenX->verdict);
        QCOMPARE(figures.survives, std::optional<bool>(tenX->survives));
    }

    void aScenario()
    {
        const engine::Model model = testing::webModel();
        const engine::ScenarioFigures figures = engine::scenarioFigures(model, "Peak");
        QVERIFY(figures.result);
        QCOMPARE(figures.multiplier, 3.0);
        QCOMPARE(figures.planningMultiplier, 30.0);
        auto applied = engine::applyScenario(model, "Peak");
        QVERIFY(applied.ok());
        engine::Model changed = applied->model;
        changed.scenarios.clear();
        auto solver = engine::Solver::create(changed);
        QVERIFY(solver.ok());
        const engine::SolveResult direct = solver->solve({3.0, true});
        for (std::size_t i = 0; i < direct.components.size(); ++i) {
            QCOMPARE(figures.result->components[i].utilization, direct.components[i].utilization);
            QCOMPARE(figures.result->components[i].avgResponseMs, direct.components[i].avgResponseMs);
        }
        QCOMPARE(figures.monthlyCost, solver->monthlyCost());
        QCOMPARE(figures.verdict, engine::tenX(*solver, 30.0, 0.7)->verdict);
    }

    void anUnknownScenarioSaysSo()
    {
        const engine::ScenarioFigures figures = engine::scenarioFigures(testing::webModel(), "Nope");
        QVERIFY(!figures.result);
        QCOMPARE(figures.issues.size(), std::size_t(1));
        QCOMPARE(engine::subjectText(figures.issues.front().subject), std::string("--scenario"));
    }
};

QTEST_GUILESS_MAIN(TestScenarioComparison)
#include "tst_scenario_comparison.moc"
