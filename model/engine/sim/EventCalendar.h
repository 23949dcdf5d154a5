// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace headroom::engine::sim {

enum class EventType : std::uint8_t {
    Arrival,       ///< id: clients component (open)
    ThinkEnd,      ///< id: clients component (closed)
    ServiceEnd,    ///< id: frame
    ExternalEnd,   ///< id: frame
    WriteArrives,  ///< id: apply thread (replica instance)
    ApplyEnd,      ///< id: apply thread
    Timeout,       ///< id: the guard (frame and the call token it guards) in the run's table
    PoolRelease,   ///< id: pool
    Population,    ///< closed workload under a profile: the user count changes (to the run's pending target)
};

/// A small plain event: 16 bytes, no pointers, so the calendar is one flat array, a
/// node's four children fit a cache line and an event moves as two words. Its key is the
/// time's bit pattern: for times of 0 or more, unsigned order is time order, so the heap
/// compares integers, which the compiler turns into branch-free selects.
struct Event {
    std::uint64_t key = 0;
    std::uint64_t payload = 0; ///< the id, and the type above bit 32

    static Event of(std::uint64_t key, EventType type, std::uint32_t id)
    {
        return {key, static_cast<std::uint64_t>(id) | static_cast<std::uint64_t>(type) << 32};
    }
    [[nodiscard]] double time() const { return std::bit_cast<double>(key); }
    [[nodiscard]] std::uint32_t id() const { return static_cast<std::uint32_t>(payload); }
    [[nodiscard]] EventType type() const { return static_cast<EventType>(payload >> 32); }
};

/// The key of a time of 0 or more: its bit pattern (-0 becomes +0).
[[nodiscard]] inline std::uint64_t eventKey(double time)
{
    return std::bit_cast<std::uint64_t>(time + 0.0);
}

/// The future event list: a 4-ary min-heap on time in storage that grows to the largest
/// number of pending events and is then reused, so a run allocates nothing per event.
/// Four children per node halve the depth of a binary heap; the slots after the last
/// event hold keys that compare above every time, so a node's four children are always
/// compared without looking at how many it has. Events at the same time leave in an
/// order fixed by the sequence of operations, so a run is still the same every time.
class EventCalendar {
public:
    EventCalendar() { clear(); }

    void reserve(std::size_t n) { m_heap.reserve(n + kPad); }
    void clear()
    {
        m_size = 0;
        m_heap.assign(kPad, kEmpty);
    }
    [[nodiscard]] bool empty() const { return m_size == 0; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] const Event& top() const { return m_heap.front(); }
    /// The earliest key, or the largest key when the calendar is empty.
    [[nodiscard]] std::uint64_t topKey() const { return m_heap.front().key; }

    /// @pre time >= 0
    void push(double time, EventType type, std::uint32_t id)
    {
        const Event e = Event::of(eventKey(time), type, id);
        std::size_t i = m_size++;
        m_heap.push_back(kEmpty); // keeps kPad empty slots after the last event
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (e.key >= m_heap[parent].key)
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    /// @pre !empty()
    Event pop()
    {
        const Event out = m_heap.front();
        const std::size_t n = --m_size;
        const Event last = m_heap[n];
        m_heap[n] = kEmpty;
        m_heap.pop_back();
        std::size_t i = 0;
        // Every node below n / 4 has a first child inside the heap; the empty slots stand
        // in for missing brothers, and lose every comparison. Of equal keys the first
        // child wins, as it would in a plain loop over the children.
        while (4 * i + 1 < n) {
            const Event* c = &m_heap[4 * i + 1];
            const std::uint64_t k0 = c[0].key, k1 = c[1].key, k2 = c[2].key, k3 = c[3].key;
            const bool right1 = k1 < k0;
            const bool right3 = k3 < k2;
            const std::uint64_t low01 = right1 ? k1 : k0;
            const std::uint64_t low23 = right3 ? k3 : k2;
            const bool upper = low23 < low01;
            const std::uint64_t bestKey = upper ? low23 : low01;
            if (bestKey >= last.key)
                break;
            const std::size_t best = upper ? 2 + static_cast<std::size_t>(right3) : static_cast<std::size_t>(right1);
            m_heap[i] = c[best];
            i = 4 * i + 1 + best;
        }
        if (n > 0)
            m_heap[i] = last;
        return out;
    }

private:
    static constexpr std::size_t kPad = 4;
    static constexpr Event kEmpty{std::numeric_limits<std::uint64_t>::max(), 0};

    std::vector<Event> m_heap; ///< m_size events, then kPad empty slots
    std::size_t m_size = 0;
};

} // namespace headroom::engine::sim
