// SPDX-License-Identifier: MIT
// Every validation rule of the contract (spec sections 1 and 5): one mutation of a valid
// model per row, and the issue it must raise with its exact subject.

#include "EngineTestSupport.h"

#include "engine/Solver.h"
#include "engine/Validation.h"
#include "io/ModelFile.h"

#include <QtCore/QDir>
#include <QtTest/QTest>

#include <functional>
#include <limits>
#include <string>

using namespace headroom::engine;
using namespace headroom::testing;

using Mutation = std::function<void(headroom::engine::Model&)>;
Q_DECLARE_METATYPE(Mutation)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// A valid model that uses every kind, pools, replication and a scenario.
Model validModel()
{
    Model m;
    m.name = "validation base";
    m.components = {
        openClients("users", 100.0),
        station("lb", 1.0, 2, ComponentKind::LoadBalancer),
        ComponentBuilder(station("app", 10.0, 4, ComponentKind::AppServer))
            .set(Field::Instances, 2)
            .set(Field::CostPerInstanceMonth, 100.0),
        ComponentBuilder(station("cache", 0.5, 2, ComponentKind::Cache)).set(Field::HitRatio, 0.8),
        ComponentBuilder(station("db", 4.0, 8, ComponentKind::Database))
            .role(DatabaseRole::Primary)
            .set(Field::MaxConnections, 100)
            .set(Field::WriteFraction, 0.3),
        ComponentBuilder(station("rep", 4.0, 8, ComponentKind::Database))
            .role(DatabaseRole::Replica)
            .set(Field::ApplyMs, 0.5)
            .set(Field::ReplicationDelayMs, 1.0),
        station("q", 1.0, 1, ComponentKind::Queue),
        ComponentBuilder("ext", ComponentKind::External).set(Field::LatencyMs, 50.0),
    };
    m.links = {route("users", "lb"),  route("lb", "app"),   route("app", "cache"), route("cache", "db"),
               route("app", "db", 0.4), route("db", "rep", 1.0, LinkKind::Replication), route("app", "q"),
               route("app", "ext", 0.1), route("app", "rep")};
    m.links[4].set(LinkField::PoolSize, 10);
    Scenario peak;
    peak.name = "Peak";
    peak.multiplier = 2.0;
    peak.overrides = {{"app", Field::Instances, 4.0}};
    m.scenarios = {peak};
    return m;
}

Component& component(Model& m, const std::string& id)
{
    return m.components[*m.indexOf(id)];
}

Link& linkBetween(Model& m, const std::string& from, const std::string& to)
{
    for (Link& l : m.links) {
        if (l.from == from && l.to == to)
            return l;
    }
    qFatal("no link %s -> %s", from.c_str(), to.c_str());
}

Mutation setField(const std::string& id, Field field, std::optional<double> value)
{
    return [=](Model& m) { component(m, id).set(field, value); };
}

Mutation addLink(const std::string& from, const std::string& to, double calls = 1.0,
                 std::optional<LinkKind> kind = std::nullopt)
{
    return [=](Model& m) { m.links.push_back(route(from, to, calls, kind)); };
}

Mutation onScenario(std::function<void(Scenario&)> change)
{
    return [=](Model& m) { change(m.scenarios.front()); };
}

} // namespace

class TestValidation : public QObject {
    Q_OBJECT

private slots:
    void baseModelIsValid();
    void rulesFireWithTheirSubject_data();
    void rulesFireWithTheirSubject();
    void warnings_data();
    void warnings();
    void componentOnItsOwn();
    void scenarioApplied();
    void idRules_data();
    void idRules();
    void publicBadModelsRejected_data();
    void publicBadModelsRejected();
};

void TestValidation::baseModelIsValid()
{
    const Model model = validModel();
    const ValidationReport report = validateModel(model);
    QVERIFY2(report.ok(), describe(report.errors).constData());
    const auto solver = Solver::create(model);
    QVERIFY2(solver.ok(), describeFailure(solver).constData());
}

