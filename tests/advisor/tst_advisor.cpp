// SPDX-License-Identifier: MIT
// The playbook advisor (spec section 8): one model per finding kind that triggers
// exactly that finding; every recommendation, on every test model and every bundled
// example, applied and re-solved removes its finding; sizes and costs worked by hand.
#include "AdvisorTestModels.h"

#include "engine/Advisor.h"
#include "engine/Solver.h"
#include "io/ModelFile.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace headroom::engine;
using namespace headroom::testing::advisor;

Q_DECLARE_METATYPE(headroom::engine::FindingKind)
Q_DECLARE_METATYPE(headroom::engine::Severity)

namespace {

constexpr double kExact = 1e-12;

const Finding* findingOf(const std::vector<Finding>& findings, FindingKind kind, const std::string& component)
{
    for (const Finding& f : findings) {
        if (f.kind == kind && f.component == component)
            return &f;
    }
    return nullptr;
}

const Recommendation* byPattern(const Finding& f, Pattern pattern)
{
    if (f.recommendation && f.recommendation->pattern == pattern)
        return &*f.recommendation;
    for (const Recommendation& r : f.alternatives) {
        if (r.pattern == pattern)
            return &r;
    }
    return nullptr;
}

Model applied(const Model& model, const Recommendation& r)
{
    auto out = applyEdits(model, r.edits);
    if (!out)
        qWarning("%s", out.issues().front().message.c_str());
    return std::move(out).value();
}

double sizing(const Recommendation& r, std::string_view key)
{
    const auto v = figureValue(r.sizing, key);
    return v.value_or(std::nan(""));
}

/// Monthly cost by hand: cost_per_instance_month x instances, summed.
double monthly(const Model& model)
{
    double total = 0.0;
    for (const Component& c : model.components)
        total += c.valueOr(Field::CostPerInstanceMonth, 0.0) * (isStation(c.kind) ? c.valueOr(Field::Instances, 1.0) : 1.0);
    return total;
}

/// Erlang C by the textbook sums, independent of the engine's recursion (small c only).
double textbookErlangC(int c, double a)
{
    double term = 1.0;
    double sum = 1.0; // k = 0
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double top = term * a / c * c / (c - a);
    return top / (sum + top);
}

int smallestPool(double offered, double target)
{
    int p = static_cast<int>(std::floor(offered)) + 1;
    while (textbookErlangC(p, offered) > target)
        ++p;
    return p;
}

/// Mean response of an M/M/c station in ms, from the textbook formulas.
double mmcResponseMs(int c, double rateRps, double serviceMs)
{
    const double mu = 1000.0 / serviceMs;
    const double a = rateRps / mu;
    return 1000.0 * (textbookErlangC(c, a) / (c * mu - rateRps) + 1.0 / mu);
}

Model loadExample(const QString& path)
{
    auto model = headroom::model::loadModelFile(path);
    if (!model)
        qWarning("%s", model.issues().front().message.c_str());
    return std::move(model).value();
}

} // namespace

class TestAdvisor : public QObject {
    Q_OBJECT

private slots:
    void exactlyOneFinding_data()
    {
        QTest::addColumn<Model>("model");
        QTest::addColumn<FindingKind>("kind");
        QTest::addColumn<QString>("component");
        QTest::addColumn<Severity>("severity");
        QTest::newRow("saturates: write-only primary") << onlySaturates() << FindingKind::Saturates << "db"
                                                        << Severity::Critical;
        QTest::newRow("n_plus_one: 2 instances at 75%") << onlyNPlusOne() << FindingKind::NPlusOne << "app"
                                                         << Severity::Critical;
        QTest::newRow("replica_lag: p99 1075 ms") << onlyReplicaLag(1.9) << FindingKind::ReplicaLag << "replica"
                                                  << Severity::Warning;
        QTest::newRow("replica_lag: apply thread at 1.25") << onlyReplicaLag(2.5) << FindingKind::ReplicaLag
                                                           << "replica" << Severity::Critical;
        QTest::newRow("pool_wait: 4 connections, 2.5 busy") << onlyPoolWait() << FindingKind::PoolWait << "lb"
                                                             << Severity::Warning;
        QTest::newRow("connections: 200 of 100") << onlyConnections() << FindingKind::Connections << "db"
                                                 << Severity::Critical;
        QTest::newRow("stateful: 3 instances") << onlyStateful() << FindingKind::Stateful << "app" << Severity::Warning;
        QTest::newRow("over_engineering: 4 shards at 2.5%") << onlyOverEngineering() << FindingKind::OverEngineering
                                                            << "db" << Severity::Info;
        QTest::newRow("over_engineering: an idle cache") << idleCache() << FindingKind::OverEngineering << "cache"
                                                         << Severity::Info;
        QTest::newRow("over_engineering: an idle replica") << idleReplica() << FindingKind::OverEngineering
                                                           << "replica" << Severity::Info;
    }

