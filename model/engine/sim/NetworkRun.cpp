// SPDX-License-Identifier: MIT
#include "engine/sim/NetworkRun.h"

#include "engine/sim/Statistics.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace headroom::engine::sim {

namespace {

constexpr std::array<double, 3> kPercentiles{0.50, 0.95, 0.99};
constexpr std::uint64_t kTickEvents = 65536;

std::optional<double> ratio(double numerator, double denominator)
{
    if (!(denominator > 0.0))
        return std::nullopt;
    return numerator / denominator;
}

} // namespace

NetworkRun::NetworkRun(const SimNetwork& network) : m_net(network)
{
    m_instances.resize(network.instanceCount);
    m_live.resize(network.components.size());
    m_tally.resize(network.components.size());
    m_pools.resize(network.poolCount);
    for (std::uint32_t l = 0; l < network.links.size(); ++l) {
        const SimLink& link = network.links[l];
        if (link.pool == kNone)
            continue;
        // The link's pools are those of each instance of the calling component.
        for (std::uint32_t c = 0; c < network.components.size(); ++c) {
            const SimComponent& s = network.components[c];
            if (l >= s.firstSync && l < s.endAsync) {
                for (std::uint32_t i = 0; i < s.instances; ++i)
                    m_pools[link.pool + i].link = l;
            }
        }
    }
    m_poolTally.resize(network.pooledLinks.size());
    m_threads.resize(network.applyThreads);
    for (std::uint32_t r = 0; r < network.replicas.size(); ++r) {
        for (std::uint32_t i = 0; i < network.replicas[r].instances; ++i)
            m_threads[network.replicas[r].firstThread + i].replica = r;
    }
    m_replicaTally.resize(network.replicas.size());
    m_retryTally.resize(network.guardedLinks.size());
    m_watchOf.assign(network.components.size(), kNone);
}

void NetworkRun::reset(const RunSettings& settings)
{
    const std::size_t n = m_net.components.size();
    m_profile = settings.profile;
    m_multiplier = settings.multiplier;
    m_now = 0.0;
    if (m_profile) {
        m_windowStart = 0.0;
        m_end = m_profile->endS() * 1000.0;
        m_bucketMs = settings.bucketS * 1000.0;
        m_buckets = static_cast<std::size_t>(std::ceil(m_end / m_bucketMs - 1e-9));
        m_buckets = std::max<std::size_t>(m_buckets, 1);
    } else {
        m_windowStart = settings.warmupS * 1000.0;
        m_end = (settings.warmupS + settings.durationS) * 1000.0;
        m_bucketMs = m_end;
        m_buckets = 0;
    }
    m_calendar.clear();
    m_frames.clear();
    m_free.clear();
    m_work.clear();
    for (Instance& i : m_instances) {
        i.busy = i.inSystem = 0;
        i.queue.clear();
    }
    for (Live& l : m_live)
        l = Live{};
    for (Tally& t : m_tally) {
        std::vector<float> samples = std::move(t.samples);
        samples.clear();
        t = Tally{};
        t.samples = std::move(samples);
    }
    for (std::size_t l = 0; l < m_net.links.size(); ++l) {
        const SimLink& link = m_net.links[l];
        if (link.pool == kNone)
            continue;
        for (Pool& p : m_pools) {
            if (p.link == l) {
                p.free = link.poolSize;
                p.waiting.clear();
            }
        }
    }
    for (PoolTally& t : m_poolTally)
        t = PoolTally{};
    for (ApplyThread& t : m_threads) {
        t.busy = false;
        t.queue.clear();
    }
    for (ReplicaTally& t : m_replicaTally) {
        t.count = 0;
        t.sum = 0.0;
        t.samples.clear();
    }
    for (RetryTally& t : m_retryTally)
        t = RetryTally{};
    m_system.started = m_system.completed = m_system.rejected = m_system.failed = 0;
    m_system.responseSum = 0.0;
    m_system.samples.clear();

    m_componentRandom.clear();
    m_arrivalRandom.clear();
    for (std::size_t c = 0; c < n; ++c) {
        m_componentRandom.push_back(RandomStream::derive(settings.seed, settings.replication, StreamFamily::Component, c));
        m_arrivalRandom.push_back(RandomStream::derive(settings.seed, settings.replication, StreamFamily::Arrivals, c));
    }
    m_applyRandom.clear();
    for (std::size_t r = 0; r < m_net.replicas.size(); ++r)
        m_applyRandom.push_back(RandomStream::derive(settings.seed, settings.replication, StreamFamily::Apply, r));

    m_watchOf.assign(n, kNone);
    m_watches.clear();
    for (const DrainWatch& w : settings.watches) {
        Watch watch;
        watch.levelTo = w.overloadStartS * 1000.0;
        watch.levelFrom = std::max(0.0, watch.levelTo - m_bucketMs);
        watch.end = w.overloadEndS * 1000.0;
        m_watchOf[w.component] = static_cast<std::uint32_t>(m_watches.size());
        m_watches.push_back(watch);
    }

    const std::size_t b = m_buckets;
    m_bucketInSystem.assign(n * b, 0.0);
    m_bucketBusy.assign(n * b, 0.0);
    m_bucketSamples.assign(n * b, 0);
    m_bucketSystemSamples.assign(b, 0);
    m_bucketCompleted.assign(b, 0);
    m_bucketRejected.assign(b, 0);
    m_bucketFinished.assign(b, 0);
    m_bucketLagSum.assign(m_net.replicas.size() * b, 0.0);
    m_bucketLagCount.assign(m_net.replicas.size() * b, 0);

    m_users = 0;
    m_retire = 0;
    m_usersScale = m_net.users * m_multiplier;
}

