// SPDX-License-Identifier: MIT
// The simulator's building blocks: random streams (reproducible bit for bit, right
// moments), portable logarithm and exponential, the event calendar, the FIFO ring and
// load profiles.
#include "EngineTestSupport.h"

#include "engine/sim/EventCalendar.h"
#include "engine/sim/LoadProfile.h"
#include "engine/sim/Random.h"
#include "engine/sim/RingBuffer.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace headroom::engine::sim;
using headroom::testing::describe;
using headroom::testing::hasSubject;

class TestSimRandom : public QObject {
    Q_OBJECT

private slots:
    void xoshiroReferenceOutput()
    {
        // xoshiro256++ from the state {1, 2, 3, 4}: rotl(1 + 4, 23) + 1, then the reference code's next steps.
        RandomStream s = RandomStream::fromState({1, 2, 3, 4});
        QCOMPARE(s.next(), std::uint64_t{41943041});
        QCOMPARE(s.next(), std::uint64_t{58720359});
        QCOMPARE(s.next(), std::uint64_t{3588806011781223});
    }

    void sameSeedSameNumbersOnAnyMachine()
    {
        // Pinned values: a change here changes every simulation result for a given seed.
        RandomStream s = RandomStream::derive(1, 0, StreamFamily::Arrivals, 0);
        QCOMPARE(s.next(), kFirst);
        RandomStream e = RandomStream::derive(1, 0, StreamFamily::Component, 3);
        QCOMPARE(e.exponential(), kExponential);
        QCOMPARE(e.gamma(0.25), kGamma);
    }

    void streamsAreDistinct()
    {
        std::vector<std::uint64_t> firsts;
        for (std::uint64_t rep = 0; rep < 50; ++rep) {
            for (const auto family : {StreamFamily::Arrivals, StreamFamily::Component, StreamFamily::Apply}) {
                for (std::uint64_t index = 0; index < 20; ++index)
                    firsts.push_back(RandomStream::derive(7, rep, family, index).next());
            }
        }
        std::sort(firsts.begin(), firsts.end());
        QVERIFY(std::adjacent_find(firsts.begin(), firsts.end()) == firsts.end());
    }

    void portableLogAndExp()
    {
        RandomStream s = RandomStream::derive(3, 0, StreamFamily::Component, 0);
        for (int i = 0; i < 200000; ++i) {
            const double x = std::ldexp(1.0 + s.uniform(), static_cast<int>(s.next() % 2000) - 1000);
            const double log = portableLog(x);
            QVERIFY2(std::fabs(log - std::log(x)) <= 4e-16 * std::max(1.0, std::fabs(std::log(x))),
                     QByteArray::number(x, 'g', 17).constData());
            const double y = 1400.0 * s.uniform() - 700.0;
            QVERIFY2(std::fabs(portableExp(y) - std::exp(y)) <= 4e-16 * std::exp(y), QByteArray::number(y, 'g', 17).constData());
        }
        QCOMPARE(portableLog(1.0), 0.0);
        QCOMPARE(portableExp(0.0), 1.0);
        QCOMPARE(portableExp(-800.0), 0.0);
    }

    void distributionMoments_data()
    {
        QTest::addColumn<double>("shape"); // 0: exponential, -1: normal, else gamma
        QTest::newRow("exponential") << 0.0;
        QTest::newRow("normal") << -1.0;
        QTest::newRow("gamma 0.25 (cv 2)") << 0.25;
        QTest::newRow("gamma 0.444 (cv 1.5)") << 1.0 / 2.25;
        QTest::newRow("gamma 1") << 1.0;
        QTest::newRow("gamma 4 (cv 0.5)") << 4.0;
        QTest::newRow("gamma 100 (cv 0.1)") << 100.0;
    }
    void distributionMoments()
    {
        QFETCH(double, shape);
        RandomStream s = RandomStream::derive(11, 2, StreamFamily::Component, 5);
        constexpr int n = 400000;
        double sum = 0.0;
        double squares = 0.0;
        for (int i = 0; i < n; ++i) {
            const double x = shape == 0.0 ? s.exponential() : shape < 0.0 ? s.normal() : s.gamma(shape);
            sum += x;
            squares += x * x;
        }
        const double mean = sum / n;
        const double variance = squares / n - mean * mean;
        const double expectedMean = shape == 0.0 ? 1.0 : shape < 0.0 ? 0.0 : shape;
        const double expectedVariance = shape == 0.0 ? 1.0 : shape < 0.0 ? 1.0 : shape;
        // Five standard errors of the mean; the variance to 3% (fourth moments of gamma(0.25) are large).
        QVERIFY2(std::fabs(mean - expectedMean) <= 5.0 * std::sqrt(expectedVariance / n),
                 QByteArray::number(mean, 'g', 8).constData());
        QVERIFY2(std::fabs(variance - expectedVariance) <= 0.03 * expectedVariance,
                 QByteArray::number(variance, 'g', 8).constData());
    }