void TestValidation::rulesFireWithTheirSubject_data()
{
    QTest::addColumn<Mutation>("mutation");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("words"); // a fragment the message must contain

    // Counts: integers from 1 to 10,000,000 (spec section 1).
    QTest::newRow("servers 0") << setField("app", Field::Servers, 0.0) << "app.servers" << "integer";
    QTest::newRow("servers 2.5") << setField("app", Field::Servers, 2.5) << "app.servers" << "integer";
    QTest::newRow("servers 1e308") << setField("app", Field::Servers, 1e308) << "app.servers" << "integer";
    QTest::newRow("servers 10000001") << setField("app", Field::Servers, 10000001.0) << "app.servers" << "integer";
    QTest::newRow("servers NaN") << setField("app", Field::Servers, kNaN) << "app.servers" << "integer";
    QTest::newRow("instances 0") << setField("app", Field::Instances, 0.0) << "app.instances" << "integer";
    QTest::newRow("instances 2.5") << setField("app", Field::Instances, 2.5) << "app.instances" << "integer";
    QTest::newRow("instances 1e308") << setField("app", Field::Instances, 1e308) << "app.instances" << "integer";
    QTest::newRow("capacity 2.5") << setField("app", Field::Capacity, 2.5) << "app.capacity" << "integer";
    QTest::newRow("capacity < servers") << setField("app", Field::Capacity, 3.0) << "app.capacity" << "at least servers";
    QTest::newRow("max_connections 0") << setField("db", Field::MaxConnections, 0.0) << "db.max_connections"
                                       << "integer";
    // Numbers: finite and in range.
    QTest::newRow("service_ms missing") << setField("app", Field::ServiceMs, std::nullopt) << "app.service_ms"
                                        << "required";
    QTest::newRow("service_ms 0") << setField("app", Field::ServiceMs, 0.0) << "app.service_ms" << "above 0";
    QTest::newRow("service_ms -1") << setField("app", Field::ServiceMs, -1.0) << "app.service_ms" << "above 0";
    QTest::newRow("service_ms NaN") << setField("app", Field::ServiceMs, kNaN) << "app.service_ms" << "above 0";
    QTest::newRow("service_ms infinite") << setField("app", Field::ServiceMs, kInfinity) << "app.service_ms"
                                         << "above 0";
    QTest::newRow("service_cv -0.1") << setField("app", Field::ServiceCv, -0.1) << "app.service_cv"
                                     << "from 0 to 1000, got -0.1";
    // Huge values whose products overflowed: once printed as infinity (issue 15).
    QTest::newRow("service_cv 1e300") << setField("app", Field::ServiceCv, 1e300) << "app.service_cv"
                                      << "from 0 to 1000, got 1e+300";
    QTest::newRow("hit_ratio 1.5") << setField("cache", Field::HitRatio, 1.5) << "cache.hit_ratio" << "from 0 to 1";
    QTest::newRow("hit_ratio -0.1") << setField("cache", Field::HitRatio, -0.1) << "cache.hit_ratio" << "from 0 to 1";
    QTest::newRow("hottest_share < 1/instances") << setField("app", Field::HottestShare, 0.4) << "app.hottest_share"
                                                 << "1/instances";
    QTest::newRow("hottest_share 1.1") << setField("app", Field::HottestShare, 1.1) << "app.hottest_share" << "at most 1";
    QTest::newRow("hottest_share 0") << setField("app", Field::HottestShare, 0.0) << "app.hottest_share" << "above 0";
    QTest::newRow("write_fraction 1.5") << setField("db", Field::WriteFraction, 1.5) << "db.write_fraction"
                                        << "from 0 to 1";
    QTest::newRow("apply_ms 0") << setField("rep", Field::ApplyMs, 0.0) << "rep.apply_ms" << "above 0";
    QTest::newRow("replication_delay_ms -1") << setField("rep", Field::ReplicationDelayMs, -1.0)
                                             << "rep.replication_delay_ms" << "0 or more";
    QTest::newRow("external without latency_ms") << setField("ext", Field::LatencyMs, std::nullopt)
                                                 << "ext.latency_ms" << "required";
    QTest::newRow("latency_ms -5") << setField("ext", Field::LatencyMs, -5.0) << "ext.latency_ms" << "0 or more";
    QTest::newRow("rate_rps -1") << setField("users", Field::RateRps, -1.0) << "users.rate_rps" << "0 or more";
    QTest::newRow("rate_rps infinite") << setField("users", Field::RateRps, kInfinity) << "users.rate_rps"
                                       << "0 or more";
    QTest::newRow("cost_per_instance_month -1") << setField("app", Field::CostPerInstanceMonth, -1.0)
                                                << "app.cost_per_instance_month" << "from 0 to 1000000000000";
    QTest::newRow("cost_per_instance_month 1e308") << setField("app", Field::CostPerInstanceMonth, 1e308)
                                                   << "app.cost_per_instance_month"
                                                   << "from 0 to 1000000000000, got 1e+308";
    // A value is never rounded into a valid-looking one (issue 15: "got 10000000").
    QTest::newRow("servers 9999999.999999998") << setField("app", Field::Servers, 9999999.999999998) << "app.servers"
                                               << "got 9999999.999999998";
    // The workload (spec section 1, clients).
    const Mutation closed = [](Model& m) {
        component(m, "users").set(Field::RateRps, std::nullopt);
        component(m, "users").set(Field::Users, 2.5);
    };
    QTest::newRow("users 2.5") << closed << "users.users" << "integer";
    QTest::newRow("users 1e308") << Mutation([](Model& m) {
        component(m, "users").set(Field::RateRps, std::nullopt);
        component(m, "users").set(Field::Users, 1e308);
    }) << "users.users" << "integer";
    QTest::newRow("clients with rate and users") << setField("users", Field::Users, 10.0) << "users" << "not both";
    QTest::newRow("clients with neither") << setField("users", Field::RateRps, std::nullopt) << "users.rate_rps"
                                          << "required";
    QTest::newRow("no clients") << Mutation([](Model& m) {
        m.components.erase(m.components.begin());
        m.links.erase(m.links.begin());
    }) << "components" << "no clients";
    QTest::newRow("open and closed clients mixed")
        << Mutation([](Model& m) { m.components.push_back(closedClients("testers", 5, 100.0)); }) << "components"
        << "closed workload";
    QTest::newRow("two closed clients") << Mutation([](Model& m) {
        component(m, "users").set(Field::RateRps, std::nullopt);
        component(m, "users").set(Field::Users, 5);
        m.components.push_back(closedClients("testers", 5, 100.0));
    }) << "components" << "closed workload";
    // Ids.
    QTest::newRow("duplicate id") << Mutation([](Model& m) { m.components.push_back(station("app", 1.0)); })
                                  << "app" << "duplicate id";
    // Links (spec section 1, links).
    QTest::newRow("dangling link to ghost") << addLink("app", "ghost") << "link app -> ghost"
                                            << "'ghost' is not a component";
    QTest::newRow("dangling link from ghost") << addLink("ghost", "app") << "link ghost -> app"
                                              << "'ghost' is not a component";
    QTest::newRow("duplicate link") << addLink("lb", "app", 2.0) << "link lb -> app" << "duplicate link";
    QTest::newRow("link into clients") << addLink("app", "users") << "link app -> users" << "clients";
    QTest::newRow("calls -1") << Mutation([](Model& m) { linkBetween(m, "lb", "app").set(LinkField::Calls, -1.0); })
                              << "link lb -> app" << "calls";
    QTest::newRow("calls NaN") << Mutation([](Model& m) { linkBetween(m, "lb", "app").set(LinkField::Calls, kNaN); })
                               << "link lb -> app" << "calls";
    QTest::newRow("pool into a cache") << Mutation([](Model& m) {
        linkBetween(m, "app", "cache").set(LinkField::PoolSize, 5);
    }) << "link app -> cache" << "pool_size";
    QTest::newRow("pool from clients") << Mutation([](Model& m) {
        m.links.push_back(route("users", "db"));
        m.links.back().set(LinkField::PoolSize, 5);
    }) << "link users -> db" << "pool";
    QTest::newRow("pool_size 0") << Mutation([](Model& m) { linkBetween(m, "app", "db").set(LinkField::PoolSize, 0); })
                                 << "link app -> db" << "pool_size";
    QTest::newRow("pool_size 2.5") << Mutation([](Model& m) {
        linkBetween(m, "app", "db").set(LinkField::PoolSize, 2.5);
    }) << "link app -> db" << "pool_size";
    QTest::newRow("pool_size 1e308") << Mutation([](Model& m) {
        linkBetween(m, "app", "db").set(LinkField::PoolSize, 1e308);
    }) << "link app -> db" << "pool_size";
    QTest::newRow("pool on a replication link") << Mutation([](Model& m) {
        linkBetween(m, "db", "rep").set(LinkField::PoolSize, 5);
    }) << "link db -> rep" << "no pool";
    QTest::newRow("pool_overhead_ms -1") << Mutation([](Model& m) {
        linkBetween(m, "app", "db").set(LinkField::PoolOverheadMs, -1.0);
    }) << "link app -> db" << "pool_overhead_ms";
    // Replication links: from a primary database to a replica, one primary per replica.
    QTest::newRow("replication from a replica") << addLink("rep", "db", 1.0, LinkKind::Replication)
                                                << "link rep -> db" << "role primary";
    QTest::newRow("replication from an app server") << addLink("app", "rep", 2.0, LinkKind::Replication)
                                                    << "link app -> rep" << "role primary";
    QTest::newRow("replication into a primary") << Mutation([](Model& m) {
        m.components.push_back(station("db2", 4.0, 8, ComponentKind::Database));
        m.links.push_back(route("db", "db2", 1.0, LinkKind::Replication));
    }) << "link db -> db2" << "role replica";
    QTest::newRow("replica with two primaries") << Mutation([](Model& m) {
        m.components.push_back(station("db2", 4.0, 8, ComponentKind::Database));
        m.links.push_back(route("db2", "rep", 1.0, LinkKind::Replication));
    }) << "link db2 -> rep" << "one primary";
    // Scenario overrides are validated like the fields themselves.
    QTest::newRow("scenario: unknown component")
        << onScenario([](Scenario& s) { s.overrides.push_back({"ghost", Field::Servers, 2.0}); })
        << "scenario \"Peak\".ghost" << "not a component";
    QTest::newRow("scenario: field of another kind")
        << onScenario([](Scenario& s) { s.overrides.push_back({"app", Field::HitRatio, 0.5}); })
        << "scenario \"Peak\".app.hit_ratio" << "does not apply";
    QTest::newRow("scenario: servers 0")
        << onScenario([](Scenario& s) { s.overrides.push_back({"app", Field::Servers, 0.0}); })
        << "scenario \"Peak\".app.servers" << "integer";
    QTest::newRow("scenario: instances 2.5")
        << onScenario([](Scenario& s) { s.overrides.front().value = 2.5; }) << "scenario \"Peak\".app.instances"
        << "integer";
    QTest::newRow("scenario: capacity below the new servers") << Mutation([](Model& m) {
        component(m, "app").set(Field::Capacity, 8.0);
        m.scenarios.front().overrides.push_back({"app", Field::Servers, 16.0});
    }) << "scenario \"Peak\".app.capacity" << "at least servers";
    QTest::newRow("scenario: hottest_share below 1/new instances") << Mutation([](Model& m) {
        component(m, "app").set(Field::HottestShare, 0.5);     // valid for today's 2 instances
        m.scenarios.front().overrides.front().value = 1.0;     // one instance: the share must be 1
    }) << "scenario \"Peak\".app.hottest_share" << "1/instances";
    QTest::newRow("scenario: duplicate names") << Mutation([](Model& m) { m.scenarios.push_back(m.scenarios.front()); })
                                               << "scenario \"Peak\"" << "unique";
    QTest::newRow("scenario: multiplier 0") << onScenario([](Scenario& s) { s.multiplier = 0.0; })
                                            << "scenario \"Peak\".multiplier" << "above 0";
    QTest::newRow("scenario: multiplier NaN") << onScenario([](Scenario& s) { s.multiplier = kNaN; })
                                              << "scenario \"Peak\".multiplier" << "above 0";
    QTest::newRow("scenario: no name") << onScenario([](Scenario& s) { s.name.clear(); }) << "scenarios" << "name";
    // Routing loops are found when the network is compiled (Solver::create).
    QTest::newRow("routing loop: self-loop calls 1") << addLink("app", "app", 1.0) << "app" << "E_ROUTING_LOOP";
}

