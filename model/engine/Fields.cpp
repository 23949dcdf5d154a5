// SPDX-License-Identifier: MIT
#include "Fields.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace headroom::engine {

namespace {

constexpr double kInf = std::numeric_limits<double>::max();
/// The largest cost per instance and month: monthly totals (instances, plans at 10x, over
/// every component) stay far from overflowing, so a cost is never printed as infinite.
constexpr double kMaxCostPerInstanceMonth = 1e12;
/// The largest service_cv: Allen-Cunneen's (1 + cv^2) / 2 stays small enough that waits,
/// queue lengths and pool hold times are finite wherever the station is stable.
constexpr double kMaxServiceCv = 1000.0;

constexpr KindMask bits(std::initializer_list<ComponentKind> kinds)
{
    KindMask mask = 0;
    for (const ComponentKind kind : kinds)
        mask = static_cast<KindMask>(mask | kindBit(kind));
    return mask;
}

constexpr KindMask kAllKinds = 0x7ff;
constexpr KindMask kClients = bits({ComponentKind::Clients});
constexpr KindMask kStations = static_cast<KindMask>(
    kAllKinds & ~bits({ComponentKind::Clients, ComponentKind::External}));
constexpr KindMask kCaches = bits({ComponentKind::Cache, ComponentKind::Cdn});
constexpr KindMask kDatabases = bits({ComponentKind::Database});
constexpr KindMask kExternal = bits({ComponentKind::External});

using VT = ValueType;

// Order matches enum class Field.
const std::array<FieldRule, kFieldCount> kFieldRules{{
    {"x", VT::Number, -kInf, false, kInf, 0.0, "px", "X", kAllKinds, RoleScope::Any},
    {"y", VT::Number, -kInf, false, kInf, 0.0, "px", "Y", kAllKinds, RoleScope::Any},
    {"cost_per_instance_month", VT::Number, 0.0, false, kMaxCostPerInstanceMonth, 0.0, "/month", "Cost per instance",
     kAllKinds, RoleScope::Any},
    {"rate_rps", VT::Number, 0.0, false, kInf, std::nullopt, "rps", "Request rate", kClients,
     RoleScope::Any},
    {"users", VT::Count, 0.0, false, kMaxCount, std::nullopt, "", "Users", kClients, RoleScope::Any},
    {"think_ms", VT::Number, 0.0, false, kInf, 0.0, "ms", "Think time", kClients, RoleScope::Any},
    {"servers", VT::Count, 1.0, false, kMaxCount, 1.0, "", "Servers", kStations, RoleScope::Any},
    {"instances", VT::Count, 1.0, false, kMaxCount, 1.0, "", "Instances", kStations,
     RoleScope::Any},
    {"hottest_share", VT::Number, 0.0, true, 1.0, std::nullopt, "", "Hottest share", kStations,
     RoleScope::Any},
    {"service_ms", VT::Number, 0.0, true, kInf, std::nullopt, "ms", "Service time", kStations,
     RoleScope::Any},
    {"service_cv", VT::Number, 0.0, false, kMaxServiceCv, 1.0, "", "Service CV", kStations, RoleScope::Any},
    {"capacity", VT::Count, 1.0, false, kMaxCount, std::nullopt, "", "Capacity (K)", kStations,
     RoleScope::Any},
    {"hit_ratio", VT::Number, 0.0, false, 1.0, 0.0, "", "Hit ratio", kCaches, RoleScope::Any},
    {"max_connections", VT::Count, 1.0, false, kMaxCount, std::nullopt, "", "Max connections",
     kDatabases, RoleScope::Any},
    {"write_fraction", VT::Number, 0.0, false, 1.0, 1.0, "", "Write fraction", kDatabases,
     RoleScope::Primary},
    {"apply_ms", VT::Number, 0.0, true, kInf, std::nullopt, "ms", "Apply time", kDatabases,
     RoleScope::Replica},
    {"replication_delay_ms", VT::Number, 0.0, false, kInf, 0.0, "ms", "Replication delay",
     kDatabases, RoleScope::Replica},
    {"latency_ms", VT::Number, 0.0, false, kInf, std::nullopt, "ms", "Latency", kExternal,
     RoleScope::Any},
    {"stateful", VT::Flag, 0.0, false, 1.0, 0.0, "", "Stateful", kStations, RoleScope::Any},
}};

// Order matches enum class LinkField.
const std::array<FieldRule, kLinkFieldCount> kLinkFieldRules{{
    {"calls", VT::Number, 0.0, false, kInf, 1.0, "per request", "Calls", kAllKinds,
     RoleScope::Any},
    {"pool_size", VT::Count, 1.0, false, kMaxCount, std::nullopt, "", "Pool size", kAllKinds,
     RoleScope::Any},
    {"pool_overhead_ms", VT::Number, 0.0, false, kInf, 0.0, "ms", "Pool overhead", kAllKinds,
     RoleScope::Any},
    {"connect_ms", VT::Number, 0.0, false, kInf, 0.0, "ms", "Connect time", kAllKinds,
     RoleScope::Any},
    {"timeout_ms", VT::Number, 0.0, true, kInf, std::nullopt, "ms", "Timeout", kAllKinds, RoleScope::Any},
    {"retries", VT::Count, 0.0, false, 10.0, 0.0, "", "Retries", kAllKinds, RoleScope::Any},
}};

constexpr std::array<Field, kFieldCount> kAllFields{
    Field::X,           Field::Y,         Field::CostPerInstanceMonth, Field::RateRps,
    Field::Users,       Field::ThinkMs,   Field::Servers,              Field::Instances,
    Field::HottestShare, Field::ServiceMs, Field::ServiceCv,           Field::Capacity,
    Field::HitRatio,    Field::MaxConnections, Field::WriteFraction,   Field::ApplyMs,
    Field::ReplicationDelayMs, Field::LatencyMs, Field::Stateful,
};

constexpr std::array<LinkField, kLinkFieldCount> kAllLinkFields{
    LinkField::Calls,     LinkField::PoolSize, LinkField::PoolOverheadMs,
    LinkField::ConnectMs, LinkField::TimeoutMs, LinkField::Retries};

} // namespace

