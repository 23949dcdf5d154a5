// SPDX-License-Identifier: MIT
// Erlang B and C against published tables, closed forms, brute-force sums and
// an independent log-space computation for very large server counts.

#include "EngineTestSupport.h"
#include "ReferenceQueues.h"

#include "engine/ErlangFormulas.h"

#include <QtTest/QTest>

#include <cmath>
#include <cstdint>

using namespace headroom::engine;
namespace ref = headroom::testing::reference;

namespace {

// Closed forms for c = 1 and 2 are a handful of operations: a few ulps.
constexpr double kClosedFormRtol = 1e-14;
// The 1/B recursion gains about one rounding per server; c <= 1000 here.
constexpr double kBruteForceRtol = 1e-12;
// The spec's requirement for c up to 100000 (and the 1e-9 gate, with margin).
constexpr double kLargeServersRtol = 1e-10;
// The engine gives up on B below this (the recursion only grows from there).
constexpr double kUnderflowFloor = 1e-300;

} // namespace

class TestErlangFormulas : public QObject {
    Q_OBJECT

private slots:
    void publishedErlangBTable_data();
    void publishedErlangBTable();
    void oneServerClosedForm_data();
    void oneServerClosedForm();
    void twoServerClosedForm_data();
    void twoServerClosedForm();
    void bruteForceSums_data();
    void bruteForceSums();
    void largeServerCounts_data();
    void largeServerCounts();
    void zeroLoad_data();
    void zeroLoad();
    void saturatedWaitIsCertain_data();
    void saturatedWaitIsCertain();
    void tinyBlockingUnderflowsToZero_data();
    void tinyBlockingUnderflowsToZero();
    void inverseAndCFromInverseAgree_data();
    void inverseAndCFromInverseAgree();
    void monotoneInServersAndLoad();
};

// A published Erlang B table (the standard grade-of-service table, e.g. in
// Kleinrock, Queueing Systems vol. 1, or any telephony handbook) gives the
// offered load A, rounded, at which N trunks block GoS of the calls. The true A
// lies within half a unit of the last printed digit of the printed one, and B
// increases with A, so B(N, A - h) <= GoS <= B(N, A + h) must hold.
void TestErlangFormulas::publishedErlangBTable_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("gradeOfService");
    QTest::addColumn<double>("tableLoad");
    QTest::addColumn<double>("halfUnit");

    struct Row {
        int n;
        double gos;
        double load;
        double half;
    };
    const Row rows[] = {
        {1, 0.01, 0.0101, 0.00005},  {1, 0.02, 0.0204, 0.00005},  {1, 0.05, 0.0526, 0.00005},
        {2, 0.01, 0.1526, 0.00005},  {2, 0.02, 0.2235, 0.00005},  {2, 0.05, 0.3813, 0.00005},
        {5, 0.01, 1.3608, 0.00005},  {5, 0.02, 1.6571, 0.00005},  {5, 0.05, 2.2185, 0.00005},
        {10, 0.01, 4.461, 0.0005},   {10, 0.02, 5.084, 0.0005},   {10, 0.05, 6.216, 0.0005},
        {20, 0.01, 12.031, 0.0005},  {20, 0.02, 13.182, 0.0005},  {20, 0.05, 15.249, 0.0005},
        {50, 0.01, 37.901, 0.0005},  {50, 0.02, 40.255, 0.0005},  {50, 0.05, 44.533, 0.0005},
        {100, 0.01, 84.064, 0.0005}, {100, 0.02, 87.972, 0.0005}, {100, 0.05, 95.240, 0.0005},
    };
    for (const Row& r : rows) {
        const QByteArray name = "N=" + QByteArray::number(r.n) + " GoS=" + QByteArray::number(r.gos) +
                                " A=" + QByteArray::number(r.load);
        QTest::newRow(name.constData()) << r.n << r.gos << r.load << r.half;
    }
}

void TestErlangFormulas::publishedErlangBTable()
{
    QFETCH(int, servers);
    QFETCH(double, gradeOfService);
    QFETCH(double, tableLoad);
    QFETCH(double, halfUnit);

    const double below = erlangB(servers, tableLoad - halfUnit);
    const double above = erlangB(servers, tableLoad + halfUnit);
    QVERIFY2(below <= gradeOfService,
             qPrintable(QStringLiteral("B(%1, %2) = %3 is above the table's grade of service %4")
                            .arg(servers).arg(tableLoad - halfUnit).arg(below, 0, 'g', 12).arg(gradeOfService)));
    QVERIFY2(above >= gradeOfService,
             qPrintable(QStringLiteral("B(%1, %2) = %3 is below the table's grade of service %4")
                            .arg(servers).arg(tableLoad + halfUnit).arg(above, 0, 'g', 12).arg(gradeOfService)));
}

// c = 1: B = a / (1 + a) (M/M/1/1), C = rho = a below saturation.
void TestErlangFormulas::oneServerClosedForm_data()
{
    QTest::addColumn<double>("load");
    for (const double a : {1e-9, 0.001, 0.1, 0.5, 0.9, 0.999, 0.999999})
        QTest::newRow(QByteArray("c=1 a=" + QByteArray::number(a)).constData()) << a;
}

