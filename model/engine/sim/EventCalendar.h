// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
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

/// A small plain event: 24 bytes, no pointers, so the calendar is one flat array. Its
/// key is the time's bit pattern: for times of 0 or more, unsigned order is time order,
/// so the heap compares integers, which the compiler turns into branch-free selects.
struct Event {
    std::uint64_t key = 0;
    std::uint32_t id = 0;
    std::uint32_t aux = 0;
    EventType type = EventType::Arrival;

    [[nodiscard]] double time() const { return std::bit_cast<double>(key); }
};

/// The future event list: a 4-ary min-heap on time in storage that grows to the largest
/// number of pending events and is then reused, so a run allocates nothing per event.
/// Four children per node halve the depth of a binary heap and keep a node's children
/// in one or two cache lines. Events at the same time leave in an order fixed by the
/// sequence of operations, so a run is still the same every time.
class EventCalendar {
public:
    void reserve(std::size_t n) { m_heap.reserve(n); }
    void clear() { m_heap.clear(); }
    [[nodiscard]] bool empty() const { return m_heap.empty(); }
    [[nodiscard]] std::size_t size() const { return m_heap.size(); }
    [[nodiscard]] const Event& top() const { return m_heap.front(); }

    /// @pre time >= 0
    void push(double time, EventType type, std::uint32_t id, std::uint32_t aux = 0)
    {
        const Event e{std::bit_cast<std::uint64_t>(time + 0.0), id, aux, type}; // + 0.0: -0 becomes +0
        std::size_t i = m_heap.size();
        m_heap.push_back(e);
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (e.key >= m_heap[parent].key)
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
            std::uint64_t bestKey = m_heap[first].key;
            const std::size_t end = first + 4 < n ? first + 4 : n;
            for (std::size_t c = first + 1; c < end; ++c) {
                const std::uint64_t key = m_heap[c].key;
                const bool smaller = key < bestKey;
                best = smaller ? c : best;
                bestKey = smaller ? key : bestKey;
            }
            if (bestKey >= last.key)
                break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = last;
        return out;
    }

private:
    std::vector<Event> m_heap;
};

} // namespace headroom::engine::sim