    void uniformStaysInItsInterval()
    {
        RandomStream s = RandomStream::fromState({0, 0, 0, 1});
        for (int i = 0; i < 100000; ++i) {
            const double u = s.uniform();
            const double o = s.uniformOpen();
            QVERIFY(u >= 0.0 && u < 1.0);
            QVERIFY(o > 0.0 && o < 1.0);
        }
    }

    void calendarPopsInTimeOrderTheSameWayEveryTime()
    {
        const auto drainAll = [] {
            EventCalendar calendar;
            RandomStream s = RandomStream::derive(5, 0, StreamFamily::Component, 0);
            std::vector<std::pair<double, std::uint32_t>> popped;
            std::uint32_t next = 0;
            for (int round = 0; round < 2000; ++round) {
                // Pushes and pops interleaved, with many ties.
                for (int k = 0; k < 3; ++k)
                    calendar.push(std::floor(s.uniform() * 500.0) + (popped.empty() ? 0.0 : popped.back().first),
                                  EventType::ServiceEnd, next++);
                const Event e = calendar.pop();
                popped.emplace_back(e.time(), e.id);
            }
            while (!calendar.empty()) {
                const Event e = calendar.pop();
                popped.emplace_back(e.time(), e.id);
            }
            return popped;
        };
        const auto first = drainAll();
        QCOMPARE(first.size(), std::size_t{6000});
        // Each pop is the earliest pending event: times never go back within a drain of
        // what is pending, and every event comes out exactly once.
        std::vector<std::uint32_t> ids;
        for (const auto& [t, id] : first)
            ids.push_back(id);
        std::sort(ids.begin(), ids.end());
        for (std::uint32_t i = 0; i < ids.size(); ++i)
            QCOMPARE(ids[i], i);
        EventCalendar sorted;
        for (std::uint32_t i = 0; i < 5000; ++i)
            sorted.push(static_cast<double>((i * 7919u) % 1000u), EventType::Arrival, i);
        double previous = -1.0;
        while (!sorted.empty()) {
            const double t = sorted.pop().time();
            QVERIFY(t >= previous);
            previous = t;
        }
        // Ties leave in an order fixed by the operations: the same every time.
        QCOMPARE(drainAll(), first);
    }