std::size_t NetworkRun::bucketOf(double t) const
{
    const auto k = static_cast<std::size_t>(t / m_bucketMs);
    return std::min(k, m_buckets - 1);
}

void NetworkRun::addArea(double from, double to, double level, double& summary, double* buckets) const
{
    double a = std::max(from, m_windowStart);
    const double b = std::min(to, m_end);
    if (!(b > a) || level == 0.0)
        return;
    summary += level * (b - a);
    if (!buckets)
        return;
    std::size_t k = bucketOf(a);
    for (;;) {
        const double edge = static_cast<double>(k + 1) * m_bucketMs;
        const double hi = (k + 1 >= m_buckets) ? b : std::min(b, edge);
        buckets[k] += level * (hi - a);
        if (hi >= b)
            break;
        a = hi;
        ++k;
    }
}

void NetworkRun::setInSystem(std::uint32_t c, std::uint32_t value)
{
    Live& live = m_live[c];
    const double level = live.inSystem;
    addArea(live.inSystemSince, m_now, level, m_tally[c].inSystemArea,
            m_buckets ? &m_bucketInSystem[c * m_buckets] : nullptr);
    if (m_watchOf[c] != kNone) {
        Watch& w = m_watches[m_watchOf[c]];
        const double from = std::max(live.inSystemSince, w.levelFrom);
        const double to = std::min(m_now, w.levelTo);
        if (to > from)
            w.levelArea += level * (to - from);
        if (!w.drainedMs && m_now > w.end) {
            const double span = w.levelTo - w.levelFrom;
            const double target = span > 0.0 ? w.levelArea / span : 0.0;
            if (level <= target)
                w.drainedMs = std::max(live.inSystemSince, w.end) - w.end;
            else if (value <= target)
                w.drainedMs = m_now - w.end;
        }
    }
    live.inSystem = value;
    live.inSystemSince = m_now;
}

void NetworkRun::setGroupBusy(std::uint32_t c, std::uint32_t value)
{
    Live& live = m_live[c];
    addArea(live.busySince, m_now, live.groupBusy, m_tally[c].groupBusyArea,
            m_buckets ? &m_bucketBusy[c * m_buckets] : nullptr);
    live.groupBusy = value;
    live.busySince = m_now;
}

std::uint32_t NetworkRun::newFrame()
{
    if (!m_free.empty()) {
        const std::uint32_t f = m_free.back();
        m_free.pop_back();
        const std::uint32_t token = m_frames[f].token; // tokens survive reuse, so stale replies stay stale
        m_frames[f] = Frame{};
        m_frames[f].token = token;
        return f;
    }
    m_frames.emplace_back();
    return static_cast<std::uint32_t>(m_frames.size() - 1);
}

