// SPDX-License-Identifier: MIT
// Every undo command through a real QUndoStack: push, check, undo, check, redo,
// check; merging and obsolete commands by the stack's count().
#include "DocumentFixtures.h"
#include "ModelDiff.h"

#include "document/ComponentCommands.h"
#include "document/Document.h"
#include "document/Editing.h"
#include "document/LinkCommands.h"
#include "document/PasteCommand.h"
#include "document/RemoveItemsCommand.h"
#include "document/SetValueCommand.h"
#include "engine/Validation.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <set>

using namespace headroom;
using engine::Field;
using model::ComponentId;
using model::Document;
using model::LinkId;

namespace {

/// The document as it is: the model and which id sits where.
struct Snapshot {
    engine::Model model;
    QList<ComponentId> components;
    QList<LinkId> links;

    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const Document& doc)
{
    return {doc.model(), doc.componentIds(), doc.linkIds()};
}

/// Where two snapshots differ, for a failed comparison's message.
QByteArray difference(const Snapshot& actual, const Snapshot& expected)
{
    if (!(actual.model == expected.model))
        return testing::difference(actual.model, expected.model);
    if (actual.components != expected.components)
        return "the same model, but other component ids";
    if (actual.links != expected.links)
        return "the same model, but other link ids";
    return {};
}

} // namespace

class TestUndoCommands : public QObject {
    Q_OBJECT

private:
    Document m_doc;
    QUndoStack* stack() { return m_doc.undoStack(); }
    ComponentId id(const char* name) const { return m_doc.findComponent(name); }

private slots:
    void init() { m_doc.load(testing::webModel()); }

    void addComponent()
    {
        const Snapshot before = snapshot(m_doc);
        auto* command = new model::AddComponentCommand(&m_doc, testing::component("worker", engine::ComponentKind::Worker, 10, 10));
        const ComponentId added = command->componentId();
        stack()->push(command);
        QCOMPARE(m_doc.componentIds().back(), added);
        QCOMPARE(m_doc.component(added).id, std::string("worker"));
        const Snapshot after = snapshot(m_doc);
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        QVERIFY(!m_doc.contains(added));
        stack()->redo();
        HR_COMPARE_MODELS(snapshot(m_doc), after); // the same id comes back
    }

    void addComponentHelperMakesASolvableComponentWithAFreshId()
    {
        const ComponentId added = model::addComponent(m_doc, engine::ComponentKind::AppServer, std::nullopt, {40, 60});
        QCOMPARE(stack()->count(), 1);
        const engine::Component& c = m_doc.component(added);
        QCOMPARE(c.id, std::string("app-2"));
        QVERIFY(c.has(Field::ServiceMs));
        QCOMPARE(m_doc.position(added), QPointF(40, 60));
    }

