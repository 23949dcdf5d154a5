// SPDX-License-Identifier: MIT
// Whole-model invariants on every reference case and every shipped example (globbed at
// run time), the reference cases' expected figures, and hand-built models for instances,
// hot spots, zero traffic, closed workloads, replication and pools. Every expected figure
// is recomputed here from the model and the spec's formulas, never read back from the engine.

#include "EngineTestSupport.h"
#include "ReferenceQueues.h"

#include "engine/Replication.h"
#include "engine/Solver.h"
#include "engine/Sweep.h"
#include "engine/TenX.h"
#include "io/ModelFile.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

using namespace headroom::engine;
using namespace headroom::testing;
namespace ref = headroom::testing::reference;
using Real = ref::Real;

namespace {

// Formulas recomputed here from the solved arrival rates.
constexpr double kFormulaRtol = 1e-10;
// Traffic (linear, or the 1e-12 shedding fixed point) and sums over components.
constexpr double kBalanceRtol = 1e-9;
// Percentiles: the tail at the reported percentile against 1 - p.
constexpr double kTailRtol = 1e-8;
// Figures that are legitimately ~0 are compared absolutely below this.
constexpr double kTiny = 1e-12;

const QString kSharedDir = QStringLiteral(HEADROOM_SHARED_DIR);
const QString kSourceDir = QStringLiteral(HEADROOM_SOURCE_DIR);

/// The model's parameters of one component with the spec's defaults applied.
struct Params {
    ComponentKind kind = ComponentKind::Station;
    std::int64_t servers = 1;
    std::int64_t instances = 1;
    double share = 1.0; ///< hottest_share, default 1 / instances
    double serviceMs = 1.0;
    double cv = 1.0;
    std::optional<std::int64_t> capacity;
    double latencyMs = 0.0;
};

Params paramsOf(const Component& c)
{
    Params p;
    p.kind = c.kind;
    p.servers = static_cast<std::int64_t>(c.get(Field::Servers).value_or(1.0));
    p.instances = isStation(c.kind) ? static_cast<std::int64_t>(c.get(Field::Instances).value_or(1.0)) : 1;
    p.share = c.get(Field::HottestShare).value_or(1.0 / static_cast<double>(p.instances));
    p.serviceMs = c.get(Field::ServiceMs).value_or(0.0);
    p.cv = c.get(Field::ServiceCv).value_or(1.0);
    if (const auto k = c.get(Field::Capacity))
        p.capacity = static_cast<std::int64_t>(*k);
    p.latencyMs = c.get(Field::LatencyMs).value_or(0.0);
    return p;
}

LinkKind kindOf(const Model& m, const Link& l)
{
    if (l.kind)
        return *l.kind;
    return m.components[*m.indexOf(l.to)].kind == ComponentKind::Queue ? LinkKind::Async : LinkKind::Sync;
}

/// calls, times (1 - hit ratio) when the caller is a cache or CDN (spec section 2).
double gainOf(const Model& m, const Link& l)
{
    const Component& from = m.components[*m.indexOf(l.from)];
    double g = l.get(LinkField::Calls).value_or(1.0);
    if (from.kind == ComponentKind::Cache || from.kind == ComponentKind::Cdn)
        g *= 1.0 - from.get(Field::HitRatio).value_or(0.0);
    return g;
}

bool isOpen(const Model& m)
{
    for (const Component& c : m.components) {
        if (c.kind == ComponentKind::Clients && c.has(Field::Users))
            return false;
    }
    return true;
}

bool allFinite(const ComponentResult& r)
{
    const auto ok = [](std::optional<double> v) { return !v || std::isfinite(*v); };
    return std::isfinite(r.arrivalRps) && std::isfinite(r.throughputRps) && std::isfinite(r.utilization) &&
           std::isfinite(r.offeredUtilization) && std::isfinite(r.waitProbability) &&
           std::isfinite(r.blockingProbability) && std::isfinite(r.visitsPerRequest) && ok(r.meanWaitMs) &&
           ok(r.meanResponseMs) && ok(r.avgResponseMs) && ok(r.p50ResponseMs) && ok(r.p95ResponseMs) &&
           ok(r.p99ResponseMs) && ok(r.meanQueueLength) && ok(r.meanInSystem) && ok(r.headroomMultiplier) &&
           r.arrivalRps >= 0.0 && r.throughputRps >= 0.0 && r.utilization >= 0.0 &&
           (!r.meanWaitMs || *r.meanWaitMs >= 0.0) && (!r.meanQueueLength || *r.meanQueueLength >= 0.0);
}

/// One instance of a station at arrival rate `lambda`, from the reference formulas.
struct Instance {
    bool saturated = false;
    double throughput = 0.0;
    double utilization = 0.0;
    double waitProbability = 0.0;
    double blocking = 0.0;
    double waitMs = 0.0;
    double responseMs = 0.0;
    double inSystem = 0.0;
    double queueLength = 0.0;
};

Instance instanceAt(const Params& p, double lambda)
{
    Instance out;
    const Real mu = 1000.0L / p.serviceMs;
    const Real c = static_cast<Real>(p.servers);
    const Real rho = lambda / (c * mu);
    if (p.capacity) {
        const ref::Mmck q = ref::mmck(p.servers, *p.capacity, lambda, mu);
        out.throughput = static_cast<double>(q.throughput);
        out.utilization = static_cast<double>(q.utilization);
        out.waitProbability = static_cast<double>(q.waitProbability);
        out.blocking = static_cast<double>(q.blocking);
        out.waitMs = static_cast<double>(q.wqSeconds * 1000.0L);
        out.responseMs = static_cast<double>(q.rSeconds * 1000.0L);
        out.inSystem = static_cast<double>(q.l);
        out.queueLength = static_cast<double>(q.lq);
        return out;
    }
    out.throughput = lambda;
    out.utilization = static_cast<double>(rho);
    if (rho >= 1.0L) {
        out.saturated = true;
        out.waitProbability = 1.0;
        return out;
    }
    const ref::Mmc q = ref::mmc(p.servers, lambda, mu);
    const Real variability = (1.0L + static_cast<Real>(p.cv) * p.cv) / 2.0L; // Allen-Cunneen
    const Real wq = q.wqSeconds * variability;
    out.waitProbability = static_cast<double>(q.waitProbability);
    out.waitMs = static_cast<double>(wq * 1000.0L);
    out.responseMs = static_cast<double>((wq + 1.0L / mu) * 1000.0L);
    out.queueLength = static_cast<double>(lambda * wq);
    out.inSystem = static_cast<double>(lambda * (wq + 1.0L / mu));
    return out;
}

/// The spec's M/M/c tail in its non-cancelling form, e^(-mu t) (1 + C mu (1 - e^(-d t)) / d).
Real mmcTail(Real c, Real mu, Real theta, Real t)
{
    const Real d = theta - mu;
    const Real ratio = d == 0.0L ? t : -std::expm1(-d * t) / d;
    return std::exp(-mu * t) * (1.0L + c * mu * ratio);
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

Model loadModel(const QString& path)
{
    auto loaded = headroom::model::loadModelFile(path);
    if (!loaded.ok())
        qFatal("cannot read %s:%s", qPrintable(path), describeFailure(loaded).constData());
    return loaded.value();
}

} // namespace

class TestSolver : public QObject {
    Q_OBJECT

private slots:
    void invariantsOnEveryModel_data();
    void invariantsOnEveryModel();
    void referenceExpected_data();
    void referenceExpected();
    void instancesAndHotSpot();
    void hotInstanceSaturates();
    void zeroTraffic();
    void closedWorkload();
    void closedZeroUsers();
    void closedInstancesEqualListing();
    void closedMultiplierRoundsUsers();
    void closedBottleneckAtRoundedOne_data();
    void closedBottleneckAtRoundedOne();
    void closedRandomModelsNeverSaturate_data();
    void closedRandomModelsNeverSaturate();
    void multiplierScalesOpenTraffic();
    void externalDependency();
    void replicationFormulas_data();
    void replicationFormulas();
    void staleReads();
    void saturatedPoolMakesResponseInfinite();
    void saturatedAsyncBranchKeepsResponseFinite();
    void closedHotSpotEqualsListing();
    void severalOpenClients_data();
    void severalOpenClients();
    void workspaceReuseMatchesFreshSolve_data();
    void workspaceReuseMatchesFreshSolve();
    void statusOnEveryPath_data();
    void statusOnEveryPath();

private:
    void checkOpen(const Model& model, const SolveResult& r, double multiplier);
    void checkClosed(const Model& model, const SolveResult& r, double multiplier);
    void checkCommon(const Model& model, const SolveResult& r);
};

// ---------------------------------------------------------------------------------------
// Every model of the contract that ships: the reference cases and the examples (globbed
// when the test runs, so new examples are checked as they are added), at several multipliers.

void TestSolver::invariantsOnEveryModel_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("multiplier");
    QStringList files;
    for (const QString& dir : {kSharedDir + "/reference/cases", kSourceDir + "/resources/examples"}) {
        const QDir folder(dir);
        for (const QString& name : folder.entryList({"*.json"}, QDir::Files, QDir::Name))
            files << folder.filePath(name);
    }
    QVERIFY2(!files.isEmpty(), qPrintable("no models found under " + kSharedDir + " or " + kSourceDir));
    for (const QString& file : files) {
        const QString label = QFileInfo(file).dir().dirName() + "/" + QFileInfo(file).fileName();
        for (const double m : {0.0, 0.5, 1.0, 2.0, 10.0})
            QTest::newRow(qPrintable(label + " x" + QString::number(m))) << file << m;
    }
}