double NetworkRun::serviceTime(std::uint32_t c)
{
    const SimComponent& s = m_net.components[c];
    RandomStream& random = m_componentRandom[c];
    switch (s.shape) {
    case ServiceShape::Exponential:
        return s.serviceMs * random.exponential();
    case ServiceShape::Deterministic:
        return s.serviceMs;
    case ServiceShape::Gamma:
        return s.serviceMs * random.gamma(s.gammaShape) / s.gammaShape;
    }
    return s.serviceMs;
}

std::uint32_t NetworkRun::drawCalls(const SimLink& link, RandomStream& random)
{
    std::uint32_t n = link.wholeCalls;
    if (link.extraCall > 0.0 && random.uniform() < link.extraCall)
        ++n;
    return n;
}

void NetworkRun::scheduleArrival(std::uint32_t client)
{
    const double rate = m_net.components[client].rateRps * m_multiplier;
    if (!(rate > 0.0))
        return;
    const double draw = m_arrivalRandom[client].exponential();
    double next = 0.0;
    if (m_profile) {
        next = m_profile->advance(m_now / 1000.0, draw / rate) * 1000.0;
        if (!std::isfinite(next))
            return;
    } else {
        next = m_now + draw * 1000.0 / rate;
    }
    m_calendar.push(next, EventType::Arrival, client);
}

void NetworkRun::scheduleThink(std::uint32_t client)
{
    const double think = m_net.thinkMs > 0.0 ? m_net.thinkMs * m_arrivalRandom[client].exponential() : 0.0;
    m_calendar.push(m_now + think, EventType::ThinkEnd, client);
}

void NetworkRun::schedulePopulation()
{
    const LoadProfile::Change change = m_profile->nextUserChange(m_now / 1000.0, m_usersScale, m_users - m_retire);
    if (std::isfinite(change.time) && change.time * 1000.0 < m_end)
        m_calendar.push(std::max(m_now, change.time * 1000.0), EventType::Population,
                        static_cast<std::uint32_t>(change.users));
}

ReplicationFigures NetworkRun::run(const RunSettings& settings, const RunTick& tick)
{
    reset(settings);
    if (m_net.closed) {
        const double start = m_usersScale * (m_profile ? m_profile->multiplierAt(0.0) : 1.0);
        m_users = LoadProfile::roundUsers(start);
        for (std::int64_t u = 0; u < m_users; ++u)
            scheduleThink(m_net.clients);
        if (m_profile)
            schedulePopulation();
    } else {
        for (std::uint32_t c = 0; c < m_net.components.size(); ++c) {
            if (m_net.components[c].behaviour == Behaviour::Clients)
                scheduleArrival(c);
        }
    }
    std::uint64_t events = 0;
    bool cancelled = false;
    while (!m_calendar.empty()) {
        if (m_calendar.top().time() >= m_end)
            break;
        const Event e = m_calendar.pop();
        m_now = e.time();
        handle(e);
        if ((++events % kTickEvents) == 0 && tick && !tick(m_now / m_end, events)) {
            cancelled = true;
            break;
        }
    }
    m_now = m_end;
    finishAreas();
    return figures(events, cancelled);
}