void TestValidation::rulesFireWithTheirSubject()
{
    QFETCH(Mutation, mutation);
    QFETCH(QString, subject);
    QFETCH(QString, words);
    Model model = validModel();
    mutation(model);
    // Every way in reports it: validateModel (except routing loops), Solver::create and solve().
    const auto solver = Solver::create(model);
    QVERIFY2(!solver.ok(), "the broken model was accepted");
    const Issues& issues = solver.issues();
    bool found = false;
    for (const Issue& issue : issues) {
        if (subjectText(issue.subject) == subject.toStdString() &&
            issue.message.find(words.toStdString()) != std::string::npos)
            found = true;
        QVERIFY2(!issue.message.empty(), "an issue without a message");
    }
    QVERIFY2(found, qPrintable("no issue [" + subject + "] containing \"" + words + "\" among:" + describe(issues)));
    QVERIFY(!solve(model).ok());
    if (!words.contains("E_ROUTING_LOOP")) {
        const ValidationReport report = validateModel(model);
        QVERIFY2(hasSubject(report.errors, subject.toStdString()), describe(report.errors).constData());
    }
}

// Things that are ignored rather than wrong warn, and the model still solves.
void TestValidation::warnings_data()
{
    QTest::addColumn<Mutation>("mutation");
    QTest::addColumn<QString>("words");
    QTest::newRow("hit_ratio on an app server") << setField("app", Field::HitRatio, 0.5) << "app: hit_ratio is ignored";
    QTest::newRow("apply_ms on a primary") << setField("db", Field::ApplyMs, 1.0) << "db: apply_ms is ignored";
    QTest::newRow("write_fraction on a replica") << setField("rep", Field::WriteFraction, 0.5)
                                                 << "rep: write_fraction is ignored";
    QTest::newRow("think_ms with rate_rps") << setField("users", Field::ThinkMs, 100.0) << "think_ms is ignored";
    QTest::newRow("role on a non-database") << Mutation([](Model& m) { component(m, "app").role = DatabaseRole::Replica; })
                                            << "app: role is ignored";
    QTest::newRow("pool_overhead_ms without pool_size") << Mutation([](Model& m) {
        linkBetween(m, "app", "cache").set(LinkField::PoolOverheadMs, 1.0);
    }) << "pool_overhead_ms is ignored";
}

