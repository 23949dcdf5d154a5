// SPDX-License-Identifier: MIT
// The live solver: one solve per burst of edits, results tied to ids, errors tied
// to the component they are about, and no solve for edits that cannot change a figure.
#include "DocumentFixtures.h"

#include "document/ComponentCommands.h"
#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/RemoveItemsCommand.h"
#include "document/SetValueCommand.h"
#include "engine/Solver.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace headroom;
using engine::Field;
using model::ComponentId;
using model::Document;
using model::LiveIssue;
using model::LiveResult;
using model::LiveSolver;

Q_DECLARE_METATYPE(headroom::engine::Subject)

class TestLiveSolver : public QObject {
    Q_OBJECT

private slots:
    void solvesOnceAfterLoadAndTiesFiguresToIds()
    {
        Document doc;
        doc.load(testing::webModel());
        LiveSolver solver(&doc);
        QSignalSpy ready(&solver, &LiveSolver::resultsReady);
        QVERIFY(ready.wait());
        QCOMPARE(ready.count(), 1);
        QCOMPARE(solver.solveCount(), 1);
        const LiveResult result = ready.takeFirst().at(0).value<LiveResult>();
        QCOMPARE(result.components, doc.componentIds());
        // The same figures as the engine gives for the model itself.
        const auto direct = engine::solve(doc.model());
        QVERIFY(direct.ok());
        const ComponentId app = doc.findComponent("app");
        QVERIFY(result.find(app));
        QCOMPARE(result.find(app)->utilization, direct->components[2].utilization);
        QCOMPARE(result.result.meanResponseMs, direct->meanResponseMs);
        QCOMPARE(result.bottleneck(), doc.componentIds()[static_cast<qsizetype>(*direct->bottleneck)]);
        QVERIFY(result.pool(doc.findLink(app, doc.findComponent("db"))));
        QVERIFY(!result.pool(doc.findLink(app, doc.findComponent("cache"))));
        QVERIFY(solver.result().has_value());
        QVERIFY(solver.issues().isEmpty());
    }

    void aBurstOfEditsIsOneSolve()
    {
        Document doc;
        doc.load(testing::webModel());
        LiveSolver solver(&doc);
        QSignalSpy ready(&solver, &LiveSolver::resultsReady);
        QVERIFY(ready.wait());
        const int before = solver.solveCount();
        const ComponentId app = doc.findComponent("app");
        doc.undoStack()->push(new model::SetComponentFieldCommand(&doc, {app, Field::Servers}, 4));
        doc.undoStack()->push(new model::SetComponentFieldCommand(&doc, {app, Field::Instances}, 1));
        doc.undoStack()->push(new model::SetComponentFieldCommand(&doc, {doc.findComponent("db"), Field::Servers}, 2));
        QVERIFY(solver.isPending());
        QVERIFY(ready.wait());
        QCOMPARE(solver.solveCount(), before + 1);
        const LiveResult result = ready.takeLast().at(0).value<LiveResult>();
        QVERIFY(result.find(app)->utilization > 0.0);
        QCOMPARE(result.find(app)->utilization, engine::solve(doc.model())->components[2].utilization);
    }

    void movesAndLabelsDoNotSolve()
    {
        Document doc;
        doc.load(testing::webModel());
        LiveSolver solver(&doc);
        solver.flush();
        const int before = solver.solveCount();
        const ComponentId app = doc.findComponent("app");
        doc.undoStack()->push(new model::MoveComponentsCommand(&doc, {{app, {1, 2}}}));
        doc.undoStack()->push(new model::SetComponentTextCommand(&doc, {app, model::ComponentText::Label}, "x"));
        QVERIFY(!solver.isPending());
        doc.undoStack()->push(new model::SetComponentTextCommand(&doc, {app, model::ComponentText::Id}, "api"));
        QVERIFY(solver.isPending()); // an id shows in the errors, so a rename solves
        solver.flush();
        QCOMPARE(solver.solveCount(), before + 1);
    }

