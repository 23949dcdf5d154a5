// SPDX-License-Identifier: MIT
#include "measure/MeasureOutput.h"

#include "io/JsonWriter.h"
#include "io/TextTable.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace headroom::model::measure {

namespace {

void writeValue(JsonWriter& w, const engine::FigureValue& value)
{
    std::visit(
        [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>)
                w.null();
            else if constexpr (std::is_same_v<V, std::string>)
                w.value(std::string_view(v));
            else
                w.value(v);
        },
        value);
}

/// Figures as JSON fields; "a.b" keys become nested objects ("http_req_duration_ms": {"avg": ...}).
void writeFigures(JsonWriter& w, const std::vector<engine::MeasuredFigure>& figures, bool skipNames)
{
    std::string openGroup;
    for (const engine::MeasuredFigure& f : figures) {
        if (skipNames && (f.key == "database" || f.key == "user"))
            continue;
        const std::size_t dot = f.key.find('.');
        const std::string group = dot == std::string::npos ? std::string() : f.key.substr(0, dot);
        if (group != openGroup) {
            if (!openGroup.empty())
                w.endObject();
            if (!group.empty())
                w.key(group).beginObject();
            openGroup = group;
        }
        w.key(dot == std::string::npos ? f.key : f.key.substr(dot + 1));
        writeValue(w, f.value);
    }
    if (!openGroup.empty())
        w.endObject();
}

} // namespace

std::string figureText(const engine::FigureValue& value)
{
    return std::visit(
        [](const auto& v) -> std::string {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>)
                return "-";
            else if constexpr (std::is_same_v<V, std::string>)
                return v;
            else if constexpr (std::is_same_v<V, bool>)
                return v ? "yes" : "no";
            else
                return humanNumber(v);
        },
        value);
}

std::string measurementJson(const engine::Measurement& m)
{
    JsonWriter w;
    w.beginObject();
    w.field("format", "headroom-measurements").field("version", 1);
    w.field("source", engine::sourceName(m.source)).field("input_format", m.inputFormat);
    w.field("file", m.file);
    w.key("interval_s").value(m.intervalS);
    const std::string_view collection = m.collection();
    if (collection.empty()) {
        if (!m.objects.empty())
            writeFigures(w, m.objects.front().figures, false);
    } else if (m.source == engine::MeasureSource::PgbouncerPools) {
        // A pool is a database and a user: a list of objects that name both.
        w.key(collection).beginArray();
        for (const engine::MeasuredObject& o : m.objects) {
            w.beginObject();
            writeFigures(w, o.figures, false);
            w.endObject();
        }
        w.endArray();
    } else {
        const bool total = m.source == engine::MeasureSource::JmeterJtl;
        w.key(collection).beginObject();
        for (std::size_t i = 0; i < m.objects.size(); ++i) {
            if (total && i + 1 == m.objects.size())
                break;
            w.key(m.objects[i].name).beginObject();
            writeFigures(w, m.objects[i].figures, false);
            w.endObject();
        }
        w.endObject();
        if (total && !m.objects.empty()) {
            w.key("total").beginObject();
            writeFigures(w, m.objects.back().figures, false);
            w.endObject();
        }
    }
    w.endObject();
    return w.take() + "\n";
}

std::string measurementText(const engine::Measurement& m)
{
    std::string out = std::string(engine::sourceTitle(m.source)) + " (" + std::string(engine::sourceName(m.source)) +
                      ", " + m.inputFormat + ") from " + m.file;
    if (m.intervalS)
        out += ", deltas over " + humanNumber(*m.intervalS) + " s";
    out += "\n\n";
    if (m.objects.empty())
        return out + "  nothing measured (no rows)\n";
    // One column per figure, one row per object: the figures are the same for every object
    // of a source, except Prometheus series of different types, which get a table each.
    std::map<std::string, TextTable> tables;
    std::vector<std::string> order;
    for (const engine::MeasuredObject& o : m.objects) {
        std::string shape;
        for (const engine::MeasuredFigure& f : o.figures)
            shape += f.key + ",";
        auto [it, added] = tables.try_emplace(shape);
        if (added) {
            order.push_back(shape);
            it->second.addColumn(m.collection().empty() ? "" : std::string(m.collection()), TextTable::Align::Left);
            for (const engine::MeasuredFigure& f : o.figures)
                it->second.addColumn(f.key, std::holds_alternative<double>(f.value) ? TextTable::Align::Right
                                                                                      : TextTable::Align::Left);
        }
        std::vector<std::string> cells{o.name};
        for (const engine::MeasuredFigure& f : o.figures)
            cells.push_back(figureText(f.value));
        it->second.addRow(std::move(cells));
    }
    for (const std::string& shape : order)
        out += tables[shape].render("  ") + "\n";
    return out;
}

std::string residualText(std::optional<double> residual)
{
    if (!residual)
        return "-";
    const double percent = *residual * 100.0;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%+.1f%%", std::abs(percent) < 0.05 ? 0.0 : percent);
    return buffer;
}

std::string modelledText(std::optional<double> value, bool infinite)
{
    if (infinite)
        return "\u221e";
    return value ? humanNumber(*value) : "-";
}

std::string residualNote(const engine::ResidualRow& row)
{
    if (row.flagged)
        return "FLAG: " + row.reason;
    return row.fitted ? "fitted: " + row.reason : row.reason;
}

} // namespace headroom::model::measure