    void exactlyOneFinding()
    {
        QFETCH(Model, model);
        QFETCH(FindingKind, kind);
        QFETCH(QString, component);
        QFETCH(Severity, severity);
        const auto solver = Solver::create(model);
        QVERIFY(solver.ok());
        const auto findings = detectFindings(*solver);
        QVERIFY(findings.ok());
        QByteArray found;
        for (const Finding& f : *findings)
            found += QByteArray(findingKindName(f.kind).data()) + " " + f.component.c_str() + "; ";
        QVERIFY2(findings->size() == 1, found.constData());
        const Finding& f = findings->front();
        QCOMPARE(f.kind, kind);
        QCOMPARE(QString::fromStdString(f.component), component);
        QCOMPARE(f.severity, severity);
        QVERIFY(!f.message.empty());
        QVERIFY(!f.evidence.empty());
    }

    /// Every shown change, applied and re-solved, removes its finding; load shedding
    /// (which adds no capacity) leaves the station answering from a bounded queue.
    void everyRecommendationFixesItsFinding_data()
    {
        QTest::addColumn<Model>("model");
        QTest::newRow("saturates") << onlySaturates();
        QTest::newRow("read-heavy primary") << readHeavyPrimary();
        QTest::newRow("n_plus_one") << onlyNPlusOne();
        QTest::newRow("replica lag") << onlyReplicaLag(1.9);
        QTest::newRow("pool wait") << onlyPoolWait();
        QTest::newRow("connections") << onlyConnections();
        QTest::newRow("stateful") << onlyStateful();
        QTest::newRow("shards") << onlyOverEngineering();
        QTest::newRow("idle cache") << idleCache();
        QTest::newRow("idle replica") << idleReplica();
        QTest::newRow("slow reports") << slowReports();
        QTest::newRow("hot worker") << hotWorker();
        for (const QString& file : exampleFiles())
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << loadExample(file);
    }