void TestSolver::invariantsOnEveryModel()
{
    QFETCH(QString, path);
    QFETCH(double, multiplier);
    const Model model = loadModel(path);
    auto solver = Solver::create(model);
    QVERIFY2(solver.ok(), describeFailure(solver).constData());
    const SolveResult r = solver->solve({multiplier, true});
    QCOMPARE(r.components.size(), model.components.size());
    checkCommon(model, r);
    if (QTest::currentTestFailed())
        return;
    if (isOpen(model))
        checkOpen(model, r, multiplier);
    else
        checkClosed(model, r, multiplier);
}

void TestSolver::checkCommon(const Model& model, const SolveResult& r)
{
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const ComponentResult& c = r.components[i];
        const std::string& id = model.components[i].id;
        QVERIFY2(allFinite(c), ("a figure of " + id + " is NaN, infinite or negative").c_str());
        QCOMPARE(c.kind, model.components[i].kind);
        // Infinite figures are empty exactly when the component is saturated (open) and visited.
        if (c.saturated)
            QVERIFY2(!c.meanResponseMs && !c.meanWaitMs && !c.p99ResponseMs, id.c_str());
        // Percentiles are ordered.
        if (c.p50ResponseMs && c.p95ResponseMs && c.p99ResponseMs) {
            QCOMPARE_LE(*c.p50ResponseMs, *c.p95ResponseMs);
            QCOMPARE_LE(*c.p95ResponseMs, *c.p99ResponseMs);
        }
    }
    QVERIFY(std::isfinite(r.throughputRps) && r.throughputRps >= 0.0);
    QVERIFY(!r.meanResponseMs || (std::isfinite(*r.meanResponseMs) && *r.meanResponseMs >= 0.0));

    // Bottleneck: the queueing component with the highest utilization, file order on ties.
    std::optional<std::size_t> bottleneck;
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        if (isStation(model.components[i].kind) &&
            (!bottleneck || r.components[i].utilization > r.components[*bottleneck].utilization))
            bottleneck = i;
    }
    QCOMPARE(r.bottleneck, bottleneck);

    // Replication (spec section 4): w = throughput of P * write_fraction, M/M/1 apply thread.
    std::size_t replicationLinks = 0;
    for (const Link& l : model.links) {
        if (kindOf(model, l) != LinkKind::Replication)
            continue;
        ++replicationLinks;
        const std::size_t primary = *model.indexOf(l.from);
        const std::size_t replica = *model.indexOf(l.to);
        const auto found = std::find_if(r.replication.begin(), r.replication.end(),
                                        [&](const ReplicationResult& x) { return x.replica == replica; });
        QVERIFY2(found != r.replication.end(), ("no replication result for " + l.to).c_str());
        const Component& rc = model.components[replica];
        const double applyMs = rc.get(Field::ApplyMs).value_or(*rc.get(Field::ServiceMs));
        const double delayMs = rc.get(Field::ReplicationDelayMs).value_or(0.0);
        const double writes = r.components[primary].throughputRps *
                              model.components[primary].get(Field::WriteFraction).value_or(1.0);
        const double rho = writes * applyMs / 1000.0;
        QCOMPARE(found->primary, primary);
        HR_COMPARE_MIXED(found->writeRps, writes, kFormulaRtol, kTiny);
        HR_COMPARE_MIXED(found->applyUtilization, rho, kFormulaRtol, kTiny);
        QCOMPARE(found->saturated, rho >= 1.0);
        if (rho < 1.0) {
            HR_COMPARE_OPT_REL(found->meanLagMs, delayMs + applyMs / (1.0 - rho), kFormulaRtol);
            HR_COMPARE_OPT_REL(found->p99LagMs, delayMs + std::log(100.0) * applyMs / (1.0 - rho), kFormulaRtol);
            QCOMPARE(found->lagGrowthMsPerS, 0.0);
        } else {
            QVERIFY(!found->meanLagMs && !found->p99LagMs);
            HR_COMPARE_REL(found->lagGrowthMsPerS, (rho - 1.0) * 1000.0, kFormulaRtol);
        }
    }
    QCOMPARE(r.replication.size(), replicationLinks);

    // Pools (spec section 4): M/M/P with service H = avg response of D + overhead.
    std::size_t pooledLinks = 0;
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        const Link& link = model.links[l];
        if (!link.get(LinkField::PoolSize))
            continue;
        const auto found = std::find_if(r.pools.begin(), r.pools.end(), [&](const PoolResult& p) { return p.link == l; });
        QVERIFY2(found != r.pools.end(), ("no pool result for " + link.from + " -> " + link.to).c_str());
        ++pooledLinks;
        const std::size_t a = *model.indexOf(link.from);
        const std::size_t d = *model.indexOf(link.to);
        const auto size = static_cast<std::int64_t>(*link.get(LinkField::PoolSize));
        const double perInstance = r.components[a].throughputRps * gainOf(model, link) /
                                   static_cast<double>(paramsOf(model.components[a]).instances);
        std::int64_t connections = 0;
        for (const Link& other : model.links) {
            if (other.to == link.to && other.get(LinkField::PoolSize))
                connections += static_cast<std::int64_t>(*other.get(LinkField::PoolSize)) *
                               paramsOf(model.components[*model.indexOf(other.from)]).instances;
        }
        QCOMPARE(found->poolSize, size);
        HR_COMPARE_MIXED(found->perInstanceRps, perInstance, kBalanceRtol, kTiny);
        QCOMPARE(found->connectionsTotal, connections);
        const auto maxConnections = model.components[d].get(Field::MaxConnections);
        QCOMPARE(found->maxConnections.has_value(), maxConnections.has_value());
        if (maxConnections)
            QCOMPARE(static_cast<double>(*found->maxConnections), *maxConnections);
        const auto dbResponse = r.components[d].avgResponseMs;
        if (!dbResponse) {
            QVERIFY(found->saturated && !found->meanWaitMs);
            continue;
        }
        const double hold = *dbResponse + link.get(LinkField::PoolOverheadMs).value_or(0.0);
        const double offered = perInstance * hold / 1000.0;
        HR_COMPARE_OPT_REL(found->holdMs, hold, kFormulaRtol);
        QVERIFY(found->utilization);
        HR_COMPARE_MIXED(*found->utilization, offered / static_cast<double>(size), kBalanceRtol, kTiny);
        QCOMPARE(found->saturated, offered >= static_cast<double>(size));
        if (!found->saturated) {
            const auto c = static_cast<double>(ref::erlangLogSpace(size, offered).c);
            HR_COMPARE_MIXED(found->waitProbability, c, kBalanceRtol, 1e-300);
            QVERIFY(found->meanWaitMs);
            HR_COMPARE_MIXED(*found->meanWaitMs, c / (static_cast<double>(size) / hold - perInstance / 1000.0),
                             kBalanceRtol, 1e-300);
        }
    }
    QCOMPARE(r.pools.size(), pooledLinks);
}