    void anInvalidModelFailsWithTheComponentAndField()
    {
        Document doc;
        doc.load(testing::webModel());
        LiveSolver solver(&doc);
        solver.flush();
        QSignalSpy failed(&solver, &LiveSolver::failed);
        const ComponentId db = doc.findComponent("db");
        // Capacity below servers: a rule between fields, so it reaches the model (the
        // inspector applies it and shows it) but never the solver.
        doc.undoStack()->push(new model::SetComponentFieldCommand(&doc, {db, Field::Capacity}, 2));
        QVERIFY(failed.wait());
        const QList<LiveIssue> issues = failed.takeFirst().at(0).value<QList<LiveIssue>>();
        QVERIFY(!issues.isEmpty()); // the model's rule, and the scenario that raises servers
        QCOMPARE(issues[0].component, db);
        QCOMPARE(issues[0].field, QStringLiteral("capacity"));
        QCOMPARE(issues[0].severity, LiveIssue::Severity::Error);
        QVERIFY(!solver.result());
        QCOMPARE(solver.issues(), issues);

        QSignalSpy ready(&solver, &LiveSolver::resultsReady);
        doc.undoStack()->undo();
        QVERIFY(ready.wait());
        QVERIFY(solver.issues().isEmpty());
    }

    void linkErrorsPointAtTheLink()
    {
        Document doc;
        doc.load(testing::webModel());
        LiveSolver solver(&doc);
        const model::LinkId l = doc.findLink(doc.findComponent("app"), doc.findComponent("cache"));
        doc.undoStack()->push(new model::SetLinkFieldCommand(&doc, {l, engine::LinkField::PoolSize}, 5));
        solver.flush();
        QVERIFY(!solver.result());
        QCOMPARE(solver.issues().size(), 1);
        QCOMPARE(solver.issues()[0].link, l);
        QCOMPARE(solver.issues()[0].component, doc.findComponent("app"));
    }

    void removedComponentsHaveNoFigures()
    {
        Document doc;
        doc.load(testing::webModel());
        LiveSolver solver(&doc);
        solver.flush();
        const ComponentId cache = doc.findComponent("cache");
        QVERIFY(solver.result()->find(cache));
        doc.undoStack()->push(new model::RemoveItemsCommand(&doc, {cache}, {}));
        solver.flush();
        QVERIFY(solver.result());
        QVERIFY(!solver.result()->find(cache));
        doc.undoStack()->undo();
        solver.flush();
        QVERIFY(solver.result()->find(cache)); // the same id again
    }

    void warningsAreTiedToComponents()
    {
        engine::Model model = testing::webModel();
        model.components[2].set(Field::HitRatio, 0.5); // ignored on an app server: a warning
        Document doc;
        doc.load(model);
        LiveSolver solver(&doc);
        solver.flush();
        QVERIFY(solver.result());
        const auto& warnings = solver.result()->warnings;
        QVERIFY(std::any_of(warnings.begin(), warnings.end(), [&](const LiveIssue& w) {
            return w.component == doc.findComponent("app") && w.severity == LiveIssue::Severity::Warning;
        }));
    }