void NetworkRun::handle(const Event& e)
{
    switch (e.type) {
    case EventType::Arrival:
        scheduleArrival(e.id);
        startRequest(e.id);
        break;
    case EventType::ThinkEnd:
        if (m_retire > 0) {
            --m_retire;
            --m_users;
            break;
        }
        startRequest(e.id);
        break;
    case EventType::Population: {
        const auto target = static_cast<std::int64_t>(e.id);
        const std::int64_t present = m_users - m_retire;
        if (target > present) {
            std::int64_t need = target - present;
            const std::int64_t back = std::min(m_retire, need);
            m_retire -= back;
            need -= back;
            for (std::int64_t u = 0; u < need; ++u)
                scheduleThink(m_net.clients);
            m_users += need;
        } else {
            m_retire += present - target;
        }
        schedulePopulation();
        break;
    }
    case EventType::ServiceEnd:
        serviceEnded(e.id);
        break;
    case EventType::ExternalEnd: {
        const std::uint32_t f = e.id;
        const std::uint32_t c = m_frames[f].component;
        const double response = m_now - m_frames[f].arrival;
        if (measuring()) {
            Tally& t = m_tally[c];
            ++t.groupCompletions;
            ++t.totalCompletions;
            t.groupResponseSum += response;
            t.samples.push_back(static_cast<float>(response));
            if (m_buckets)
                ++m_bucketSamples[c * m_buckets + bucketOf(m_now)];
        }
        setInSystem(c, m_live[c].inSystem - 1);
        afterService(f);
        break;
    }
    case EventType::WriteArrives: {
        const SimReplica& r = m_net.replicas[m_threads[e.id].replica];
        applyArrives(e.id, m_now - r.delayMs);
        break;
    }
    case EventType::ApplyEnd: {
        ApplyThread& t = m_threads[e.id];
        const double lag = m_now - t.origin;
        if (measuring()) {
            ReplicaTally& tally = m_replicaTally[t.replica];
            ++tally.count;
            tally.sum += lag;
            tally.samples.push_back(static_cast<float>(lag));
            if (m_buckets) {
                m_bucketLagSum[t.replica * m_buckets + bucketOf(m_now)] += lag;
                ++m_bucketLagCount[t.replica * m_buckets + bucketOf(m_now)];
            }
        }
        if (!t.queue.empty()) {
            t.origin = t.queue.pop();
            const SimReplica& r = m_net.replicas[t.replica];
            m_calendar.push(m_now + r.applyMs * m_applyRandom[t.replica].exponential(), EventType::ApplyEnd, e.id);
        } else {
            t.busy = false;
        }
        break;
    }
    case EventType::Timeout: {
        Frame& f = m_frames[e.id];
        if (f.token != e.aux)
            break; // the attempt ended before its timeout
        ++f.token;
        post(e.id, Action::FailedAttempt);
        break;
    }
    case EventType::PoolRelease:
        releasePool(e.id);
        break;
    }
    drain();
}

void NetworkRun::drain()
{
    while (!m_work.empty()) {
        const auto [f, action] = m_work.back();
        m_work.pop_back();
        switch (action) {
        case Action::NextCall:
            nextCall(f);
            break;
        case Action::ChildDone:
            childDone(f);
            break;
        case Action::FailedAttempt:
            failedAttempt(f);
            break;
        }
    }
}

void NetworkRun::startRequest(std::uint32_t client)
{
    const std::uint32_t f = newFrame();
    Frame& frame = m_frames[f];
    frame.type = FrameType::Root;
    frame.component = client;
    frame.instance = m_net.components[client].firstInstance;
    frame.arrival = m_now;
    if (measuring())
        ++m_system.started;
    afterService(f);
}

void NetworkRun::arrive(std::uint32_t f)
{
    const std::uint32_t c = m_frames[f].component;
    const SimComponent& s = m_net.components[c];
    m_frames[f].arrival = m_now;
    Tally& t = m_tally[c];
    if (s.behaviour == Behaviour::External) {
        m_frames[f].instance = s.firstInstance;
        if (measuring()) {
            ++t.groupArrivals;
            ++t.totalAdmitted;
        }
        setInSystem(c, m_live[c].inSystem + 1);
        m_calendar.push(m_now + s.latencyMs, EventType::ExternalEnd, f);
        return;
    }
    std::uint32_t k = 0;
    if (s.instances > 1) {
        const double u = m_componentRandom[c].uniform();
        if (u >= s.hottestShare) {
            const double rest = (u - s.hottestShare) / (1.0 - s.hottestShare);
            k = 1 + std::min(s.instances - 2, static_cast<std::uint32_t>(rest * (s.instances - 1)));
        }
    }
    const std::uint32_t inst = s.firstInstance + k;
    m_frames[f].instance = inst;
    Instance& instance = m_instances[inst];
    const bool inGroup = s.evenSplit || k == 0;
    if (measuring() && inGroup)
        ++t.groupArrivals;
    if (instance.inSystem >= s.capacity) {
        if (measuring() && inGroup)
            ++t.groupRejected;
        m_frames[f].rejectedHere = true;
        post(f, Action::ChildDone);
        return;
    }
    if (measuring())
        ++t.totalAdmitted;
    ++instance.inSystem;
    setInSystem(c, m_live[c].inSystem + 1);
    if (instance.busy < s.servers) {
        ++instance.busy;
        if (inGroup)
            setGroupBusy(c, m_live[c].groupBusy + 1);
        startService(f);
    } else {
        instance.queue.push(f);
    }
}

