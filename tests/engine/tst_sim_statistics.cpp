// SPDX-License-Identifier: MIT
// The estimation side of the simulator: Student's t quantiles against 30-digit values,
// the verdict rule of spec section 9, intervals and exact order statistics.
#include "EngineTestSupport.h"

#include "engine/sim/Statistics.h"

#include <QtTest/QtTest>

#include <cmath>
#include <vector>

using namespace headroom::engine::sim;

class TestSimStatistics : public QObject {
    Q_OBJECT

private slots:
    void studentQuantile_data()
    {
        // mpmath: the root of betainc(df/2, 1/2, 0, df/(df + t^2), regularized) / 2 = 1 - p, 30 digits.
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("df");
        QTest::addColumn<double>("expected");
        QTest::newRow("97.5%, 1 df (Cauchy)") << 0.975 << 1.0 << 12.706204736174693;
        QTest::newRow("97.5%, 2 df") << 0.975 << 2.0 << 4.3026527297494618;
        QTest::newRow("97.5%, 3 df") << 0.975 << 3.0 << 3.1824463052837084;
        QTest::newRow("97.5%, 9 df (10 replications)") << 0.975 << 9.0 << 2.262157162798205;
        QTest::newRow("97.5%, 29 df") << 0.975 << 29.0 << 2.0452296421327039;
        QTest::newRow("99.5%, 4 df") << 0.995 << 4.0 << 4.604094871349992;
        QTest::newRow("99.5%, 9 df") << 0.995 << 9.0 << 3.2498355415921257;
        QTest::newRow("95%, 10 df") << 0.95 << 10.0 << 1.8124611228116759;
        QTest::newRow("99.95%, 3 df") << 0.9995 << 3.0 << 12.923978636687964;
        QTest::newRow("97.5%, 1000 df") << 0.975 << 1000.0 << 1.9623390808264081;
        QTest::newRow("75%, 5 df") << 0.75 << 5.0 << 0.72668684380042265;
        QTest::newRow("60%, 30 df") << 0.6 << 30.0 << 0.25560536495191271;
        QTest::newRow("99.9999%, 2 df") << 0.999999 << 2.0 << 707.10572051576712;
        QTest::newRow("99.9%, 1 df") << 0.999 << 1.0 << 318.30883898555016;
        QTest::newRow("2.5%, 9 df (lower tail)") << 0.025 << 9.0 << -2.262157162798205;
    }
    void studentQuantile()
    {
        QFETCH(double, p);
        QFETCH(double, df);
        QFETCH(double, expected);
        const double t = studentTQuantile(p, df);
        QVERIFY2(headroom::testing::isClose(t, expected, 1e-12), headroom::testing::mismatch("t", t, expected, 1e-12, 0).constData());
        QVERIFY(std::fabs(studentTCdf(t, df) - p) < 1e-13);
    }

    void verdictRule_data()
    {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<double>("analytic");
        QTest::addColumn<int>("verdict");
        const int agrees = static_cast<int>(Verdict::Agrees);
        const int differs = static_cast<int>(Verdict::Differs);
        QTest::newRow("inside the interval") << 10.0 << 9.0 << 11.0 << 10.9 << agrees;
        QTest::newRow("on its edge") << 10.0 << 9.0 << 11.0 << 11.0 << agrees;
        QTest::newRow("outside, within 1% of the mean") << 10.0 << 9.99 << 10.01 << 10.09 << agrees;
        QTest::newRow("outside and more than 1% off") << 10.0 << 9.99 << 10.01 << 10.2 << differs;
        QTest::newRow("zero mean, formula within 1e-9") << 0.0 << 0.0 << 0.0 << 5e-10 << agrees;
        QTest::newRow("zero mean, formula 1e-6") << 0.0 << 0.0 << 0.0 << 1e-6 << differs;
    }
    void verdictRule()
    {
        QFETCH(double, mean);
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(double, analytic);
        QFETCH(int, verdict);
        QCOMPARE(static_cast<int>(verdictOf(mean, low, high, analytic)), verdict);
        QCOMPARE(verdictOf(mean, low, high, std::nullopt), Verdict::NoAnalytic);
    }

    void intervalFromReplications()
    {
        // Five values 1..5: mean 3, s = sqrt(2.5), t(0.975, 4) = 2.7764451051977987.
        const std::vector<std::optional<double>> values{1.0, 2.0, std::nullopt, 3.0, 4.0, 5.0};
        const auto e = estimateOf(values, 0.95, 3.5);
        QVERIFY(e);
        QCOMPARE(e->replications, 5);
        QCOMPARE(e->mean, 3.0);
        const double half = 2.7764451051977987 * std::sqrt(2.5) / std::sqrt(5.0);
        QVERIFY(headroom::testing::isClose(e->halfWidth(), half, 1e-12));
        QCOMPARE(e->verdict, Verdict::Agrees);
        QVERIFY(!estimateOf(std::vector<std::optional<double>>{1.0, std::nullopt}, 0.95, 1.0));
    }

    void orderStatisticsAreNearestRank()
    {
        std::vector<float> samples;
        for (int i = 100; i >= 1; --i)
            samples.push_back(static_cast<float>(i));
        const std::vector<double> p{0.5, 0.95, 0.99};
        const std::vector<double> q = orderStatistics(samples, p);
        QCOMPARE(q, (std::vector<double>{50.0, 95.0, 99.0}));
        std::vector<float> three{3.0f, 1.0f, 2.0f};
        QCOMPARE(orderStatistics(three, p), (std::vector<double>{2.0, 3.0, 3.0}));
        std::vector<float> none;
        QVERIFY(orderStatistics(none, p).empty());
    }
};

QTEST_GUILESS_MAIN(TestSimStatistics)
#include "tst_sim_statistics.moc"