    void everyRecommendationFixesItsFinding()
    {
        QFETCH(Model, model);
        const Model original = model;
        const auto advice = advise(model);
        QVERIFY(advice.ok());
        QCOMPARE(model, original);
        int checked = 0;
        for (const Finding& f : advice->findings) {
            for (const RejectedPattern& r : f.notOffered)
                QVERIFY2(r.reason.find("edits do not apply") == std::string::npos, r.reason.c_str());
            std::vector<const Recommendation*> shown;
            if (f.recommendation)
                shown.push_back(&*f.recommendation);
            for (const Recommendation& r : f.alternatives)
                shown.push_back(&r);
            QVERIFY2(f.recommendation || f.alternatives.empty(), f.message.c_str());
            for (const Recommendation* r : shown) {
                const QByteArray what = QByteArray(findingKindName(f.kind).data()) + " " + f.component.c_str() + " by " +
                                        patternName(r->pattern).data();
                const Model changed = applied(model, *r);
                const auto solver = Solver::create(changed);
                QVERIFY2(solver.ok(), what.constData());
                const auto after = detectFindings(*solver, advice->options);
                QVERIFY(after.ok());
                const bool still = std::any_of(after->begin(), after->end(), [&](const Finding& g) {
                    return g.kind == f.kind && g.component == f.component && g.linkTo == f.linkTo;
                });
                if (r->addsCapacity) {
                    QVERIFY2(!still, what.constData());
                    // A saturating station is brought to the target, not just under 1.
                    if (f.kind == FindingKind::Saturates) {
                        const SolveResult result = solver->solve({advice->options.multiplier, false});
                        const double u = result.components[*changed.indexOf(f.component)].offeredUtilization;
                        QVERIFY2(u <= advice->options.targetUtilization * (1 + 1e-12), what.constData());
                        HR_COMPARE_REL(*figureValue(r->after, "utilization"), u, kExact);
                    }
                } else {
                    QCOMPARE(r->pattern, Pattern::LoadShedding);
                    const SolveResult result = solver->solve({advice->options.multiplier, false});
                    QVERIFY2(!result.components[*changed.indexOf(f.component)].saturated, what.constData());
                }
                // The cost is the changed model's monthly cost minus today's.
                QVERIFY2(headroom::testing::isClose(r->costDeltaPerMonth, monthly(changed) - monthly(model), 1e-9) ||
                             std::fabs(r->costDeltaPerMonth - (monthly(changed) - monthly(model))) < 1e-9,
                         what.constData());
                QCOMPARE(r->before.size(), r->after.size());
                QVERIFY(!r->summary.empty());
                ++checked;
            }
        }
        if (!advice->findings.empty() && advice->workload == Workload::Open)
            QVERIFY(checked > 0 || std::all_of(advice->findings.begin(), advice->findings.end(),
                                               [](const Finding& f) { return !f.advice.empty() || !f.notOffered.empty(); }));
    }