void TestSolver::checkOpen(const Model& model, const SolveResult& r, double multiplier)
{
    const std::size_t n = model.components.size();
    QCOMPARE(r.workload, Workload::Open);
    double external = 0.0;
    int openClients = 0;
    for (const Component& c : model.components) {
        if (c.kind == ComponentKind::Clients) {
            external += multiplier * c.get(Field::RateRps).value_or(0.0);
            ++openClients;
        }
    }

    // Flow balance: arrival_j = external into j + sum_i admitted_i * gain_ij over sync and async links.
    std::vector<double> expectedArrival(n, 0.0);
    for (const Link& l : model.links) {
        if (kindOf(model, l) == LinkKind::Replication)
            continue;
        const std::size_t from = *model.indexOf(l.from);
        const std::size_t to = *model.indexOf(l.to);
        if (model.components[from].kind == ComponentKind::Clients)
            expectedArrival[to] += multiplier * model.components[from].get(Field::RateRps).value_or(0.0) *
                                   l.get(LinkField::Calls).value_or(1.0);
        else
            expectedArrival[to] += r.components[from].throughputRps * gainOf(model, l);
    }
    double scale = 0.0;
    for (const double a : expectedArrival)
        scale = std::max(scale, a);
    bool sheds = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Component& c = model.components[i];
        if (c.kind == ComponentKind::Clients)
            continue;
        HR_COMPARE_MIXED(r.components[i].arrivalRps, expectedArrival[i], kBalanceRtol, kBalanceRtol * scale);
        sheds = sheds || (isStation(c.kind) && c.has(Field::Capacity));
    }

    // Per component: the spec's station formulas at the solved arrival rate.
    bool anySaturated = false;
    bool allBelowOne = true;
    std::optional<double> smallestHeadroom;
    for (std::size_t i = 0; i < n; ++i) {
        const Component& c = model.components[i];
        const ComponentResult& cr = r.components[i];
        const Params p = paramsOf(c);
        if (c.kind == ComponentKind::Clients)
            continue;
        if (c.kind == ComponentKind::External) {
            QCOMPARE(cr.utilization, 0.0);
            HR_COMPARE_OPT_REL(cr.meanResponseMs, p.latencyMs, kFormulaRtol);
            QCOMPARE(cr.p99ResponseMs.value_or(-1.0), p.latencyMs);
            HR_COMPARE_OPT_REL(cr.meanInSystem, cr.arrivalRps * p.latencyMs / 1000.0, kFormulaRtol);
            continue;
        }
        const std::string id = c.id;
        const double lambda = cr.arrivalRps;
        const double hotLambda = lambda * p.share;
        const Instance hot = instanceAt(p, hotLambda);
        std::optional<Instance> cold;
        if (p.instances > 1)
            cold = instanceAt(p, lambda * (1.0 - p.share) / static_cast<double>(p.instances - 1));
        const double offered = hotLambda * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
        HR_COMPARE_MIXED(cr.offeredUtilization, offered, kFormulaRtol, kTiny);
        if (offered > 0.0)
            HR_COMPARE_OPT_REL(cr.headroomMultiplier, 1.0 / offered, kFormulaRtol);
        else
            QVERIFY(!cr.headroomMultiplier);
        if (cr.headroomMultiplier && (!smallestHeadroom || *cr.headroomMultiplier < *smallestHeadroom))
            smallestHeadroom = cr.headroomMultiplier;
        const bool saturated = hot.saturated || (cold && cold->saturated);
        QCOMPARE(cr.saturated, saturated);
        anySaturated = anySaturated || saturated;
        HR_COMPARE_MIXED(cr.utilization, hot.utilization, kFormulaRtol, kTiny);
        HR_COMPARE_MIXED(cr.blockingProbability, hot.blocking, kFormulaRtol, 1e-300);
        const double admitted = hot.throughput + (cold ? static_cast<double>(p.instances - 1) * cold->throughput : 0.0);
        HR_COMPARE_MIXED(cr.throughputRps, admitted, kBalanceRtol, kTiny);
        if (p.capacity) {
            // Carried load of a shedding instance: below 1 (it rounds to 1 only in extreme overload).
            QCOMPARE_LE(cr.utilization, 1.0);
        } else {
            allBelowOne = allBelowOne && cr.utilization < 1.0;
        }
        if (hot.saturated) {
            QVERIFY2(!cr.meanResponseMs && !cr.meanWaitMs && !cr.meanQueueLength && !cr.meanInSystem &&
                         !cr.avgResponseMs && !cr.p50ResponseMs,
                     (id + " is saturated but reports a finite wait").c_str());
            continue;
        }
        HR_COMPARE_MIXED(cr.waitProbability, hot.waitProbability, kFormulaRtol, 1e-300);
        HR_COMPARE_OPT_REL(cr.meanResponseMs, hot.responseMs, kFormulaRtol);
        QVERIFY(cr.meanWaitMs);
        HR_COMPARE_MIXED(*cr.meanWaitMs, hot.waitMs, kFormulaRtol, kFormulaRtol * p.serviceMs);
        if (cold && cold->saturated) {
            QVERIFY(!cr.avgResponseMs && !cr.meanInSystem);
            continue;
        }
        const double rest = static_cast<double>(p.instances - 1);
        const double coldThroughput = cold ? rest * cold->throughput : 0.0;
        const double avg = hot.throughput + coldThroughput > 0.0
                               ? (hot.throughput * hot.responseMs + (cold ? coldThroughput * cold->responseMs : 0.0)) /
                                     (hot.throughput + coldThroughput)
                               : hot.responseMs;
        HR_COMPARE_OPT_REL(cr.avgResponseMs, avg, kFormulaRtol);
        const double inSystem = hot.inSystem + (cold ? rest * cold->inSystem : 0.0);
        const double queueLength = hot.queueLength + (cold ? rest * cold->queueLength : 0.0);
        QVERIFY(cr.meanInSystem && cr.meanQueueLength);
        HR_COMPARE_MIXED(*cr.meanInSystem, inSystem, kFormulaRtol, kTiny);
        HR_COMPARE_MIXED(*cr.meanQueueLength, queueLength, kFormulaRtol, kTiny * (1.0 + inSystem));
        // Little's law on the component: L = X R with the traffic-weighted mean response.
        HR_COMPARE_MIXED(*cr.meanInSystem, cr.throughputRps * *cr.avgResponseMs / 1000.0, kBalanceRtol, kTiny);
        // Lq = L - (busy servers) = L - X S.
        HR_COMPARE_MIXED(*cr.meanQueueLength, *cr.meanInSystem - cr.throughputRps * p.serviceMs / 1000.0, kBalanceRtol,
                         kTiny * (1.0 + inSystem));
        // Percentiles of an M/M/c instance: the spec's tail at p_q is 1 - q.
        if (!p.capacity && p.cv == 1.0 && hotLambda > 0.0 && cr.p50ResponseMs) {
            const Real mu = 1.0L / p.serviceMs;
            const Real theta = (static_cast<Real>(p.servers) * 1000.0L / p.serviceMs - hotLambda) / 1000.0L;
            const Real wait = static_cast<Real>(hot.waitProbability);
            HR_COMPARE_REL(static_cast<double>(mmcTail(wait, mu, theta, *cr.p50ResponseMs)), 0.50, kTailRtol);
            HR_COMPARE_REL(static_cast<double>(mmcTail(wait, mu, theta, *cr.p95ResponseMs)), 0.05, kTailRtol);
            HR_COMPARE_REL(static_cast<double>(mmcTail(wait, mu, theta, *cr.p99ResponseMs)), 0.01, kTailRtol);
        }
    }
    // Stable iff nothing saturated iff every unbounded station runs below 1.
    QCOMPARE(r.stable, !anySaturated);
    QCOMPARE(allBelowOne, r.stable);
    QCOMPARE(r.maxMultiplier.has_value(), smallestHeadroom.has_value());
    if (smallestHeadroom)
        HR_COMPARE_REL(*r.maxMultiplier, *smallestHeadroom, 1e-15);

    // Visits per request: the sync-only traffic equations with what each component passes on,
    // solved densely here, per unit of external rate (each open client weighted equally without traffic).
    Eigen::MatrixXd system = Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    Eigen::VectorXd source = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
    std::vector<double> pass(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (model.components[i].kind != ComponentKind::Clients && r.components[i].arrivalRps > 0.0)
            pass[i] = r.components[i].throughputRps / r.components[i].arrivalRps;
    }
    for (const Link& l : model.links) {
        if (kindOf(model, l) != LinkKind::Sync)
            continue;
        const auto from = static_cast<Eigen::Index>(*model.indexOf(l.from));
        const auto to = static_cast<Eigen::Index>(*model.indexOf(l.to));
        const Component& caller = model.components[static_cast<std::size_t>(from)];
        if (caller.kind == ComponentKind::Clients) {
            const double weight = external > 0.0 ? multiplier * caller.get(Field::RateRps).value_or(0.0) / external
                                                 : 1.0 / openClients;
            source[to] += weight * l.get(LinkField::Calls).value_or(1.0);
        } else {
            system(to, from) -= gainOf(model, l) * pass[static_cast<std::size_t>(from)];
        }
    }
    const Eigen::VectorXd visits = system.fullPivLu().solve(source);
    double response = 0.0;
    bool finite = true;
    for (std::size_t i = 0; i < n; ++i) {
        if (model.components[i].kind == ComponentKind::Clients)
            continue;
        const double v = visits[static_cast<Eigen::Index>(i)];
        HR_COMPARE_MIXED(r.components[i].visitsPerRequest, v, kBalanceRtol, kTiny);
        if (v <= 0.0)
            continue;
        if (r.components[i].avgResponseMs)
            response += v * *r.components[i].avgResponseMs;
        else
            finite = false;
    }
    for (const PoolResult& pool : r.pools) {
        const Link& l = model.links[pool.link];
        const double share = visits[static_cast<Eigen::Index>(pool.from)] * pass[pool.from] * gainOf(model, l);
        if (kindOf(model, l) != LinkKind::Sync || share <= 0.0)
            continue;
        if (pool.meanWaitMs)
            response += share * *pool.meanWaitMs;
        else
            finite = false;
    }
    QCOMPARE(r.meanResponseMs.has_value(), finite);
    if (finite)
        HR_COMPARE_OPT_REL(r.meanResponseMs, response, kBalanceRtol);
    if (!sheds)
        HR_COMPARE_MIXED(r.throughputRps, external, kFormulaRtol, kTiny);
}

