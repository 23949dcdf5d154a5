// SPDX-License-Identifier: MIT
#pragma once

#include "engine/sim/EventCalendar.h"
#include "engine/sim/LoadProfile.h"
#include "engine/sim/Random.h"
#include "engine/sim/ReplicationFigures.h"
#include "engine/sim/RingBuffer.h"
#include "engine/sim/SimNetwork.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace headroom::engine::sim {

/// A component whose backlog a profile run watches drain (spec 9.1): overloaded from
/// `overloadStartS` to `overloadEndS`, the last time it is overloaded.
struct DrainWatch {
    std::uint32_t component = 0;
    double overloadStartS = 0.0;
    double overloadEndS = 0.0;
};

/// What one replication simulates.
struct RunSettings {
    double multiplier = 1.0;          ///< times every rate_rps (open) or users (closed)
    const LoadProfile* profile = nullptr; ///< a load profile (spec 9.1), or steady traffic
    double warmupS = 0.0;             ///< steady traffic: discarded
    double durationS = 1.0;           ///< steady traffic: measured after the warm-up
    double bucketS = 1.0;             ///< profile: timeline bucket
    std::vector<DrainWatch> watches;  ///< profile: components to watch drain
    std::uint64_t seed = 1;
    std::uint64_t replication = 0;
};

/// Called every 65,536 events with the share of simulated time done and the events so
/// far; returning false stops the run (cancel).
using RunTick = std::function<bool(double fraction, std::uint64_t events)>;

/// One replication of the network: the event loop and its state. Everything is
/// sized once per network and reused from one replication to the next, so a thread
/// that runs many replications allocates only while its queues reach new lengths.
class NetworkRun {
public:
    explicit NetworkRun(const SimNetwork& network);

    ReplicationFigures run(const RunSettings& settings, const RunTick& tick);

private:
    enum class FrameType : std::uint8_t { Root, Carrier, Visit };
    enum class Status : std::uint8_t { Ok = 0, Rejected = 1, Failed = 2 };
    enum class Action : std::uint8_t { NextCall, ChildDone, FailedAttempt };

    /// A request (root), an asynchronous call in flight (carrier) or a visit to a component.
    struct Frame {
        double arrival = 0.0; ///< at its component (visit), or the request's start (root)
        double mark = 0.0;    ///< visit: its wait, once served; waiting for a pool: since when
        std::uint32_t parent = kNone;
        std::uint32_t parentToken = 0;
        std::uint32_t token = 0;     ///< changes whenever an attempt ends: stale replies and timeouts are ignored
        std::uint32_t component = 0; ///< the component it visits (or whose call a carrier makes)
        std::uint32_t instance = 0;  ///< global instance index
        std::uint32_t cursor = 0;    ///< next sync link to draw
        std::uint32_t cursorEnd = 0;
        std::uint32_t current = kNone; ///< link being called
        std::uint32_t remaining = 0;   ///< calls still to make on `current` after this one
        std::uint32_t pool = kNone;    ///< pool whose connection this visit holds
        std::uint16_t attempt = 0;
        FrameType type = FrameType::Visit;
        Status status = Status::Ok;
        bool rejectedHere = false;
    };
    struct Instance {
        std::uint32_t busy = 0;
        std::uint32_t inSystem = 0;
        RingBuffer<std::uint32_t> queue;
    };
    struct Live { ///< per component
        std::uint32_t inSystem = 0;  ///< all instances
        std::uint32_t groupBusy = 0; ///< busy servers of the busiest instance(s)
        double inSystemSince = 0.0;
        double busySince = 0.0;
    };
    struct Tally { ///< per component, measured window
        std::uint64_t groupArrivals = 0, groupRejected = 0, groupCompletions = 0, groupWaited = 0;
        std::uint64_t totalCompletions = 0, totalAdmitted = 0;
        double groupWaitSum = 0.0, groupResponseSum = 0.0;
        double groupBusyArea = 0.0, inSystemArea = 0.0;
        std::vector<float> samples; ///< the busiest instance's responses, in completion order
    };
    struct Pool {
        std::uint32_t free = 0;
        std::uint32_t link = 0; ///< index in network links
        RingBuffer<std::uint32_t> waiting;
    };
    struct PoolTally {
        std::uint64_t acquisitions = 0, waited = 0;
        double waitSum = 0.0;
    };
    struct ApplyThread {
        bool busy = false;
        double origin = 0.0;
        std::uint32_t replica = 0;
        RingBuffer<double> queue;
    };
    struct ReplicaTally {
        std::uint64_t count = 0;
        double sum = 0.0;
        std::vector<float> samples;
    };
    struct RetryTally {
        std::uint64_t calls = 0, attempts = 0, successes = 0;
    };
    struct SystemTally {
        std::uint64_t started = 0, completed = 0, rejected = 0, failed = 0;
        double responseSum = 0.0;
        std::vector<float> samples;
    };
    struct Watch {
        double levelFrom = 0.0, levelTo = 0.0, end = 0.0; ///< ms: [levelFrom, levelTo) sets the level; end of overload
        double levelArea = 0.0;
        std::optional<double> drainedMs;
    };

