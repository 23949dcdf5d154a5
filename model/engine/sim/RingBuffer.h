// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

namespace headroom::engine::sim {

/// A FIFO queue in one power-of-two array that doubles when full and never shrinks:
/// after the longest queue a run has seen, pushing and popping allocate nothing.
template <typename T>
class RingBuffer {
public:
    [[nodiscard]] bool empty() const { return m_size == 0; }
    [[nodiscard]] std::size_t size() const { return m_size; }

    void push(T value)
    {
        if (m_size == m_items.size())
            grow();
        m_items[(m_head + m_size) & (m_items.size() - 1)] = value;
        ++m_size;
    }
    T pop()
    {
        const T value = m_items[m_head];
        m_head = (m_head + 1) & (m_items.size() - 1);
        --m_size;
        return value;
    }
    void clear()
    {
        m_head = 0;
        m_size = 0;
    }

private:
    void grow()
    {
        std::vector<T> bigger(m_items.empty() ? 8 : 2 * m_items.size());
        for (std::size_t i = 0; i < m_size; ++i)
            bigger[i] = m_items[(m_head + i) & (m_items.size() - 1)];
        m_items = std::move(bigger);
        m_head = 0;
    }

    std::vector<T> m_items;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

} // namespace headroom::engine::sim