void TestSolver::checkClosed(const Model& model, const SolveResult& r, double multiplier)
{
    const std::size_t n = model.components.size();
    QCOMPARE(r.workload, Workload::Closed);
    QVERIFY(r.stable);
    QVERIFY(!r.maxMultiplier);
    double users = 0.0;
    double think = 0.0;
    std::size_t clients = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Component& c = model.components[i];
        if (c.kind == ComponentKind::Clients) {
            users = std::round(c.get(Field::Users).value_or(0.0) * multiplier);
            think = c.get(Field::ThinkMs).value_or(0.0);
            clients = i;
        }
    }
    const double x = r.throughputRps; // cycles per second
    // Visits per cycle from the sync links (dense solve), and the demand D = sum V S.
    Eigen::MatrixXd system = Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    Eigen::VectorXd source = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
    bool asyncWork = false;
    for (const Link& l : model.links) {
        const LinkKind kind = kindOf(model, l);
        asyncWork = asyncWork || kind == LinkKind::Async;
        if (kind != LinkKind::Sync)
            continue;
        const auto from = static_cast<Eigen::Index>(*model.indexOf(l.from));
        const auto to = static_cast<Eigen::Index>(*model.indexOf(l.to));
        if (static_cast<std::size_t>(from) == clients)
            source[to] += l.get(LinkField::Calls).value_or(1.0);
        else
            system(to, from) -= gainOf(model, l);
    }
    const Eigen::VectorXd visits = system.fullPivLu().solve(source);
    double demandMs = 0.0;
    double bottleneckLimit = 1e300; // cycles per second
    double population = x * think / 1000.0; // users thinking
    for (std::size_t i = 0; i < n; ++i) {
        const Component& c = model.components[i];
        if (c.kind == ComponentKind::Clients)
            continue;
        const Params p = paramsOf(c);
        const double v = visits[static_cast<Eigen::Index>(i)];
        const ComponentResult& cr = r.components[i];
        QVERIFY(!cr.p50ResponseMs && !cr.p99ResponseMs && !cr.headroomMultiplier);
        HR_COMPARE_MIXED(cr.visitsPerRequest, v, kBalanceRtol, kTiny);
        if (v <= 0.0)
            continue;
        if (!asyncWork)
            HR_COMPARE_MIXED(cr.arrivalRps, x * v, kBalanceRtol, kTiny);
        if (c.kind == ComponentKind::External) {
            demandMs += v * p.latencyMs;
            HR_COMPARE_OPT_REL(cr.meanResponseMs, p.latencyMs, kFormulaRtol);
        } else {
            demandMs += v * p.serviceMs;
            bottleneckLimit = std::min(bottleneckLimit, static_cast<double>(p.servers) * 1000.0 / (v * p.share * p.serviceMs));
            HR_COMPARE_MIXED(cr.utilization, x * v * p.share * p.serviceMs / 1000.0 / static_cast<double>(p.servers),
                             kFormulaRtol, kTiny);
            QCOMPARE_LE(cr.utilization, 1.0 + 1e-12);
            QVERIFY(cr.meanInSystem && cr.meanQueueLength && cr.avgResponseMs && cr.meanWaitMs);
            HR_COMPARE_MIXED(*cr.meanQueueLength, std::max(0.0, *cr.meanInSystem - x * v * p.serviceMs / 1000.0),
                             kBalanceRtol, kTiny);
            HR_COMPARE_MIXED(*cr.meanWaitMs, *cr.meanResponseMs - p.serviceMs, kFormulaRtol, kTiny);
            if (!asyncWork)
                HR_COMPARE_MIXED(*cr.meanInSystem, cr.throughputRps * *cr.avgResponseMs / 1000.0, kBalanceRtol, kTiny);
        }
        QVERIFY(cr.meanInSystem);
        population += *cr.meanInSystem;
    }
    if (users <= 0.0) {
        QCOMPARE(x, 0.0);
        return;
    }
    // Asymptotic bounds and Little's law on the whole cycle.
    QCOMPARE_LE(x, users / ((demandMs + think) / 1000.0) * (1.0 + 1e-12));
    QCOMPARE_LE(x, bottleneckLimit * (1.0 + 1e-12));
    HR_COMPARE_OPT_REL(r.meanResponseMs, users / x * 1000.0 - think, kBalanceRtol);
    if (!asyncWork)
        HR_COMPARE_REL(population, users, kBalanceRtol);
}

// ---------------------------------------------------------------------------------------
// The reference implementation's expected figures for each public case.

void TestSolver::referenceExpected_data()
{
    QTest::addColumn<QString>("casePath");
    QTest::addColumn<QString>("expectedPath");
    const QDir expected(kSharedDir + "/reference/expected");
    const QStringList files = expected.entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable("no expected results under " + expected.path()));
    for (const QString& name : files)
        QTest::newRow(qPrintable(name)) << (kSharedDir + "/reference/cases/" + name) << expected.filePath(name);
}

void TestSolver::referenceExpected()
{
    QFETCH(QString, casePath);
    QFETCH(QString, expectedPath);
    const QJsonObject spec = readJson(expectedPath);
    QVERIFY(spec.contains("expected"));
    QVERIFY2(spec.value("args").toArray().isEmpty(), "this test only runs plain solves");
    const QJsonObject tolerance = spec.value("tolerance").toObject();
    const double rtol = tolerance.value("rtol").toDouble(1e-9);
    const double percentileRtol = std::max(rtol, tolerance.value("percentile_rtol").toDouble(1e-6));
    const double atol = tolerance.value("atol").toDouble(1e-12);
    const QJsonObject want = spec.value("expected").toObject();

    const Model model = loadModel(casePath);
    auto solved = solve(model);
    QVERIFY2(solved.ok(), describeFailure(solved).constData());
    const SolveResult& r = solved.value();

    const auto number = [&](const QString& where, const QJsonValue& w, std::optional<double> got, bool percentile) {
        if (w.isNull()) {
            QVERIFY2(!got, qPrintable(where + ": expected null"));
            return;
        }
        QVERIFY2(got, qPrintable(where + ": expected a number, got null"));
        const double tol = std::max((percentile ? percentileRtol : rtol) * std::fabs(w.toDouble()), atol);
        QVERIFY2(std::fabs(*got - w.toDouble()) <= tol,
                 qPrintable(QStringLiteral("%1: got %2, expected %3").arg(where).arg(*got, 0, 'g', 17).arg(w.toDouble(), 0, 'g', 17)));
    };
    if (want.contains("workload"))
        QCOMPARE(want.value("workload").toString(), r.workload == Workload::Open ? QString("open") : QString("closed"));
    if (want.contains("stable"))
        QCOMPARE(want.value("stable").toBool(), r.stable);
    if (want.contains("throughput_rps"))
        number("throughput_rps", want.value("throughput_rps"), r.throughputRps, false);
    if (want.contains("mean_response_ms"))
        number("mean_response_ms", want.value("mean_response_ms"), r.meanResponseMs, false);
    if (want.contains("max_multiplier"))
        number("max_multiplier", want.value("max_multiplier"), r.maxMultiplier, false);
    if (want.contains("bottleneck")) {
        QVERIFY(r.bottleneck);
        QCOMPARE(QString::fromStdString(model.components[*r.bottleneck].id), want.value("bottleneck").toString());
    }
    if (QTest::currentTestFailed())
        return;

    const QJsonObject components = want.value("components").toObject();
    for (auto it = components.begin(); it != components.end(); ++it) {
        const auto index = model.indexOf(it.key().toStdString());
        QVERIFY2(index, qPrintable(it.key()));
        const ComponentResult& c = r.components[*index];
        const QJsonObject w = it.value().toObject();
        const std::vector<std::pair<QString, std::optional<double>>> fields{
            {"arrival_rps", c.arrivalRps},         {"throughput_rps", c.throughputRps},
            {"utilization", c.utilization},        {"wait_probability", c.waitProbability},
            {"blocking_probability", c.blockingProbability}, {"mean_wait_ms", c.meanWaitMs},
            {"mean_response_ms", c.meanResponseMs}, {"avg_response_ms", c.avgResponseMs},
            {"p50_response_ms", c.p50ResponseMs},   {"p95_response_ms", c.p95ResponseMs},
            {"p99_response_ms", c.p99ResponseMs},   {"mean_queue_length", c.meanQueueLength},
            {"mean_in_system", c.meanInSystem},     {"headroom_multiplier", c.headroomMultiplier}};
        for (const auto& [key, got] : fields) {
            if (w.contains(key))
                number(it.key() + "." + key, w.value(key), got, key.startsWith("p9") || key.startsWith("p5"));
        }
        if (w.contains("saturated"))
            QCOMPARE(c.saturated, w.value("saturated").toBool());
        if (w.contains("approximate"))
            QCOMPARE(c.approximate, w.value("approximate").toBool());
        if (w.contains("kind"))
            QCOMPARE(QString::fromLatin1(kindName(c.kind).data(), static_cast<qsizetype>(kindName(c.kind).size())),
                     w.value("kind").toString());
        if (QTest::currentTestFailed())
            return;
    }

    const QJsonObject replication = want.value("replication").toObject();
    QCOMPARE(static_cast<qsizetype>(r.replication.size()), replication.size());
    for (const ReplicationResult& x : r.replication) {
        const QString id = QString::fromStdString(model.components[x.replica].id);
        const QJsonObject w = replication.value(id).toObject();
        QCOMPARE(QString::fromStdString(model.components[x.primary].id), w.value("primary").toString());
        number(id + ".write_rps", w.value("write_rps"), x.writeRps, false);
        number(id + ".apply_utilization", w.value("apply_utilization"), x.applyUtilization, false);
        number(id + ".mean_lag_ms", w.value("mean_lag_ms"), x.meanLagMs, false);
        number(id + ".p99_lag_ms", w.value("p99_lag_ms"), x.p99LagMs, false);
        number(id + ".lag_growth_ms_per_s", w.value("lag_growth_ms_per_s"), x.lagGrowthMsPerS, false);
        QCOMPARE(x.saturated, w.value("saturated").toBool());
    }

    const QJsonArray pools = want.value("pools").toArray();
    QCOMPARE(static_cast<qsizetype>(r.pools.size()), pools.size());
    for (qsizetype i = 0; i < pools.size(); ++i) {
        const QJsonObject w = pools.at(i).toObject();
        const PoolResult& p = r.pools[static_cast<std::size_t>(i)];
        const QString where = "pools[" + QString::number(i) + "]";
        QCOMPARE(QString::fromStdString(model.components[p.from].id), w.value("from").toString());
        QCOMPARE(QString::fromStdString(model.components[p.to].id), w.value("to").toString());
        QCOMPARE(static_cast<double>(p.poolSize), w.value("pool_size").toDouble());
        number(where + ".per_instance_rps", w.value("per_instance_rps"), p.perInstanceRps, false);
        number(where + ".hold_ms", w.value("hold_ms"), p.holdMs, false);
        number(where + ".utilization", w.value("utilization"), p.utilization, false);
        number(where + ".wait_probability", w.value("wait_probability"), p.waitProbability, false);
        number(where + ".mean_wait_ms", w.value("mean_wait_ms"), p.meanWaitMs, false);
        QCOMPARE(static_cast<double>(p.connectionsTotal), w.value("connections_total").toDouble());
        QCOMPARE(p.saturated, w.value("saturated").toBool());
    }
}

