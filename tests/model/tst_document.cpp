// SPDX-License-Identifier: MIT
// The document: ids, lookups, mutators and their fine-grained signals, layout on load.
#include "DocumentFixtures.h"
#include "ModelDiff.h"

#include "engine/AutoLayout.h"
#include "document/Document.h"
#include "document/SetValueCommand.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <set>

using namespace headroom;
using headroom::model::ComponentId;
using headroom::model::Document;
using headroom::model::LinkId;

class TestDocument : public QObject {
    Q_OBJECT

private slots:
    void idsAreStrongAndHashable()
    {
        QVERIFY(!ComponentId::invalid().isValid());
        QVERIFY(!LinkId{}.isValid());
        QVERIFY(ComponentId{3}.isValid());
        QCOMPARE(qHash(ComponentId{7}), qHash(ComponentId{7}));
        QHash<ComponentId, int> map;
        map.insert(ComponentId{1}, 10);
        map.insert(ComponentId{2}, 20);
        QCOMPARE(map.value(ComponentId{2}), 20);
    }

    void loadGivesEveryItemAStableUniqueId()
    {
        Document doc;
        QSignalSpy reset(&doc, &Document::modelReset);
        const engine::Model model = testing::webModel();
        doc.load(model);
        QCOMPARE(reset.count(), 1);
        HR_COMPARE_MODELS(doc.model(), model); // every component already had a position
        QCOMPARE(doc.componentIds().size(), qsizetype(model.components.size()));
        QCOMPARE(doc.linkIds().size(), qsizetype(model.links.size()));
        std::set<quint64> seen;
        for (const ComponentId id : doc.componentIds()) {
            QVERIFY(id.isValid());
            QVERIFY(seen.insert(id.value).second);
        }
        for (const LinkId id : doc.linkIds()) {
            QVERIFY(id.isValid());
            QVERIFY(seen.insert(id.value).second);
        }
        for (qsizetype i = 0; i < doc.componentIds().size(); ++i) {
            QCOMPARE(doc.indexOf(doc.componentIds()[i]), i);
            QCOMPARE(doc.component(doc.componentIds()[i]).id, model.components[static_cast<std::size_t>(i)].id);
        }
    }

    void lookups()
    {
        Document doc;
        doc.load(testing::webModel());
        const ComponentId app = doc.findComponent("app");
        const ComponentId db = doc.findComponent("db");
        QVERIFY(app.isValid());
        QVERIFY(!doc.findComponent("nope").isValid());
        const LinkId pooled = doc.findLink(app, db);
        QVERIFY(pooled.isValid());
        QVERIFY(!doc.findLink(db, app).isValid());
        QCOMPARE(doc.linkSource(pooled), app);
        QCOMPARE(doc.linkTarget(pooled), db);
        QCOMPARE(doc.linksOf(app).size(), 3); // lb -> app, app -> cache, app -> db
        QCOMPARE(doc.position(app), QPointF(400, 100));
        QCOMPARE(doc.indexOf(ComponentId{999999}), qsizetype(-1));
        QVERIFY(!doc.contains(ComponentId{999999}));
    }

    void uniqueNames()
    {
        Document doc;
        doc.load(testing::webModel());
        QCOMPARE(doc.uniqueName("app"), std::string("app-2"));
        QCOMPARE(doc.uniqueName("worker"), std::string("worker"));
        QCOMPARE(doc.uniqueName("app", {"app-2", "app-3"}), std::string("app-4"));
        QCOMPARE(doc.uniqueName(""), std::string("component"));
    }

    void loadLaysOutComponentsWithoutPositions()
    {
        engine::Model model = testing::webModel();
        for (engine::Component& c : model.components) {
            c.set(engine::Field::X, std::nullopt);
            c.set(engine::Field::Y, std::nullopt);
        }
        Document doc;
        doc.load(model);
        std::set<std::pair<double, double>> places;
        for (const engine::Component& c : doc.model().components) {
            QVERIFY(c.has(engine::Field::X));
            QVERIFY(c.has(engine::Field::Y));
            QVERIFY2(places.insert({*c.get(engine::Field::X), *c.get(engine::Field::Y)}).second, "two components share a place");
        }
        // Columns follow the traffic: each callee right of its caller.
        const auto x = [&](const char* id) { return doc.position(doc.findComponent(id)).x(); };
        QVERIFY(x("users") < x("lb"));
        QVERIFY(x("lb") < x("app"));
        QVERIFY(x("app") < x("db"));
        QVERIFY(x("db") < x("replica"));
    }

    void layoutKeepsPositionsAndPlacesNewcomersBelow()
    {
        engine::Model model = testing::webModel();
        model.components[3].set(engine::Field::X, std::nullopt); // cache
        engine::layoutMissingPositions(model);
        QCOMPARE(*model.components[0].get(engine::Field::X), 0.0);
        QCOMPARE(*model.components[2].get(engine::Field::X), 400.0);
        QVERIFY(*model.components[3].get(engine::Field::Y) > 200.0);
    }

