// SPDX-License-Identifier: MIT
#include "engine/calibration/Measurement.h"

#include <algorithm>
#include <array>
#include <utility>

namespace headroom::engine {

namespace {

struct SourceNames {
    MeasureSource source;
    std::string_view name;
    std::string_view title;
};

constexpr std::array<SourceNames, 7> kSources{{
    {MeasureSource::PgbouncerStats, "pgbouncer-stats", "SHOW STATS"},
    {MeasureSource::PgbouncerPools, "pgbouncer-pools", "SHOW POOLS"},
    {MeasureSource::PgStatReplication, "pg_stat_replication", "pg_stat_replication"},
    {MeasureSource::Pgbench, "pgbench", "pgbench"},
    {MeasureSource::Prometheus, "prometheus", "Prometheus"},
    {MeasureSource::K6, "k6", "k6"},
    {MeasureSource::JmeterJtl, "jmeter-jtl", "JMeter"},
}};

using Labels = std::vector<std::pair<std::string, std::string>>;

/// Splits `name{a="x",b="y"}` into the name and its labels; nothing when it is not that shape.
std::optional<std::pair<std::string, Labels>> splitSeries(std::string_view text)
{
    const std::size_t brace = text.find('{');
    if (brace == std::string_view::npos)
        return std::make_pair(std::string(text), Labels{});
    if (text.back() != '}')
        return std::nullopt;
    Labels labels;
    std::size_t i = brace + 1;
    const std::size_t end = text.size() - 1;
    while (i < end) {
        const std::size_t eq = text.find('=', i);
        if (eq == std::string_view::npos || eq + 1 >= end || text[eq + 1] != '"')
            return std::nullopt;
        std::string key(text.substr(i, eq - i));
        key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
        std::string value;
        std::size_t j = eq + 2;
        for (; j < end && text[j] != '"'; ++j) {
            if (text[j] == '\\' && j + 1 < end)
                ++j;
            value += text[j];
        }
        if (j >= end)
            return std::nullopt;
        labels.emplace_back(std::move(key), std::move(value));
        i = j + 1;
        while (i < end && (text[i] == ',' || text[i] == ' '))
            ++i;
    }
    return std::make_pair(std::string(text.substr(0, brace)), std::move(labels));
}

} // namespace

std::string_view sourceName(MeasureSource source)
{
    for (const SourceNames& s : kSources) {
        if (s.source == source)
            return s.name;
    }
    return "unknown";
}

std::string_view sourceTitle(MeasureSource source)
{
    for (const SourceNames& s : kSources) {
        if (s.source == source)
            return s.title;
    }
    return "unknown";
}

std::optional<MeasureSource> parseSource(std::string_view name)
{
    for (const SourceNames& s : kSources) {
        if (s.name == name)
            return s.source;
    }
    return std::nullopt;
}

const FigureValue* MeasuredObject::find(std::string_view key) const
{
    for (const MeasuredFigure& f : figures) {
        if (f.key == key)
            return &f.value;
    }
    return nullptr;
}

std::optional<double> MeasuredObject::number(std::string_view key) const
{
    const FigureValue* value = find(key);
    if (value == nullptr || !std::holds_alternative<double>(*value))
        return std::nullopt;
    return std::get<double>(*value);
}

std::optional<std::string> MeasuredObject::text(std::string_view key) const
{
    const FigureValue* value = find(key);
    if (value == nullptr || !std::holds_alternative<std::string>(*value))
        return std::nullopt;
    return std::get<std::string>(*value);
}

std::optional<bool> MeasuredObject::flag(std::string_view key) const
{
    const FigureValue* value = find(key);
    if (value == nullptr || !std::holds_alternative<bool>(*value))
        return std::nullopt;
    return std::get<bool>(*value);
}

const MeasuredObject* Measurement::find(std::string_view name) const
{
    for (const MeasuredObject& o : objects) {
        if (o.name == name)
            return &o;
    }
    if (source != MeasureSource::Prometheus)
        return nullptr;
    // A series may be named by its name alone, or with the labels that tell it apart.
    const auto wanted = splitSeries(name);
    if (!wanted)
        return nullptr;
    const MeasuredObject* match = nullptr;
    for (const MeasuredObject& o : objects) {
        const auto series = splitSeries(o.name);
        if (!series || series->first != wanted->first)
            continue;
        const bool all = std::all_of(wanted->second.begin(), wanted->second.end(), [&](const auto& label) {
            return std::find(series->second.begin(), series->second.end(), label) != series->second.end();
        });
        if (!all)
            continue;
        if (match != nullptr)
            return nullptr; // ambiguous: the caller says which labels tell them apart
        match = &o;
    }
    return match;
}

std::string_view Measurement::collection() const
{
    switch (source) {
    case MeasureSource::PgbouncerStats:
        return "databases";
    case MeasureSource::PgbouncerPools:
        return "pools";
    case MeasureSource::PgStatReplication:
        return "replicas";
    case MeasureSource::Prometheus:
        return "series";
    case MeasureSource::JmeterJtl:
        return "labels";
    case MeasureSource::Pgbench:
    case MeasureSource::K6:
        break;
    }
    return {};
}

} // namespace headroom::engine
