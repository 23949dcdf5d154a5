// SPDX-License-Identifier: MIT
// libFuzzer entry point for the measurement readers: any bytes, as one file or split into
// two snapshots, must give a measurement or issues, never a crash or a hang. Replayed on its
// corpus in every build, fuzzed by the clang build (tests/fuzz/CMakeLists.txt).
#include "measure/MeasureReader.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using headroom::model::measure::MeasureText;
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)headroom::model::measure::readMeasurement({"fuzz", text}, std::nullopt, std::nullopt);
    // The same bytes as a before/after pair, split at a form feed when there is one.
    const std::size_t split = text.find('\f');
    if (split != std::string::npos)
        (void)headroom::model::measure::readMeasurement({"before", text.substr(0, split)},
                                                        MeasureText{"after", text.substr(split + 1)}, 1.0);
    return 0;
}
