// SPDX-License-Identifier: MIT
#include "JsonSyntax.h"

#include "Utf8.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <unordered_set>
#include <vector>

namespace headroom::model {

namespace {

/// Strict RFC 8259 syntax, checked before Qt parses the text: Qt's parser takes "1.",
/// ".5", "\q" and raw control characters in strings, and keeps the last of two equal
/// keys without a word. Each problem is reported with what to do about it.
class SyntaxChecker {
public:
    explicit SyntaxChecker(std::string_view text)
        : m_begin(text.data()), m_p(text.data()), m_end(text.data() + text.size())
    {
    }

    /// The first problem and its byte offset, or nothing when the text is one valid JSON value.
    std::optional<JsonSyntaxError> check()
    {
        if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
            m_p += 3; // a UTF-8 byte order mark, as Windows editors write it
        enum class State : std::uint8_t { Value, AfterValue, Key };
        State state = State::Value;
        while (!m_error) {
            skipSpace();
            if (state == State::Value) {
                value();
                state = State::AfterValue;
                if (!m_stack.empty() && m_opened) {
                    m_opened = false;
                    skipSpace();
                    if (m_p < m_end && *m_p == (m_stack.back().object ? '}' : ']')) {
                        ++m_p;
                        m_stack.pop_back();
                    } else {
                        state = m_stack.back().object ? State::Key : State::Value;
                    }
                }
            } else if (state == State::Key) {
                key();
                state = State::Value;
            } else {
                if (m_stack.empty()) {
                    if (m_p != m_end)
                        fail("more text after the end of the document");
                    break;
                }
                Frame& frame = m_stack.back();
                const char close = frame.object ? '}' : ']';
                if (m_p == m_end) {
                    fail(std::string("the text ends inside ") + (frame.object ? "an object" : "a list") +
                         ": a '" + close + "' is missing");
                } else if (*m_p == ',') {
                    ++m_p;
                    skipSpace();
                    if (m_p < m_end && (*m_p == '}' || *m_p == ']'))
                        fail(std::string("a comma before '") + *m_p + "': JSON has no trailing commas");
                    state = frame.object ? State::Key : State::Value;
                } else if (*m_p == close) {
                    ++m_p;
                    m_stack.pop_back();
                } else {
                    fail(std::string("expected ',' or '") + close + "', found " + describeHere());
                }
            }
        }
        if (m_error)
            return JsonSyntaxError{static_cast<std::size_t>(m_errorAt - m_begin), *m_error};
        return std::nullopt;
    }

private:
    struct Frame {
        bool object = false;
        std::unordered_set<std::string_view> keys;
    };

    static constexpr std::size_t kMaxDepth = 256;

    void fail(std::string what)
    {
        if (!m_error) {
            m_error = std::move(what);
            m_errorAt = m_p;
        }
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    std::string describeHere() const
    {
        if (m_p >= m_end)
            return "the end of the text";
        const auto byte = static_cast<unsigned char>(*m_p);
        if (byte >= 0x21 && byte < 0x7F)
            return std::string("'") + *m_p + "'";
        char hex[16];
        std::snprintf(hex, sizeof hex, "byte 0x%02X", byte);
        return hex;
    }

    void value()
    {
        if (m_p == m_end)
            return fail("the text ends where a value should be");
        const char c = *m_p;
        if (c == '{' || c == '[') {
            if (m_stack.size() >= kMaxDepth)
                return fail("nested more than " + std::to_string(kMaxDepth) + " levels deep; a model needs a few");
            ++m_p;
            m_stack.push_back({c == '{', {}});
            m_opened = true;
        } else if (c == '"') {
            string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == 'n') {
            literal("null");
        } else if (c == 'N' || c == 'I' || (c == '+' && m_end - m_p > 1 && m_p[1] == 'I')) {
            fail("a word where a number belongs: JSON has no not-a-number or infinite values, and a model's numbers are finite");
        } else if (c == '\'') {
            fail("JSON strings take double quotes, not single quotes");
        } else if (c == '/' || c == '#') {
            fail("JSON has no comments");
        } else if (c == '}' || c == ']') {
            fail(std::string("a value is missing before '") + c + "'");
        } else {
            fail("expected a value, found " + describeHere());
        }
    }

    void key()
    {
        if (m_p == m_end)
            return fail("the text ends inside an object: a '}' is missing");
        if (*m_p != '"') {
            if (*m_p == '\'')
                return fail("JSON keys take double quotes, not single quotes");
            if (*m_p == '/' || *m_p == '#')
                return fail("JSON has no comments");
            return fail("expected a key in double quotes, found " + describeHere());
        }
        const char* start = m_p;
        string();
        if (m_error)
            return;
        const std::string_view name(start + 1, static_cast<std::size_t>(m_p - start - 2));
        if (!m_stack.back().keys.insert(name).second) {
            m_p = start;
            return fail("the key \"" + std::string(name.substr(0, 64)) +
                        "\" appears twice in one object; keep one");
        }
        skipSpace();
        if (m_p == m_end || *m_p != ':')
            return fail("expected ':' after the key \"" + std::string(name.substr(0, 64)) + "\", found " +
                        describeHere());
        ++m_p;
    }

    void literal(std::string_view word)
    {
        if (static_cast<std::size_t>(m_end - m_p) >= word.size() &&
            std::string_view(m_p, word.size()) == word) {
            m_p += word.size();
            return;
        }
        fail("expected a value, found " + describeHere());
    }

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    void number()
    {
        const char* start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0') {
            ++m_p;
            if (m_p < m_end && (digit(*m_p) || *m_p == 'x' || *m_p == 'X')) {
                m_p = start;
                return fail("a number with a leading zero (or in hex); write it in decimal without one");
            }
        } else if (m_p < m_end && digit(*m_p)) {
            while (m_p < m_end && digit(*m_p))
                ++m_p;
        } else {
            if (m_p < m_end && (*m_p == 'I' || *m_p == 'N'))
                return fail("a word where a number belongs: JSON has no not-a-number or infinite values, and a model's numbers are finite");
            return fail("a '-' without digits");
        }
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (m_p == m_end || !digit(*m_p))
                return fail("a decimal point must have digits after it");
            while (m_p < m_end && digit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || !digit(*m_p))
                return fail("an exponent must have digits");
            while (m_p < m_end && digit(*m_p))
                ++m_p;
        }
        double parsed = 0.0;
        const auto [end, ec] = std::from_chars(start, m_p, parsed);
        if (ec == std::errc::result_out_of_range) {
            const std::string_view text(start, static_cast<std::size_t>(std::min<std::ptrdiff_t>(m_p - start, 40)));
            const bool large = overflows(std::string_view(start, static_cast<std::size_t>(m_p - start)));
            m_p = start;
            return fail("the number " + std::string(text) +
                        (large ? " is too large (finite numbers reach about 1.8e308)"
                               : " is too close to 0 to represent (below about 1e-308); write 0 or a larger number"));
        }
    }

