// SPDX-License-Identifier: MIT
// An advisor's recommendation applied to the document (pushModelEdits): one undo step
// that makes the very model the advisor verified (added components may move to a
// clear spot), and whose undo gives back the identical model, byte for byte in JSON,
// with the same ids. Every fix of every finding of the advisor's fixtures and of the
// bundled examples is replayed; together they cover every pattern.
#include "AdvisorTestModels.h"
#include "ModelDiff.h"

#include "document/ComponentCommands.h"
#include "document/Document.h"
#include "document/LinkCommands.h"
#include "document/ModelEditCommands.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"

#include <QtTest/QTest>

#include <set>

using namespace headroom;
namespace fixtures = headroom::testing::advisor;

namespace {

/// `expected` with every component's position taken from `actual` (the editor may move
/// an added component off another card; nothing else may differ).
engine::Model withPositionsOf(engine::Model expected, const engine::Model& actual)
{
    for (engine::Component& c : expected.components) {
        if (const auto i = actual.indexOf(c.id)) {
            for (const engine::Field f : {engine::Field::X, engine::Field::Y})
                c.set(f, actual.components[*i].get(f));
        }
    }
    return expected;
}

struct Case {
    QString name;
    engine::Model model;
    double multiplier = 10.0;
};

QList<Case> cases()
{
    QList<Case> out{
        {QStringLiteral("onlySaturates"), fixtures::onlySaturates()},
        {QStringLiteral("readHeavyPrimary"), fixtures::readHeavyPrimary()},
        {QStringLiteral("onlyNPlusOne"), fixtures::onlyNPlusOne()},
        {QStringLiteral("onlyPoolWait"), fixtures::onlyPoolWait()},
        {QStringLiteral("onlyConnections"), fixtures::onlyConnections()},
        {QStringLiteral("onlyStateful"), fixtures::onlyStateful()},
        {QStringLiteral("onlyOverEngineering"), fixtures::onlyOverEngineering()},
        {QStringLiteral("idleCache"), fixtures::idleCache()},
        {QStringLiteral("idleReplica"), fixtures::idleReplica()},
        {QStringLiteral("slowReports"), fixtures::slowReports()},
        {QStringLiteral("hotWorker"), fixtures::hotWorker()},
    };
    for (const QString& file : fixtures::exampleFiles()) {
        auto model = model::loadModelFile(file);
        if (model)
            out.append({QFileInfo(file).completeBaseName(), std::move(model).value()});
    }
    return out;
}

} // namespace

class TestModelEditCommands : public QObject {
    Q_OBJECT

private slots:
    void everyFixAppliesAndUndoesToTheIdenticalModel()
    {
        std::set<engine::Pattern> seen;
        int replayed = 0;
        for (const Case& c : cases()) {
            model::Document document;
            document.load(c.model); // gives positions to the fixtures, which have none
            const engine::Model base = document.model();
            const QByteArray baseJson = model::writeModelJson(base);
            const QList<model::ComponentId> baseIds = document.componentIds();
            const QList<model::LinkId> baseLinkIds = document.linkIds();
            auto advice = engine::advise(base, {c.multiplier});
            QVERIFY2(advice.ok(), qPrintable(c.name));
            for (const engine::Finding& finding : advice->findings) {
                std::vector<const engine::Recommendation*> fixes;
                if (finding.recommendation)
                    fixes.push_back(&*finding.recommendation);
                for (const engine::Recommendation& alternative : finding.alternatives)
                    fixes.push_back(&alternative);
                for (const engine::Recommendation* fix : fixes) {
                    const QString what = c.name + QStringLiteral(": ") + QString::fromStdString(fix->summary);
                    const auto verified = engine::applyEdits(base, fix->edits);
                    QVERIFY2(verified.ok(), qPrintable(what));
                    const int steps = document.undoStack()->index(); // the last fix was undone

                    QVERIFY2(!model::pushModelEdits(document, fix->edits, QStringLiteral("fix")), qPrintable(what));
                    QCOMPARE(document.undoStack()->count(), steps + 1); // one step
                    QCOMPARE(document.undoStack()->index(), steps + 1);
                    QCOMPARE(document.undoStack()->text(steps), QStringLiteral("fix"));
                    const engine::Model applied = document.model();
                    QVERIFY2(applied == withPositionsOf(*verified, applied), qPrintable(what));
                    const QByteArray appliedJson = model::writeModelJson(applied);

                    document.undoStack()->undo();
                    QVERIFY2(model::writeModelJson(document.model()) == baseJson, qPrintable(what));
                    QVERIFY2(document.model() == base, qPrintable(what));
                    QCOMPARE(document.componentIds(), baseIds);
                    QCOMPARE(document.linkIds(), baseLinkIds);

                    document.undoStack()->redo();
                    QVERIFY2(model::writeModelJson(document.model()) == appliedJson, qPrintable(what));
                    document.undoStack()->undo();
                    QVERIFY2(model::writeModelJson(document.model()) == baseJson, qPrintable(what));

                    seen.insert(fix->pattern);
                    ++replayed;
                }
            }
        }
        QVERIFY(replayed > 20);
        for (const engine::Pattern pattern :
             {engine::Pattern::MoreInstances, engine::Pattern::BiggerInstances, engine::Pattern::Cache,
              engine::Pattern::ReadReplicas, engine::Pattern::ConnectionPool, engine::Pattern::ExternalPooler,
              engine::Pattern::Queue, engine::Pattern::Sharding, engine::Pattern::LoadShedding,
              engine::Pattern::Stateless, engine::Pattern::Simplify}) {
            QVERIFY2(seen.count(pattern), engine::patternName(pattern).data());
        }
    }