// ---------------------------------------------------------------------------------------
// Hand-built models.

// Four instances, the hottest taking 40%: per-instance figures are the hot one's, the
// queue lengths and throughput are totals, avg_response_ms is traffic-weighted.
void TestSolver::instancesAndHotSpot()
{
    Model model;
    model.components = {openClients("users", 300.0),
                        ComponentBuilder(station("app", 10.0, 2, ComponentKind::AppServer))
                            .set(Field::Instances, 4)
                            .set(Field::HottestShare, 0.4)};
    model.links = {route("users", "app")};
    const auto solved = solve(model);
    QVERIFY2(solved.ok(), describeFailure(solved).constData());
    const ComponentResult& app = solved->components[1];
    const ref::Mmc hot = ref::mmc(2, 120.0L, 100.0L);  // 40% of 300
    const ref::Mmc cold = ref::mmc(2, 60.0L, 100.0L);  // 20% each for the other three
    HR_COMPARE_REL(app.utilization, 0.6, kFormulaRtol);
    HR_COMPARE_OPT_REL(app.headroomMultiplier, 1.0 / 0.6, kFormulaRtol);
    HR_COMPARE_OPT_REL(app.meanResponseMs, static_cast<double>(hot.rSeconds * 1000.0L), kFormulaRtol);
    HR_COMPARE_REL(app.waitProbability, static_cast<double>(hot.waitProbability), kFormulaRtol);
    const double avg = (120.0 * static_cast<double>(hot.rSeconds) + 180.0 * static_cast<double>(cold.rSeconds)) / 300.0;
    HR_COMPARE_OPT_REL(app.avgResponseMs, avg * 1000.0, kFormulaRtol);
    HR_COMPARE_OPT_REL(app.meanInSystem, static_cast<double>(hot.l + 3.0L * cold.l), kFormulaRtol);
    HR_COMPARE_OPT_REL(app.meanQueueLength, static_cast<double>(hot.lq + 3.0L * cold.lq), kFormulaRtol);
    QCOMPARE(app.throughputRps, 300.0);
    HR_COMPARE_OPT_REL(solved->meanResponseMs, avg * 1000.0, kFormulaRtol);

    // Without hottest_share the split is even: every instance is the average one.
    model.components[1].set(Field::HottestShare, std::nullopt);
    const auto even = solve(model);
    QVERIFY(even.ok());
    const ref::Mmc quarter = ref::mmc(2, 75.0L, 100.0L);
    HR_COMPARE_REL(even->components[1].utilization, 0.375, kFormulaRtol);
    HR_COMPARE_OPT_REL(even->components[1].meanResponseMs, static_cast<double>(quarter.rSeconds * 1000.0L), kFormulaRtol);
    HR_COMPARE_OPT_REL(even->components[1].avgResponseMs, static_cast<double>(quarter.rSeconds * 1000.0L), kFormulaRtol);
}

// The hot instance saturates while the others cope: the component is saturated, the
// system unstable, and the end-to-end response infinite.
void TestSolver::hotInstanceSaturates()
{
    Model model;
    model.components = {openClients("users", 300.0),
                        ComponentBuilder(station("app", 10.0, 2, ComponentKind::AppServer))
                            .set(Field::Instances, 4)
                            .set(Field::HottestShare, 0.7)};
    model.links = {route("users", "app")};
    const auto solved = solve(model);
    QVERIFY(solved.ok());
    const ComponentResult& app = solved->components[1];
    QVERIFY(app.saturated);
    QVERIFY(!solved->stable);
    HR_COMPARE_REL(app.utilization, 300.0 * 0.7 * 0.01 / 2.0, kFormulaRtol); // offered, 1.05
    QVERIFY(!app.meanResponseMs && !app.avgResponseMs && !solved->meanResponseMs);
    HR_COMPARE_OPT_REL(solved->maxMultiplier, 2.0 / (300.0 * 0.7 * 0.01), kFormulaRtol);
}

// rate_rps = 0: nothing queues, every visited station answers in its service time, and the
// end-to-end response is the sum of visits times service times. No NaN anywhere.
void TestSolver::zeroTraffic()
{
    Model model;
    model.components = {openClients("users", 0.0), station("app", 12.0, 4, ComponentKind::AppServer),
                        station("db", 3.0, 8, ComponentKind::Database),
                        ComponentBuilder(station("edge", 1.0, 2)).set(Field::Capacity, 4)};
    model.links = {route("users", "edge"), route("edge", "app"), route("app", "db", 2.5)};
    model.links[2].set(LinkField::PoolSize, 5);
    const auto solved = solve(model);
    QVERIFY(solved.ok());
    const SolveResult& r = solved.value();
    QCOMPARE(r.throughputRps, 0.0);
    QVERIFY(r.stable);
    for (std::size_t i = 1; i < model.components.size(); ++i) {
        QVERIFY(allFinite(r.components[i]));
        QCOMPARE(r.components[i].utilization, 0.0);
        QCOMPARE(r.components[i].waitProbability, 0.0);
        QVERIFY(!r.components[i].headroomMultiplier);
    }
    HR_COMPARE_OPT_REL(r.components[1].meanResponseMs, 12.0, kFormulaRtol);
    QCOMPARE(r.components[3].visitsPerRequest, 1.0);
    QCOMPARE(r.components[2].visitsPerRequest, 2.5);
    HR_COMPARE_OPT_REL(r.meanResponseMs, 1.0 + 12.0 + 2.5 * 3.0, kFormulaRtol);
    QVERIFY(!r.maxMultiplier);
    QCOMPARE(r.pools.size(), std::size_t(1));
    QCOMPARE(r.pools[0].perInstanceRps, 0.0);
    QCOMPARE(r.pools[0].meanWaitMs.value_or(-1.0), 0.0);
}

// A closed workload with a delay (external) station, instances and a multi-server tier,
// against the convolution-free invariants (checkClosed) and hand-computed visits.
void TestSolver::closedWorkload()
{
    Model model;
    model.components = {closedClients("users", 25, 2000.0),
                        ComponentBuilder(station("web", 20.0, 2, ComponentKind::WebServer)).set(Field::Instances, 2),
                        station("db", 8.0, 1, ComponentKind::Database),
                        ComponentBuilder("payments", ComponentKind::External).set(Field::LatencyMs, 120.0)};
    model.links = {route("users", "web"), route("web", "db", 3.0), route("web", "payments", 0.1)};
    auto solver = Solver::create(model);
    QVERIFY2(solver.ok(), describeFailure(solver).constData());
    const SolveResult r = solver->solve();
    checkCommon(model, r);
    checkClosed(model, r, 1.0);
    QCOMPARE(r.components[2].visitsPerRequest, 3.0);
    HR_COMPARE_REL(r.components[3].visitsPerRequest, 0.1, 1e-15);
}

// No users: no throughput, every station answers in its service time, no NaN.
void TestSolver::closedZeroUsers()
{
    Model model;
    model.components = {closedClients("users", 0, 1000.0), station("app", 10.0, 4), station("db", 5.0)};
    model.links = {route("users", "app"), route("app", "db", 2.0)};
    const auto solved = solve(model);
    QVERIFY(solved.ok());
    const SolveResult& r = solved.value();
    QCOMPARE(r.throughputRps, 0.0);
    for (std::size_t i = 1; i < 3; ++i) {
        QVERIFY(allFinite(r.components[i]));
        QCOMPARE(r.components[i].utilization, 0.0);
        QCOMPARE(r.components[i].meanInSystem.value_or(-1.0), 0.0);
    }
    HR_COMPARE_OPT_REL(r.components[1].meanResponseMs, 10.0, kFormulaRtol);
    HR_COMPARE_OPT_REL(r.meanResponseMs, 10.0 + 2.0 * 5.0, kFormulaRtol);
}

// Each instance is its own station: three instances of one component solve like three
// components that each get a third of the calls.
void TestSolver::closedInstancesEqualListing()
{
    Model grouped;
    grouped.components = {closedClients("users", 40, 500.0),
                          ComponentBuilder(station("app", 30.0, 2)).set(Field::Instances, 3), station("db", 4.0)};
    grouped.links = {route("users", "app"), route("app", "db", 2.0)};
    Model listed;
    listed.components = {closedClients("users", 40, 500.0), station("a1", 30.0, 2), station("a2", 30.0, 2),
                         station("a3", 30.0, 2), station("db", 4.0)};
    listed.links = {route("users", "a1", 1.0 / 3.0), route("users", "a2", 1.0 / 3.0), route("users", "a3", 1.0 / 3.0),
                    route("users", "db", 2.0)};
    const auto a = solve(grouped);
    const auto b = solve(listed);
    QVERIFY(a.ok() && b.ok());
    HR_COMPARE_REL(a->throughputRps, b->throughputRps, 1e-12);
    HR_COMPARE_OPT_REL(a->components[1].meanResponseMs, *b->components[1].meanResponseMs, 1e-12);
    HR_COMPARE_OPT_REL(a->components[1].meanInSystem,
                       *b->components[1].meanInSystem + *b->components[2].meanInSystem + *b->components[3].meanInSystem,
                       1e-12);
    HR_COMPARE_REL(a->components[1].utilization, b->components[1].utilization, 1e-12);
    HR_COMPARE_OPT_REL(a->components[2].meanResponseMs, *b->components[4].meanResponseMs, 1e-12);
}

