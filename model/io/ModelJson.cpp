// SPDX-License-Identifier: MIT
#include "ModelJson.h"

#include "JsonWriter.h"
#include "Utf8.h"

#include "engine/Validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <charconv>
#include <functional>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <unordered_set>

namespace headroom::model {

namespace {

using engine::Issue;
using engine::Issues;

std::string str(const QString& s)
{
    return s.toStdString();
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

/// Where in the text a parse error is, as "line L, column C".
QString position(const QByteArray& json, qsizetype offset)
{
    qsizetype line = 1;
    qsizetype column = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

/// Strict RFC 8259 syntax, checked before Qt parses the text: Qt's parser takes "1.",
/// ".5", "\q" and raw control characters in strings, and keeps the last of two equal
/// keys without a word. Each problem is reported with what to do about it.
class SyntaxChecker {
public:
    explicit SyntaxChecker(const QByteArray& text)
        : m_begin(text.constData()), m_p(text.constData()), m_end(text.constData() + text.size())
    {
    }

    /// The first problem and its byte offset, or nothing when the text is one valid JSON value.
    std::optional<std::pair<qsizetype, std::string>> check()
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
            return std::make_pair(static_cast<qsizetype>(m_errorAt - m_begin), *m_error);
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

/// Text that is plainly not UTF-8: a UTF-16 or UTF-32 byte order mark, or the zero
/// bytes with which those encodings write ASCII.
std::optional<std::string> wrongEncoding(const QByteArray& json)
{
    const auto at = [&](qsizetype i) { return i < json.size() ? static_cast<unsigned char>(json[i]) : 0x100u; };
    // JSON text starts with white space or an ASCII character that opens a value.
    const auto opens = [](unsigned byte) {
        return byte > 0 && byte < 0x80 && std::strchr(" \t\r\n{[\"-0123456789tfn", static_cast<int>(byte)) != nullptr;
    };
    if ((at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF) ||
        (at(0) == 0x00 && at(1) != 0x00 && opens(at(1))) || (at(0) != 0x00 && opens(at(0)) && at(1) == 0x00) ||
        (at(0) == 0x00 && at(1) == 0x00 && at(2) == 0xFE && at(3) == 0xFF))
        return "the file is UTF-16 or UTF-32 text; save it as UTF-8";
    return std::nullopt;
}

/// What a non-object document is, for "a model is a JSON object, not ...".
std::string describeDocument(const QByteArray& json)
{
    qsizetype i = json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r'))
        ++i;
    switch (i < json.size() ? json[i] : '\0') {
    case '[':
        return "a list";
    case '"':
        return "a string";
    case 't':
    case 'f':
        return "a boolean";
    case 'n':
        return "null";
    default:
        return "a number";
    }
}

class Reader {
public:
    Issues issues;

    void wrongType(const std::string& subject, const char* expected, const QJsonValue& got)
    {
        issues.push_back({subject, std::string("must be ") + expected + ", got " + str(typeName(got))});
    }

    std::optional<std::string> text(const QJsonObject& o, const char* key, const std::string& subject, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                issues.push_back({subject, "required: a string"});
            return std::nullopt;
        }
        if (!v.isString()) {
            wrongType(subject, "a string", v);
            return std::nullopt;
        }
        return str(v.toString());
    }

    /// A number or flag for a field rule; wrong types are reported, ranges are not.
    std::optional<double> fieldValue(const QJsonValue& v, const engine::FieldRule& rule, const std::string& subject)
    {
        if (rule.type == engine::ValueType::Flag) {
            if (!v.isBool()) {
                wrongType(subject, "true or false", v);
                return std::nullopt;
            }
            return v.toBool() ? 1.0 : 0.0;
        }
        if (!v.isDouble()) {
            wrongType(subject, rule.type == engine::ValueType::Count ? "an integer" : "a number", v);
            return std::nullopt;
        }
        return v.toDouble();
    }

    /// "calibrated": {"service_ms": {"source": ..., "at": ..., ...}}: where fields came from
    /// (spec section 10.1). Only fields the owner can have are kept.
    std::vector<engine::CalibrationMark> calibrated(const QJsonObject& o, const std::string& subject,
                                                    const std::function<bool(const std::string&)>& known)
    {
        std::vector<engine::CalibrationMark> marks;
        const QJsonValue v = o.value(QLatin1String("calibrated"));
        if (v.isUndefined())
            return marks;
        if (!v.isObject()) {
            wrongType(subject + ".calibrated", "an object of fields", v);
            return marks;
        }
        const QJsonObject fields = v.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const std::string field = str(it.key());
            const std::string where = subject + ".calibrated." + field;
            if (!known(field))
                continue; // a field of a later version: ignored, like any unknown key
            if (!it.value().isObject()) {
                wrongType(where, "an object", it.value());
                continue;
            }
            const QJsonObject m = it.value().toObject();
            engine::CalibrationMark mark;
            mark.field = field;
            mark.source = text(m, "source", where + ".source", false).value_or("");
            mark.at = text(m, "at", where + ".at", false).value_or("");
            mark.file = text(m, "file", where + ".file", false).value_or("");
            mark.object = text(m, "object", where + ".object", false).value_or("");
            mark.figure = text(m, "figure", where + ".figure", false).value_or("");
            for (const auto& [key, target] : {std::pair("value", &mark.value), std::pair("measured", &mark.measured)}) {
                const QJsonValue number = m.value(QLatin1String(key));
                if (number.isDouble())
                    *target = number.toDouble();
                else if (!number.isUndefined())
                    wrongType(where + "." + key, "a number", number);
            }
            marks.push_back(std::move(mark));
        }
        return marks;
    }

    engine::Component component(const QJsonValue& value, std::size_t index)
    {
        engine::Component c;
        const std::string where = "components[" + std::to_string(index) + "]";
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return c;
        }
        const QJsonObject o = value.toObject();
        c.id = text(o, "id", where + ".id", true).value_or("");
        const std::string name = engine::isValidId(c.id) ? c.id : where;
        if (const auto kind = text(o, "kind", name + ".kind", true)) {
            if (const auto parsed = engine::parseKind(*kind)) {
                c.kind = *parsed;
            } else {
                std::string known;
                for (const auto k : engine::allKinds())
                    known += (known.empty() ? "" : ", ") + std::string(engine::kindName(k));
                issues.push_back({name + ".kind", "unknown kind '" + *kind + "'; expected one of " + known});
            }
        }
        if (const auto role = text(o, "role", name + ".role", false)) {
            if (const auto parsed = engine::parseRole(*role))
                c.role = *parsed;
            else
                issues.push_back({name + ".role", "unknown role '" + *role + "'; expected primary or replica"});
        }
        c.label = text(o, "label", name + ".label", false).value_or("");
        c.notes = text(o, "notes", name + ".notes", false).value_or("");
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto field = engine::parseField(str(it.key()));
            if (!field)
                continue; // unknown keys are ignored (forward compatibility)
            c.set(*field, fieldValue(it.value(), engine::fieldRule(*field), name + "." + str(it.key())));
        }
        c.calibrated = calibrated(o, name, [](const std::string& key) { return engine::parseField(key).has_value(); });
        return c;
    }

