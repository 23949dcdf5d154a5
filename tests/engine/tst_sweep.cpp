// SPDX-License-Identifier: MIT
// Sweeps: evenly spaced multipliers with exact ends, range checks, and one summary per
// multiplier against the M/M/c figures of a one-station model.

#include "EngineTestSupport.h"
#include "ReferenceQueues.h"

#include "engine/Solver.h"
#include "engine/Sweep.h"

#include <QtTest/QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace headroom::engine;
using namespace headroom::testing;
namespace ref = headroom::testing::reference;

class TestSweep : public QObject {
    Q_OBJECT

private slots:
    void evenlySpacedEnds_data();
    void evenlySpacedEnds();
    void rangeChecks_data();
    void rangeChecks();
    void summariesFollowTheFormulas();
};

// N multipliers evenly spaced from A to B, both ends included exactly (spec section 7).
void TestSweep::evenlySpacedEnds_data()
{
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("steps");
    QTest::newRow("1 to 10 in 10") << 1.0 << 10.0 << 10;
    QTest::newRow("0.1 to 0.7 in 7") << 0.1 << 0.7 << 7;
    QTest::newRow("two steps") << 0.5 << 2.0 << 2;
    QTest::newRow("0 to 1e9 in 1001") << 0.0 << 1e9 << 1001;
}

void TestSweep::evenlySpacedEnds()
{
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, steps);
    const std::vector<double> points = evenlySpaced(from, to, steps);
    QCOMPARE(points.size(), static_cast<std::size_t>(steps));
    QCOMPARE(points.front(), from);
    QCOMPARE(points.back(), to);
    const double step = (to - from) / (steps - 1);
    for (int i = 1; i < steps; ++i) {
        HR_COMPARE_MIXED(points[static_cast<std::size_t>(i)], from + i * step, 1e-15, 1e-15 * std::fabs(to));
        QCOMPARE_GT(points[static_cast<std::size_t>(i)], points[static_cast<std::size_t>(i - 1)]);
    }
}

// --from/--to/--steps: steps >= 2, 0 <= from < to <= 1e9, all finite; the issue names the flag.
void TestSweep::rangeChecks_data()
{
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("steps");
    QTest::addColumn<QString>("subject"); // empty: valid
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("default 1..10 x 10") << 1.0 << 10.0 << 10 << "";
    QTest::newRow("0..1e9") << 0.0 << 1e9 << 2 << "";
    QTest::newRow("one step") << 1.0 << 10.0 << 1 << "--steps";
    QTest::newRow("from = to") << 2.0 << 2.0 << 5 << "--to";
    QTest::newRow("from > to") << 3.0 << 2.0 << 5 << "--to";
    QTest::newRow("negative from") << -1.0 << 2.0 << 5 << "--from";
    QTest::newRow("NaN to") << 1.0 << nan << 5 << "--to";
    QTest::newRow("to beyond 1e9") << 1.0 << 2e9 << 5 << "--to";
    QTest::newRow("infinite from") << std::numeric_limits<double>::infinity() << 2.0 << 5 << "--from";
}

void TestSweep::rangeChecks()
{
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, steps);
    QFETCH(QString, subject);
    const Issues issues = checkRange(from, to, steps);
    if (subject.isEmpty()) {
        QVERIFY2(issues.empty(), describe(issues).constData());
        return;
    }
    QVERIFY2(hasSubject(issues, subject.toStdString()), describe(issues).constData());
}

// One M/M/2 station, lambda 9/s at 1x, mu 5/s: throughput 9x, saturated from x = 10/9, and
// the mean response of M/M/2 below that (from the birth-death sums).
void TestSweep::summariesFollowTheFormulas()
{
    Model model;
    model.components = {openClients("users", 9.0), station("srv", 200.0, 2)};
    model.links = {route("users", "srv")};
    auto solver = Solver::create(model);
    QVERIFY(solver.ok());
    const std::vector<double> multipliers = evenlySpaced(0.0, 2.0, 21);
    const std::vector<SweepPoint> points = sweep(*solver, multipliers);
    QCOMPARE(points.size(), multipliers.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const SweepPoint& p = points[i];
        const double x = multipliers[i];
        QCOMPARE(p.multiplier, x);
        HR_COMPARE_MIXED(p.throughputRps, 9.0 * x, 1e-15, 1e-15);
        const double rho = 9.0 * x * 0.2 / 2.0;
        QCOMPARE(p.stable, rho < 1.0);
        QCOMPARE(p.bottleneck, std::optional<std::size_t>(1));
        HR_COMPARE_MIXED(p.bottleneckUtilization, rho, 1e-14, 1e-15);
        QCOMPARE(p.saturated.size(), rho < 1.0 ? std::size_t(0) : std::size_t(1));
        if (rho < 1.0) {
            HR_COMPARE_OPT_REL(p.meanResponseMs, static_cast<double>(ref::mmc(2, 9.0L * x, 5.0L).rSeconds * 1000.0L),
                               1e-11);
            if (x > 0.0)
                HR_COMPARE_OPT_REL(p.maxMultiplier, 1.0 / (0.9 * x), 1e-14);
        } else {
            QVERIFY(!p.meanResponseMs);
        }
    }
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
