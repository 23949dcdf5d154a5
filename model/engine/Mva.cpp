// SPDX-License-Identifier: MIT
#include "Mva.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::engine {

namespace {

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

namespace {

/// A queueing station of the convolution (delay stations are merged into the think time).
struct Copy {
    double demandMs = 0.0;     ///< visits times service time, D
    std::int64_t servers = 1;  ///< c (below the population: otherwise it is a delay)
    std::size_t group = 0;     ///< index into the caller's stations
};

/// A fixed-size history of the last values of a sequence, indexed by position.
class Ring {
public:
    explicit Ring(std::size_t size = 1) : m_values(std::max<std::size_t>(size, 1), 0.0) {}
    [[nodiscard]] double at(std::int64_t n) const { return m_values[index(n)]; }
    void set(std::int64_t n, double value) { m_values[index(n)] = value; }

private:
    [[nodiscard]] std::size_t index(std::int64_t n) const
    {
        return static_cast<std::size_t>(n) % m_values.size();
    }
    std::vector<double> m_values;
};

/// What one pass of the convolution yields.
struct PassOutput {
    double throughput = 0.0;         ///< X(N), per ms
    double previousThroughput = 0.0; ///< X(N - 1)
    std::vector<double> queue;       ///< single-server copies: Q(N)
    std::vector<double> waiting;     ///< single-server copies: the mean number waiting at N, X(N) D Q(N - 1)
    double lastQueueing = 0.0;       ///< the last copy (multi-server): mean number waiting at N
    double lastAllBusy = 0.0;        ///< the last copy: P(at least c present | N - 1)
};

/// One convolution over n = 1..N of the delay (think time and externals) and the
/// copies in order. Scaled values g_k(n) = G_k(n) s(n) with s chosen so g_K(n) = 1.
PassOutput convolve(double delayMs, std::span<const Copy> copies, std::int64_t users)
{
    const std::size_t count = copies.size();
    std::int64_t widest = 1;
    for (const Copy& c : copies)
        widest = std::max(widest, c.servers);
    Ring x(static_cast<std::size_t>(widest) + 1); // X(m) for the last few m
    double delay = 1.0;                            // g_0(n): the delay alone
    std::vector<double> own(count, 1.0);           // g_k(n - 1), single-server copies
    std::vector<Ring> input;                       // g_{k-1}(m) for the last c_k m, multi-server copies
    std::vector<double> tail(count, 0.0);          // tau_k(n - 1) = T_k(n - 1) s(n - 1)
    std::vector<double> column(count + 1, 0.0);    // h_k(n) = G_k(n) s(n - 1)
    std::vector<double> tailColumn(count, 0.0);
    input.reserve(count);
    for (const Copy& c : copies) {
        input.emplace_back(static_cast<std::size_t>(c.servers));
        input.back().set(0, 1.0);
    }
    PassOutput out;
    out.queue.assign(count, 0.0);
    out.waiting.assign(count, 0.0);
    double waiting = 0.0;     // omega(n - 1): the last copy's sum (j - c) p_j, scaled
    double lastAllBusy = 0.0; // tau of the last copy at n - 1, before it is overwritten
    double throughput = 0.0;
    for (std::int64_t n = 1; n <= users; ++n) {
        column[0] = delay * delayMs / static_cast<double>(n);
        for (std::size_t k = 0; k < count; ++k) {
            const Copy& copy = copies[k];
            const double d = copy.demandMs;
            if (copy.servers == 1) {
                // G_k(n) = G_{k-1}(n) + D G_k(n - 1)
                column[k + 1] = column[k] + d * own[k];
                continue;
            }
            // G_k(n) = sum_{j<c} D^j/j! G_{k-1}(n-j) + T_k(n), T_k(n) = (D/c) T_k(n-1) + D^c/c! G_{k-1}(n-c).
            // Scaled by s(n-1): the j-th term carries a_j = D^j/j! X(n-1)...X(n-j+1).
            const std::int64_t c = copy.servers;
            double sum = column[k];
            double a = 1.0;
            const std::int64_t top = std::min<std::int64_t>(n, c - 1);
            for (std::int64_t j = 1; j <= top; ++j) {
                a *= d / static_cast<double>(j) * (j > 1 ? x.at(n - j + 1) : 1.0);
                sum += a * input[k].at(n - j);
            }
            double t = 0.0;
            if (n >= c) {
                for (std::int64_t j = top + 1; j <= c; ++j)
                    a *= d / static_cast<double>(j) * (j > 1 ? x.at(n - j + 1) : 1.0);
                t = d / static_cast<double>(c) * tail[k] + a * input[k].at(n - c);
            }
            tailColumn[k] = t;
            column[k + 1] = sum + t;
        }
        throughput = 1.0 / column[count];
        if (n == users)
            out.previousThroughput = x.at(n - 1);
        x.set(n, throughput);
        delay = column[0] * throughput;
        if (count > 0 && copies.back().servers > 1) {
            // W(n) = sum_{j>=c} (j - c) D^j/... G_{-k}(n - j) = (D/c)(W(n-1) + T(n-1)).
            const Copy& last = copies.back();
            lastAllBusy = tail[count - 1];
            waiting = throughput * last.demandMs / static_cast<double>(last.servers) * (waiting + tail[count - 1]);
        }
        for (std::size_t k = 0; k < count; ++k) {
            if (copies[k].servers == 1) {
                own[k] = column[k + 1] * throughput;
                out.waiting[k] = throughput * copies[k].demandMs * out.queue[k];
                out.queue[k] = throughput * copies[k].demandMs + out.waiting[k];
            } else {
                input[k].set(n, column[k] * throughput);
                tail[k] = tailColumn[k] * throughput;
            }
        }
    }
    out.throughput = throughput;
    if (users == 1)
        out.previousThroughput = 0.0;
    out.lastQueueing = waiting;
    out.lastAllBusy = lastAllBusy;
    return out;
}

/// The copies of every station that queues at this population (a station with at
/// least as many servers as users never queues: it joins the delay).
struct Network {
    double delayMs = 0.0;
    std::vector<Copy> copies;
};

Network expand(std::span<const MvaStation> stations, std::int64_t users, double thinkMs)
{
    Network net;
    net.delayMs = thinkMs;
    for (std::size_t g = 0; g < stations.size(); ++g) {
        const MvaStation& s = stations[g];
        const double demand = s.visits * s.serviceMs;
        const auto copies = static_cast<std::int64_t>(std::llround(s.multiplicity));
        if (s.delay || s.servers >= users) {
            net.delayMs += static_cast<double>(copies) * demand;
            continue;
        }
        for (std::int64_t i = 0; i < copies; ++i)
            net.copies.push_back({demand, s.servers, g});
    }
    return net;
}

} // namespace

double exactMvaWork(std::span<const MvaStation> stations, std::int64_t users)
{
    double perColumn = 1.0;
    double passes = 1.0;
    for (const MvaStation& s : stations) {
        if (s.delay || s.servers >= users)
            continue;
        perColumn += s.multiplicity * static_cast<double>(s.servers);
        if (s.servers > 1)
            passes += 1.0;
    }
    return perColumn * passes * static_cast<double>(std::max<std::int64_t>(users, 0));
}

MvaResult solveMvaExact(std::span<const MvaStation> stations, std::int64_t users, double thinkMs)
{
    if (users <= 0)
        return zeroUsers(stations);
    const Network net = expand(stations, users, thinkMs);
    const PassOutput first = convolve(net.delayMs, net.copies, users);
    const double x = first.throughput;
    MvaResult out;
    out.throughputPerMs = x;
    out.stations.resize(stations.size());
    std::vector<double> response(stations.size(), 0.0);
    std::vector<bool> done(stations.size(), false);
    for (std::size_t k = 0; k < net.copies.size(); ++k) {
        const Copy& copy = net.copies[k];
        if (copy.servers != 1 || done[copy.group])
            continue;
        const MvaStation& s = stations[copy.group];
        MvaStationResult& r = out.stations[copy.group];
        r.queueLength = first.queue[k];
        r.responseMs = r.queueLength / (x * s.visits);
        r.waitingCount = first.waiting[k];
        r.waitMs = r.waitingCount / (x * s.visits);
        r.waitProbability = std::clamp(first.previousThroughput * copy.demandMs, 0.0, 1.0);
        done[copy.group] = true;
    }
    // Each multi-server group: a pass with one of its copies convolved last.
    for (std::size_t k = 0; k < net.copies.size(); ++k) {
        const Copy& copy = net.copies[k];
        if (copy.servers == 1 || done[copy.group])
            continue;
        std::vector<Copy> order = net.copies;
        std::rotate(order.begin() + static_cast<std::ptrdiff_t>(k), order.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                    order.end());
        const PassOutput pass = convolve(net.delayMs, order, users);
        const MvaStation& s = stations[copy.group];
        MvaStationResult& r = out.stations[copy.group];
        // Busy servers by the utilization law, plus those waiting.
        r.queueLength = x * copy.demandMs + pass.lastQueueing;
        r.responseMs = r.queueLength / (x * s.visits);
        r.waitingCount = pass.lastQueueing;
        r.waitMs = r.waitingCount / (x * s.visits);
        r.waitProbability = std::clamp(pass.lastAllBusy, 0.0, 1.0);
        done[copy.group] = true;
    }
    // Stations that never queue at this population: pure delays.
    for (std::size_t g = 0; g < stations.size(); ++g) {
        if (done[g])
            continue;
        const MvaStation& s = stations[g];
        out.stations[g].responseMs = s.serviceMs;
        out.stations[g].queueLength = x * s.visits * s.serviceMs;
    }
    for (std::size_t g = 0; g < stations.size(); ++g)
        response[g] = out.stations[g].responseMs;
    out.cycleResponseMs = cycleTime(stations, response);
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
    bool settled = false;
    for (int iteration = 0; iteration < 100000 && !settled; ++iteration) {
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
        settled = change < 1e-12;
    }
    // The approximation can overshoot the bottleneck's capacity; no closed network can.
    double bound = std::numeric_limits<double>::infinity();
    for (const MvaStation& s : stations) {
        if (!s.delay && s.visits * s.serviceMs > 0.0)
            bound = std::min(bound, static_cast<double>(s.servers) / (s.visits * s.serviceMs));
    }
    const bool capped = throughput > bound;
    throughput = std::min(throughput, bound);
    MvaResult out;
    out.approximate = true;
    out.converged = settled;
    out.throughputPerMs = throughput;
    // Capped, the cycle is the one the capped throughput implies (N / X - Z), as in the
    // exact solution, where the two agree.
    out.cycleResponseMs = capped ? std::max(0.0, n / throughput - thinkMs) : cycleTime(stations, response);
    out.stations.resize(count);
    for (std::size_t g = 0; g < count; ++g) {
        const MvaStation& s = stations[g];
        MvaStationResult& r = out.stations[g];
        r.responseMs = response[g];
        r.queueLength = throughput * s.visits * response[g];
        if (!s.delay) {
            r.waitProbability = std::clamp(throughput * s.visits * s.serviceMs / static_cast<double>(s.servers), 0.0, 1.0);
            // An approximation either way; the difference is its own (Seidmann's split).
            r.waitMs = std::max(0.0, response[g] - s.serviceMs);
            r.waitingCount = throughput * s.visits * r.waitMs;
        }
    }
    return out;
}

MvaResult solveMva(std::span<const MvaStation> stations, std::int64_t users, double thinkMs)
{
    const bool hugeStation = std::any_of(stations.begin(), stations.end(), [users](const MvaStation& s) {
        return !s.delay && s.servers > kExactMvaLargestStation && s.servers < users;
    });
    if (!hugeStation && exactMvaWork(stations, users) <= kExactMvaBudget)
        return solveMvaExact(stations, users, thinkMs);
    return solveMvaApproximate(stations, users, thinkMs);
}

} // namespace headroom::engine
