// SPDX-License-Identifier: MIT
#include "engine/sim/Simulation.h"

#include "engine/Fields.h"
#include "engine/Solver.h"
#include "engine/sim/CombineReplications.h"
#include "engine/sim/SimNetwork.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace headroom::engine::sim {

namespace {

constexpr int kMostReplications = 1000;
constexpr double kLongestS = 1e9;
constexpr std::size_t kMostBuckets = 100'000;
constexpr double kDefaultRequests = 100'000.0;
constexpr double kDefaultBuckets = 200.0;
// Bytes per kept sample (a float) and per request in flight (frame, calendar entry, queue slot).
constexpr double kSampleBytes = 4.0;
constexpr double kInFlightBytes = 96.0;
constexpr double kBucketBytes = 40.0; // per component and bucket, per replication kept until combined

std::string gib(double bytes)
{
    return formatNumber(std::round(bytes / (1024.0 * 1024 * 1024) * 10.0) / 10.0) + " GiB";
}

/// The lowest multiplier (of the model's traffic) at which component i's busiest
/// instance is offered its full capacity, if any up to `highest`.
std::optional<double> overloadMultiplier(const Solver& solver, std::size_t i, double highest)
{
    const StationParams& p = solver.params(i);
    const auto offered = [&](double multiplier) {
        const double arrival = solver.sheds() ? solver.traffic(multiplier).arrival[i] : multiplier * solver.unitTraffic()[i];
        return arrival * p.hottestShare * p.serviceMs / 1000.0 / static_cast<double>(p.servers);
    };
    const double unit = offered(1.0);
    if (!solver.sheds())
        return unit > 0.0 && 1.0 / unit <= highest ? std::optional(1.0 / unit) : std::nullopt;
    if (offered(highest) < 1.0)
        return std::nullopt;
    double lo = 0.0;
    double hi = highest;
    for (int k = 0; k < 100 && hi - lo > 1e-12 * hi; ++k) {
        const double mid = 0.5 * (lo + hi);
        (offered(mid) >= 1.0 ? hi : lo) = mid;
    }
    return hi;
}

} // namespace

