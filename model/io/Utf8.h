// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

namespace headroom::model {

/// The UTF-8 sequence at the start of some bytes: how many bytes it takes (1 for ASCII),
/// or 0 when they are not well-formed UTF-8 (a bad lead or continuation byte, an overlong
/// form, a surrogate, past U+10FFFF); `truncated` when the bytes end inside it.
struct Utf8Sequence {
    std::size_t length = 0;
    bool truncated = false;
};

inline Utf8Sequence utf8Sequence(std::string_view bytes)
{
    if (bytes.empty())
        return {};
    const auto lead = static_cast<unsigned char>(bytes[0]);
    if (lead < 0x80)
        return {1, false};
    std::size_t length = 0;
    unsigned code = 0;
    unsigned min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code = lead & 0x1Fu;
        min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code = lead & 0x0Fu;
        min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code = lead & 0x07u;
        min = 0x10000;
    } else {
        return {};
    }
    if (bytes.size() < length)
        return {0, true};
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(bytes[k]);
        if ((next & 0xC0u) != 0x80u)
            return {};
        code = (code << 6) | (next & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return {};
    return {length, false};
}

} // namespace headroom::model