void TestValidation::warnings()
{
    QFETCH(Mutation, mutation);
    QFETCH(QString, words);
    Model model = validModel();
    mutation(model);
    const ValidationReport report = validateModel(model);
    QVERIFY2(report.ok(), describe(report.errors).constData());
    bool found = false;
    for (const Issue& w : report.warnings)
        found = found || issueText(w).find(words.toStdString()) != std::string::npos;
    QVERIFY2(found, qPrintable("no warning containing \"" + words + "\""));
    const auto solver = Solver::create(model);
    QVERIFY(solver.ok());
}

// validateComponent (the inspector's check) gives the same subjects for one component.
void TestValidation::componentOnItsOwn()
{
    Component c = ComponentBuilder(station("web", 5.0, 4)).set(Field::Capacity, 2).set(Field::Instances, 3).set(
        Field::HottestShare, 0.2);
    const Issues issues = validateComponent(c);
    QVERIFY2(hasSubject(issues, "web.capacity"), describe(issues).constData());
    QVERIFY2(hasSubject(issues, "web.hottest_share"), describe(issues).constData());
    QCOMPARE(issues.size(), std::size_t(2));
    c.set(Field::Capacity, 4);
    c.set(Field::HottestShare, 1.0 / 3.0);
    QVERIFY2(validateComponent(c).empty(), describe(validateComponent(c)).constData());
}