// Issue 14: a closed workload never saturates, however heavily loaded; its bottleneck's
// X V S / c rounds to 1.0 in double precision and was reported saturated (null figures).
// Expected figures: the first by hand (5 users, no think time, one 10 ms server: it is
// always busy, X = 100/s, R = N / X), the second from an independent 50-digit MVA.
void TestSolver::closedBottleneckAtRoundedOne_data()
{
    QTest::addColumn<Model>("model");
    QTest::addColumn<int>("bottleneck");
    QTest::addColumn<double>("responseMs");
    QTest::addColumn<double>("waitMs");
    QTest::addColumn<double>("inSystem");
    QTest::addColumn<double>("queueLength");
    Model single;
    single.components = {closedClients("users", 5, 0.0), station("s", 10.0)};
    single.links = {route("users", "s")};
    QTest::newRow("5 users, no think, one 10 ms server") << single << 1 << 50.0 << 40.0 << 5.0 << 4.0;
    Model twoTier;
    twoTier.components = {closedClients("users", 120, 1000.0), station("web", 5.0, 4, ComponentKind::WebServer),
                          station("db", 40.0, 2, ComponentKind::Database)};
    twoTier.links = {route("users", "web"), route("web", "db")};
    // db: X = 2 / 0.04 s to within 1e-14, so Q - X S = Q - 2.
    QTest::newRow("120 users thinking 1 s, web 4 x 5 ms, db 2 x 40 ms")
        << twoTier << 2 << 1394.99981972237 << 1394.99981972237 - 40.0 << 69.7499909861186 << 69.7499909861186 - 2.0;
}

void TestSolver::closedBottleneckAtRoundedOne()
{
    QFETCH(Model, model);
    QFETCH(int, bottleneck);
    QFETCH(double, responseMs);
    QFETCH(double, waitMs);
    QFETCH(double, inSystem);
    QFETCH(double, queueLength);
    const auto solved = solve(model);
    QVERIFY2(solved.ok(), describeFailure(solved).constData());
    const SolveResult& r = solved.value();
    const ComponentResult& b = r.components[static_cast<std::size_t>(bottleneck)];
    QVERIFY2(!b.saturated, "a closed workload's bottleneck is never saturated");
    QVERIFY(r.stable);
    QVERIFY2(r.warnings.empty(), describe(r.warnings).constData());
    QCOMPARE(b.utilization, 1.0); // exact: 1 - (far less than an ulp)
    // 1e-12: the reference's digits as printed, and the MVA's own rounding over 120 steps.
    HR_COMPARE_OPT_REL(b.meanResponseMs, responseMs, 1e-12);
    HR_COMPARE_OPT_REL(b.avgResponseMs, responseMs, 1e-12);
    HR_COMPARE_OPT_REL(b.meanWaitMs, waitMs, 1e-12);
    HR_COMPARE_OPT_REL(b.meanInSystem, inSystem, 1e-12);
    HR_COMPARE_OPT_REL(b.meanQueueLength, queueLength, 1e-12);
    checkCommon(model, r);
    checkClosed(model, r, 1.0);
}

// Random closed models (N up to 5000, think 0 to 20 s, 1 to 64 servers, visits from 0.2 to 3
// per parent visit, several instances), many of them loaded far past their bottleneck's
// knee: no component is ever saturated, every figure is finite, and Little's law holds per
// station and for the whole cycle (checkClosed). Would have caught issue 14.
void TestSolver::closedRandomModelsNeverSaturate_data()
{
    QTest::addColumn<Model>("model");
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&state] { // SplitMix64: the same sequence on every platform
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    const auto uniform = [&next](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1p-53; };
    const auto integer = [&next](std::uint64_t lo, std::uint64_t hi) { return lo + next() % (hi - lo + 1); };
    for (int row = 0; row < 100; ++row) {
        Model m;
        // Log-uniform population, so heavily loaded models are as common as light ones.
        const double users = std::round(std::exp(uniform(0.0, std::log(5000.0))));
        const double think = row % 3 == 0 ? 0.0 : uniform(0.0, 20000.0);
        m.components.push_back(closedClients("users", users, think));
        const auto stations = integer(1, 6);
        for (std::uint64_t i = 0; i < stations; ++i) {
            const std::string id = "s" + std::to_string(i);
            ComponentBuilder b = station(id, std::exp(uniform(std::log(0.1), std::log(200.0))),
                                         static_cast<double>(integer(1, 64)));
            if (integer(0, 3) == 0)
                b.set(Field::Instances, static_cast<double>(integer(2, 4)));
            m.components.push_back(b);
            const std::uint64_t parent = integer(0, i); // 0: the users, else station parent - 1
            const std::string from = parent == 0 ? std::string("users") : "s" + std::to_string(parent - 1);
            m.links.push_back(route(from, id, uniform(0.2, 3.0)));
        }
        const QByteArray name = "random " + QByteArray::number(row) + ": N=" + QByteArray::number(users) +
                                " Z=" + QByteArray::number(think, 'f', 0) + " ms, " +
                                QByteArray::number(static_cast<qulonglong>(stations)) + " stations";
        QTest::newRow(name.constData()) << m;
    }
}

void TestSolver::closedRandomModelsNeverSaturate()
{
    QFETCH(Model, model);
    const auto solved = solve(model);
    QVERIFY2(solved.ok(), describeFailure(solved).constData());
    const SolveResult& r = solved.value();
    for (std::size_t i = 0; i < r.components.size(); ++i) {
        QVERIFY2(!r.components[i].saturated, (model.components[i].id + " reported saturated").c_str());
        QCOMPARE_LE(r.components[i].utilization, 1.0);
    }
    QVERIFY(r.meanResponseMs && std::isfinite(*r.meanResponseMs));
    checkCommon(model, r);
    checkClosed(model, r, 1.0);
}

// --multiplier scales users and rounds to the nearest integer: 3 users x 1.4 = 4.2 -> 4.
void TestSolver::closedMultiplierRoundsUsers()
{
    Model three;
    three.components = {closedClients("users", 3, 100.0), station("app", 50.0)};
    three.links = {route("users", "app")};
    Model four = three;
    four.components[0].set(Field::Users, 4);
    const auto scaled = solve(three, {1.4, false});
    const auto direct = solve(four);
    QVERIFY(scaled.ok() && direct.ok());
    QCOMPARE(scaled->throughputRps, direct->throughputRps);
    // By hand: N = 4, Z = 0.1 s, one server of 0.05 s: X(n) = n / (Z + R(n)), R(n) = S (1 + Q(n-1)).
    double q = 0.0;
    double x = 0.0;
    for (int n = 1; n <= 4; ++n) {
        const double r = 0.05 * (1.0 + q);
        x = n / (0.1 + r);
        q = x * r;
    }
    HR_COMPARE_REL(direct->throughputRps, x, 1e-13);
}

// Without shedding, traffic is linear in the multiplier.
void TestSolver::multiplierScalesOpenTraffic()
{
    const Model model = loadModel(kSharedDir + "/reference/cases/web-stage2.json");
    auto solver = Solver::create(model);
    QVERIFY(solver.ok());
    const SolveResult one = solver->solve({1.0, false});
    for (const double m : {0.25, 3.0, 17.5}) {
        const SolveResult scaled = solver->solve({m, false});
        for (std::size_t i = 0; i < model.components.size(); ++i)
            HR_COMPARE_REL(scaled.components[i].arrivalRps, m * one.components[i].arrivalRps, 1e-14);
        HR_COMPARE_REL(scaled.throughputRps, m * 300.0, 1e-14);
    }
}

// An external dependency: fixed latency, infinite servers.
void TestSolver::externalDependency()
{
    Model model;
    model.components = {openClients("users", 1e6), station("app", 1.0, 10000),
                        ComponentBuilder("stripe", ComponentKind::External).set(Field::LatencyMs, 250.0)};
    model.links = {route("users", "app"), route("app", "stripe", 0.5)};
    const auto solved = solve(model);
    QVERIFY(solved.ok());
    const ComponentResult& stripe = solved->components[2];
    QCOMPARE(stripe.arrivalRps, 5e5);
    QCOMPARE(stripe.utilization, 0.0);
    QVERIFY(!stripe.saturated);
    QCOMPARE(stripe.meanWaitMs.value_or(-1.0), 0.0);
    QCOMPARE(stripe.p50ResponseMs.value_or(-1.0), 250.0);
    QCOMPARE(stripe.p99ResponseMs.value_or(-1.0), 250.0);
    HR_COMPARE_OPT_REL(stripe.meanInSystem, 5e5 * 0.25, kFormulaRtol);
    QCOMPARE(solved->bottleneck, std::optional<std::size_t>(1));
}

