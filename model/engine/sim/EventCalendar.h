// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace headroom::engine::sim {

enum class EventType : std::uint8_t {
    Arrival,       ///< id: clients component (open)
    ThinkEnd,      ///< id: clients component (closed)
    ServiceEnd,    ///< id: frame
    ExternalEnd,   ///< id: frame
    WriteArrives,  ///< id: apply thread (replica instance); aux unused
    ApplyEnd,      ///< id: apply thread
    Timeout,       ///< id: frame; aux: the call token it guards
    PoolRelease,   ///< id: pool
    Population,    ///< closed workload under a profile: the user count changes
};

/// A small plain event: 24 bytes, no pointers, so the calendar is one flat array.
struct Event {
    double time = 0.0;
    std::uint32_t seq = 0; ///< insertion order: equal times leave in the order they came
    std::uint32_t id = 0;
    std::uint32_t aux = 0;
    EventType type = EventType::Arrival;
};

/// The future event list: a 4-ary min-heap on (time, insertion order) in storage that
/// grows to the largest number of pending events and is then reused, so a run
/// allocates nothing per event. Four children per node halve the depth of a binary
/// heap and keep each node's children in one or two cache lines.
class EventCalendar {
public:
    void reserve(std::size_t n) { m_heap.reserve(n); }
    void clear()
    {
        m_heap.clear();
        m_seq = 0;
    }
    [[nodiscard]] bool empty() const { return m_heap.empty(); }
    [[nodiscard]] std::size_t size() const { return m_heap.size(); }
    [[nodiscard]] const Event& top() const { return m_heap.front(); }

    void push(double time, EventType type, std::uint32_t id, std::uint32_t aux = 0)
    {
        Event e{time, m_seq++, id, aux, type};
        std::size_t i = m_heap.size();
        m_heap.push_back(e);
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!before(e, m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    Event pop()
    {
        const Event out = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n == 0)
            return out;
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = 4 * i + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t end = first + 4 < n ? first + 4 : n;
            for (std::size_t c = first + 1; c < end; ++c) {
                if (before(m_heap[c], m_heap[best]))
                    best = c;
            }
            if (!before(m_heap[best], last))
                break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = last;
        return out;
    }

private:
    static bool before(const Event& a, const Event& b)
    {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    std::vector<Event> m_heap;
    std::uint32_t m_seq = 0;
};

} // namespace headroom::engine::sim