void NetworkRun::startService(std::uint32_t f)
{
    Frame& frame = m_frames[f];
    frame.mark = m_now - frame.arrival;
    m_calendar.push(m_now + serviceTime(frame.component), EventType::ServiceEnd, f);
}

void NetworkRun::serviceEnded(std::uint32_t f)
{
    const Frame& frame = m_frames[f];
    const std::uint32_t c = frame.component;
    const SimComponent& s = m_net.components[c];
    const std::uint32_t inst = frame.instance;
    const bool inGroup = s.evenSplit || inst == s.firstInstance;
    Tally& t = m_tally[c];
    if (measuring()) {
        ++t.totalCompletions;
        if (inGroup) {
            const double response = m_now - frame.arrival;
            ++t.groupCompletions;
            t.groupResponseSum += response;
            t.groupWaitSum += frame.mark;
            if (frame.mark > 0.0)
                ++t.groupWaited;
            t.samples.push_back(static_cast<float>(response));
            if (m_buckets)
                ++m_bucketSamples[c * m_buckets + bucketOf(m_now)];
        }
    }
    Instance& instance = m_instances[inst];
    --instance.inSystem;
    setInSystem(c, m_live[c].inSystem - 1);
    if (!instance.queue.empty()) {
        startService(instance.queue.pop()); // the server goes straight on to the next visit
    } else {
        --instance.busy;
        if (inGroup)
            setGroupBusy(c, m_live[c].groupBusy - 1);
    }
    afterService(f);
}

void NetworkRun::afterService(std::uint32_t f)
{
    const std::uint32_t c = m_frames[f].component;
    const SimComponent& s = m_net.components[c];
    RandomStream& random = m_componentRandom[c];
    if (s.writeProbability > 0.0 && random.uniform() < s.writeProbability)
        write(c);
    const bool fires = s.missProbability >= 1.0 || random.uniform() < s.missProbability;
    if (fires) {
        const std::uint32_t instance = m_frames[f].instance;
        for (std::uint32_t l = s.firstAsync; l < s.endAsync; ++l) {
            const std::uint32_t n = drawCalls(m_net.links[l], random);
            for (std::uint32_t k = 0; k < n; ++k) {
                const std::uint32_t carrier = newFrame();
                Frame& call = m_frames[carrier];
                call.type = FrameType::Carrier;
                call.component = c;
                call.instance = instance;
                call.current = l;
                beginCall(carrier);
            }
        }
    }
    Frame& frame = m_frames[f];
    frame.cursor = fires ? s.firstSync : s.endSync;
    frame.cursorEnd = s.endSync;
    frame.remaining = 0;
    post(f, Action::NextCall);
}

void NetworkRun::nextCall(std::uint32_t f)
{
    Frame& frame = m_frames[f];
    if (frame.remaining > 0) {
        --frame.remaining;
        beginCall(f);
        return;
    }
    while (frame.cursor < frame.cursorEnd) {
        const std::uint32_t l = frame.cursor++;
        const std::uint32_t n = drawCalls(m_net.links[l], m_componentRandom[frame.component]);
        if (n > 0) {
            frame.current = l;
            frame.remaining = n - 1;
            beginCall(f);
            return;
        }
    }
    // Its whole sync subtree has ended.
    switch (frame.type) {
    case FrameType::Root:
        finishRequest(f);
        break;
    case FrameType::Carrier:
        freeFrame(f);
        break;
    case FrameType::Visit:
        post(f, Action::ChildDone);
        break;
    }
}

void NetworkRun::beginCall(std::uint32_t f)
{
    m_frames[f].attempt = 0;
    acquire(f);
}

void NetworkRun::acquire(std::uint32_t f)
{
    Frame& frame = m_frames[f];
    const SimLink& link = m_net.links[frame.current];
    if (link.pool == kNone) {
        attempt(f, kNone);
        return;
    }
    const std::uint32_t p = link.pool + (frame.instance - m_net.components[frame.component].firstInstance);
    Pool& pool = m_pools[p];
    if (pool.free > 0) {
        --pool.free;
        if (measuring())
            ++m_poolTally[link.poolLink].acquisitions;
        attempt(f, p);
    } else {
        frame.mark = m_now;
        pool.waiting.push(f);
    }
}

