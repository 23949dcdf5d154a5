// SPDX-License-Identifier: MIT
// The what-if layer and its commands through a real QUndoStack: a slider drag is one
// step, undo puts back the exact layer (order included) and model, renames and
// removals carry the layer's overrides, and scenarios are saved, renamed, deleted and
// switched as undo steps that reach the model file.
#include "DocumentFixtures.h"

#include "document/Document.h"
#include "document/RemoveItemsCommand.h"
#include "document/Scenarios.h"
#include "document/SetValueCommand.h"
#include "engine/Validation.h"
#include "io/ModelJson.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace headroom;
using engine::Field;
using engine::LinkField;
using model::ComponentId;
using model::Document;
using model::LinkId;
using model::WhatIfKey;

namespace {

struct State {
    engine::Model model;
    engine::Scenario whatIf;
    bool operator==(const State&) const = default;
};

State state(const Document& doc)
{
    return {doc.model(), doc.whatIf()};
}

} // namespace

class TestWhatIfCommands : public QObject {
    Q_OBJECT

private:
    Document m_doc;
    QUndoStack* stack() { return m_doc.undoStack(); }
    ComponentId id(const char* name) const { return m_doc.findComponent(name); }
    LinkId pool() const { return m_doc.findLink(id("app"), id("db")); }
    void set(const WhatIfKey& key, std::optional<double> value, quint64 gesture = 0)
    {
        stack()->push(new model::SetWhatIfCommand(&m_doc, {key, gesture}, value));
    }

private slots:
    void init() { m_doc.load(testing::webModel()); }

    void startsEmptyAndLoadsTheActiveScenario()
    {
        QVERIFY(!m_doc.whatIfActive());
        QVERIFY(!m_doc.whatIfChangesModel());
        Document other;
        other.load(testing::webModel(), "Peak");
        QCOMPARE(other.whatIf(), *testing::webModel().findScenario("Peak"));
        QVERIFY(other.whatIfActive());
        QVERIFY(!other.whatIfModified());
        Document unknown;
        unknown.load(testing::webModel(), "No such scenario");
        QVERIFY(!unknown.whatIfActive());
    }

