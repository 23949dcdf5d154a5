// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

namespace headroom::bench {

/// Heap use of the benchmark process, counted by its replacement operator new.
struct AllocationCounts {
    std::size_t allocations = 0;
    std::size_t bytes = 0;     ///< currently allocated
    std::size_t peakBytes = 0; ///< high-water mark since resetPeak()
};

AllocationCounts allocationCounts();
void resetPeak();

} // namespace headroom::bench