    void reset(const RunSettings& settings);
    void handle(const Event& e);
    void post(std::uint32_t frame, Action action) { m_work.push_back({frame, action}); }
    void drain();

    std::uint32_t newFrame();
    void freeFrame(std::uint32_t f) { m_free.push_back(f); }

    void startRequest(std::uint32_t client);
    void arrive(std::uint32_t f);
    void startService(std::uint32_t f);
    void serviceEnded(std::uint32_t f);
    void afterService(std::uint32_t f);
    void nextCall(std::uint32_t f);
    void beginCall(std::uint32_t f);
    void acquire(std::uint32_t f);
    void attempt(std::uint32_t f, std::uint32_t pool);
    void childDone(std::uint32_t c);
    void failedAttempt(std::uint32_t f);
    void finishRequest(std::uint32_t f);
    void releasePool(std::uint32_t pool);
    void write(std::uint32_t component);
    void applyArrives(std::uint32_t thread, double origin);
    void scheduleArrival(std::uint32_t client);
    void scheduleThink(std::uint32_t client);
    void schedulePopulation();

    double serviceTime(std::uint32_t component);
    std::uint32_t drawCalls(const SimLink& link, RandomStream& random);
    void setInSystem(std::uint32_t component, std::uint32_t value);
    void setGroupBusy(std::uint32_t component, std::uint32_t value);
    void addArea(double from, double to, double level, double& summary, double* buckets) const;
    [[nodiscard]] bool measuring() const { return m_now >= m_windowStart; }
    [[nodiscard]] std::size_t bucketOf(double t) const;
    void finishAreas();
    ReplicationFigures figures(std::uint64_t events, bool cancelled);

    const SimNetwork& m_net;
    EventCalendar m_calendar;
    std::vector<Frame> m_frames;
    std::vector<std::uint32_t> m_free;
    std::vector<std::pair<std::uint32_t, Action>> m_work;
    std::vector<Instance> m_instances;
    std::vector<Live> m_live;
    std::vector<Tally> m_tally;
    std::vector<Pool> m_pools;
    std::vector<PoolTally> m_poolTally;
    std::vector<ApplyThread> m_threads;
    std::vector<ReplicaTally> m_replicaTally;
    std::vector<RetryTally> m_retryTally;
    SystemTally m_system;
    std::vector<RandomStream> m_componentRandom;
    std::vector<RandomStream> m_arrivalRandom;
    std::vector<RandomStream> m_applyRandom;
    std::vector<std::uint32_t> m_watchOf; ///< per component: its watch, or kNone
    std::vector<Watch> m_watches;

    // The run's settings, in ms.
    const LoadProfile* m_profile = nullptr;
    double m_multiplier = 1.0;
    double m_now = 0.0;
    double m_windowStart = 0.0;
    double m_end = 0.0;
    double m_bucketMs = 0.0;
    std::size_t m_buckets = 0; ///< timeline buckets, 0 without a profile
    // Timeline accumulators, bucket-major per component / replica.
    std::vector<double> m_bucketInSystem, m_bucketBusy;
    std::vector<std::uint32_t> m_bucketSamples;       ///< component responses per bucket
    std::vector<std::uint32_t> m_bucketSystemSamples; ///< request responses per bucket
    std::vector<std::uint64_t> m_bucketCompleted, m_bucketRejected, m_bucketFinished;
    std::vector<double> m_bucketLagSum;
    std::vector<std::uint64_t> m_bucketLagCount;
    // Closed workloads.
    std::int64_t m_users = 0;  ///< users that exist
    std::int64_t m_retire = 0; ///< of them, to leave when their think ends
    double m_usersScale = 0.0;
};

} // namespace headroom::engine::sim