    void subjectsAreLocated_data()
    {
        using engine::Subject;
        QTest::addColumn<Subject>("subject");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("component");
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("link");
        QTest::addColumn<QString>("message");
        const QString what = QStringLiteral("what");
        const QString whatIf = QStringLiteral("what-if: what");
        QTest::newRow("id.field") << Subject::component("app", 2, "servers") << "app.servers" << "app" << "servers"
                                  << false << what;
        QTest::newRow("id alone, by id") << Subject::component("cache") << "cache" << "cache" << "" << false << what;
        QTest::newRow("dotted id") << Subject::component("api.v2", 6, "service_ms") << "api.v2.service_ms" << "api.v2"
                                   << "service_ms" << false << what;
        QTest::newRow("index") << Subject::componentAt(1, "id") << "components[1].id" << "lb" << "id" << false << what;
        QTest::newRow("link") << Subject::link("app", "db", 3) << "link app -> db" << "app" << "" << true << what;
        QTest::newRow("link by its ends") << Subject::link("app", "db") << "link app -> db" << "app" << "" << true
                                          << what;
        QTest::newRow("pool warning") << Subject::pool("app", "db", 3) << "pool app -> db" << "app" << "" << true
                                      << what;
        QTest::newRow("link field") << Subject::link("app", "db", 3, "pool_size") << "link app -> db.pool_size"
                                    << "app" << "pool_size" << true << what;
        QTest::newRow("whole model") << Subject::model("components") << "components" << "" << "" << false << what;
        QTest::newRow("scenario") << Subject::savedScenario("Peak", "multiplier") << "scenario \"Peak\".multiplier"
                                  << "" << "multiplier" << false << what;
        const Subject peak = Subject::savedScenario("Peak");
        QTest::newRow("scenario override") << Subject::component("db", 4, "servers").within(peak)
                                           << "scenario \"Peak\".db.servers" << "db" << "servers" << false << what;
        QTest::newRow("what-if override") << Subject::component("app", 2, "instances").within(Subject::whatIf())
                                          << "what-if.app.instances" << "app" << "instances" << false << whatIf;
        QTest::newRow("what-if multiplier") << Subject::whatIf("multiplier") << "what-if.multiplier" << ""
                                            << "multiplier" << false << whatIf;
        // Regression: a component may be called "what-if"; its issues are the model's, not the layer's.
        QTest::newRow("component called what-if") << Subject::component("what-if", 7, "servers") << "what-if.servers"
                                                  << "what-if" << "servers" << false << what;
    }

    void subjectsAreLocated()
    {
        QFETCH(engine::Subject, subject);
        QFETCH(QString, text);
        QFETCH(QString, component);
        QFETCH(QString, field);
        QFETCH(bool, link);
        QFETCH(QString, message);
        engine::Model model = testing::webModel();
        model.components.push_back(testing::component("api.v2", engine::ComponentKind::Station, 0, 0));
        model.components.push_back(testing::component("what-if", engine::ComponentKind::Station, 0, 200));
        Document doc;
        doc.load(model);
        const LiveIssue issue = LiveSolver::locate(doc, {subject, "what"}, LiveIssue::Severity::Error);
        QCOMPARE(issue.subject, text);
        QCOMPARE(issue.component, component.isEmpty() ? ComponentId{} : doc.findComponent(component.toStdString()));
        QCOMPARE(issue.field, field);
        QCOMPARE(issue.link.isValid(), link);
        QCOMPARE(issue.message, message);
    }

    /// Regression: "what-if" is a valid component id. Its errors stay on the component and
    /// are the model's, not the what-if layer's (the subject text alone cannot tell them apart).
    void aComponentCalledWhatIfKeepsItsErrors()
    {
        engine::Model model = testing::webModel();
        model.components[2].id = "what-if";
        for (engine::Link& l : model.links) {
            for (std::string* end : {&l.from, &l.to}) {
                if (*end == "app")
                    *end = "what-if";
            }
        }
        for (engine::Scenario& s : model.scenarios) {
            for (engine::Override& o : s.overrides) {
                if (o.component == "app")
                    o.component = "what-if";
            }
        }
        model.components[2].set(Field::Servers, 0);
        Document doc;
        doc.load(model);
        LiveSolver solver(&doc);
        solver.flush();
        QVERIFY(!solver.result());
        const ComponentId whatIf = doc.findComponent("what-if");
        QVERIFY(whatIf.isValid());
        const auto& issues = solver.issues();
        const auto found = std::find_if(issues.begin(), issues.end(),
                                        [](const LiveIssue& i) { return i.field == QStringLiteral("servers"); });
        QVERIFY2(found != issues.end(), "no issue about servers");
        QCOMPARE(found->component, whatIf);
        QCOMPARE(found->subject, QStringLiteral("what-if.servers"));
        QVERIFY(!found->inWhatIf());
        QVERIFY2(!found->message.startsWith(QStringLiteral("what-if:")), qPrintable(found->message));
    }
};

QTEST_GUILESS_MAIN(TestLiveSolver)
#include "tst_live_solver.moc"
