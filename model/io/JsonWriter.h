// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

/// A small streaming JSON writer that keeps keys in the order they are written
/// (QJsonObject sorts them) and prints every double in its shortest exact form.
/// Non-finite numbers are written as null: JSON has no NaN or Infinity.
class JsonWriter {
public:
    explicit JsonWriter(bool pretty = true) : m_pretty(pretty) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(double number);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(std::optional<double> number);
    JsonWriter& null();

    /// key(name).value(v) in one call.
    template <typename T>
    JsonWriter& field(std::string_view name, const T& v)
    {
        key(name);
        return value(v);
    }

    [[nodiscard]] const std::string& text() const { return m_out; }
    [[nodiscard]] std::string take() { return std::move(m_out); }

private:
    void beforeValue();
    void newline();
    JsonWriter& close(char bracket);

    std::string m_out;
    bool m_pretty = true;
    bool m_afterKey = false;
    std::vector<bool> m_hasItems; ///< per open container: something written already
};

/// Shortest decimal that reads back as the same double ("0.1", "300", "1e-07").
std::string formatJsonNumber(double number);
/// The string as a JSON string literal, with quotes and escapes.
std::string quoteJson(std::string_view text);

} // namespace headroom::model
