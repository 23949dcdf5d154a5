// SPDX-License-Identifier: MIT
#include "Mva.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine {

namespace {

bool multiServer(const MvaStation& s)
{
    return !s.delay && s.servers > 1;
}

double cycleTime(std::span<const MvaStation> stations, const std::vector<double>& response)
{
    double total = 0.0;
    for (std::size_t g = 0; g < stations.size(); ++g)
        total += stations[g].multiplicity * stations[g].visits * response[g];
    return total;
}

MvaResult zeroUsers(std::span<const MvaStation> stations)
{
    MvaResult out;
    out.stations.resize(stations.size());
    std::vector<double> response(stations.size());
    for (std::size_t g = 0; g < stations.size(); ++g) {
        response[g] = stations[g].serviceMs;
        out.stations[g].responseMs = response[g];
    }
    out.cycleResponseMs = cycleTime(stations, response);
    return out;
}

} // namespace

MvaResult solveMvaExact(std::span<const MvaStation> stations, std::int64_t users, double thinkMs)
{
    if (users <= 0)
        return zeroUsers(stations);
    const std::size_t count = stations.size();
    std::vector<double> queue(count, 0.0);
    std::vector<double> response(count, 0.0);
    // p_k(j | n) for j < c_k, multi-server stations only; long double because
    // p_k(0) is found by subtraction.
    std::vector<std::vector<long double>> marginal(count);
    std::vector<std::vector<long double>> previousMarginal(count);
    for (std::size_t g = 0; g < count; ++g) {
        if (multiServer(stations[g])) {
            marginal[g].assign(static_cast<std::size_t>(stations[g].servers), 0.0L);
            marginal[g][0] = 1.0L;
        }
    }
    double throughput = 0.0;
    double previousThroughput = 0.0;
    for (std::int64_t n = 1; n <= users; ++n) {
        for (std::size_t g = 0; g < count; ++g) {
            const MvaStation& s = stations[g];
            if (s.delay) {
                response[g] = s.serviceMs;
            } else if (s.servers == 1) {
                response[g] = s.serviceMs * (1.0 + queue[g]);
            } else {
                const auto c = static_cast<std::size_t>(s.servers);
                long double idleCorrection = 0.0L;
                const std::size_t top = std::min<std::size_t>(c - 1, static_cast<std::size_t>(n - 1) + 1);
                for (std::size_t j = 0; j < top && j + 1 < c; ++j)
                    idleCorrection += static_cast<long double>(c - 1 - j) * marginal[g][j];
                response[g] = s.serviceMs / static_cast<double>(c) *
                              (1.0 + queue[g] + static_cast<double>(idleCorrection));
            }
        }
        previousThroughput = throughput;
        throughput = static_cast<double>(n) / (thinkMs + cycleTime(stations, response));
        for (std::size_t g = 0; g < count; ++g) {
            const MvaStation& s = stations[g];
            queue[g] = throughput * s.visits * response[g];
            if (!multiServer(s))
                continue;
            if (n == users)
                previousMarginal[g] = marginal[g];
            const auto c = static_cast<std::size_t>(s.servers);
            const long double load = static_cast<long double>(throughput) * s.visits * s.serviceMs;
            std::vector<long double>& p = marginal[g];
            const std::size_t top = std::min<std::size_t>(c - 1, static_cast<std::size_t>(n));
            for (std::size_t j = top; j >= 1; --j)
                p[j] = load / static_cast<long double>(j) * p[j - 1];
            long double busyWeighted = load;
            for (std::size_t j = 1; j < c; ++j)
                busyWeighted += static_cast<long double>(c - j) * p[j];
            p[0] = std::max(0.0L, 1.0L - busyWeighted / static_cast<long double>(c));
        }
    }
    MvaResult out;
    out.throughputPerMs = throughput;
    out.cycleResponseMs = cycleTime(stations, response);
    out.stations.resize(count);
    for (std::size_t g = 0; g < count; ++g) {
        const MvaStation& s = stations[g];
        MvaStationResult& r = out.stations[g];
        r.responseMs = response[g];
        r.queueLength = queue[g];
        // Arrival theorem: an arrival sees the network with one customer fewer.
        if (s.delay) {
            r.waitProbability = 0.0;
        } else if (s.servers == 1) {
            r.waitProbability = std::clamp(previousThroughput * s.visits * s.serviceMs, 0.0, 1.0);
        } else {
            long double free = 0.0L;
            for (const long double p : previousMarginal[g])
                free += p;
            r.waitProbability = std::clamp(static_cast<double>(1.0L - free), 0.0, 1.0);
        }
    }
    return out;
}

MvaResult solveMvaApproximate(std::span<const MvaStation> stations, std::int64_t users, double thinkMs)
{
    if (users <= 0)
        return zeroUsers(stations);
    // Seidmann: c servers of time S act like one server of time S / c plus a
    // pure delay of S (c - 1) / c. Schweitzer-Bard: Q_k(N - 1) = Q_k(N) (N - 1) / N.
    const std::size_t count = stations.size();
    const auto n = static_cast<double>(users);
    std::vector<double> queueing(count, 0.0); // Q of the queueing part
    std::vector<double> response(count, 0.0);
    double totalMultiplicity = 0.0;
    for (const MvaStation& s : stations)
        totalMultiplicity += s.multiplicity;
    for (std::size_t g = 0; g < count; ++g)
        queueing[g] = stations[g].delay ? 0.0 : n / std::max(1.0, totalMultiplicity);
    double throughput = 0.0;
    for (int iteration = 0; iteration < 100000; ++iteration) {
        for (std::size_t g = 0; g < count; ++g) {
            const MvaStation& s = stations[g];
            if (s.delay) {
                response[g] = s.serviceMs;
                continue;
            }
            const double c = static_cast<double>(s.servers);
            response[g] = s.serviceMs / c * (1.0 + queueing[g] * (n - 1.0) / n) + s.serviceMs * (c - 1.0) / c;
        }
        throughput = n / (thinkMs + cycleTime(stations, response));
        double change = 0.0;
        for (std::size_t g = 0; g < count; ++g) {
            const MvaStation& s = stations[g];
            if (s.delay)
                continue;
            const double c = static_cast<double>(s.servers);
            const double next = throughput * s.visits * s.serviceMs / c * (1.0 + queueing[g] * (n - 1.0) / n);
            change = std::max(change, std::fabs(next - queueing[g]) / std::max(1.0, next));
            queueing[g] = 0.5 * (queueing[g] + next);
        }
        if (change < 1e-12)
            break;
    }
    MvaResult out;
    out.approximate = true;
    out.throughputPerMs = throughput;
    out.cycleResponseMs = cycleTime(stations, response);
    out.stations.resize(count);
    for (std::size_t g = 0; g < count; ++g) {
        const MvaStation& s = stations[g];
        MvaStationResult& r = out.stations[g];
        r.responseMs = response[g];
        r.queueLength = throughput * s.visits * response[g];
        if (!s.delay)
            r.waitProbability = std::clamp(throughput * s.visits * s.serviceMs / static_cast<double>(s.servers), 0.0, 1.0);
    }
    return out;
}

MvaResult solveMva(std::span<const MvaStation> stations, std::int64_t users, double thinkMs)
{
    double work = 0.0;
    for (const MvaStation& s : stations)
        work += multiServer(s) ? static_cast<double>(s.servers) : 1.0;
    if (work * static_cast<double>(users) <= kExactMvaBudget)
        return solveMvaExact(stations, users, thinkMs);
    return solveMvaApproximate(stations, users, thinkMs);
}

} // namespace headroom::engine