    engine::Link link(const QJsonValue& value, std::size_t index)
    {
        engine::Link l;
        const std::string where = "links[" + std::to_string(index) + "]";
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return l;
        }
        const QJsonObject o = value.toObject();
        l.from = text(o, "from", where + ".from", true).value_or("");
        l.to = text(o, "to", where + ".to", true).value_or("");
        const std::string name = "link " + l.from + " -> " + l.to;
        if (const auto kind = text(o, "kind", name + ".kind", false)) {
            if (const auto parsed = engine::parseLinkKind(*kind))
                l.kind = *parsed;
            else
                issues.push_back({name, "unknown kind '" + *kind + "'; expected sync, async or replication"});
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto field = engine::parseLinkField(str(it.key()));
            if (field)
                l.set(*field, fieldValue(it.value(), engine::linkFieldRule(*field), name + "." + str(it.key())));
        }
        l.calibrated = calibrated(o, name, [](const std::string& key) { return engine::parseLinkField(key).has_value(); });
        return l;
    }

    /// A scenario's "link_overrides" (our extension of the contract): a list of
    /// {"from": A, "to": B, field: value...}, one object per link.
    std::vector<engine::LinkOverride> linkOverrides(const QJsonValue& value, const std::string& scenarioName)
    {
        std::vector<engine::LinkOverride> out;
        if (value.isUndefined())
            return out;
        const std::string where = scenarioName + ".link_overrides";
        if (!value.isArray()) {
            wrongType(where, "a list of links", value);
            return out;
        }
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const std::string item = where + "[" + std::to_string(i) + "]";
            if (!list[i].isObject()) {
                wrongType(item, "an object", list[i]);
                continue;
            }
            const QJsonObject o = list[i].toObject();
            const auto from = text(o, "from", item + ".from", true);
            const auto to = text(o, "to", item + ".to", true);
            if (!from || !to)
                continue;
            const std::string subject = scenarioName + ".link " + *from + " -> " + *to;
            for (auto it = o.begin(); it != o.end(); ++it) {
                const std::string key = str(it.key());
                if (key == "from" || key == "to")
                    continue;
                const auto field = engine::parseLinkField(key);
                if (!field) {
                    std::string known;
                    for (const engine::LinkField f : engine::allLinkFields())
                        known += (known.empty() ? "" : ", ") + std::string(engine::linkFieldRule(f).key);
                    issues.push_back({subject + "." + key, "not a link field a scenario can override (" + known + ")"});
                    continue;
                }
                if (const auto v = fieldValue(it.value(), engine::linkFieldRule(*field), subject + "." + key))
                    out.push_back({*from, *to, *field, *v});
            }
        }
        return out;
    }

    engine::Scenario scenario(const QJsonValue& value, std::size_t index)
    {
        engine::Scenario s;
        const std::string where = "scenarios[" + std::to_string(index) + "]";
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return s;
        }
        const QJsonObject o = value.toObject();
        s.name = text(o, "name", where + ".name", true).value_or("");
        const std::string name = "scenario \"" + s.name + "\"";
        if (const QJsonValue m = o.value(QLatin1String("multiplier")); !m.isUndefined()) {
            if (m.isDouble())
                s.multiplier = m.toDouble();
            else
                wrongType(name + ".multiplier", "a number", m);
        }
        s.linkOverrides = linkOverrides(o.value(QLatin1String("link_overrides")), name);
        const QJsonValue overrides = o.value(QLatin1String("overrides"));
        if (overrides.isUndefined())
            return s;
        if (!overrides.isObject()) {
            wrongType(name + ".overrides", "an object of component ids", overrides);
            return s;
        }
        const QJsonObject byComponent = overrides.toObject();
        for (auto it = byComponent.begin(); it != byComponent.end(); ++it) {
            const std::string component = str(it.key());
            const std::string subject = name + "." + component;
            if (!it.value().isObject()) {
                wrongType(subject, "an object of field values", it.value());
                continue;
            }
            const QJsonObject fields = it.value().toObject();
            for (auto f = fields.begin(); f != fields.end(); ++f) {
                const auto field = engine::parseField(str(f.key()));
                if (!field) {
                    issues.push_back({subject + "." + str(f.key()),
                                      "not a field a scenario can override (id, kind and role cannot change; "
                                      "see the model format for the numeric fields)"});
                    continue;
                }
                if (const auto v = fieldValue(f.value(), engine::fieldRule(*field), subject + "." + str(f.key())))
                    s.overrides.push_back({component, *field, *v});
            }
        }
        return s;
    }

    template <typename T, typename Fn>
    std::vector<T> list(const QJsonObject& root, const char* key, bool required, Fn&& each)
    {
        std::vector<T> out;
        const QJsonValue v = root.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                issues.push_back({key, "required: a list"});
            return out;
        }
        if (!v.isArray()) {
            wrongType(key, "a list", v);
            return out;
        }
        const QJsonArray array = v.toArray();
        out.reserve(static_cast<std::size_t>(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i)
            out.push_back(each(array.at(i), static_cast<std::size_t>(i)));
        return out;
    }
};

} // namespace