Checked<SimulationPlan> planSimulation(const Solver& solver, const SimulationOptions& options)
{
    Issues issues;
    SimulationPlan plan;
    plan.options = options;
    if (options.replications < 2 || options.replications > kMostReplications)
        issues.push_back({Subject::argument("replications"), "must be an integer from 2 to " +
                                                                 std::to_string(kMostReplications) +
                                                                 " (an interval needs two), got " +
                                                                 std::to_string(options.replications)});
    if (!(options.confidence > 0.0 && options.confidence < 1.0))
        issues.push_back({Subject::argument("confidence"), "must be above 0 and below 1 (0.95 for a 95% interval), got " +
                                            formatNumber(options.confidence)});
    if (!(std::isfinite(options.multiplier) && options.multiplier >= 0.0))
        issues.push_back({Subject::argument("multiplier"),
                          "must be a finite number of 0 or more, got " + formatNumber(options.multiplier)});
    const auto positive = [&](const char* name, const std::optional<double>& value, bool zeroAllowed) {
        if (value && !(std::isfinite(*value) && (zeroAllowed ? *value >= 0.0 : *value > 0.0) && *value <= kLongestS))
            issues.push_back({Subject::argument(name), std::string("must be a number of seconds ") +
                                                           (zeroAllowed ? "from 0" : "above 0") + " to " +
                                                           formatNumber(kLongestS) + ", got " + formatNumber(*value)});
    };
    positive("duration_s", options.durationS, false);
    positive("warmup_s", options.warmupS, true);
    positive("bucket_s", options.bucketS, false);
    if (options.profile) {
        for (const char* name : {"duration_s", "warmup_s"}) {
            if ((name[0] == 'd' && options.durationS) || (name[0] == 'w' && options.warmupS))
                issues.push_back({Subject::argument(name), "does not apply with a load profile: the run starts empty at 0 s and lasts "
                                        "to the profile's last point"});
        }
    } else if (options.bucketS) {
        issues.push_back({Subject::argument("bucket_s"), "needs a load profile: the timeline is for load over time"});
    }
    if (!issues.empty())
        return issues;

    const bool closed = solver.workload() == Workload::Closed;
    const double peak = options.multiplier * (options.profile ? options.profile->maxMultiplier() : 1.0);
    if (Issues magnitude = solver.checkMagnitudes(peak); !magnitude.empty())
        return magnitude;
    const SolveResult atPeak = solver.solve({peak, false});
    // Requests per second at the peak: open, the external rate; closed, MVA's throughput.
    const double rate = closed ? atPeak.throughputRps : solver.externalRate() * peak;
    if (options.profile) {
        plan.durationS = options.profile->endS();
        plan.warmupS = 0.0;
        plan.bucketS = options.bucketS.value_or(plan.durationS / kDefaultBuckets);
        const double buckets = std::ceil(plan.durationS / plan.bucketS - 1e-9);
        if (buckets > static_cast<double>(kMostBuckets))
            return Issue{Subject::argument("bucket_s"), "would make " + formatNumber(buckets) + " buckets of a " +
                                         formatNumber(plan.durationS) + " s run; at most " +
                                         std::to_string(kMostBuckets) + " are allowed"};
    } else {
        if (options.durationS) {
            plan.durationS = *options.durationS;
        } else if (rate > 0.0) {
            plan.durationS = kDefaultRequests / rate;
        } else {
            plan.durationS = 1.0;
            plan.warnings.push_back({Subject{}, "no requests arrive at this multiplier: nothing to simulate"});
        }
        plan.warmupS = options.warmupS.value_or(plan.durationS / 10.0);
    }
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    plan.threads = std::min<unsigned>(options.threads > 0 ? options.threads : cores,
                                      static_cast<unsigned>(std::max(1, options.replications)));

    // Memory: every measured visit, request and apply keeps a float sample (exact
    // percentiles); requests in flight grow with a backlog; a timeline is kept per replication.
    const double span = plan.durationS + plan.warmupS;
    double samplesPerSecond = rate;
    double backlog = 0.0;
    for (std::size_t i = 0; i < atPeak.components.size(); ++i) {
        const ComponentResult& r = atPeak.components[i];
        if (r.kind == ComponentKind::Clients)
            continue;
        const StationParams& p = solver.params(i);
        const bool even = p.instances == 1 || std::fabs(p.hottestShare * static_cast<double>(p.instances) - 1.0) <= 1e-12;
        samplesPerSecond += r.arrivalRps * (even ? 1.0 : p.hottestShare);
        if (r.saturated && isStation(r.kind)) {
            const double capacity = static_cast<double>(p.servers * p.instances) * 1000.0 / p.serviceMs;
            backlog += std::max(0.0, r.arrivalRps - capacity) * span;
        }
        if (r.meanInSystem)
            backlog += *r.meanInSystem;
    }
    for (const ReplicationResult& rep : atPeak.replication) {
        samplesPerSecond += rep.writeRps * static_cast<double>(solver.params(rep.replica).instances);
        if (rep.saturated)
            backlog += rep.writeRps * (rep.applyUtilization - 1.0) / rep.applyUtilization * span *
                       static_cast<double>(solver.params(rep.replica).instances);
    }
    if (closed) {
        double users = 0.0;
        for (const Component& c : solver.model().components) {
            if (c.kind == ComponentKind::Clients && c.has(Field::Users))
                users = c.valueOr(Field::Users, 0.0);
        }
        backlog += std::round(std::min(1e12, peak * users)); // every user is a frame and a pending event
    }
    const double perThread = samplesPerSecond * plan.durationS * kSampleBytes + backlog * kInFlightBytes;
    double timelineBytes = 0.0;
    if (options.profile) {
        const double buckets = std::ceil(plan.durationS / plan.bucketS - 1e-9);
        timelineBytes = buckets * static_cast<double>(atPeak.components.size() + atPeak.replication.size() + 3) *
                        kBucketBytes * options.replications;
    }
    plan.estimatedBytes = perThread * plan.threads + timelineBytes;
    if (!(plan.estimatedBytes <= options.memoryBudgetBytes)) {
        const std::string what = options.profile ? "profile" : (options.durationS ? "duration_s" : "multiplier");
        return Issue{Subject::argument(what), "a run of " + formatNumber(span) + " s at this load would hold about " +
                               gib(plan.estimatedBytes) + " in memory (a sample per visit for exact percentiles" +
                               (backlog > 1e6 ? ", and a backlog of " + formatNumber(std::round(backlog)) + " requests" : "") +
                               "); at most " + gib(options.memoryBudgetBytes) + " are allowed: shorten the run"};
    }

    if (options.profile && !closed) {
        const double highest = peak;
        for (std::size_t i = 0; i < atPeak.components.size(); ++i) {
            if (!isStation(atPeak.components[i].kind))
                continue;
            const auto at = overloadMultiplier(solver, i, highest);
            if (!at)
                continue;
            const auto intervals = options.profile->intervalsAtOrAbove(*at / options.multiplier);
            if (intervals.empty())
                continue;
            plan.watches.push_back({static_cast<std::uint32_t>(i), intervals.back().first, intervals.back().second});
        }
    }
    return plan;
}