void NetworkRun::releasePool(std::uint32_t p)
{
    Pool& pool = m_pools[p];
    if (pool.waiting.empty()) {
        ++pool.free;
        return;
    }
    const std::uint32_t f = pool.waiting.pop();
    if (measuring()) {
        PoolTally& t = m_poolTally[m_net.links[pool.link].poolLink];
        ++t.acquisitions;
        ++t.waited;
        t.waitSum += m_now - m_frames[f].mark;
    }
    attempt(f, p);
}

void NetworkRun::attempt(std::uint32_t f, std::uint32_t pool)
{
    const std::uint32_t c = newFrame(); // may move m_frames: no references across it
    Frame& caller = m_frames[f];
    ++caller.attempt;
    ++caller.token;
    const SimLink& link = m_net.links[caller.current];
    Frame& callee = m_frames[c];
    callee.type = FrameType::Visit;
    callee.parent = f;
    callee.parentToken = caller.token;
    callee.component = link.target;
    callee.pool = pool;
    if (std::isfinite(link.timeoutMs))
        m_calendar.push(m_now + link.timeoutMs, EventType::Timeout, f, caller.token);
    arrive(c);
}

void NetworkRun::childDone(std::uint32_t c)
{
    const Frame child = m_frames[c];
    freeFrame(c);
    if (child.pool != kNone) {
        const double overhead = m_net.links[m_pools[child.pool].link].poolOverheadMs;
        if (overhead > 0.0)
            m_calendar.push(m_now + overhead, EventType::PoolRelease, child.pool);
        else
            releasePool(child.pool);
    }
    if (child.parent == kNone)
        return;
    Frame& parent = m_frames[child.parent];
    if (parent.token != child.parentToken)
        return; // abandoned by a timeout: the caller has moved on
    ++parent.token;
    if (child.rejectedHere) {
        failedAttempt(child.parent);
        return;
    }
    parent.status = std::max(parent.status, child.status);
    const SimLink& link = m_net.links[parent.current];
    if (link.guarded() && measuring()) {
        RetryTally& t = m_retryTally[link.retryLink];
        ++t.calls;
        ++t.successes;
        t.attempts += parent.attempt;
    }
    post(child.parent, Action::NextCall);
}

void NetworkRun::failedAttempt(std::uint32_t f)
{
    Frame& frame = m_frames[f];
    const SimLink& link = m_net.links[frame.current];
    if (link.guarded() && frame.attempt <= link.retries) {
        acquire(f);
        return;
    }
    frame.status = std::max(frame.status, link.guarded() ? Status::Failed : Status::Rejected);
    if (link.guarded() && measuring()) {
        RetryTally& t = m_retryTally[link.retryLink];
        ++t.calls;
        t.attempts += frame.attempt;
    }
    post(f, Action::NextCall);
}

void NetworkRun::finishRequest(std::uint32_t f)
{
    const Frame frame = m_frames[f];
    freeFrame(f);
    if (measuring()) {
        const std::size_t b = m_buckets ? bucketOf(m_now) : 0;
        if (m_buckets)
            ++m_bucketFinished[b];
        switch (frame.status) {
        case Status::Ok: {
            const double response = m_now - frame.arrival;
            ++m_system.completed;
            m_system.responseSum += response;
            m_system.samples.push_back(static_cast<float>(response));
            if (m_buckets) {
                ++m_bucketCompleted[b];
                ++m_bucketSystemSamples[b];
            }
            break;
        }
        case Status::Rejected:
            ++m_system.rejected;
            if (m_buckets)
                ++m_bucketRejected[b];
            break;
        case Status::Failed:
            ++m_system.failed;
            if (m_buckets)
                ++m_bucketRejected[b];
            break;
        }
    }
    if (m_net.closed)
        scheduleThink(frame.component);
}

