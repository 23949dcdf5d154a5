// SPDX-License-Identifier: MIT
// The live solver with a what-if layer: its figures are the engine's for the model with
// the layer applied (engine::applyScenario) at the layer's multiplier, a burst of
// slider ticks costs one solve, and a layer that does not validate is reported on the
// component it overrides, prefixed "what-if".
#include "DocumentFixtures.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/Scenarios.h"
#include "document/SetValueCommand.h"
#include "engine/Solver.h"
#include "engine/Validation.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace headroom;
using engine::Field;
using engine::LinkField;
using model::Document;
using model::LiveResult;
using model::LiveSolver;
using model::WhatIfKey;

namespace {

/// The engine's own answer for a model and a scenario of it.
engine::SolveResult engineSolve(const engine::Model& model, const engine::Scenario& scenario)
{
    engine::ScenarioApplied applied = engine::applyScenario(model, scenario);
    applied.model.scenarios.clear();
    auto solved = engine::solve(applied.model, {applied.multiplier, true});
    if (!solved)
        qFatal("the engine does not solve the scenario");
    return solved.value();
}

void compareResults(const engine::SolveResult& live, const engine::SolveResult& expected)
{
    QCOMPARE(live.multiplier, expected.multiplier);
    QCOMPARE(live.meanResponseMs, expected.meanResponseMs);
    QCOMPARE(live.throughputRps, expected.throughputRps);
    QCOMPARE(live.stable, expected.stable);
    QCOMPARE(live.components.size(), expected.components.size());
    for (std::size_t i = 0; i < live.components.size(); ++i) {
        QCOMPARE(live.components[i].utilization, expected.components[i].utilization);
        QCOMPARE(live.components[i].avgResponseMs, expected.components[i].avgResponseMs);
        QCOMPARE(live.components[i].p99ResponseMs, expected.components[i].p99ResponseMs);
    }
    QCOMPARE(live.pools.size(), expected.pools.size());
    for (std::size_t i = 0; i < live.pools.size(); ++i)
        QCOMPARE(live.pools[i].meanWaitMs, expected.pools[i].meanWaitMs);
}

} // namespace

class TestLiveWhatIf : public QObject {
    Q_OBJECT

private:
    Document m_doc;
    std::unique_ptr<LiveSolver> m_solver;

    model::ComponentId id(const char* name) const { return m_doc.findComponent(name); }
    void set(const WhatIfKey& key, std::optional<double> value)
    {
        m_doc.undoStack()->push(new model::SetWhatIfCommand(&m_doc, {key}, value));
    }

private slots:
    void init()
    {
        m_doc.load(testing::webModel());
        m_solver = std::make_unique<LiveSolver>(&m_doc);
        m_solver->flush();
        QVERIFY(m_solver->result());
    }

    void cleanup() { m_solver.reset(); }

    void theFiguresAreTheEnginesForTheModelWithTheLayer()
    {
        set(WhatIfKey::multiplier(), 2.5);
        set(WhatIfKey::of(id("app"), Field::Instances), 5);
        set(WhatIfKey::of(id("cache"), Field::HitRatio), 0.6);
        set(WhatIfKey::of(m_doc.findLink(id("app"), id("db")), LinkField::PoolSize), 8);
        m_solver->flush();
        QVERIFY(m_solver->result());
        const LiveResult& live = *m_solver->result();
        compareResults(live.result, engineSolve(m_doc.model(), m_doc.whatIf()));
        QCOMPARE(live.result.multiplier, 2.5);
        // The compiled model the charts use is the model with the layer applied.
        QCOMPARE(live.solver->model().components[2].get(Field::Instances), 5.0);
        QCOMPARE(live.solver->model().links[3].get(LinkField::PoolSize), 8.0);
        QVERIFY(live.solver->model().scenarios.empty());
    }

    void switchingToAScenarioEqualsApplyingIt()
    {
        model::switchScenario(m_doc, "Peak");
        m_solver->flush();
        QVERIFY(m_solver->result());
        auto applied = engine::applyScenario(m_doc.model(), "Peak");
        QVERIFY(applied.ok());
        engine::Model model = applied->model;
        model.scenarios.clear();
        const auto expected = engine::solve(model, {applied->multiplier, true});
        QVERIFY(expected.ok());
        compareResults(m_solver->result()->result, *expected);
        QCOMPARE(m_solver->result()->result.multiplier, 3.0);
    }

    void resettingGivesTheBaseModelsFigures()
    {
        const engine::SolveResult base = m_solver->result()->result;
        set(WhatIfKey::multiplier(), 4);
        m_solver->flush();
        QVERIFY(m_solver->result()->result.meanResponseMs != base.meanResponseMs);
        model::resetWhatIf(m_doc);
        m_solver->flush();
        compareResults(m_solver->result()->result, base);
    }

    void aBurstOfTicksIsOneSolve()
    {
        const int before = m_solver->solveCount();
        const quint64 gesture = m_doc.beginGesture();
        for (int servers = 9; servers <= 16; ++servers)
            m_doc.undoStack()->push(
                new model::SetWhatIfCommand(&m_doc, {WhatIfKey::of(id("db"), Field::Servers), gesture}, servers));
        QVERIFY(m_solver->isPending());
        QSignalSpy ready(m_solver.get(), &LiveSolver::resultsReady);
        QVERIFY(ready.wait());
        QCOMPARE(m_solver->solveCount(), before + 1);
        QCOMPARE(m_doc.undoStack()->count(), 1);
    }

    void anInvalidLayerIsReportedOnWhatItOverrides()
    {
        // Capacity below servers: each value is in range, together they are not.
        set(WhatIfKey::of(id("db"), Field::Capacity), 4);
        QSignalSpy failed(m_solver.get(), &LiveSolver::failed);
        m_solver->flush();
        QCOMPARE(failed.count(), 1);
        QVERIFY(!m_solver->result());
        const QList<model::LiveIssue> issues = m_solver->issues();
        QCOMPARE(issues.size(), qsizetype(1));
        QCOMPARE(issues.front().subject, QStringLiteral("what-if.db.capacity"));
        QCOMPARE(issues.front().component, id("db"));
        QCOMPARE(issues.front().field, QStringLiteral("capacity"));
        QVERIFY(issues.front().message.startsWith(QStringLiteral("what-if: ")));
        // The model itself is fine: undo and it solves again.
        m_doc.undoStack()->undo();
        m_solver->flush();
        QVERIFY(m_solver->result());
    }

    void aSaturatingLayerStillSolves()
    {
        set(WhatIfKey::multiplier(), 100);
        m_solver->flush();
        QVERIFY(m_solver->result());
        QVERIFY(!m_solver->result()->result.stable);
        QVERIFY(!m_solver->result()->result.meanResponseMs);
    }
};

QTEST_GUILESS_MAIN(TestLiveWhatIf)
#include "tst_live_what_if.moc"