void TestErlangFormulas::oneServerClosedForm()
{
    QFETCH(double, load);
    HR_COMPARE_REL(erlangB(1, load), load / (1.0 + load), kClosedFormRtol);
    HR_COMPARE_REL(erlangC(1, load), load, kClosedFormRtol);
}

// c = 2: B = (a^2/2) / (1 + a + a^2/2); C = a^2 / (2 + a), from
// C = (a^2/(2-a)) / (1 + a + a^2/(2-a)) = a^2 / ((1+a)(2-a) + a^2).
void TestErlangFormulas::twoServerClosedForm_data()
{
    QTest::addColumn<double>("load");
    for (const double a : {1e-6, 0.01, 0.5, 1.0, 1.5, 1.9, 1.999999})
        QTest::newRow(QByteArray("c=2 a=" + QByteArray::number(a)).constData()) << a;
}

void TestErlangFormulas::twoServerClosedForm()
{
    QFETCH(double, load);
    const double a = load;
    HR_COMPARE_REL(erlangB(2, a), (a * a / 2.0) / (1.0 + a + a * a / 2.0), kClosedFormRtol);
    HR_COMPARE_REL(erlangC(2, a), a * a / (2.0 + a), kClosedFormRtol);
}

// B from the defining sum of a^k / k! in long double; C from the geometric tail of
// the M/M/c state probabilities (log space), for moderate c and many loads.
void TestErlangFormulas::bruteForceSums_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("load");
    for (const int c : {3, 5, 10, 20, 50, 100, 200, 500, 1000}) {
        for (const double rho : {0.01, 0.1, 0.5, 0.8, 0.9, 0.99, 0.999, 1.0, 1.5, 3.0}) {
            const double a = rho * c;
            const QByteArray name = "c=" + QByteArray::number(c) + " rho=" + QByteArray::number(rho);
            QTest::newRow(name.constData()) << c << a;
        }
    }
}

void TestErlangFormulas::bruteForceSums()
{
    QFETCH(int, servers);
    QFETCH(double, load);

    const auto expectedB = static_cast<double>(ref::erlangBTermSum(servers, load));
    if (expectedB >= kUnderflowFloor)
        HR_COMPARE_REL(erlangB(servers, load), expectedB, kBruteForceRtol);
    else
        QCOMPARE_LE(erlangB(servers, load), kUnderflowFloor);

    const auto expectedC = static_cast<double>(ref::erlangLogSpace(servers, load).c);
    if (load >= servers)
        QCOMPARE(erlangC(servers, load), 1.0);
    else if (expectedC >= kUnderflowFloor)
        HR_COMPARE_REL(erlangC(servers, load), expectedC, kBruteForceRtol);
}

// c up to a million: the engine's recursion against ln(a^k/k!) = k ln a - lgamma(k+1)
// summed in long double relative to the largest term.
void TestErlangFormulas::largeServerCounts_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("load");
    const qint64 c = 100000;
    QTest::newRow("c=100000 rho=0.5") << c << 50000.0;
    QTest::newRow("c=100000 rho=0.9") << c << 90000.0;
    QTest::newRow("c=100000 rho=0.99") << c << 99000.0;
    QTest::newRow("c=100000 rho=0.999") << c << 99900.0;
    QTest::newRow("c=100000 a=c-10") << c << 99990.0;
    QTest::newRow("c=100000 a=c-0.5") << c << 99999.5;
    QTest::newRow("c=100000 rho=1") << c << 100000.0;
    QTest::newRow("c=100000 rho=1.01") << c << 101000.0;
    QTest::newRow("c=100000 rho=2") << c << 200000.0;
    QTest::newRow("c=1000000 rho=0.999") << qint64(1000000) << 999000.0;
}

void TestErlangFormulas::largeServerCounts()
{
    QFETCH(qint64, servers);
    QFETCH(double, load);
    const ref::Erlang expected = ref::erlangLogSpace(servers, load);
    HR_COMPARE_REL(erlangB(servers, load), static_cast<double>(expected.b), kLargeServersRtol);
    HR_COMPARE_REL(erlangC(servers, load), static_cast<double>(expected.c), kLargeServersRtol);
    HR_COMPARE_REL(1.0 / inverseErlangB(servers, load), static_cast<double>(expected.b), kLargeServersRtol);
}

// a = 0: nobody arrives, so nobody is blocked and nobody waits. c = 0: B(0, a) = 1 by definition.
void TestErlangFormulas::zeroLoad_data()
{
    QTest::addColumn<qint64>("servers");
    for (const qint64 c : {qint64(1), qint64(2), qint64(7), qint64(100000)})
        QTest::newRow(QByteArray("a=0 c=" + QByteArray::number(c)).constData()) << c;
}

void TestErlangFormulas::zeroLoad()
{
    QFETCH(qint64, servers);
    QCOMPARE(erlangB(servers, 0.0), 0.0);
    QCOMPARE(erlangC(servers, 0.0), 0.0);
    QCOMPARE(erlangB(0, 3.0), 1.0);
}

