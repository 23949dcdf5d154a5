// SPDX-License-Identifier: MIT
// libFuzzer target: the JSON model reader (docs/reliability.md, "Fuzzing"). Any input must
// read as a model or as issues, never crash, hang or trip a sanitizer; a model that reads
// must pass through validation, and writing it out and reading it again must give the same
// model (the format's round-trip promise).
#include "engine/Validation.h"
#include "io/ModelJson.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace headroom;
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto model = model::readModelJson(json, QStringLiteral("fuzz"));
    if (!model)
        return 0;
    const auto again = model::readModelJson(model::writeModelJson(*model), QStringLiteral("fuzz"));
    if (!again || !(*again == *model)) {
        std::fprintf(stderr, "the model does not survive writing and reading again\n");
        std::abort();
    }
    (void)engine::validateModel(*model);
    return 0;
}