// replicationLag (spec section 4): rho = w apply / 1000, mean = d + apply / (1 - rho),
// p99 = d + ln(100) apply / (1 - rho) (the 99th percentile of an Exp(mu - w) sojourn);
// saturated at rho >= 1 with growth (rho - 1) * 1000 ms per s.
void TestSolver::replicationFormulas_data()
{
    QTest::addColumn<double>("writeRps");
    QTest::addColumn<double>("applyMs");
    QTest::addColumn<double>("delayMs");
    QTest::newRow("web-stage2 at 1x: w=30, apply 0.8, delay 2") << 30.0 << 0.8 << 2.0;
    QTest::newRow("no writes") << 0.0 << 1.0 << 0.0;
    QTest::newRow("rho=0.99") << 990.0 << 1.0 << 5.0;
    QTest::newRow("rho=1 exactly") << 1000.0 << 1.0 << 0.0;
    QTest::newRow("rho=2.5") << 500.0 << 5.0 << 1.0;
}

void TestSolver::replicationFormulas()
{
    QFETCH(double, writeRps);
    QFETCH(double, applyMs);
    QFETCH(double, delayMs);
    const LagFigures lag = replicationLag(writeRps, applyMs, delayMs);
    const double rho = writeRps * applyMs / 1000.0;
    HR_COMPARE_MIXED(lag.applyUtilization, rho, 1e-15, 0.0);
    QCOMPARE(lag.saturated, rho >= 1.0);
    if (rho >= 1.0) {
        QVERIFY(!lag.meanLagMs && !lag.p99LagMs);
        HR_COMPARE_MIXED(lag.lagGrowthMsPerS, (rho - 1.0) * 1000.0, 1e-14, 1e-12);
        return;
    }
    // M/M/1 sojourn: Exp(mu - w) with mu = 1000 / apply per second, in ms.
    const double rateMs = (1000.0 / applyMs - writeRps) / 1000.0;
    HR_COMPARE_OPT_REL(lag.meanLagMs, delayMs + 1.0 / rateMs, 1e-13);
    HR_COMPARE_OPT_REL(lag.p99LagMs, delayMs - std::log(0.01) / rateMs, 1e-13);
    QCOMPARE(lag.lagGrowthMsPerS, 0.0);
}

// staleReadProbability: 1 before the shipping delay, then e^(-(mu - w)(t - d) / 1000); its
// value at p99 lag is 1%.
void TestSolver::staleReads()
{
    const double w = 30.0;
    const double apply = 0.8;
    const double d = 2.0;
    QCOMPARE(staleReadProbability(w, apply, d, 0.0), 1.0);
    QCOMPARE(staleReadProbability(w, apply, d, 1.999), 1.0);
    QCOMPARE(staleReadProbability(w, apply, d, 2.0), 1.0);
    HR_COMPARE_REL(staleReadProbability(w, apply, d, 3.0), std::exp(-(1250.0 - 30.0) * 1.0 / 1000.0), 1e-14);
    const LagFigures lag = replicationLag(w, apply, d);
    HR_COMPARE_REL(staleReadProbability(w, apply, d, *lag.p99LagMs), 0.01, 1e-12);
    QCOMPARE(staleReadProbability(2000.0, apply, d, 100.0), 1.0); // saturated: never catches up
}

// A pool too small for its traffic waits without bound: the end-to-end response is null,
// the pool saturated, and a warning names it.
void TestSolver::saturatedPoolMakesResponseInfinite()
{
    Model model;
    model.components = {openClients("users", 1000.0), station("app", 1.0, 64, ComponentKind::AppServer),
                        station("db", 10.0, 64, ComponentKind::Database)};
    model.links = {route("users", "app"), route("app", "db")};
    model.links[1].set(LinkField::PoolSize, 5); // offered 1000 * 0.010 = 10 connections > 5
    const auto solved = solve(model);
    QVERIFY(solved.ok());
    QCOMPARE(solved->pools.size(), std::size_t(1));
    const PoolResult& pool = solved->pools[0];
    QVERIFY(pool.saturated);
    QVERIFY(!pool.meanWaitMs);
    QCOMPARE(pool.waitProbability, 1.0);
    QVERIFY(pool.utilization);
    HR_COMPARE_REL(*pool.utilization, 1000.0 * 10.0 / 1000.0 / 5.0, 1e-9); // hold ~ 10 ms (db barely queues)
    QVERIFY(!solved->meanResponseMs);
    bool warned = false;
    for (const Issue& w : solved->warnings)
        warned = warned || (w.subject.kind == Subject::Kind::Pool && w.subject.name == "app" &&
                            w.subject.to == "db");
    QVERIFY2(warned, "no warning names the saturated pool");
}

// Spec section 4: "a saturated component with no sync visits makes stable false but leaves
// mean_response_ms finite" (async branches add nothing to the caller's response).
void TestSolver::saturatedAsyncBranchKeepsResponseFinite()
{
    Model model;
    model.components = {openClients("users", 100.0), station("app", 5.0, 4, ComponentKind::AppServer),
                        station("jobs", 50.0, 2, ComponentKind::Queue)}; // 100 x 0.05 / 2 = 2.5 > 1
    model.links = {route("users", "app"), route("app", "jobs")};
    const auto solved = solve(model);
    QVERIFY(solved.ok());
    QVERIFY(solved->components[2].saturated);
    QVERIFY(!solved->stable);
    QCOMPARE(solved->components[2].visitsPerRequest, 0.0);
    const auto app = static_cast<double>(ref::mmc(4, 100.0L, 200.0L).rSeconds * 1000.0L);
    HR_COMPARE_OPT_REL(solved->meanResponseMs, app, kFormulaRtol);
    QCOMPARE(solved->bottleneck, std::optional<std::size_t>(2));
}

// A closed hot spot: the hottest instance gets V * share, the others V * (1 - share) / (n - 1)
// each, exactly as three components with those calls; avg_response_ms is visit-weighted.
void TestSolver::closedHotSpotEqualsListing()
{
    Model grouped;
    grouped.components = {closedClients("users", 30, 800.0),
                          ComponentBuilder(station("app", 25.0, 2))
                              .set(Field::Instances, 3)
                              .set(Field::HottestShare, 0.5),
                          station("db", 6.0)};
    grouped.links = {route("users", "app"), route("app", "db", 1.5)};
    Model listed;
    listed.components = {closedClients("users", 30, 800.0), station("a1", 25.0, 2), station("a2", 25.0, 2),
                         station("a3", 25.0, 2), station("db", 6.0)};
    listed.links = {route("users", "a1", 0.5), route("users", "a2", 0.25), route("users", "a3", 0.25),
                    route("users", "db", 1.5)};
    const auto a = solve(grouped);
    const auto b = solve(listed);
    QVERIFY(a.ok() && b.ok());
    HR_COMPARE_REL(a->throughputRps, b->throughputRps, 1e-12);
    const ComponentResult& app = a->components[1];
    HR_COMPARE_OPT_REL(app.meanResponseMs, *b->components[1].meanResponseMs, 1e-12);
    HR_COMPARE_REL(app.utilization, b->components[1].utilization, 1e-12);
    const double avg = 0.5 * *b->components[1].meanResponseMs + 0.25 * *b->components[2].meanResponseMs +
                       0.25 * *b->components[3].meanResponseMs;
    HR_COMPARE_OPT_REL(app.avgResponseMs, avg, 1e-12);
    HR_COMPARE_OPT_REL(app.meanInSystem,
                       *b->components[1].meanInSystem + *b->components[2].meanInSystem + *b->components[3].meanInSystem,
                       1e-12);
    checkClosed(grouped, a.value(), 1.0);
}

// Several open clients add up (spec section 4): one external request is one request any
// client issues, so visits are per unit of the total rate (each client weighted equally
// when there is no traffic at all). The invariants above recompute all of it.
void TestSolver::severalOpenClients_data()
{
    QTest::addColumn<double>("rateA");
    QTest::addColumn<double>("rateB");
    QTest::newRow("100 + 50 rps") << 100.0 << 50.0;
    QTest::newRow("0 + 80 rps") << 0.0 << 80.0;
    QTest::newRow("no traffic at all") << 0.0 << 0.0;
}

void TestSolver::severalOpenClients()
{
    QFETCH(double, rateA);
    QFETCH(double, rateB);
    Model model;
    model.components = {openClients("web", rateA), openClients("mobile", rateB),
                        station("app", 4.0, 8, ComponentKind::AppServer), station("db", 2.0, 4, ComponentKind::Database)};
    model.links = {route("web", "app"), route("mobile", "app", 2.0), route("mobile", "db", 0.5), route("app", "db", 1.5)};
    for (const double m : {1.0, 3.0}) {
        const auto solved = solve(model, {m, true});
        QVERIFY(solved.ok());
        checkCommon(model, solved.value());
        checkOpen(model, solved.value(), m);
        // By hand: app gets A + 2B, db gets 0.5 B + 1.5 (A + 2B).
        HR_COMPARE_MIXED(solved->components[2].arrivalRps, m * (rateA + 2.0 * rateB), 1e-15, 0.0);
        HR_COMPARE_MIXED(solved->components[3].arrivalRps, m * (0.5 * rateB + 1.5 * (rateA + 2.0 * rateB)), 1e-15, 0.0);
        HR_COMPARE_MIXED(solved->throughputRps, m * (rateA + rateB), 1e-15, 0.0);
    }
}