// a >= c: the M/M/c queue is not stable and every arrival waits: C = 1.
void TestErlangFormulas::saturatedWaitIsCertain_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("load");
    QTest::newRow("c=1 a=1") << qint64(1) << 1.0;
    QTest::newRow("c=1 a=5") << qint64(1) << 5.0;
    QTest::newRow("c=10 a=10") << qint64(10) << 10.0;
    QTest::newRow("c=10 a=10.000001") << qint64(10) << 10.000001;
    QTest::newRow("c=100000 a=100000") << qint64(100000) << 100000.0;
    QTest::newRow("c=3 a=1e300") << qint64(3) << 1e300;
}

void TestErlangFormulas::saturatedWaitIsCertain()
{
    QFETCH(qint64, servers);
    QFETCH(double, load);
    QCOMPARE(erlangC(servers, load), 1.0);
    const double b = erlangB(servers, load);
    QVERIFY(std::isfinite(b) && b > 0.0 && b <= 1.0);
}

// c >> a: B is far below the smallest double. The engine must return a number in
// [0, 1e-300], never NaN; where B is still representable it must be accurate.
void TestErlangFormulas::tinyBlockingUnderflowsToZero_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("load");
    QTest::newRow("c=10000 a=1 (B ~ 1e-35660)") << qint64(10000) << 1.0;
    QTest::newRow("c=100000 a=0.5") << qint64(100000) << 0.5;
    QTest::newRow("c=1000000 a=10") << qint64(1000000) << 10.0;
    QTest::newRow("c=1000 a=0.001") << qint64(1000) << 0.001;
    QTest::newRow("c=200 a=1 (B = 1/200! ~ 1e-375)") << qint64(200) << 1.0;
    QTest::newRow("c=150 a=1 (B ~ 1e-263, representable)") << qint64(150) << 1.0;
    QTest::newRow("c=60 a=0.01 (B ~ 1e-202)") << qint64(60) << 0.01;
}

void TestErlangFormulas::tinyBlockingUnderflowsToZero()
{
    QFETCH(qint64, servers);
    QFETCH(double, load);
    const double b = erlangB(servers, load);
    const double c = erlangC(servers, load);
    QVERIFY2(!std::isnan(b) && !std::isnan(c), "Erlang B or C is NaN");
    QCOMPARE_GE(b, 0.0);
    QCOMPARE_GE(c, 0.0);
    const ref::Erlang expected = ref::erlangLogSpace(servers, load);
    if (expected.b >= 1e-290L) {
        HR_COMPARE_REL(b, static_cast<double>(expected.b), kLargeServersRtol);
        HR_COMPARE_REL(c, static_cast<double>(expected.c), kLargeServersRtol);
    } else {
        QCOMPARE_LE(b, kUnderflowFloor);
        QCOMPARE_LE(c, kUnderflowFloor);
    }
}

// The three entry points are one formula: C from a precomputed 1/B equals C.
void TestErlangFormulas::inverseAndCFromInverseAgree_data()
{
    QTest::addColumn<qint64>("servers");
    QTest::addColumn<double>("load");
    QTest::newRow("c=4 a=3") << qint64(4) << 3.0;
    QTest::newRow("c=64 a=50") << qint64(64) << 50.0;
    QTest::newRow("c=5000 a=4990") << qint64(5000) << 4990.0;
    QTest::newRow("c=10 a=12") << qint64(10) << 12.0;
}

void TestErlangFormulas::inverseAndCFromInverseAgree()
{
    QFETCH(qint64, servers);
    QFETCH(double, load);
    const double inverse = inverseErlangB(servers, load);
    QCOMPARE(erlangCFromInverseB(servers, load, inverse), erlangC(servers, load));
    QCOMPARE(1.0 / inverse, erlangB(servers, load));
}

// Textbook properties: B falls as servers are added and rises with load; C >= B
// (a waiting arrival in M/M/c is at least as likely as a blocked one in M/M/c/c).
void TestErlangFormulas::monotoneInServersAndLoad()
{
    for (const double a : {0.5, 5.0, 50.0}) {
        double previous = 1.0;
        for (std::int64_t c = 1; c <= 200; ++c) {
            const double b = erlangB(c, a);
            QVERIFY2(b <= previous, qPrintable(QStringLiteral("B(%1, %2) rose with c").arg(c).arg(a)));
            previous = b;
            if (static_cast<double>(c) > a)
                QCOMPARE_GE(erlangC(c, a), b);
        }
    }
    for (const std::int64_t c : {1, 8, 100}) {
        double previousB = 0.0;
        double previousC = 0.0;
        for (int i = 1; i <= 400; ++i) {
            const double a = static_cast<double>(c) * i / 400.0;
            QCOMPARE_GE(erlangB(c, a), previousB);
            QCOMPARE_GE(erlangC(c, a), previousC);
            previousB = erlangB(c, a);
            previousC = erlangC(c, a);
        }
    }
}

QTEST_GUILESS_MAIN(TestErlangFormulas)
#include "tst_erlang_formulas.moc"