    /// Whether an out-of-range number is too large (rather than too small, which reads as 0):
    /// the decimal exponent of its leading digit plus its exponent is positive.
    static bool overflows(std::string_view number)
    {
        const std::size_t e = std::min(number.find_first_of("eE"), number.size());
        const std::string_view mantissa = number.substr(0, e);
        const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
        long long leading = 0; // decimal exponent of the first non-zero digit
        bool found = false;
        for (std::size_t i = 0; i < mantissa.size() && !found; ++i) {
            if (mantissa[i] < '1' || mantissa[i] > '9')
                continue;
            found = true;
            leading = i < point ? static_cast<long long>(point - i) - 1 : -static_cast<long long>(i - point);
        }
        if (!found)
            return false; // zero
        long long exponent = 0;
        bool negative = false;
        for (std::size_t i = e + 1; i < number.size() && exponent < 1000000; ++i) {
            if (number[i] == '-')
                negative = true;
            else if (number[i] >= '0' && number[i] <= '9')
                exponent = exponent * 10 + (number[i] - '0');
        }
        return leading + (negative ? -exponent : exponent) > 0;
    }

    void string()
    {
        const char* start = m_p;
        ++m_p; // the opening quote
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return;
            }
            if (c < 0x20) {
                char what[96];
                std::snprintf(what, sizeof what,
                              "a control character (byte 0x%02X) inside a string; write it as an escape such as \\n",
                              c);
                return fail(what);
            }
            if (c == '\\') {
                escape();
                if (m_error)
                    return;
                continue;
            }
            if (c >= 0x80) {
                utf8();
                if (m_error)
                    return;
                continue;
            }
            ++m_p;
        }
        m_p = start;
        fail("a string is not closed: a '\"' is missing");
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    /// Reads \uXXXX at m_p; returns the code unit, or -1 after failing.
    int unicodeEscape()
    {
        if (m_end - m_p < 6 || m_p[1] != 'u')
            return -1;
        int unit = 0;
        for (int i = 2; i < 6; ++i) {
            const int h = hexValue(m_p[i]);
            if (h < 0)
                return -1;
            unit = unit * 16 + h;
        }
        m_p += 6;
        return unit;
    }

    void escape()
    {
        if (m_end - m_p < 2)
            return fail("a string is not closed: a '\"' is missing");
        const char e = m_p[1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            m_p += 2;
            return;
        }
        if (e != 'u') {
            std::string what = "an invalid escape \\";
            what += (static_cast<unsigned char>(e) >= 0x21 && static_cast<unsigned char>(e) < 0x7F) ? std::string(1, e)
                                                                                                   : std::string("?");
            return fail(what + " in a string; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        }
        const int unit = unicodeEscape();
        if (unit < 0)
            return fail("\\u must be followed by four hexadecimal digits");
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            m_p -= 6;
            return fail("a \\u escape for the second half of a surrogate pair without the first");
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int low = m_p < m_end && *m_p == '\\' ? unicodeEscape() : -1;
            if (low < 0xDC00 || low > 0xDFFF) {
                m_p -= low < 0 ? 6 : 12;
                return fail("a \\u escape for the first half of a surrogate pair without the second");
            }
        }
    }

    void utf8()
    {
        const auto lead = static_cast<unsigned char>(*m_p);
        const Utf8Sequence sequence = utf8Sequence(std::string_view(m_p, static_cast<std::size_t>(m_end - m_p)));
        if (sequence.truncated)
            return fail("bytes that are not UTF-8 text at the end of the file; save the file as UTF-8");
        if (sequence.length == 0)
            return fail("bytes that are not UTF-8 text (byte 0x" + hexByte(lead) + "); save the file as UTF-8");
        m_p += sequence.length;
    }

    static std::string hexByte(unsigned char byte)
    {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%02X", byte);
        return hex;
    }

    const char* m_begin = nullptr;
    const char* m_p = nullptr;
    const char* m_end = nullptr;
    std::vector<Frame> m_stack;
    bool m_opened = false; ///< a container was just opened: it may close at once
    std::optional<std::string> m_error;
    const char* m_errorAt = nullptr;
};

} // namespace

std::optional<JsonSyntaxError> checkJsonSyntax(std::string_view text)
{
    return SyntaxChecker(text).check();
}

std::string textPosition(std::string_view text, std::size_t offset)
{
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

} // namespace headroom::model