namespace {

QByteArray firstDifference(const SolveResult& a, const SolveResult& b)
{
    // Bitwise equal: a reused workspace runs the same arithmetic as a fresh one, so any
    // difference is a figure left over from the previous point.
    const auto same = [](const std::optional<double>& x, const std::optional<double>& y) {
        return x.has_value() == y.has_value() && (!x || std::memcmp(&*x, &*y, sizeof(double)) == 0);
    };
    const auto sameValue = [&](double x, double y) { return same(x, y); };
    if (!sameValue(a.multiplier, b.multiplier) || a.workload != b.workload || a.status != b.status ||
        a.stable != b.stable ||
        !sameValue(a.throughputRps, b.throughputRps) || !same(a.meanResponseMs, b.meanResponseMs) ||
        a.bottleneck != b.bottleneck || !same(a.maxMultiplier, b.maxMultiplier))
        return "top-level figures";
    if (a.warnings != b.warnings)
        return "warnings";
    if (a.components.size() != b.components.size())
        return "component count";
    for (std::size_t i = 0; i < a.components.size(); ++i) {
        const ComponentResult& x = a.components[i];
        const ComponentResult& y = b.components[i];
        const bool equal =
            x.kind == y.kind && x.method == y.method && sameValue(x.arrivalRps, y.arrivalRps) &&
            sameValue(x.throughputRps, y.throughputRps) && sameValue(x.utilization, y.utilization) &&
            sameValue(x.offeredUtilization, y.offeredUtilization) && sameValue(x.waitProbability, y.waitProbability) &&
            sameValue(x.blockingProbability, y.blockingProbability) && same(x.meanWaitMs, y.meanWaitMs) &&
            same(x.meanResponseMs, y.meanResponseMs) && same(x.avgResponseMs, y.avgResponseMs) &&
            same(x.p50ResponseMs, y.p50ResponseMs) && same(x.p95ResponseMs, y.p95ResponseMs) &&
            same(x.p99ResponseMs, y.p99ResponseMs) && same(x.meanQueueLength, y.meanQueueLength) &&
            same(x.meanInSystem, y.meanInSystem) && same(x.headroomMultiplier, y.headroomMultiplier) &&
            sameValue(x.visitsPerRequest, y.visitsPerRequest) && x.saturated == y.saturated &&
            x.approximate == y.approximate;
        if (!equal)
            return "component " + QByteArray::number(static_cast<qulonglong>(i));
    }
    if (a.pools.size() != b.pools.size())
        return "pool count";
    for (std::size_t i = 0; i < a.pools.size(); ++i) {
        const PoolResult& x = a.pools[i];
        const PoolResult& y = b.pools[i];
        if (x.link != y.link || x.poolSize != y.poolSize || !sameValue(x.perInstanceRps, y.perInstanceRps) ||
            !same(x.holdMs, y.holdMs) || !same(x.utilization, y.utilization) ||
            !sameValue(x.waitProbability, y.waitProbability) || !same(x.meanWaitMs, y.meanWaitMs) ||
            x.connectionsTotal != y.connectionsTotal || x.maxConnections != y.maxConnections ||
            x.saturated != y.saturated)
            return "pool " + QByteArray::number(static_cast<qulonglong>(i));
    }
    if (a.replication.size() != b.replication.size())
        return "replication count";
    for (std::size_t i = 0; i < a.replication.size(); ++i) {
        const ReplicationResult& x = a.replication[i];
        const ReplicationResult& y = b.replication[i];
        if (x.replica != y.replica || !sameValue(x.writeRps, y.writeRps) ||
            !sameValue(x.applyUtilization, y.applyUtilization) || !same(x.meanLagMs, y.meanLagMs) ||
            !same(x.p99LagMs, y.p99LagMs) || !sameValue(x.lagGrowthMsPerS, y.lagGrowthMsPerS) ||
            x.saturated != y.saturated)
            return "replication " + QByteArray::number(static_cast<qulonglong>(i));
    }
    return {};
}

} // namespace

// Sweeps reuse one workspace for every point: each point must come out exactly as a
// fresh solve, whatever the previous point left behind (saturated or not, shedding,
// with and without details).
void TestSolver::workspaceReuseMatchesFreshSolve_data()
{
    QTest::addColumn<QString>("path");
    for (const QString& dir : {kSharedDir + "/reference/cases", kSourceDir + "/resources/examples"}) {
        const QDir folder(dir);
        for (const QString& name : folder.entryList({"*.json"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(folder.dirName() + "/" + name)) << folder.filePath(name);
    }
}

void TestSolver::workspaceReuseMatchesFreshSolve()
{
    QFETCH(QString, path);
    const Model model = loadModel(path);
    auto solver = Solver::create(model);
    QVERIFY2(solver.ok(), describeFailure(solver).constData());
    SolveWorkspace workspace;
    int step = 0;
    for (const double m : {30.0, 0.0, 1.0, 12.0, 0.5, 3.0, 1.0}) {
        const SolveOptions options{m, step++ % 2 == 0};
        const SolveResult& reused = solver->solve(options, workspace);
        const SolveResult fresh = solver->solve(options);
        const QByteArray difference = firstDifference(reused, fresh);
        QVERIFY2(difference.isEmpty(), qPrintable("at x" + QString::number(m) + ": " + difference));
    }
}

Q_DECLARE_METATYPE(headroom::engine::Status)

// Every result says how far its figures can be taken, the same on every path: with and
// without details (percentiles and warnings), in a sweep, on the 10x chart's curve.
void TestSolver::statusOnEveryPath_data()
{
    QTest::addColumn<Model>("model");
    QTest::addColumn<Status>("status");
    QTest::addColumn<bool>("stable");

    Model stable;
    stable.components = {openClients("users", 100), station("app", 10.0, 8)};
    stable.links = {route("users", "app")};
    QTest::newRow("stable") << stable << Status::Ok << true;

    Model saturated = stable;
    saturated.components[1].set(Field::ServiceMs, 100.0); // 10 erlangs on 8 servers
    QTest::newRow("a station saturates") << saturated << Status::Saturated << false;

    Model pool;
    pool.components = {openClients("users", 100), station("app", 10.0, 8),
                       station("db", 20.0, 8, ComponentKind::Database)};
    pool.links = {route("users", "app"), route("app", "db")};
    pool.links[1].set(LinkField::PoolSize, 1); // 2 erlangs of connections held on one
    QTest::newRow("only a pool saturates") << pool << Status::Saturated << true;

    Model replica;
    replica.components = {openClients("users", 100), station("app", 10.0, 8),
                          ComponentBuilder(station("primary", 5.0, 8, ComponentKind::Database))
                              .role(DatabaseRole::Primary),
                          ComponentBuilder(station("replica", 5.0, 4, ComponentKind::Database))
                              .role(DatabaseRole::Replica)
                              .set(Field::ApplyMs, 20.0)}; // writes of 100 rps take 2 apply threads
    replica.links = {route("users", "app"), route("app", "primary"),
                     route("primary", "replica", 1.0, LinkKind::Replication)};
    QTest::newRow("only a replica falls behind") << replica << Status::Saturated << true;

    Model closed;
    closed.components = {closedClients("users", 20, 1000), station("app", 10.0, 2)};
    closed.links = {route("users", "app")};
    QTest::newRow("closed workload") << closed << Status::Ok << true;

    // Found by a random search: a retry loop of gain 0.99993 on a station that barely
    // sheds. (I - M) is nearly singular, so Newton's steps stay at a relative change
    // above 1e-12 and the fixed point is reported as the last iterate.
    Model unsettled;
    unsettled.components = {openClients("users", 5.5760496790417937),
                            ComponentBuilder(station("api", 0.048959549472738624, 340))
                                .set(Field::Capacity, 794)
                                .set(Field::Instances, 10)};
    unsettled.links = {route("users", "api"), route("api", "api", 0.99993193343277464)};
    QTest::newRow("a retry loop that does not settle") << unsettled << Status::NotConverged << true;
}

void TestSolver::statusOnEveryPath()
{
    QFETCH(Model, model);
    QFETCH(Status, status);
    QFETCH(bool, stable);
    const auto solver = Solver::create(model);
    QVERIFY2(solver.ok(), describeFailure(solver).constData());
    const SolveResult detailed = solver->solve({1.0, true});
    QCOMPARE(detailed.status, status);
    QCOMPARE(detailed.stable, stable);
    // Sweeps and charts leave the details out; the status stays.
    const SolveResult plain = solver->solve({1.0, false});
    QCOMPARE(plain.status, status);
    QVERIFY(plain.warnings.empty());
    const std::vector<double> one{1.0};
    const std::vector<SweepPoint> points = sweep(*solver, one);
    QCOMPARE(points.front().status, status);
    if (solver->workload() == Workload::Open) {
        const LoadCurve curve = loadCurve(*solver, one);
        QCOMPARE(curve.status.front(), status);
    }
    // With details, a status other than ok is explained by a warning.
    const bool unsettledWarning = std::any_of(detailed.warnings.begin(), detailed.warnings.end(), [](const Issue& w) {
        return w.message.find("did not settle") != std::string::npos;
    });
    QCOMPARE(unsettledWarning, status == Status::NotConverged);
    QCOMPARE(std::string(statusName(status)), std::string(status == Status::Ok          ? "ok"
                                                          : status == Status::Saturated ? "saturated"
                                                                                        : "not_converged"));
}

QTEST_GUILESS_MAIN(TestSolver)
#include "tst_solver.moc"