    void addedComponentsLandOnAClearSpot()
    {
        // The cache the advisor adds in front of a database sits above it; a card
        // already there makes the editor move it to the nearest clear spot.
        engine::Model m = fixtures::readHeavyPrimary();
        model::Document document;
        document.load(m);
        auto advice = engine::advise(document.model());
        QVERIFY(advice.ok());
        const engine::Recommendation* cache = nullptr;
        for (const engine::Finding& f : advice->findings) {
            for (const engine::Recommendation& r : f.alternatives) {
                if (r.pattern == engine::Pattern::Cache)
                    cache = &r;
            }
            if (f.recommendation && f.recommendation->pattern == engine::Pattern::Cache)
                cache = &*f.recommendation;
        }
        QVERIFY(cache);
        const auto* add = std::get_if<engine::AddComponent>(&cache->edits.front());
        QVERIFY(add);
        // Put a card exactly where the cache wants to go.
        engine::Component blocker;
        blocker.id = "blocker";
        blocker.kind = engine::ComponentKind::External;
        blocker.set(engine::Field::LatencyMs, 1.0);
        blocker.set(engine::Field::X, add->component.get(engine::Field::X));
        blocker.set(engine::Field::Y, add->component.get(engine::Field::Y));
        document.undoStack()->push(new model::AddComponentCommand(&document, blocker));
        QVERIFY(!model::pushModelEdits(document, cache->edits, QStringLiteral("cache")));
        const QPointF placed = document.position(document.findComponent(add->component.id));
        const QPointF blocked = document.position(document.findComponent("blocker"));
        QVERIFY(std::abs(placed.x() - blocked.x()) >= 144 || std::abs(placed.y() - blocked.y()) >= 72);
        QVERIFY(QLineF(placed, blocked).length() < 400); // still near what it serves
    }

    void editsThatNoLongerFitPushNothing()
    {
        model::Document document;
        document.load(fixtures::onlySaturates());
        const std::vector<engine::ModelEdit> edits{engine::SetField{"db", engine::Field::Servers, 16.0},
                                                   engine::SetField{"gone", engine::Field::Servers, 2.0}};
        const auto problem = model::pushModelEdits(document, edits, QStringLiteral("stale"));
        QVERIFY(problem);
        QVERIFY(problem->contains(QStringLiteral("edits[1]")));
        QCOMPARE(document.undoStack()->count(), 0);
        QCOMPARE(document.component(document.findComponent("db")).get(engine::Field::Servers), 4.0);
    }

    void retargetKeepsTheLinksPlaceAndId()
    {
        model::Document document;
        document.load(fixtures::onlyPoolWait());
        const engine::Model before = document.model();
        const model::LinkId link = document.findLink(document.findComponent("lb"), document.findComponent("db"));
        const qsizetype index = document.indexOf(link);
        document.undoStack()->push(new model::RetargetLinkCommand(&document, link, "users", "db"));
        QCOMPARE(document.indexOf(link), index);
        QCOMPARE(document.link(link).from, std::string("users"));
        QCOMPARE(document.link(link).get(engine::LinkField::PoolSize), 4.0);
        document.undoStack()->undo();
        HR_COMPARE_MODELS(document.model(), before);
        QCOMPARE(document.indexOf(link), index);
    }
};

QTEST_GUILESS_MAIN(TestModelEditCommands)
#include "tst_model_edit_commands.moc"