    void ringBufferIsFifoAcrossGrowth()
    {
        RingBuffer<int> ring;
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50; ++round) {
            for (int i = 0; i < round * 7 % 40 + 1; ++i)
                ring.push(next++);
            for (int i = 0; i < round * 3 % 25 && !ring.empty(); ++i)
                QCOMPARE(ring.pop(), expected++);
        }
        while (!ring.empty())
            QCOMPARE(ring.pop(), expected++);
        QCOMPARE(expected, next);
    }

    void profileRejectsBadPoints_data()
    {
        QTest::addColumn<QVector<double>>("flat"); // time, multiplier, time, multiplier...
        QTest::addColumn<QString>("subject");
        QTest::newRow("one point") << QVector<double>{0, 1} << "profile.points";
        QTest::newRow("time going backwards") << QVector<double>{0, 1, 600, 1, 500, 2} << "profile.points[2]";
        QTest::newRow("negative multiplier") << QVector<double>{0, 1, 60, -0.5} << "profile.points[1]";
        QTest::newRow("negative time") << QVector<double>{-5, 1, 60, 1} << "profile.points[0]";
        QTest::newRow("ends at 0") << QVector<double>{0, 1, 0, 2} << "profile.points";
        QTest::newRow("infinite time") << QVector<double>{0, 1, INFINITY, 2} << "profile.points[1]";
    }
    void profileRejectsBadPoints()
    {
        QFETCH(QVector<double>, flat);
        QFETCH(QString, subject);
        std::vector<ProfilePoint> points;
        for (qsizetype i = 0; i + 1 < flat.size(); i += 2)
            points.push_back({flat[i], flat[i + 1]});
        const auto profile = LoadProfile::create(points);
        QVERIFY(!profile);
        QVERIFY2(hasSubject(profile.issues(), subject.toStdString()), describe(profile.issues()).constData());
    }

    void profileInterpolatesAndInverts()
    {
        const auto checked = LoadProfile::create({{0, 1}, {100, 1}, {100, 3}, {200, 3}, {300, 1}});
        QVERIFY(checked);
        const LoadProfile& p = *checked;
        QCOMPARE(p.endS(), 300.0);
        QCOMPARE(p.maxMultiplier(), 3.0);
        QCOMPARE(p.multiplierAt(50), 1.0);
        QCOMPARE(p.multiplierAt(100), 3.0); // a step: the later point holds from its instant
        QCOMPARE(p.multiplierAt(250), 2.0);
        // The integral of the multiplier from t to advance(t, w) is w.
        const auto integral = [&](double a, double b) {
            double sum = 0.0;
            const int steps = 200000;
            for (int i = 0; i < steps; ++i)
                sum += p.multiplierAt(a + (b - a) * (i + 0.5) / steps) * (b - a) / steps;
            return sum;
        };
        for (const auto& [t, w] : std::vector<std::pair<double, double>>{{0, 50}, {90, 40}, {150, 200}, {210, 10}}) {
            const double end = p.advance(t, w);
            QVERIFY(std::isfinite(end));
            QVERIFY2(std::fabs(integral(t, end) - w) < 1e-3 * w, QByteArray::number(end).constData());
        }
        QVERIFY(std::isinf(p.advance(250, 1000)));
        const auto over = p.intervalsAtOrAbove(2.0);
        QCOMPARE(over.size(), std::size_t{1});
        QCOMPARE(over[0].first, 100.0);
        QCOMPARE(over[0].second, 250.0);
    }

    void closedUsersFollowTheRoundedMultiplier()
    {
        const auto checked = LoadProfile::create({{0, 1}, {10, 2}, {20, 2}, {20, 0.5}, {30, 0.5}});
        QVERIFY(checked);
        const LoadProfile& p = *checked;
        // 10 users: 10 at 0, climbing to 20 by 10 s (a change every 1 s from 0.5 s on), then 5 at 20 s.
        std::int64_t users = LoadProfile::roundUsers(10 * p.multiplierAt(0));
        double t = 0.0;
        std::vector<std::pair<double, std::int64_t>> changes;
        for (int i = 0; i < 100; ++i) {
            const LoadProfile::Change c = p.nextUserChange(t, 10.0, users);
            if (!std::isfinite(c.time))
                break;
            changes.emplace_back(c.time, c.users);
            t = c.time;
            users = c.users;
        }
        QCOMPARE(changes.size(), std::size_t{11});
        QVERIFY(std::fabs(changes.front().first - 0.5) < 1e-12);
        QCOMPARE(changes.front().second, std::int64_t{11});
        QCOMPARE(changes[9].second, std::int64_t{20});
        QCOMPARE(changes.back().first, 20.0);
        QCOMPARE(changes.back().second, std::int64_t{5});
    }

private:
    // Pinned outputs of the seeded streams (see sameSeedSameNumbersOnAnyMachine).
    static constexpr std::uint64_t kFirst = 10452776425754790180ULL;
    static constexpr double kExponential = 0x1.6199a6c4d88a8p+0;
    static constexpr double kGamma = 0x1.dc52232fdd93bp+0;
};

QTEST_GUILESS_MAIN(TestSimRandom)
#include "tst_sim_random.moc"