SimulationResult simulate(const Solver& solver, const SimulationPlan& plan, const SimulationControl& control)
{
    const auto started = std::chrono::steady_clock::now();
    const SimulationOptions& options = plan.options;
    const SimNetwork network = SimNetwork::compile(solver);
    const int replications = options.replications;
    std::vector<ReplicationFigures> figures(static_cast<std::size_t>(replications));
    std::vector<std::atomic<double>> progress(static_cast<std::size_t>(replications));
    for (auto& p : progress)
        p.store(0.0);
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::atomic<std::uint64_t> events{0};
    std::atomic<bool> stopped{false};
    std::mutex mutex;
    std::condition_variable finished;

    const auto worker = [&] {
        NetworkRun run(network);
        for (;;) {
            const int r = next.fetch_add(1);
            if (r >= replications || stopped.load())
                break;
            RunSettings settings;
            settings.multiplier = options.multiplier;
            settings.profile = options.profile ? &*options.profile : nullptr;
            settings.warmupS = plan.warmupS;
            settings.durationS = plan.durationS;
            settings.bucketS = plan.bucketS;
            settings.watches = plan.watches;
            settings.seed = options.seed;
            settings.replication = static_cast<std::uint64_t>(r);
            std::uint64_t reported = 0;
            const RunTick tick = [&](double fraction, std::uint64_t count) {
                progress[static_cast<std::size_t>(r)].store(fraction);
                events.fetch_add(count - reported);
                reported = count;
                if (control.stop.stop_requested())
                    stopped.store(true);
                return !stopped.load();
            };
            figures[static_cast<std::size_t>(r)] = run.run(settings, tick);
            events.fetch_add(figures[static_cast<std::size_t>(r)].events - reported);
            progress[static_cast<std::size_t>(r)].store(1.0);
            {
                const std::lock_guard lock(mutex);
                done.fetch_add(1);
            }
            finished.notify_all();
        }
        finished.notify_all();
    };

    std::vector<std::thread> threads;
    threads.reserve(plan.threads);
    for (unsigned t = 0; t < plan.threads; ++t)
        threads.emplace_back(worker);
    const auto report = [&] {
        if (!control.onProgress)
            return;
        SimulationProgress p;
        for (const auto& value : progress)
            p.fraction += value.load();
        p.fraction /= replications;
        p.events = events.load();
        p.replicationsDone = done.load();
        control.onProgress(p);
    };
    {
        std::unique_lock lock(mutex);
        while (done.load() < replications && !stopped.load()) {
            finished.wait_for(lock, std::chrono::milliseconds(100));
            if (control.stop.stop_requested())
                stopped.store(true);
            lock.unlock();
            report();
            lock.lock();
        }
    }
    for (std::thread& t : threads)
        t.join();

    SimulationResult result;
    result.multiplier = options.multiplier;
    result.workload = solver.workload();
    result.replications = replications;
    result.durationS = plan.durationS;
    result.warmupS = plan.warmupS;
    result.seed = options.seed;
    result.confidence = options.confidence;
    result.threads = plan.threads;
    if (stopped.load() || control.stop.stop_requested()) {
        result.status = SimulationStatus::Cancelled;
        result.events = events.load();
    } else {
        combineReplications(solver, plan, figures, result);
        report();
    }
    result.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace headroom::engine::sim