    /// The recommendation's "after" figures are those of the changed model re-solved at X.
    void afterComesFromTheChangedModel()
    {
        const Model model = readHeavyPrimary();
        const auto advice = advise(model);
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::Saturates, "db");
        QVERIFY(f);
        for (const Recommendation* r : {byPattern(*f, Pattern::BiggerInstances), byPattern(*f, Pattern::Cache),
                                        byPattern(*f, Pattern::ReadReplicas)}) {
            QVERIFY(r);
            const auto result = solve(applied(model, *r), {10.0, false});
            QVERIFY(result.ok());
            HR_COMPARE_REL(*figureValue(r->after, "utilization"),
                                  result->components[*applied(model, *r).indexOf("db")].offeredUtilization, kExact);
            HR_COMPARE_REL(*figureValue(r->before, "utilization"), 1.0, 1e-12);
        }
    }

    void saturatesWorkedByHand()
    {
        const auto advice = advise(onlySaturates());
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::Saturates, "db");
        QVERIFY(f);
        HR_COMPARE_REL(*figureValue(f->evidence, "saturates_at"), 4.0, kExact); // 1 / (100 x 10 / 1000 / 4)
        HR_COMPARE_REL(*figureValue(f->evidence, "utilization"), 2.5, kExact);
        // Unpriced: every change costs 0, so the simpler pattern (vertical first) wins.
        QVERIFY(f->recommendation);
        QCOMPARE(f->recommendation->pattern, Pattern::BiggerInstances);
        QCOMPARE(sizing(*f->recommendation, "servers"), 15.0);
        HR_COMPARE_REL(*figureValue(f->recommendation->after, "utilization"), 10.0 / 15.0, kExact);
        const Recommendation* shards = byPattern(*f, Pattern::Sharding);
        QVERIFY(shards);
        QCOMPARE(sizing(*shards, "shards"), 4.0);
        HR_COMPARE_REL(*figureValue(shards->after, "utilization"), 2.5 / 4.0, kExact);
        // A primary is not scaled out, and a write-only database has nothing to cache or replicate.
        for (const Pattern p : {Pattern::MoreInstances, Pattern::Cache, Pattern::ReadReplicas})
            QVERIFY(std::any_of(f->notOffered.begin(), f->notOffered.end(),
                                [p](const RejectedPattern& r) { return r.pattern == p; }));
    }

    void readHeavyPrimaryWorkedByHand()
    {
        const auto advice = advise(readHeavyPrimary());
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::Saturates, "db");
        QVERIFY(f);
        QVERIFY(f->recommendation);
        // The cheapest: a 6-server machine at 100 x 6 / 4 = 150 (+50).
        QCOMPARE(f->recommendation->pattern, Pattern::BiggerInstances);
        QCOMPARE(sizing(*f->recommendation, "servers"), 6.0);
        HR_COMPARE_REL(f->recommendation->costDeltaPerMonth, 50.0, kExact);

        const Recommendation* cache = byPattern(*f, Pattern::Cache);
        QVERIFY(cache);
        HR_COMPARE_REL(sizing(*cache, "hit_ratio_needed"), 0.375, kExact);
        HR_COMPARE_REL(sizing(*cache, "hit_ratio"), 0.38, kExact);
        HR_COMPARE_REL(sizing(*cache, "read_rps"), 800.0, kExact);
        HR_COMPARE_REL(cache->costDeltaPerMonth, 150.0, kExact);
        // 1000 - 0.38 x 800 = 696 rps: 696 x 4 / 1000 / 4.
        HR_COMPARE_REL(*figureValue(cache->after, "utilization"), 0.696, 1e-12);
        // The write stream is unchanged: 200 writes of 696 rps.
        const Model cached = applied(readHeavyPrimary(), *cache);
        HR_COMPARE_REL(cached.components[*cached.indexOf("db")].valueOr(Field::WriteFraction, 1.0), 200.0 / 696.0,
                              1e-9);

        const Recommendation* replicas = byPattern(*f, Pattern::ReadReplicas);
        QVERIFY(replicas);
        QCOMPARE(sizing(*replicas, "replicas"), 2.0);
        HR_COMPARE_REL(replicas->costDeltaPerMonth, 200.0, kExact);
        HR_COMPARE_REL(*figureValue(replicas->after, "utilization"), 0.2, 1e-12); // 200 x 4 / 1000 / 4
        const Model replicated = applied(readHeavyPrimary(), *replicas);
        const auto r = replicated.indexOf("db_replica");
        QVERIFY(r);
        QCOMPARE(replicated.components[*r].effectiveRole(), DatabaseRole::Replica);
        QCOMPARE(replicated.components[*r].valueOr(Field::Instances, 1.0), 2.0);
        QCOMPARE(replicated.components[*replicated.indexOf("db")].valueOr(Field::WriteFraction, 1.0), 1.0);
        QVERIFY(std::any_of(f->notOffered.begin(), f->notOffered.end(),
                            [](const RejectedPattern& p) { return p.pattern == Pattern::Sharding; }));
    }

    void nPlusOneWorkedByHand()
    {
        const auto advice = advise(onlyNPlusOne());
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::NPlusOne, "app");
        QVERIFY(f && f->recommendation);
        QCOMPARE(f->recommendation->pattern, Pattern::MoreInstances);
        QCOMPARE(sizing(*f->recommendation, "instances"), 3.0);
        HR_COMPARE_REL(*figureValue(f->recommendation->before, "utilization_after_loss"), 1.5, kExact);
        HR_COMPARE_REL(*figureValue(f->recommendation->after, "utilization_after_loss"), 0.75, kExact);
    }

    void singleInstanceIsAWarning()
    {
        const Model model = headroom::testing::ModelBuilder()
                                .clients("users", 10)
                                .component("app", ComponentKind::AppServer, {{Field::Servers, 4}, {Field::ServiceMs, 10}})
                                .link("users", "app")
                                .model();
        const auto advice = advise(model);
        QVERIFY(advice.ok());
        QCOMPARE(advice->findings.size(), std::size_t{1});
        const Finding& f = advice->findings.front();
        QCOMPARE(f.kind, FindingKind::NPlusOne);
        QCOMPARE(f.severity, Severity::Warning);
        QVERIFY(f.recommendation);
        // 100 rps x 10 ms / 4 = 0.25 at 10x: floor(0.25) + 2 = 2 instances.
        QCOMPARE(sizing(*f.recommendation, "instances"), 2.0);
        QVERIFY(!figureValue(f.recommendation->before, "utilization_after_loss")); // nothing left: infinite
    }

    void replicaLagHasAdviceNotAnInventedFix()
    {
        const auto advice = advise(onlyReplicaLag(1.9));
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::ReplicaLag, "replica");
        QVERIFY(f);
        QVERIFY(!f->recommendation);
        QVERIFY(f->advice.find("primary") != std::string::npos);
        // p99 = 900 + ln(100) x 1.9 / (1 - 500 x 1.9 / 1000).
        HR_COMPARE_REL(*figureValue(f->evidence, "p99_lag_ms"), 900.0 + std::log(100.0) * 1.9 / 0.05, 1e-12);
        QCOMPARE(f->related, std::vector<std::string>{"primary"});
    }

    void poolWaitWorkedByHand()
    {
        const auto advice = advise(onlyPoolWait());
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::PoolWait, "lb");
        QVERIFY(f && f->recommendation);
        QCOMPARE(f->linkTo, std::optional<std::string>("db"));
        QCOMPARE(f->recommendation->pattern, Pattern::ConnectionPool);
        // Hold time: the database's M/M/16 response at 1000 rps of 5 ms; 500 rps per balancer.
        const double hold = mmcResponseMs(16, 1000.0, 5.0);
        const int size = smallestPool(500.0 * hold / 1000.0, 0.05);
        QCOMPARE(sizing(*f->recommendation, "pool_size"), double(size));
        QCOMPARE(sizing(*f->recommendation, "connections_total"), 2.0 * size);
        HR_COMPARE_REL(*figureValue(f->recommendation->before, "wait_probability"),
                              textbookErlangC(4, 500.0 * hold / 1000.0), 1e-9);
        HR_COMPARE_REL(*figureValue(f->recommendation->after, "wait_probability"),
                              textbookErlangC(size, 500.0 * hold / 1000.0), 1e-9);
    }

    void poolBeyondMaxConnectionsTakesAnExternalPooler()
    {
        // As onlyPoolWait, but the database takes only 10 connections: resizing the pool to
        // what X needs (more than 5 per balancer instance) would pass it.
        Model model = onlyPoolWait();
        model.components[*model.indexOf("db")].set(Field::MaxConnections, 10.0);
        const auto advice = advise(model);
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::PoolWait, "lb");
        QVERIFY(f && f->recommendation);
        QCOMPARE(f->recommendation->pattern, Pattern::ExternalPooler);
        QVERIFY(std::any_of(f->notOffered.begin(), f->notOffered.end(),
                            [](const RejectedPattern& r) { return r.pattern == Pattern::ConnectionPool; }));
        const Model changed = applied(model, *f->recommendation);
        const auto pooler = changed.indexOf("db_pooler");
        QVERIFY(pooler);
        QCOMPARE(changed.components[*pooler].label, std::string("PgBouncer"));
        // The balancers call the pooler without a pool; one pooled link feeds the database,
        // sized for all 1000 rps at once.
        const auto toPooler = std::find_if(changed.links.begin(), changed.links.end(),
                                           [](const Link& l) { return l.to == "db_pooler"; });
        QVERIFY(toPooler != changed.links.end());
        QVERIFY(!toPooler->get(LinkField::PoolSize));
        const double hold = mmcResponseMs(16, 1000.0, 5.0);
        const int size = smallestPool(1000.0 * hold / 1000.0, 0.05);
        QCOMPARE(sizing(*f->recommendation, "pool_size"), double(size));
        QVERIFY(size <= 10);
    }

    void connectionsWorkedByHand()
    {
        const auto advice = advise(onlyConnections());
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::Connections, "db");
        QVERIFY(f && f->recommendation);
        QCOMPARE(f->recommendation->pattern, Pattern::ConnectionPool);
        const double hold = mmcResponseMs(16, 1000.0, 5.0);
        const int size = smallestPool(100.0 * hold / 1000.0, 0.05);
        QCOMPARE(*figureValue(f->recommendation->before, "connections_total"), 200.0);
        QCOMPARE(*figureValue(f->recommendation->after, "connections_total"), 10.0 * size);
        // The external pooler is verified too: one pool for 1000 rps.
        const Recommendation* pooler = byPattern(*f, Pattern::ExternalPooler);
        QVERIFY(pooler);
        QCOMPARE(sizing(*pooler, "pool_size"), double(smallestPool(1000.0 * hold / 1000.0, 0.05)));
    }

    void statelessWorkedByHand()
    {
        const auto advice = advise(onlyStateful());
        QVERIFY(advice.ok());
        const Finding& f = advice->findings.front();
        QVERIFY(f.recommendation);
        QCOMPARE(f.recommendation->pattern, Pattern::Stateless);
        QCOMPARE(*figureValue(f.recommendation->before, "stateful_instances"), 3.0);
        QCOMPARE(*figureValue(f.recommendation->after, "stateful_instances"), 0.0);
        QCOMPARE(f.recommendation->costDeltaPerMonth, 0.0);
    }

    void statefulScaleOutAlsoMakesStateless()
    {
        // A stateful single app server that saturates: more instances only with the flag off.
        const Model model = headroom::testing::ModelBuilder()
                                .clients("users", 100)
                                .component("app", ComponentKind::AppServer,
                                           {{Field::Servers, 4}, {Field::ServiceMs, 10}, {Field::Stateful, 1}})
                                .link("users", "app")
                                .model();
        const auto advice = advise(model);
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::Saturates, "app");
        QVERIFY(f);
        const Recommendation* more = byPattern(*f, Pattern::MoreInstances);
        QVERIFY(more);
        QVERIFY(more->summary.find("stateless") != std::string::npos);
        const Model changed = applied(model, *more);
        QCOMPARE(changed.components[1].valueOr(Field::Stateful, 1.0), 0.0);
        QCOMPARE(changed.components[1].valueOr(Field::Instances, 1.0), 4.0); // 10 erlangs / 4 / 0.7 -> 4
    }

    void overEngineeringWorkedByHand()
    {
        const auto advice = advise(onlyOverEngineering());
        QVERIFY(advice.ok());
        const Finding& f = advice->findings.front();
        QVERIFY(f.recommendation);
        QCOMPARE(f.recommendation->pattern, Pattern::Simplify);
        HR_COMPARE_REL(f.recommendation->costDeltaPerMonth, -1500.0, kExact);
        QCOMPARE(*figureValue(f.recommendation->after, "instances"), 1.0);
        HR_COMPARE_REL(*figureValue(f.recommendation->after, "utilization"), 0.025, kExact);
        // The hot share goes with the shards: one instance takes everything.
        const Model changed = applied(onlyOverEngineering(), *f.recommendation);
        QVERIFY(!changed.components[1].has(Field::HottestShare));

        const auto cache = advise(idleCache());
        QVERIFY(cache.ok() && cache->findings.front().recommendation);
        const Model uncached = applied(idleCache(), *cache->findings.front().recommendation);
        QVERIFY(!uncached.indexOf("cache"));
        // Every lookup now reaches the database: 3 calls per request.
        QCOMPARE(uncached.links.size(), std::size_t{1});
        QCOMPARE(uncached.links.front().calls(), 3.0);
        HR_COMPARE_REL(*figureValue(cache->findings.front().recommendation->after, "utilization"), 0.075, kExact);
    }

    void queueMovesSlowWorkOffTheRequest()
    {
        const Model model = slowReports();
        const auto advice = advise(model);
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::Saturates, "reports");
        QVERIFY(f);
        const Recommendation* queue = byPattern(*f, Pattern::Queue);
        QVERIFY(queue);
        QCOMPARE(sizing(*queue, "instances"), 8.0); // 20 erlangs / 4 servers / 0.7 -> 8
        const Model changed = applied(model, *queue);
        const Component& reports = changed.components[*changed.indexOf("reports")];
        QCOMPARE(reports.kind, ComponentKind::Queue);
        const auto result = solve(changed, {10.0, false});
        QVERIFY(result.ok());
        // Users no longer wait for reports: it has no sync visits.
        QCOMPARE(result->components[*changed.indexOf("reports")].visitsPerRequest, 0.0);
        QVERIFY(result->meanResponseMs.has_value());
    }

    void loadSheddingOnlyWhenNothingElseServesTheLoad()
    {
        const auto advice = advise(hotWorker());
        QVERIFY(advice.ok());
        const Finding* f = findingOf(advice->findings, FindingKind::Saturates, "render");
        QVERIFY(f && f->recommendation);
        QCOMPARE(f->recommendation->pattern, Pattern::LoadShedding);
        QVERIFY(!f->recommendation->addsCapacity);
        QVERIFY(f->alternatives.empty());
        QVERIFY(std::any_of(f->notOffered.begin(), f->notOffered.end(),
                            [](const RejectedPattern& r) { return r.pattern == Pattern::BiggerInstances; }));
        // Elsewhere it is only an alternative, after the changes that add capacity.
        const auto other = advise(onlySaturates());
        QVERIFY(other.ok());
        const Finding& g = other->findings.front();
        QVERIFY(g.recommendation->addsCapacity);
        const Recommendation* shed = byPattern(g, Pattern::LoadShedding);
        QVERIFY(shed && shed == &g.alternatives.back());
    }

    void closedWorkloadSkipsWhatNeedsOpenLoad()
    {
        Model model = onlyStateful();
        Component& users = model.components.front();
        users.set(Field::RateRps, std::nullopt);
        users.set(Field::Users, 50);
        users.set(Field::ThinkMs, 1000);
        const auto advice = advise(model);
        QVERIFY(advice.ok());
        QCOMPARE(advice->workload, Workload::Closed);
        QCOMPARE(advice->findings.size(), std::size_t{1});
        QCOMPARE(advice->findings.front().kind, FindingKind::Stateful);
        QCOMPARE(advice->skippedChecks.size(), std::size_t{4});
    }

    void optionsAreChecked_data()
    {
        QTest::addColumn<double>("multiplier");
        QTest::addColumn<double>("target");
        QTest::addColumn<double>("wait");
        QTest::addColumn<double>("lag");
        QTest::addColumn<QString>("subject");
        QTest::newRow("negative multiplier") << -1.0 << 0.7 << 0.05 << 1000.0 << "--multiplier";
        QTest::newRow("target 0") << 10.0 << 0.0 << 0.05 << 1000.0 << "--target-utilization";
        QTest::newRow("target above 1") << 10.0 << 1.5 << 0.05 << 1000.0 << "--target-utilization";
        QTest::newRow("wait 1") << 10.0 << 0.7 << 1.0 << 1000.0 << "--target-wait";
        QTest::newRow("lag 0") << 10.0 << 0.7 << 0.05 << 0.0 << "--lag-threshold-ms";
        QTest::newRow("lag infinite") << 10.0 << 0.7 << 0.05 << qInf() << "--lag-threshold-ms";
    }

    void optionsAreChecked()
    {
        QFETCH(double, multiplier);
        QFETCH(double, target);
        QFETCH(double, wait);
        QFETCH(double, lag);
        QFETCH(QString, subject);
        const auto advice = advise(onlySaturates(), {multiplier, target, wait, lag});
        QVERIFY(!advice.ok());
        QCOMPARE(QString::fromStdString(subjectText(advice.issues().front().subject)), subject);
    }

    void invalidModelIsAnIssue()
    {
        Model model = onlySaturates();
        model.components[1].set(Field::Servers, 0.0);
        const auto advice = advise(model);
        QVERIFY(!advice.ok());
        QCOMPARE(subjectText(advice.issues().front().subject), std::string("db.servers"));
    }

    void advisingIsDeterministic()
    {
        for (const QString& file : exampleFiles()) {
            const Model model = loadExample(file);
            const auto a = advise(model);
            const auto b = advise(model);
            QVERIFY(a.ok() && b.ok());
            QCOMPARE(a->findings.size(), b->findings.size());
            for (std::size_t i = 0; i < a->findings.size(); ++i) {
                QCOMPARE(a->findings[i].message, b->findings[i].message);
                QCOMPARE(a->findings[i].recommendation.has_value(), b->findings[i].recommendation.has_value());
                if (a->findings[i].recommendation)
                    QVERIFY(a->findings[i].recommendation->edits == b->findings[i].recommendation->edits);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAdvisor)
#include "tst_advisor.moc"