engine::Checked<engine::Model> readModelJson(const QByteArray& json, const QString& source)
{
    const std::string where = str(source);
    if (json.trimmed().isEmpty())
        return Issue{where, "the file is empty; a model is a JSON object (see the model format)"};
    if (const auto encoding = wrongEncoding(json))
        return Issue{where, *encoding};
    if (const auto problem = SyntaxChecker(json).check())
        return Issue{where, "not valid JSON: " + problem->second + " at " +
                                str(position(json, problem->first))};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject() && (error.error == QJsonParseError::NoError || error.error == QJsonParseError::IllegalValue))
        return Issue{where, "a model is a JSON object with components and links, not " + describeDocument(json)};
    if (error.error != QJsonParseError::NoError)
        return Issue{where, "not valid JSON: " + str(error.errorString()) + " at " +
                                str(position(json, error.offset))};
    const QJsonObject root = doc.object();
    Reader reader;
    if (const QJsonValue format = root.value(QLatin1String("format")); !format.isUndefined()) {
        if (format.toString() != QLatin1String("headroom-model"))
            reader.issues.push_back({"format", "expected \"headroom-model\", got " +
                                                   (format.isString() ? "\"" + str(format.toString()) + "\""
                                                                      : str(typeName(format)))});
    }
    if (const QJsonValue version = root.value(QLatin1String("version")); !version.isUndefined()) {
        if (!version.isDouble())
            reader.wrongType("version", "the number 1", version);
        else if (version.toDouble() != 1.0)
            reader.issues.push_back({"version", "this file is version " + engine::formatNumber(version.toDouble()) +
                                                    "; this program reads version 1"});
    }
    engine::Model model;
    model.name = reader.text(root, "name", "name", false).value_or("");
    model.description = reader.text(root, "description", "description", false).value_or("");
    model.components = reader.list<engine::Component>(
        root, "components", true, [&](const QJsonValue& v, std::size_t i) { return reader.component(v, i); });
    model.links = reader.list<engine::Link>(root, "links", false,
                                            [&](const QJsonValue& v, std::size_t i) { return reader.link(v, i); });
    model.scenarios = reader.list<engine::Scenario>(
        root, "scenarios", false, [&](const QJsonValue& v, std::size_t i) { return reader.scenario(v, i); });
    if (!reader.issues.empty())
        return reader.issues;
    return model;
}

