// SPDX-License-Identifier: MIT
// Load shedding (spec section 7): goodput = offered x (1 - B) x P(answered within T | admitted).
// Expected values from direct birth-death sums and the hypoexponential closed form (Brute.h).
#include "Brute.h"
#include "TestModels.h"

#include "engine/LoadShedding.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace headroom::engine;
using headroom::testing::bruteGoodput;
using headroom::testing::bruteMmckDistribution;
using headroom::testing::ModelBuilder;

namespace {

ModelBuilder api(double rate, double servers, double serviceMs, double instances = 1)
{
    ModelBuilder b;
    b.clients("users", rate)
        .component("api", ComponentKind::AppServer,
                   {{Field::Servers, servers}, {Field::ServiceMs, serviceMs}, {Field::Instances, instances}})
        .component("partner", ComponentKind::External, {{Field::LatencyMs, 80}})
        .link("users", "api")
        .link("api", "partner");
    return b;
}

} // namespace

class TestLoadShedding : public QObject {
    Q_OBJECT

private slots:
    void boundedGoodput_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("serviceMs");
        QTest::addColumn<int>("capacity");
        QTest::addColumn<double>("timeoutMs");
        QTest::newRow("M/M/4/16, rho 0.75, T 200 ms") << 300.0 << 4 << 10.0 << 16 << 200.0;
        QTest::newRow("M/M/4/16, rho 1.5, T 200 ms") << 600.0 << 4 << 10.0 << 16 << 200.0;
        QTest::newRow("M/M/1/10, rho 2, T 50 ms") << 200.0 << 1 << 10.0 << 10 << 50.0;
        QTest::newRow("M/M/8/40, rho 0.95, T 1 s") << 760.0 << 8 << 10.0 << 40 << 1000.0;
        QTest::newRow("K = servers (loss system)") << 500.0 << 4 << 10.0 << 4 << 1000.0;
        QTest::newRow("timeout below the service time") << 50.0 << 2 << 20.0 << 6 << 10.0;
    }

    void boundedGoodput()
    {
        QFETCH(double, rate);
        QFETCH(int, servers);
        QFETCH(double, serviceMs);
        QFETCH(int, capacity);
        QFETCH(double, timeoutMs);
        const Solver solver = api(rate, servers, serviceMs).solver();
        const std::vector<double> multipliers{1.0};
        const LoadSheddingAnswer a = loadShedding(solver, 1, std::int64_t{capacity}, timeoutMs, multipliers);
        QCOMPARE(a.capacity, std::int64_t{capacity});
        const ShedPoint& p = a.withShedding.front();
        HR_COMPARE_REL(p.offeredRps, rate, 1e-15);
        const auto dist = bruteMmckDistribution(servers, capacity, rate * serviceMs / 1000.0);
        HR_COMPARE_REL(p.rejectedFraction, static_cast<double>(dist.back()), 1e-11);
        HR_COMPARE_REL(p.goodputRps, bruteGoodput(rate, serviceMs, servers, capacity, timeoutMs), 1e-10);
        // The same figure from the capacity search's one-pass recursion.
        const std::vector<double> byK = goodputByCapacity(rate, serviceMs, servers, timeoutMs, capacity - servers);
        HR_COMPARE_REL(byK.back(), p.goodputRps, 1e-11);
        QVERIFY(p.meanResponseMs.has_value());
    }

    void lossSystemClosedForm()
    {
        // K = c = 1: B = a / (1 + a); every admitted request is served at once, so it is in
        // time with probability 1 - e^{-T/S}. 100 rps at 20 ms: a = 2; T = 10 ms is half a service.
        const Solver solver = api(100, 1, 20).solver();
        const LoadSheddingAnswer a = loadShedding(solver, 1, std::int64_t{1}, 10.0, std::vector<double>{1.0});
        const ShedPoint& p = a.withShedding.front();
        HR_COMPARE_REL(p.rejectedFraction, 2.0 / 3.0, 1e-14);
        HR_COMPARE_REL(p.goodputRps, 100.0 / 3.0 * (1.0 - std::exp(-0.5)), 1e-13);
        HR_COMPARE_REL(*p.meanResponseMs, 20.0, 1e-13);
    }

    void unboundedCollapses()
    {
        // 4 servers at 10 ms carry 400 rps: at 1.5x (450) the unbounded queue never settles.
        const Solver solver = api(300, 4, 10).solver();
        const std::vector<double> multipliers{1.0, 1.5};
        const LoadSheddingAnswer a = loadShedding(solver, 1, std::int64_t{16}, 200.0, multipliers);
        const ShedPoint& stable = a.withoutShedding[0];
        const ShedPoint& collapsed = a.withoutShedding[1];
        QCOMPARE(stable.rejectedFraction, 0.0);
        // M/M/4 at 300 rps: P(T > t) = e^{-mu t}(1 + C mu (1 - e^{-(theta - mu) t}) / (theta - mu)), mu 0.1/ms, theta 0.1/ms.
        const double c = headroom::testing::bruteErlangC(4, 3.0);
        const double mu = 0.1;
        const double theta = 0.4 - 0.3;
        const double tail = std::exp(-mu * 200.0) * (1.0 + c * mu * 200.0); // theta == mu: the limit form
        QCOMPARE(theta, mu);
        HR_COMPARE_REL(stable.goodputRps, 300.0 * (1.0 - tail), 1e-12);
        QCOMPARE(collapsed.goodputRps, 0.0);
        QVERIFY(!collapsed.meanResponseMs);
        // With the bound the excess is refused and goodput stays near capacity.
        QVERIFY(a.withShedding[1].goodputRps > 350.0);
    }

    void recommendedCapacity()
    {
        // M/M/1 at rho = 2 with a timeout of 20 services: beyond some K the extra places only
        // hold requests that will time out. Brute force over K = 1..400 (goodput at K = 400 is
        // negligible, so the search to c + 10000 cannot find anything better).
        const double rate = 200.0;
        const double serviceMs = 10.0;
        const double timeoutMs = 200.0;
        double best = 0.0;
        std::vector<double> goodput(401, 0.0);
        for (int k = 1; k <= 400; ++k) {
            goodput[static_cast<std::size_t>(k)] = bruteGoodput(rate, serviceMs, 1, k, timeoutMs);
            best = std::max(best, goodput[static_cast<std::size_t>(k)]);
        }
        QVERIFY(goodput[400] < 1e-6 * best);
        int want = 1;
        while (goodput[static_cast<std::size_t>(want)] < 0.99 * best)
            ++want;
        const Solver solver = api(rate, 1, serviceMs).solver();
        const LoadSheddingAnswer a = loadShedding(solver, 1, std::nullopt, timeoutMs, std::vector<double>{0.5, 1.0});
        QCOMPARE(a.recommendedCapacity, std::int64_t{want});
        QCOMPARE(a.capacity, std::int64_t{want});
    }

    void instancesAddUp()
    {
        // Two instances, even split: twice the goodput of one instance at half the rate.
        const Solver two = api(600, 4, 10, 2).solver();
        const Solver one = api(300, 4, 10, 1).solver();
        const std::vector<double> multipliers{1.0, 2.0};
        const LoadSheddingAnswer a = loadShedding(two, 1, std::int64_t{12}, 150.0, multipliers);
        const LoadSheddingAnswer b = loadShedding(one, 1, std::int64_t{12}, 150.0, multipliers);
        for (std::size_t i = 0; i < multipliers.size(); ++i) {
            HR_COMPARE_REL(a.withShedding[i].goodputRps, 2.0 * b.withShedding[i].goodputRps, 1e-13);
            HR_COMPARE_REL(a.withShedding[i].rejectedFraction, b.withShedding[i].rejectedFraction, 1e-13);
        }
    }

    void findComponent_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("the workload") << "users";
        QTest::newRow("an external dependency") << "partner";
        QTest::newRow("unknown") << "nope";
    }

    void findComponent()
    {
        QFETCH(QString, id);
        const Model model = api(300, 4, 10).model();
        const auto found = findShedComponent(model, id.toStdString());
        QVERIFY(!found.ok());
        QCOMPARE(subjectText(found.issues().front().subject), std::string("--component"));
        QCOMPARE(*findShedComponent(model, "api"), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestLoadShedding)
#include "tst_load_shedding.moc"