std::string formatNumber(double value)
{
    if (!std::isfinite(value))
        return value > 0 ? "infinity" : (value < 0 ? "-infinity" : "not a number");
    char buffer[64];
    if (std::fabs(value) < 1e15 && value == std::floor(value)) {
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
        return buffer;
    }
    std::snprintf(buffer, sizeof buffer, "%.12g", value);
    if (std::strtod(buffer, nullptr) == value)
        return buffer;
    // The shortest text that reads back as exactly this value.
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

std::string FieldRule::describeRange() const
{
    switch (type) {
    case ValueType::Flag:
        return "true or false";
    case ValueType::Count:
        return "an integer from " + formatNumber(min) + " to " + formatNumber(max);
    case ValueType::Number:
        break;
    }
    const bool bounded = max < kInf;
    const bool signedRange = min <= -kInf;
    if (signedRange)
        return "a finite number";
    const std::string lower = minExclusive ? "above " + formatNumber(min) : formatNumber(min) + " or more";
    if (!bounded)
        return "a number " + lower;
    if (minExclusive)
        return "a number above " + formatNumber(min) + " and at most " + formatNumber(max);
    return "a number from " + formatNumber(min) + " to " + formatNumber(max);
}

std::optional<std::string> FieldRule::check(double value) const
{
    const auto bad = [&] { return "must be " + describeRange() + ", got " + formatNumber(value); };
    if (!std::isfinite(value))
        return bad();
    if (type == ValueType::Flag)
        return (value == 0.0 || value == 1.0) ? std::nullopt : std::optional<std::string>(bad());
    if (type == ValueType::Count && value != std::floor(value))
        return bad();
    if (minExclusive ? !(value > min) : !(value >= min))
        return bad();
    if (value > max)
        return bad();
    return std::nullopt;
}

const FieldRule& fieldRule(Field field)
{
    return kFieldRules[static_cast<std::size_t>(field)];
}

const FieldRule& linkFieldRule(LinkField field)
{
    return kLinkFieldRules[static_cast<std::size_t>(field)];
}

std::optional<Field> parseField(std::string_view key)
{
    for (const Field field : kAllFields) {
        if (fieldRule(field).key == key)
            return field;
    }
    return std::nullopt;
}

std::optional<LinkField> parseLinkField(std::string_view key)
{
    for (const LinkField field : kAllLinkFields) {
        if (linkFieldRule(field).key == key)
            return field;
    }
    return std::nullopt;
}

std::span<const Field> allFields()
{
    return kAllFields;
}

std::span<const LinkField> allLinkFields()
{
    return kAllLinkFields;
}

bool linkFieldApplies(LinkField field, LinkKind kind)
{
    if (field == LinkField::TimeoutMs || field == LinkField::Retries)
        return kind == LinkKind::Sync;
    return true;
}

bool fieldApplies(Field field, ComponentKind kind, DatabaseRole role)
{
    const FieldRule& rule = fieldRule(field);
    if ((rule.kinds & kindBit(kind)) == 0)
        return false;
    if (kind != ComponentKind::Database || rule.role == RoleScope::Any)
        return true;
    return (rule.role == RoleScope::Primary) == (role == DatabaseRole::Primary);
}

} // namespace headroom::engine