QByteArray writeModelJson(const engine::Model& model)
{
    JsonWriter w;
    w.beginObject();
    w.field("format", "headroom-model").field("version", 1);
    if (!model.name.empty())
        w.field("name", model.name);
    if (!model.description.empty())
        w.field("description", model.description);
    w.key("components").beginArray();
    for (const engine::Component& c : model.components) {
        w.beginObject();
        w.field("id", c.id).field("kind", engine::kindName(c.kind));
        if (c.role)
            w.field("role", engine::roleName(*c.role));
        if (!c.label.empty())
            w.field("label", c.label);
        writeComponentFields(w, c.values);
        writeCalibrationMarks(w, c.calibrated);
        if (!c.notes.empty())
            w.field("notes", c.notes);
        w.endObject();
    }
    w.endArray();
    w.key("links").beginArray();
    for (const engine::Link& l : model.links) {
        w.beginObject();
        w.field("from", l.from).field("to", l.to);
        if (l.kind)
            w.field("kind", engine::linkKindName(*l.kind));
        for (const engine::LinkField field : engine::allLinkFields()) {
            if (const auto value = l.get(field))
                w.field(engine::linkFieldRule(field).key, *value);
        }
        writeCalibrationMarks(w, l.calibrated);
        w.endObject();
    }
    w.endArray();
    if (!model.scenarios.empty()) {
        w.key("scenarios").beginArray();
        for (const engine::Scenario& s : model.scenarios) {
            w.beginObject();
            w.field("name", s.name);
            if (s.multiplier)
                w.field("multiplier", *s.multiplier);
            w.key("overrides").beginObject();
            // Group the overrides by component, in the order they first appear.
            std::vector<std::string> order;
            for (const engine::Override& o : s.overrides) {
                if (std::find(order.begin(), order.end(), o.component) == order.end())
                    order.push_back(o.component);
            }
            for (const std::string& component : order) {
                w.key(component).beginObject();
                for (const engine::Override& o : s.overrides) {
                    if (o.component != component)
                        continue;
                    const engine::FieldRule& rule = engine::fieldRule(o.field);
                    if (rule.type == engine::ValueType::Flag)
                        w.field(rule.key, o.value != 0.0);
                    else
                        w.field(rule.key, o.value);
                }
                w.endObject();
            }
            w.endObject();
            if (!s.linkOverrides.empty()) {
                // One object per link, in the order each link first appears.
                w.key("link_overrides").beginArray();
                std::vector<std::pair<std::string, std::string>> links;
                for (const engine::LinkOverride& o : s.linkOverrides) {
                    if (std::find(links.begin(), links.end(), std::pair(o.from, o.to)) == links.end())
                        links.emplace_back(o.from, o.to);
                }
                for (const auto& [from, to] : links) {
                    w.beginObject();
                    w.field("from", from);
                    w.field("to", to);
                    for (const engine::LinkOverride& o : s.linkOverrides) {
                        if (o.from == from && o.to == to)
                            w.field(engine::linkFieldRule(o.field).key, o.value);
                    }
                    w.endObject();
                }
                w.endArray();
            }
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    std::string text = w.take();
    text += '\n';
    return QByteArray::fromStdString(text);
}

void writeComponentFields(JsonWriter& w, const std::array<std::optional<double>, engine::kFieldCount>& values)
{
    for (const engine::Field field : engine::allFields()) {
        const auto value = values[static_cast<std::size_t>(field)];
        if (!value)
            continue;
        const engine::FieldRule& rule = engine::fieldRule(field);
        if (rule.type == engine::ValueType::Flag)
            w.field(rule.key, *value != 0.0);
        else
            w.field(rule.key, *value);
    }
}

void writeCalibrationMarks(JsonWriter& w, const std::vector<engine::CalibrationMark>& marks)
{
    if (marks.empty())
        return;
    w.key("calibrated").beginObject();
    for (const engine::CalibrationMark& m : marks) {
        w.key(m.field).beginObject();
        w.field("value", m.value).field("source", m.source).field("at", m.at).field("file", m.file);
        w.field("object", m.object).field("figure", m.figure).field("measured", m.measured);
        w.endObject();
    }
    w.endObject();
}

} // namespace headroom::model