    void setsOneOverrideWithoutTouchingTheModel()
    {
        const State before = state(m_doc);
        QSignalSpy changed(&m_doc, &Document::whatIfChanged);
        set(WhatIfKey::of(id("app"), Field::Instances), 5);
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_doc.model(), before.model);
        QCOMPARE(m_doc.whatIfValue(WhatIfKey::of(id("app"), Field::Instances)), 5.0);
        QCOMPARE(m_doc.baseValue(WhatIfKey::of(id("app"), Field::Instances)), 2.0);
        QVERIFY(m_doc.whatIfChangesModel());
        stack()->undo();
        QCOMPARE(state(m_doc), before);
        stack()->redo();
        QCOMPARE(m_doc.whatIf().overrides, (std::vector<engine::Override>{{"app", Field::Instances, 5}}));
    }

    void aDragIsOneStep()
    {
        const State before = state(m_doc);
        const WhatIfKey key = WhatIfKey::of(id("db"), Field::Servers);
        const quint64 gesture = m_doc.beginGesture();
        for (const double value : {9.0, 10.0, 12.0, 14.0, 16.0})
            set(key, value, gesture);
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(m_doc.whatIfValue(key), 16.0);
        // The next drag is a step of its own, even on the same slider.
        const quint64 next = m_doc.beginGesture();
        set(key, 20, next);
        set(key, 24, next);
        QCOMPARE(stack()->count(), 2);
        stack()->undo();
        QCOMPARE(m_doc.whatIfValue(key), 16.0);
        stack()->undo();
        QCOMPARE(state(m_doc), before);
        stack()->redo();
        stack()->redo();
        QCOMPARE(m_doc.whatIfValue(key), 24.0);
    }

    void aDragBackToTheStartLeavesNoStep()
    {
        const WhatIfKey key = WhatIfKey::of(id("app"), Field::ServiceMs);
        const quint64 gesture = m_doc.beginGesture();
        set(key, 25, gesture);
        set(key, 30, gesture);
        set(key, std::nullopt, gesture);
        QCOMPARE(stack()->count(), 0);
        QVERIFY(!m_doc.whatIfActive());
    }

    void stepsWithoutAGestureOrOfOtherKeysDoNotMerge()
    {
        set(WhatIfKey::of(id("app"), Field::Instances), 3);
        set(WhatIfKey::of(id("app"), Field::Instances), 4);
        QCOMPARE(stack()->count(), 2);
        const quint64 gesture = m_doc.beginGesture();
        set(WhatIfKey::of(id("app"), Field::Servers), 10, gesture);
        set(WhatIfKey::of(id("db"), Field::Servers), 10, gesture);
        QCOMPARE(stack()->count(), 4);
    }

    void multiplierAndPoolSize()
    {
        const State before = state(m_doc);
        set(WhatIfKey::multiplier(), 2.5);
        set(WhatIfKey::of(pool(), LinkField::PoolSize), 40);
        QCOMPARE(m_doc.whatIf().multiplier, 2.5);
        QCOMPARE(m_doc.whatIf().linkOverrides, (std::vector<engine::LinkOverride>{{"app", "db", LinkField::PoolSize, 40}}));
        QCOMPARE(m_doc.baseValue(WhatIfKey::of(pool(), LinkField::PoolSize)), 20.0);
        QCOMPARE(m_doc.baseValue(WhatIfKey::multiplier()), 1.0);
        stack()->undo();
        stack()->undo();
        QCOMPARE(state(m_doc), before);
    }

    void undoRestoresTheExactLayerOrderIncluded()
    {
        // Overrides are kept sorted by component and field key (the order a file reads back),
        // and undoing a reset puts a removed one back where it was.
        set(WhatIfKey::of(id("db"), Field::Servers), 12);
        set(WhatIfKey::of(id("app"), Field::Servers), 10);
        set(WhatIfKey::of(id("app"), Field::Instances), 3);
        const std::vector<engine::Override> sorted{
            {"app", Field::Instances, 3}, {"app", Field::Servers, 10}, {"db", Field::Servers, 12}};
        QCOMPARE(m_doc.whatIf().overrides, sorted);
        const State before = state(m_doc);
        set(WhatIfKey::of(id("app"), Field::Servers), std::nullopt);
        QCOMPARE(m_doc.whatIf().overrides.size(), std::size_t(2));
        stack()->undo();
        QCOMPARE(state(m_doc), before);
    }

    void renamesCarryTheLayer()
    {
        set(WhatIfKey::of(id("app"), Field::Instances), 3);
        set(WhatIfKey::of(pool(), LinkField::PoolSize), 30);
        QSignalSpy changed(&m_doc, &Document::whatIfChanged);
        stack()->push(new model::SetComponentTextCommand(&m_doc, {id("app"), model::ComponentText::Id}, "web"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_doc.whatIf().overrides.front().component, std::string("web"));
        QCOMPARE(m_doc.whatIf().linkOverrides.front().from, std::string("web"));
        QCOMPARE(m_doc.whatIfValue(WhatIfKey::of(id("web"), Field::Instances)), 3.0);
        stack()->undo();
        QCOMPARE(m_doc.whatIf().overrides.front().component, std::string("app"));
    }

    void removingAComponentTakesItsOverridesAndUndoPutsThemBack()
    {
        set(WhatIfKey::of(id("db"), Field::Servers), 12);
        set(WhatIfKey::of(pool(), LinkField::PoolSize), 30);
        set(WhatIfKey::of(id("app"), Field::Instances), 4);
        const State before = state(m_doc);
        stack()->push(new model::RemoveItemsCommand(&m_doc, {id("db")}, {}));
        QCOMPARE(m_doc.whatIf().overrides, (std::vector<engine::Override>{{"app", Field::Instances, 4}}));
        QVERIFY(m_doc.whatIf().linkOverrides.empty());
        QCOMPARE(m_doc.model().findScenario("Peak")->overrides.size(), std::size_t(1)); // db's went with it
        QVERIFY(engine::validateModel(m_doc.model()).ok());
        QVERIFY(engine::validateScenario(m_doc.model(), m_doc.whatIf(), engine::Subject::whatIf()).empty());
        stack()->undo();
        QCOMPARE(state(m_doc), before);
    }

    void removingAPooledLinkTakesItsOverrides()
    {
        set(WhatIfKey::of(pool(), LinkField::PoolSize), 30);
        model::saveScenario(m_doc, "Big pool");
        const State before = state(m_doc);
        stack()->push(new model::RemoveItemsCommand(&m_doc, {}, {pool()}));
        QVERIFY(m_doc.whatIf().linkOverrides.empty());
        QVERIFY(m_doc.model().findScenario("Big pool")->linkOverrides.empty());
        QVERIFY(engine::validateModel(m_doc.model()).ok());
        stack()->undo();
        QCOMPARE(state(m_doc), before);
    }

    void savesRenamesDeletesAndSwitchesScenarios()
    {
        const State start = state(m_doc);
        QSignalSpy scenarios(&m_doc, &Document::scenariosChanged);
        set(WhatIfKey::multiplier(), 4);
        set(WhatIfKey::of(id("app"), Field::Instances), 8);
        model::saveScenario(m_doc, "Launch");
        QCOMPARE(scenarios.count(), 1);
        const engine::Scenario* saved = m_doc.model().findScenario("Launch");
        QVERIFY(saved);
        QCOMPARE(saved->multiplier, 4.0);
        QCOMPARE(saved->overrides, (std::vector<engine::Override>{{"app", Field::Instances, 8}}));
        QCOMPARE(m_doc.whatIf().name, std::string("Launch"));
        QVERIFY(!m_doc.whatIfModified());
        set(WhatIfKey::multiplier(), 5);
        QVERIFY(m_doc.whatIfModified());

        model::switchScenario(m_doc, "Peak");
        QCOMPARE(m_doc.whatIf(), *m_doc.model().findScenario("Peak"));
        model::renameScenario(m_doc, "Peak", "Peak hour");
        QCOMPARE(m_doc.whatIf().name, std::string("Peak hour"));
        QVERIFY(!m_doc.model().findScenario("Peak"));
        model::deleteScenario(m_doc, "Peak hour");
        QVERIFY(!m_doc.model().findScenario("Peak hour"));
        QVERIFY(m_doc.whatIf().name.empty());
        QVERIFY(m_doc.whatIfChangesModel()); // the settings stay, unsaved
        model::switchScenario(m_doc, "");
        QVERIFY(!m_doc.whatIfActive());

        // Each was one step; all of them undo back to the start, and redo to the end.
        const State end = state(m_doc);
        QCOMPARE(stack()->count(), 8);
        while (stack()->canUndo())
            stack()->undo();
        QCOMPARE(state(m_doc), start);
        while (stack()->canRedo())
            stack()->redo();
        QCOMPARE(state(m_doc), end);
    }

    void savingUnderAnExistingNameReplacesItInPlace()
    {
        model::saveScenario(m_doc, "First");
        set(WhatIfKey::multiplier(), 2);
        model::saveScenario(m_doc, "Peak");
        QCOMPARE(m_doc.model().scenarios.size(), std::size_t(2));
        QCOMPARE(m_doc.model().scenarios.front().name, std::string("Peak"));
        QCOMPARE(m_doc.model().scenarios.front().multiplier, 2.0);
        QVERIFY(m_doc.model().scenarios.front().overrides.empty());
    }

    void switchingToTheShownScenarioIsNoStep()
    {
        model::switchScenario(m_doc, "Peak");
        QCOMPARE(stack()->count(), 1);
        model::switchScenario(m_doc, "Peak");
        QCOMPARE(stack()->count(), 1);
        model::resetWhatIf(m_doc);
        model::resetWhatIf(m_doc);
        QCOMPARE(stack()->count(), 2);
    }

    void scenarioNameProblems_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("renaming");
        QTest::addColumn<bool>("acceptable");
        QTest::newRow("new name") << QStringLiteral("Launch day") << QString() << true;
        QTest::newRow("empty") << QString() << QString() << false;
        QTest::newRow("only spaces") << QStringLiteral("   ") << QString() << false;
        QTest::newRow("leading space") << QStringLiteral(" Launch") << QString() << false;
        QTest::newRow("taken") << QStringLiteral("Peak") << QString() << false;
        QTest::newRow("its own name when renaming") << QStringLiteral("Peak") << QStringLiteral("Peak") << true;
    }

    void scenarioNameProblems()
    {
        QFETCH(QString, name);
        QFETCH(QString, renaming);
        QFETCH(bool, acceptable);
        QCOMPARE(!model::scenarioNameProblem(m_doc, name, renaming).has_value(), acceptable);
    }

    void scenariosRoundTripThroughTheModelFile()
    {
        set(WhatIfKey::multiplier(), 2.5);
        set(WhatIfKey::of(id("db"), Field::Servers), 12);
        set(WhatIfKey::of(id("cache"), Field::HitRatio), 0.9);
        set(WhatIfKey::of(id("app"), Field::ServiceMs), 17.5);
        set(WhatIfKey::of(pool(), LinkField::PoolSize), 32);
        model::saveScenario(m_doc, "Launch day");
        const QByteArray json = model::writeModelJson(m_doc.model());
        QVERIFY2(json.contains("\"link_overrides\""), json.constData());
        const auto read = model::readModelJson(json);
        QVERIFY(read.ok());
        QCOMPARE(read->scenarios, m_doc.model().scenarios);
        QVERIFY(engine::validateModel(*read).ok());
        // The file's scenario is the layer that was saved.
        engine::Scenario layer = m_doc.whatIf();
        QCOMPARE(*read->findScenario("Launch day"), layer);
    }

    void theLayerIsValidatedLikeAScenario()
    {
        set(WhatIfKey::of(id("db"), Field::Servers), 0);
        const engine::Issues issues =
            engine::validateScenario(m_doc.model(), m_doc.whatIf(), engine::Subject::whatIf());
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(engine::subjectText(issues.front().subject), std::string("what-if.db.servers"));
        stack()->undo();
        set(WhatIfKey::of(pool(), LinkField::PoolSize), 2.5);
        const engine::Issues pools = engine::validateScenario(m_doc.model(), m_doc.whatIf(), engine::Subject::whatIf());
        QCOMPARE(pools.size(), std::size_t(1));
        QCOMPARE(engine::subjectText(pools.front().subject), std::string("what-if.link app -> db"));
    }
};

QTEST_GUILESS_MAIN(TestWhatIfCommands)
#include "tst_what_if_commands.moc"