// applyScenario: the overrides land on the model and the multiplier comes with them;
// an unknown scenario is an issue about --scenario that lists the known ones.
void TestValidation::scenarioApplied()
{
    const Model model = validModel();
    const auto applied = applyScenario(model, "Peak");
    QVERIFY(applied.ok());
    QCOMPARE(applied->multiplier, 2.0);
    QCOMPARE(applied->model.components[*model.indexOf("app")].get(Field::Instances), std::optional<double>(4.0));
    const auto missing = applyScenario(model, "Black Friday");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.issues().front().subject, Subject::argument("--scenario"));
    QVERIFY(missing.issues().front().message.find("\"Peak\"") != std::string::npos);
}

// Ids: 1 to 64 letters, digits, '_', '-', '.'.
void TestValidation::idRules_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << "app" << true;
    QTest::newRow("all allowed characters") << "A-z_0.9" << true;
    QTest::newRow("64 characters") << QString(64, 'x') << true;
    QTest::newRow("65 characters") << QString(65, 'x') << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("space") << "my app" << false;
    QTest::newRow("slash") << "a/b" << false;
    QTest::newRow("non-ASCII") << QString::fromUtf8("caf\xc3\xa9") << false;
}

void TestValidation::idRules()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    const std::string text = id.toStdString();
    QCOMPARE(isValidId(text), valid);
    Model model = validModel();
    model.components.push_back(station(text, 1.0));
    const ValidationReport report = validateModel(model);
    const std::string subject = "components[" + std::to_string(model.components.size() - 1) + "].id";
    QCOMPARE(hasSubject(report.errors, subject), !valid);
}

// The public malformed models (reference/bad) are each rejected somewhere on the way in.
void TestValidation::publicBadModelsRejected_data()
{
    QTest::addColumn<QString>("path");
    const QDir bad(QStringLiteral(HEADROOM_SHARED_DIR) + "/reference/bad");
    const QStringList files = bad.entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable("no bad models under " + bad.path()));
    for (const QString& name : files)
        QTest::newRow(qPrintable(name)) << bad.filePath(name);
}

void TestValidation::publicBadModelsRejected()
{
    QFETCH(QString, path);
    const auto loaded = headroom::model::loadModelFile(path);
    if (!loaded.ok()) {
        QVERIFY(!loaded.issues().empty());
        return;
    }
    const auto solver = Solver::create(loaded.value());
    QVERIFY2(!solver.ok(), "a malformed model was accepted");
    QVERIFY(!solver.issues().empty());
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
