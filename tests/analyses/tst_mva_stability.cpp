// SPDX-License-Identifier: MIT
// Exact MVA at populations where the load-dependent recursion diverges (busy
// multi-server stations, hundreds of users). The expected figures come from a
// different algorithm: Buzen's convolution in long-double log space, with each
// station's marginal distribution taken against the network without it.
#include "TestModels.h"

#include "engine/Mva.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace headroom::engine;

namespace {

using Real = long double;
constexpr Real kMinusInfinity = -std::numeric_limits<Real>::infinity();

Real logAdd(Real a, Real b)
{
    if (a == kMinusInfinity)
        return b;
    if (b == kMinusInfinity)
        return a;
    const Real hi = std::max(a, b);
    return hi + std::log1p(std::exp(std::min(a, b) - hi));
}

/// ln f(j) for a station of demand D and c servers (c = 0: a delay).
std::vector<Real> logStationTerms(Real demand, std::int64_t c, std::int64_t users)
{
    std::vector<Real> f(static_cast<std::size_t>(users) + 1);
    Real logFactor = 0.0L; // ln of min(j,c)! c^max(j-c,0), or j! for a delay
    for (std::int64_t j = 0; j <= users; ++j) {
        if (j > 0)
            logFactor += std::log(static_cast<Real>(c == 0 ? j : std::min(j, c)));
        f[static_cast<std::size_t>(j)] = static_cast<Real>(j) * std::log(demand) - logFactor;
    }
    return f;
}

std::vector<Real> logConvolve(const std::vector<Real>& a, const std::vector<Real>& b)
{
    std::vector<Real> out(a.size(), kMinusInfinity);
    for (std::size_t n = 0; n < a.size(); ++n) {
        for (std::size_t j = 0; j <= n; ++j)
            out[n] = logAdd(out[n], a[j] + b[n - j]);
    }
    return out;
}

struct Brute {
    Real throughput = 0.0L;       // per ms
    std::vector<Real> queue;      // per station copy listed
};

/// ln G over n for the stations in `terms`, skipping `skip`.
std::vector<Real> logG(const std::vector<std::vector<Real>>& terms, std::size_t skip)
{
    std::vector<Real> g = terms.front(); // the delay (think time) first
    for (std::size_t k = 1; k < terms.size(); ++k) {
        if (k != skip)
            g = logConvolve(g, terms[k]);
    }
    return g;
}

} // namespace

class TestMvaStability : public QObject {
    Q_OBJECT

private slots:
    void againstLogConvolution_data()
    {
        QTest::addColumn<int>("users");
        QTest::newRow("10 users (light)") << 10;
        QTest::newRow("200 users") << 200;
        QTest::newRow("600 users (app tier above 90%)") << 600;
        QTest::newRow("1200 users (saturated)") << 1200;
    }

    void againstLogConvolution()
    {
        QFETCH(int, users);
        // A load test: 1 s think time, an app tier of 3 instances x 8 threads at 12 ms,
        // a database of 16 servers at 2 x 3 ms, a single-server lock at 1.2 ms, an external at 40 ms.
        const double think = 1000.0;
        const std::vector<MvaStation> stations{
            {1.0, 12.0, 8, false, 3.0},
            {2.0, 3.0, 16, false, 1.0},
            {1.0, 1.2, 1, false, 1.0},
            {1.0, 40.0, 1, true, 1.0},
        };
        const MvaResult got = solveMvaExact(stations, users, think);

        // Brute force: the delay (think time plus the external) and each copy as its own station.
        std::vector<std::vector<Real>> terms{logStationTerms(think + 40.0L, 0, users)};
        std::vector<std::size_t> firstCopy;
        for (std::size_t g = 0; g < 3; ++g) {
            firstCopy.push_back(terms.size());
            for (int copy = 0; copy < static_cast<int>(stations[g].multiplicity); ++copy)
                terms.push_back(logStationTerms(static_cast<Real>(stations[g].visits * stations[g].serviceMs),
                                                stations[g].servers, users));
        }
        const std::vector<Real> all = logG(terms, terms.size());
        const Real throughput = std::exp(all[static_cast<std::size_t>(users - 1)] - all[static_cast<std::size_t>(users)]);
        HR_COMPARE_REL(got.throughputPerMs, static_cast<double>(throughput), 1e-10);

        for (std::size_t g = 0; g < 3; ++g) {
            // Q = sum_j j f(j) G_{-k}(N - j) / G(N)
            const std::size_t k = firstCopy[g];
            const std::vector<Real> without = logG(terms, k);
            Real queue = 0.0L;
            for (int j = 1; j <= users; ++j)
                queue += static_cast<Real>(j) * std::exp(terms[k][static_cast<std::size_t>(j)] +
                                                         without[static_cast<std::size_t>(users - j)] -
                                                         all[static_cast<std::size_t>(users)]);
            HR_COMPARE_REL(got.stations[g].queueLength, static_cast<double>(queue), 1e-9);
            const double response = static_cast<double>(queue / (throughput * stations[g].visits));
            HR_COMPARE_REL(got.stations[g].responseMs, response, 1e-9);
            QVERIFY(got.stations[g].waitProbability >= 0.0 && got.stations[g].waitProbability <= 1.0);
        }
        // The cycle: N / X = Z + sum of visits x response.
        HR_COMPARE_REL(think + got.cycleResponseMs, users / got.throughputPerMs, 1e-10);
        // Utilization never exceeds 1 in a closed network.
        QVERIFY(got.throughputPerMs * 12.0 / 8.0 <= 1.0 + 1e-12);
    }

    void throughputNeverFalls()
    {
        // X(N) is non-decreasing in N; the unstable recursion broke this near 600 users.
        const std::vector<MvaStation> stations{{1.0, 12.0, 8, false, 3.0}, {2.0, 3.0, 16, false, 1.0}};
        double previous = 0.0;
        for (int users = 50; users <= 3000; users += 50) {
            const MvaResult r = solveMva(stations, users, 1000.0);
            QVERIFY(!r.approximate);
            QVERIFY2(r.throughputPerMs >= previous * (1.0 - 1e-12), qPrintable(QString::number(users)));
            previous = r.throughputPerMs;
        }
        // The asymptote: every cycle visits each app copy once, and a copy's 8 threads at
        // 12 ms carry 2/3 per ms; 3000 users are far past the knee.
        QVERIFY(previous <= 2.0 / 3.0 && previous > 0.999 * 2.0 / 3.0);
    }
};

QTEST_GUILESS_MAIN(TestMvaStability)
#include "tst_mva_stability.moc"
