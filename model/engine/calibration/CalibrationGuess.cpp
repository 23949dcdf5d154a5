// SPDX-License-Identifier: MIT
#include "engine/calibration/CalibrationGuess.h"

#include <algorithm>
#include <vector>

namespace headroom::engine {

namespace {

bool named(const Component& c, std::string_view name)
{
    return c.id == name || (!c.label.empty() && c.label == name);
}

/// The one candidate, or nothing when there are none or several.
std::optional<CalibrationTarget> single(const std::vector<CalibrationTarget>& candidates)
{
    return candidates.size() == 1 ? std::optional(candidates.front()) : std::nullopt;
}

std::optional<CalibrationTarget> pooledLinkInto(const Model& model, std::string_view database)
{
    std::vector<CalibrationTarget> matching;
    std::vector<CalibrationTarget> any;
    for (const Link& l : model.links) {
        const auto to = model.indexOf(l.to);
        if (!l.get(LinkField::PoolSize) || !to || model.components[*to].kind != ComponentKind::Database)
            continue;
        any.push_back({l.from, l.to});
        if (named(model.components[*to], database))
            matching.push_back({l.from, l.to});
    }
    return matching.empty() ? single(any) : single(matching);
}

std::optional<CalibrationTarget> component(const Model& model, std::string_view name,
                                           bool (*fits)(const Component&))
{
    std::vector<CalibrationTarget> matching;
    std::vector<CalibrationTarget> any;
    for (const Component& c : model.components) {
        if (!fits(c))
            continue;
        any.push_back({c.id, {}});
        if (named(c, name))
            matching.push_back({c.id, {}});
    }
    return matching.empty() ? single(any) : single(matching);
}

bool isReplica(const Component& c)
{
    return c.kind == ComponentKind::Database && c.effectiveRole() == DatabaseRole::Replica;
}

bool isClients(const Component& c)
{
    return c.kind == ComponentKind::Clients;
}

} // namespace

bool isFittable(MeasureSource source, const MeasuredObject& object)
{
    return std::any_of(object.figures.begin(), object.figures.end(), [&](const MeasuredFigure& f) {
        const FigureRole role = figureRole(source, object.name, f.key);
        return role != FigureRole::NotModelled && role != FigureRole::Other;
    });
}

std::optional<CalibrationTarget> guessTarget(const Model& model, MeasureSource source, const MeasuredObject& object)
{
    switch (source) {
    case MeasureSource::PgbouncerStats:
        // "pgbouncer" is PgBouncer's own admin console, never a pool of the model.
        return object.name == "pgbouncer" ? std::nullopt : pooledLinkInto(model, object.name);
    case MeasureSource::PgStatReplication:
        return component(model, object.name, isReplica);
    case MeasureSource::Pgbench:
    case MeasureSource::K6:
    case MeasureSource::JmeterJtl:
        if (const auto index = model.indexOf(object.name))
            return CalibrationTarget{model.components[*index].id, {}};
        if (source == MeasureSource::JmeterJtl && object.name != "total")
            return std::nullopt;
        return component(model, {}, isClients);
    case MeasureSource::PgbouncerPools:
    case MeasureSource::Prometheus:
        // Pools' figures fit nothing; a series names no component.
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace headroom::engine