    void layoutSurvivesRoutingCycles()
    {
        engine::Model model = testing::webModel();
        model.links.push_back(testing::link("replica", "app", 0.1));
        for (engine::Component& c : model.components)
            c.set(engine::Field::X, std::nullopt);
        engine::layoutMissingPositions(model);
        for (const engine::Component& c : model.components)
            QVERIFY(c.has(engine::Field::X));
    }

    void insertAndTakeSignal()
    {
        Document doc;
        doc.load(testing::webModel());
        QSignalSpy added(&doc, &Document::componentAdded);
        QSignalSpy removed(&doc, &Document::componentRemoved);
        QSignalSpy linkAdded(&doc, &Document::linkAdded);
        QSignalSpy linkRemoved(&doc, &Document::linkRemoved);
        const ComponentId id = doc.allocateComponentId();
        doc.insertComponent(1, id, testing::component("worker", engine::ComponentKind::Worker, 5, 5));
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.at(0).at(0).value<ComponentId>(), id);
        QCOMPARE(doc.indexOf(id), qsizetype(1));
        QCOMPARE(doc.model().components[1].id, std::string("worker"));
        QCOMPARE(doc.findComponent("worker"), id);
        QCOMPARE(doc.indexOf(doc.findComponent("lb")), qsizetype(2));

        const LinkId l = doc.allocateLinkId();
        doc.insertLink(0, l, testing::link("app", "worker"));
        QCOMPARE(linkAdded.count(), 1);
        QCOMPARE(doc.linkTarget(l), id);
        const engine::Link taken = doc.takeLink(l);
        QCOMPARE(taken.to, std::string("worker"));
        QCOMPARE(linkRemoved.count(), 1);
        const engine::Component back = doc.takeComponent(id);
        QCOMPARE(back.id, std::string("worker"));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!doc.findComponent("worker").isValid());
        HR_COMPARE_MODELS(doc.model(), testing::webModel());
    }

    void fieldChangesAreFineGrained()
    {
        Document doc;
        doc.load(testing::webModel());
        const ComponentId app = doc.findComponent("app");
        QSignalSpy changed(&doc, &Document::componentChanged);
        QSignalSpy moved(&doc, &Document::componentMoved);
        doc.setField(app, engine::Field::Servers, 12);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<ComponentId>(), app);
        QCOMPARE(changed.at(0).at(1).value<engine::Field>(), engine::Field::Servers);
        doc.setField(app, engine::Field::Servers, 12); // no change, no signal
        QCOMPARE(changed.count(), 1);
        doc.setPosition(app, 10.0, 20.0);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(doc.position(app), QPointF(10, 20));
    }

    void renameCarriesLinksAndOverrides()
    {
        Document doc;
        doc.load(testing::webModel());
        const ComponentId app = doc.findComponent("app");
        QSignalSpy text(&doc, &Document::componentTextChanged);
        QSignalSpy linkChanged(&doc, &Document::linkChanged);
        doc.setText(app, model::ComponentText::Id, "api");
        QCOMPARE(text.count(), 1);
        QCOMPARE(text.at(0).at(1).value<model::ComponentText>(), model::ComponentText::Id);
        QCOMPARE(linkChanged.count(), 3);
        QCOMPARE(doc.findComponent("api"), app);
        QVERIFY(!doc.findComponent("app").isValid());
        for (const engine::Link& l : doc.model().links) {
            QVERIFY(l.from != "app");
            QVERIFY(l.to != "app");
        }
        QCOMPARE(doc.model().scenarios[0].overrides[0].component, std::string("api"));
        QCOMPARE(doc.linksOf(app).size(), 3);
    }

    void renameOfADuplicateLeavesLinksToTheOther()
    {
        engine::Model model = testing::webModel();
        model.components.push_back(testing::component("app", engine::ComponentKind::Worker, 0, 400));
        Document doc;
        doc.load(model);
        const ComponentId second = doc.componentIds().back();
        doc.setText(second, model::ComponentText::Id, "worker");
        QCOMPARE(doc.model().links[1].to, std::string("app")); // still the first "app"
    }

    void kindChangeSignalsTheLinksToo()
    {
        Document doc;
        doc.load(testing::webModel());
        const ComponentId cache = doc.findComponent("cache");
        QSignalSpy kind(&doc, &Document::componentKindChanged);
        QSignalSpy linkChanged(&doc, &Document::linkChanged);
        doc.setKind(cache, engine::ComponentKind::Queue, std::nullopt);
        QCOMPARE(kind.count(), 1);
        QCOMPARE(linkChanged.count(), 2); // app -> cache now defaults to async
        QCOMPARE(doc.component(cache).kind, engine::ComponentKind::Queue);
    }

    void loadClearsTheHistory()
    {
        Document doc;
        doc.load(testing::webModel());
        doc.undoStack()->push(
            new model::SetComponentFieldCommand(&doc, {doc.findComponent("app"), engine::Field::Servers}, 9));
        QCOMPARE(doc.undoStack()->count(), 1);
        doc.load(testing::webModel());
        QCOMPARE(doc.undoStack()->count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDocument)
#include "tst_document.moc"