void NetworkRun::write(std::uint32_t c)
{
    const SimComponent& s = m_net.components[c];
    for (std::uint32_t i = s.firstReplica; i < s.endReplica; ++i) {
        const SimReplica& r = m_net.replicas[m_net.replicaOf[i]];
        for (std::uint32_t k = 0; k < r.instances; ++k) {
            const std::uint32_t thread = r.firstThread + k;
            if (r.delayMs > 0.0)
                m_calendar.push(m_now + r.delayMs, EventType::WriteArrives, thread);
            else
                applyArrives(thread, m_now);
        }
    }
}

void NetworkRun::applyArrives(std::uint32_t thread, double origin)
{
    ApplyThread& t = m_threads[thread];
    if (t.busy) {
        t.queue.push(origin);
        return;
    }
    t.busy = true;
    t.origin = origin;
    const SimReplica& r = m_net.replicas[t.replica];
    m_calendar.push(m_now + r.applyMs * m_applyRandom[t.replica].exponential(), EventType::ApplyEnd, thread);
}

void NetworkRun::finishAreas()
{
    for (std::uint32_t c = 0; c < m_live.size(); ++c) {
        setInSystem(c, m_live[c].inSystem);
        setGroupBusy(c, m_live[c].groupBusy);
    }
}

ReplicationFigures NetworkRun::figures(std::uint64_t events, bool cancelled)
{
    ReplicationFigures out;
    out.events = events;
    out.cancelled = cancelled;
    if (cancelled)
        return out;
    const double windowMs = m_end - m_windowStart;
    const double windowS = windowMs / 1000.0;
    out.components.resize(m_net.components.size());
    for (std::size_t c = 0; c < m_net.components.size(); ++c) {
        const SimComponent& s = m_net.components[c];
        if (s.behaviour == Behaviour::Clients)
            continue;
        Tally& t = m_tally[c];
        ComponentFigures& f = out.components[c];
        const double serverTime = static_cast<double>(s.servers) * s.groupSize * windowMs;
        const auto completions = static_cast<double>(t.groupCompletions);
        f.throughputRps = static_cast<double>(t.totalCompletions) / windowS;
        f.meanInSystem = t.inSystemArea / windowMs;
        f.meanResponseMs = ratio(t.groupResponseSum, completions);
        if (s.behaviour == Behaviour::External) {
            f.utilization = 0.0;
            f.offeredUtilization = 0.0;
            f.blockingProbability = 0.0;
            f.backlogGrowthRps = 0.0;
            if (completions > 0.0) {
                f.meanWaitMs = 0.0;
                f.waitProbability = 0.0;
            }
        } else {
            f.utilization = t.groupBusyArea / serverTime;
            f.offeredUtilization = static_cast<double>(t.groupArrivals) * s.serviceMs / serverTime;
            f.blockingProbability = ratio(static_cast<double>(t.groupRejected), static_cast<double>(t.groupArrivals));
            f.meanWaitMs = ratio(t.groupWaitSum, completions);
            f.waitProbability = ratio(static_cast<double>(t.groupWaited), completions);
            f.backlogGrowthRps = (static_cast<double>(t.totalAdmitted) - static_cast<double>(t.totalCompletions)) / windowS;
        }
        if (m_buckets) {
            // Each bucket's samples are a contiguous run (completion order): its p99 first,
            // before the percentiles of the whole run reorder the samples.
            if (!out.timeline)
                out.timeline.emplace();
            std::size_t offset = 0;
            for (std::size_t b = 0; b < m_buckets; ++b) {
                const std::uint32_t count = m_bucketSamples[c * m_buckets + b];
                if (count == 0)
                    continue;
                std::span<float> slice(t.samples.data() + offset, count);
                const double p99 = kPercentiles[2];
                out.timeline->p99ResponseMs.resize(m_net.components.size() * m_buckets);
                out.timeline->p99ResponseMs[c * m_buckets + b] = orderStatistics(slice, std::span(&p99, 1)).front();
                offset += count;
            }
        }
        const std::vector<double> p = orderStatistics(t.samples, kPercentiles);
        if (!p.empty()) {
            f.p50ResponseMs = p[0];
            f.p95ResponseMs = p[1];
            f.p99ResponseMs = p[2];
        }
    }
    out.pools.resize(m_poolTally.size());
    for (std::size_t i = 0; i < m_poolTally.size(); ++i) {
        const PoolTally& t = m_poolTally[i];
        out.pools[i].meanWaitMs = ratio(t.waitSum, static_cast<double>(t.acquisitions));
        out.pools[i].waitProbability = ratio(static_cast<double>(t.waited), static_cast<double>(t.acquisitions));
    }
    out.replicas.resize(m_replicaTally.size());
    for (std::size_t i = 0; i < m_replicaTally.size(); ++i) {
        ReplicaTally& t = m_replicaTally[i];
        out.replicas[i].meanLagMs = ratio(t.sum, static_cast<double>(t.count));
        const double p99 = kPercentiles[2];
        const std::vector<double> p = orderStatistics(t.samples, std::span(&p99, 1));
        if (!p.empty())
            out.replicas[i].p99LagMs = p[0];
    }
    out.retries.resize(m_retryTally.size());
    for (std::size_t i = 0; i < m_retryTally.size(); ++i) {
        const RetryTally& t = m_retryTally[i];
        out.retries[i].attemptsPerCall = ratio(static_cast<double>(t.attempts), static_cast<double>(t.calls));
        out.retries[i].successProbability = ratio(static_cast<double>(t.successes), static_cast<double>(t.calls));
    }
    SystemFigures& sys = out.system;
    const auto finished = static_cast<double>(m_system.completed + m_system.rejected + m_system.failed);
    sys.arrivalRps = static_cast<double>(m_system.started) / windowS;
    sys.throughputRps = static_cast<double>(m_system.completed) / windowS;
    sys.meanResponseMs = ratio(m_system.responseSum, static_cast<double>(m_system.completed));
    sys.rejectedFraction = ratio(static_cast<double>(m_system.rejected), finished);
    sys.failedFraction = ratio(static_cast<double>(m_system.failed), finished);
    if (m_buckets) {
        if (!out.timeline)
            out.timeline.emplace();
        TimelineFigures& tl = *out.timeline;
        const std::size_t n = m_net.components.size();
        tl.buckets = m_buckets;
        tl.p99ResponseMs.resize(n * m_buckets);
        tl.meanInSystem.assign(n * m_buckets, 0.0);
        tl.utilization.assign(n * m_buckets, 0.0);
        for (std::size_t b = 0; b < m_buckets; ++b) {
            const double width = std::min(m_bucketMs, m_end - static_cast<double>(b) * m_bucketMs);
            for (std::size_t c = 0; c < n; ++c) {
                const SimComponent& s = m_net.components[c];
                tl.meanInSystem[c * m_buckets + b] = m_bucketInSystem[c * m_buckets + b] / width;
                if (s.behaviour == Behaviour::Station)
                    tl.utilization[c * m_buckets + b] =
                        m_bucketBusy[c * m_buckets + b] / (static_cast<double>(s.servers) * s.groupSize * width);
            }
            tl.throughputRps.push_back(static_cast<double>(m_bucketCompleted[b]) / (width / 1000.0));
            tl.rejectedFraction.push_back(ratio(static_cast<double>(m_bucketRejected[b]),
                                                static_cast<double>(m_bucketFinished[b])));
        }
        tl.meanLagMs.resize(m_net.replicas.size() * m_buckets);
        for (std::size_t i = 0; i < tl.meanLagMs.size(); ++i)
            tl.meanLagMs[i] = ratio(m_bucketLagSum[i], static_cast<double>(m_bucketLagCount[i]));
        std::size_t offset = 0;
        for (std::size_t b = 0; b < m_buckets; ++b) {
            const std::uint32_t count = m_bucketSystemSamples[b];
            tl.systemP99ResponseMs.emplace_back();
            if (count == 0)
                continue;
            std::span<float> slice(m_system.samples.data() + offset, count);
            const double p99 = kPercentiles[2];
            tl.systemP99ResponseMs.back() = orderStatistics(slice, std::span(&p99, 1)).front();
            offset += count;
        }
        for (const Watch& w : m_watches)
            tl.drainS.push_back(w.drainedMs ? std::optional<double>(*w.drainedMs / 1000.0) : std::nullopt);
    }
    const std::vector<double> p = orderStatistics(m_system.samples, kPercentiles);
    if (!p.empty()) {
        sys.p50ResponseMs = p[0];
        sys.p95ResponseMs = p[1];
        sys.p99ResponseMs = p[2];
    }
    return out;
}

} // namespace headroom::engine::sim