    void setField()
    {
        const Snapshot before = snapshot(m_doc);
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::Servers}, 16));
        QCOMPARE(*m_doc.component(id("app")).get(Field::Servers), 16.0);
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        QCOMPARE(*m_doc.component(id("app")).get(Field::Servers), 16.0);
        // Back to the default: the field is unset, and undo sets it again.
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::Instances}, std::nullopt));
        QVERIFY(!m_doc.component(id("app")).has(Field::Instances));
        stack()->undo();
        QCOMPARE(*m_doc.component(id("app")).get(Field::Instances), 2.0);
    }

    void typingIntoOneFieldMergesIntoOneStep()
    {
        const Snapshot before = snapshot(m_doc);
        for (const double value : {1.0, 12.0, 125.0})
            stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::ServiceMs}, value));
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(*m_doc.component(id("app")).get(Field::ServiceMs), 125.0);
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        QCOMPARE(*m_doc.component(id("app")).get(Field::ServiceMs), 125.0);
    }

    void editsOfOtherFieldsOrComponentsDoNotMerge()
    {
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::ServiceMs}, 10));
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::Servers}, 10));
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("db"), Field::Servers}, 10));
        QCOMPARE(stack()->count(), 3);
    }

    void anEditThatEndsWhereItStartedIsObsolete()
    {
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::ServiceMs}, 20)); // unchanged
        QCOMPARE(stack()->count(), 0);
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::ServiceMs}, 2));
        stack()->push(new model::SetComponentFieldCommand(&m_doc, {id("app"), Field::ServiceMs}, 20)); // typed back
        QCOMPARE(stack()->count(), 0);
        HR_COMPARE_MODELS(m_doc.model(), testing::webModel());
    }

    void linkFieldsMergeAndUndo()
    {
        const LinkId pooled = m_doc.findLink(id("app"), id("db"));
        const Snapshot before = snapshot(m_doc);
        stack()->push(new model::SetLinkFieldCommand(&m_doc, {pooled, engine::LinkField::PoolSize}, 3));
        stack()->push(new model::SetLinkFieldCommand(&m_doc, {pooled, engine::LinkField::PoolSize}, 30));
        QCOMPARE(stack()->count(), 1);
        stack()->push(new model::SetLinkFieldCommand(&m_doc, {pooled, engine::LinkField::Calls}, 2));
        QCOMPARE(stack()->count(), 2);
        QCOMPARE(*m_doc.link(pooled).get(engine::LinkField::PoolSize), 30.0);
        stack()->undo();
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        stack()->redo();
        QCOMPARE(m_doc.link(pooled).calls(), 2.0);
    }

    void linkKind()
    {
        const LinkId l = m_doc.findLink(id("app"), id("cache"));
        stack()->push(new model::SetLinkKindCommand(&m_doc, l, engine::LinkKind::Async));
        QCOMPARE(m_doc.link(l).kind, std::optional(engine::LinkKind::Async));
        stack()->undo();
        QCOMPARE(m_doc.link(l).kind, std::optional<engine::LinkKind>());
        stack()->push(new model::SetLinkKindCommand(&m_doc, l, std::nullopt)); // no change
        QCOMPARE(stack()->count(), 0);
    }

    void addLink()
    {
        const Snapshot before = snapshot(m_doc);
        QVERIFY(!model::linkProblem(m_doc, id("lb"), id("cache")));
        auto* command = new model::AddLinkCommand(&m_doc, model::newLink(m_doc, id("lb"), id("cache")));
        const LinkId added = command->linkId();
        stack()->push(command);
        QCOMPARE(m_doc.linkSource(added), id("lb"));
        const Snapshot after = snapshot(m_doc);
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        HR_COMPARE_MODELS(snapshot(m_doc), after);
    }

    void linkProblems()
    {
        QVERIFY(model::linkProblem(m_doc, id("app"), id("app")));     // itself
        QVERIFY(model::linkProblem(m_doc, id("app"), id("users")));   // into the clients
        QVERIFY(model::linkProblem(m_doc, id("app"), id("db")));      // already linked
        QVERIFY(!model::linkProblem(m_doc, id("db"), id("app")));     // the reverse is a new link
        QCOMPARE(model::newLink(m_doc, id("db"), id("replica")).kind, std::optional(engine::LinkKind::Replication));
        QCOMPARE(model::newLink(m_doc, id("app"), id("replica")).kind, std::optional<engine::LinkKind>());
    }

    void labelTypingMergesRenameDoesNot()
    {
        const Snapshot before = snapshot(m_doc);
        for (const char* text : {"A", "Ap", "API"})
            stack()->push(new model::SetComponentTextCommand(&m_doc, {id("app"), model::ComponentText::Label}, text));
        QCOMPARE(stack()->count(), 1);
        stack()->push(new model::SetComponentTextCommand(&m_doc, {id("app"), model::ComponentText::Id}, "api"));
        stack()->push(new model::SetComponentTextCommand(&m_doc, {id("api"), model::ComponentText::Id}, "apis"));
        QCOMPARE(stack()->count(), 3);
        QCOMPARE(m_doc.component(id("apis")).label, std::string("API"));
        while (stack()->canUndo())
            stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
    }

    void renameRenamesLinkEndsAndOverridesAndUndoRestoresThem()
    {
        const Snapshot before = snapshot(m_doc);
        const ComponentId db = id("db");
        stack()->push(new model::SetComponentTextCommand(&m_doc, {db, model::ComponentText::Id}, "orders"));
        QCOMPARE(m_doc.link(m_doc.findLink(id("app"), db)).to, std::string("orders"));
        QCOMPARE(m_doc.link(m_doc.findLink(db, id("replica"))).from, std::string("orders"));
        QCOMPARE(m_doc.model().scenarios[0].overrides[1].component, std::string("orders"));
        const Snapshot after = snapshot(m_doc);
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        HR_COMPARE_MODELS(snapshot(m_doc), after);
    }

    void renameProblems()
    {
        QVERIFY(model::renameProblem(m_doc, id("app"), QStringLiteral("db")));
        QVERIFY(model::renameProblem(m_doc, id("app"), QStringLiteral("has space")));
        QVERIFY(model::renameProblem(m_doc, id("app"), QString()));
        QVERIFY(!model::renameProblem(m_doc, id("app"), QStringLiteral("app")));
        QVERIFY(!model::renameProblem(m_doc, id("app"), QStringLiteral("api.v2")));
    }

    void changeKindIsOneStepThatKeepsTheModelSolvable()
    {
        const Snapshot before = snapshot(m_doc);
        model::changeKind(m_doc, id("app"), engine::ComponentKind::External, std::nullopt);
        QCOMPARE(stack()->count(), 1);
        const engine::Component& c = m_doc.component(id("app"));
        QCOMPARE(c.kind, engine::ComponentKind::External);
        QVERIFY(c.has(Field::LatencyMs));        // required by the new kind
        QVERIFY(!c.has(Field::ServiceMs));       // means nothing for it
        QVERIFY(!c.has(Field::Servers));
        QCOMPARE(*c.get(Field::X), 400.0);       // kept
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        QCOMPARE(m_doc.component(id("app")).kind, engine::ComponentKind::External);
    }

    void changeKindDropsPoolsAndReplicationThatNoLongerFit()
    {
        const Snapshot before = snapshot(m_doc);
        model::changeKind(m_doc, id("db"), engine::ComponentKind::Cache, std::nullopt);
        const LinkId pooled = m_doc.findLink(id("app"), id("db"));
        QVERIFY(!m_doc.link(pooled).get(engine::LinkField::PoolSize));
        QCOMPARE(m_doc.link(m_doc.findLink(id("db"), id("replica"))).kind, std::optional<engine::LinkKind>());
        QVERIFY(!m_doc.component(id("db")).role);
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
    }

    void changeRole()
    {
        model::changeKind(m_doc, id("replica"), engine::ComponentKind::Database, engine::DatabaseRole::Primary);
        QCOMPARE(m_doc.component(id("replica")).role, std::optional(engine::DatabaseRole::Primary));
        // A primary to primary link cannot replicate.
        QCOMPARE(m_doc.link(m_doc.findLink(id("db"), id("replica"))).kind, std::optional<engine::LinkKind>());
        stack()->undo();
        HR_COMPARE_MODELS(m_doc.model(), testing::webModel());
    }

    void aDragIsOneCommandAndOnlyIfSomethingMoved()
    {
        using Move = model::MoveComponentsCommand;
        stack()->push(new Move(&m_doc, {{id("app"), {400, 100}}}));
        QCOMPARE(stack()->count(), 0);
        const Snapshot before = snapshot(m_doc);
        stack()->push(new Move(&m_doc, {{id("app"), {420, 140}}, {id("db"), {620, 240}}}));
        stack()->push(new Move(&m_doc, {{id("app"), {440, 140}}, {id("db"), {640, 240}}}));
        QCOMPARE(stack()->count(), 2); // drags never merge
        stack()->undo();
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        QCOMPARE(m_doc.position(id("db")), QPointF(620, 240));
    }

    void nudgesMerge()
    {
        using Move = model::MoveComponentsCommand;
        for (int step = 1; step <= 3; ++step)
            stack()->push(new Move(&m_doc, {{id("app"), {400.0 + 10 * step, 100}}}, Move::MoveMode::Nudge));
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(m_doc.position(id("app")), QPointF(430, 100));
        stack()->push(new Move(&m_doc, {{id("app"), {400, 100}}}, Move::MoveMode::Nudge)); // back home
        QCOMPARE(stack()->count(), 0);
    }

    void moveRestoresAnUnsetPosition()
    {
        engine::Model model = testing::webModel();
        Document doc;
        doc.load(model);
        const ComponentId app = doc.findComponent("app");
        doc.setPosition(app, std::nullopt, std::nullopt); // as a file without x/y would have it
        const engine::Model unset = doc.model();
        doc.undoStack()->push(new model::MoveComponentsCommand(&doc, {{app, {5, 5}}}));
        doc.undoStack()->undo();
        HR_COMPARE_MODELS(doc.model(), unset);
    }

    void removingAComponentTakesItsLinksAndUndoRestoresTheExactModel()
    {
        const Snapshot before = snapshot(m_doc);
        const ComponentId app = id("app");
        stack()->push(new model::RemoveItemsCommand(&m_doc, {app}, {}));
        QVERIFY(!m_doc.contains(app));
        QCOMPARE(m_doc.model().links.size(), std::size_t(3));
        for (const engine::Link& l : m_doc.model().links) {
            QVERIFY(l.from != "app");
            QVERIFY(l.to != "app");
        }
        const Snapshot after = snapshot(m_doc);
        stack()->undo();
        HR_COMPARE_MODELS(m_doc.model(), before.model);
        HR_COMPARE_MODELS(snapshot(m_doc), before); // same ids at the same places
        stack()->redo();
        HR_COMPARE_MODELS(snapshot(m_doc), after);
    }

    void removingAComponentTakesItsScenarioOverridesAlong()
    {
        // A scenario that overrides a missing component is an error: the model would
        // stop solving the moment the component went.
        const Snapshot before = snapshot(m_doc);
        stack()->push(new model::RemoveItemsCommand(&m_doc, {id("app")}, {}));
        QCOMPARE(m_doc.model().scenarios[0].overrides.size(), std::size_t(1));
        QCOMPARE(m_doc.model().scenarios[0].overrides[0].component, std::string("db"));
        QVERIFY(engine::validateModel(m_doc.model()).ok());
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
    }

    void removingASelection()
    {
        const Snapshot before = snapshot(m_doc);
        const LinkId lbApp = m_doc.findLink(id("lb"), id("app"));
        const LinkId cacheReplica = m_doc.findLink(id("cache"), id("replica"));
        // A link that also goes with its component is removed once.
        stack()->push(new model::RemoveItemsCommand(&m_doc, {id("users"), id("replica")}, {lbApp, cacheReplica}));
        QCOMPARE(m_doc.componentIds().size(), 4);
        QCOMPARE(m_doc.linkIds().size(), 2); // app -> cache, app -> db
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
    }

    void pasteGivesNewIdsAndFollowsTheLinks()
    {
        engine::Model fragment;
        fragment.components = {m_doc.component(id("app")), m_doc.component(id("db"))};
        fragment.links = {m_doc.link(m_doc.findLink(id("app"), id("db")))};
        const Snapshot before = snapshot(m_doc);
        auto* paste = new model::PasteCommand(&m_doc, fragment, {30, 30});
        const QList<ComponentId> pasted = paste->pastedComponents();
        stack()->push(paste);
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(pasted.size(), 2);
        const engine::Component& app2 = m_doc.component(pasted[0]);
        const engine::Component& db2 = m_doc.component(pasted[1]);
        QCOMPARE(app2.id, std::string("app-2"));
        QCOMPARE(db2.id, std::string("db-2"));
        QCOMPARE(m_doc.position(pasted[0]), QPointF(430, 130));
        QCOMPARE(app2.get(Field::Servers), m_doc.component(id("app")).get(Field::Servers));
        const LinkId copied = m_doc.findLink(pasted[0], pasted[1]);
        QVERIFY(copied.isValid());
        QCOMPARE(*m_doc.link(copied).get(engine::LinkField::PoolSize), 20.0);
        const Snapshot after = snapshot(m_doc);
        stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), before);
        stack()->redo();
        HR_COMPARE_MODELS(snapshot(m_doc), after);

        // Pasting again names the copies after the original, not the copy.
        fragment.components = {app2};
        fragment.links.clear();
        auto* again = new model::PasteCommand(&m_doc, fragment, {30, 30});
        stack()->push(again);
        QCOMPARE(m_doc.component(again->pastedComponents()[0]).id, std::string("app-3"));
    }

    void pasteIntoItselfKeepsEveryIdUnique()
    {
        engine::Model fragment = m_doc.model();
        stack()->push(new model::PasteCommand(&m_doc, fragment, {0, 400}));
        std::set<std::string> ids;
        for (const engine::Component& c : m_doc.model().components)
            QVERIFY2(ids.insert(c.id).second, c.id.c_str());
        QCOMPARE(m_doc.model().links.size(), 2 * testing::webModel().links.size());
        QCOMPARE(m_doc.model().scenarios.size(), std::size_t(1)); // scenarios are not pasted
    }

    void randomEditsUndoAndRedoExactly()
    {
        // A long mixed history: undoing all of it gives the model back exactly, and
        // redoing all of it gives the edited model back exactly.
        QRandomGenerator random(7);
        const Snapshot start = snapshot(m_doc);
        for (int step = 0; step < 300; ++step) {
            const QList<ComponentId> ids = m_doc.componentIds();
            if (ids.isEmpty())
                break;
            const ComponentId target = ids[random.bounded(static_cast<int>(ids.size()))];
            switch (random.bounded(7)) {
            case 0:
                stack()->push(new model::SetComponentFieldCommand(&m_doc, {target, Field::CostPerInstanceMonth},
                                                                  random.bounded(1000)));
                break;
            case 1:
                stack()->push(new model::MoveComponentsCommand(&m_doc, {{target, {random.bounded(900.0), random.bounded(500.0)}}}));
                break;
            case 2:
                model::addComponent(m_doc, engine::ComponentKind::Worker, std::nullopt, {random.bounded(900.0), 600});
                break;
            case 3:
                if (random.bounded(3) == 0)
                    stack()->push(new model::RemoveItemsCommand(&m_doc, {target}, {}));
                break;
            case 4: {
                const ComponentId other = ids[random.bounded(static_cast<int>(ids.size()))];
                if (!model::linkProblem(m_doc, target, other))
                    stack()->push(new model::AddLinkCommand(&m_doc, model::newLink(m_doc, target, other)));
                break;
            }
            case 5:
                stack()->push(new model::SetComponentTextCommand(&m_doc, {target, model::ComponentText::Id},
                                                                 m_doc.uniqueName("renamed")));
                break;
            default:
                stack()->push(new model::SetComponentTextCommand(&m_doc, {target, model::ComponentText::Label},
                                                                 "label " + std::to_string(step)));
                break;
            }
        }
        const Snapshot end = snapshot(m_doc);
        QVERIFY(stack()->count() > 50);
        while (stack()->canUndo())
            stack()->undo();
        HR_COMPARE_MODELS(snapshot(m_doc), start);
        while (stack()->canRedo())
            stack()->redo();
        HR_COMPARE_MODELS(snapshot(m_doc), end);
    }
};

QTEST_GUILESS_MAIN(TestUndoCommands)
#include "tst_undo_commands.moc"
