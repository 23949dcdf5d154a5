// SPDX-License-Identifier: MIT
#pragma once

#include "Kinds.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace headroom::engine {

/// Every numeric or boolean field a component can carry. One table (fieldInfo)
/// says how each is spelled, checked and defaulted, so that the file reader,
/// the validator, scenario overrides and the inspector all agree.
enum class Field : std::uint8_t {
    X,
    Y,
    CostPerInstanceMonth,
    RateRps,
    Users,
    ThinkMs,
    Servers,
    Instances,
    HottestShare,
    ServiceMs,
    ServiceCv,
    Capacity,
    HitRatio,
    MaxConnections,
    WriteFraction,
    ApplyMs,
    ReplicationDelayMs,
    LatencyMs,
    Stateful,
};
inline constexpr std::size_t kFieldCount = 19;

/// The numeric fields of a link. TimeoutMs and Retries (spec 11.1) apply to sync links only.
enum class LinkField : std::uint8_t { Calls, PoolSize, PoolOverheadMs, ConnectMs, TimeoutMs, Retries };
inline constexpr std::size_t kLinkFieldCount = 6;

/// Whether a link field means something on a link of this kind (timeouts and retries: sync only).
bool linkFieldApplies(LinkField field, LinkKind kind);

enum class ValueType : std::uint8_t {
    Number, ///< any finite number within the range
    Count,  ///< an integer within the range
    Flag,   ///< true or false
};

/// Which database role a field belongs to (fields of other kinds ignore it).
enum class RoleScope : std::uint8_t { Any, Primary, Replica };

/// Kinds as a bit set, for "which kinds does this field apply to".
using KindMask = std::uint16_t;
constexpr KindMask kindBit(ComponentKind kind)
{
    return static_cast<KindMask>(1u << static_cast<unsigned>(kind));
}

/// The rule for one field: spelling, type, range, default and where it applies.
struct FieldRule {
    std::string_view key;   ///< spelling in model files
    ValueType type = ValueType::Number;
    double min = 0.0;
    bool minExclusive = false; ///< value must be strictly above min
    double max = 0.0;          ///< inclusive upper bound
    std::optional<double> defaultValue;
    std::string_view unit;  ///< "ms", "rps", "" ...
    std::string_view label; ///< short human name for the inspector
    KindMask kinds = 0;
    RoleScope role = RoleScope::Any;

    /// Null when the value is acceptable, otherwise what is wrong with it
    /// ("must be an integer from 1 to 10000000, got 2.5").
    [[nodiscard]] std::optional<std::string> check(double value) const;
    /// The acceptable values in words ("a number above 0", "an integer from 1 to 10000000").
    [[nodiscard]] std::string describeRange() const;
};

const FieldRule& fieldRule(Field field);
const FieldRule& linkFieldRule(LinkField field);
std::optional<Field> parseField(std::string_view key);
std::optional<LinkField> parseLinkField(std::string_view key);
std::span<const Field> allFields();
std::span<const LinkField> allLinkFields();

/// Whether a field means something for this kind (and database role).
bool fieldApplies(Field field, ComponentKind kind, DatabaseRole role);

/// Formats a number the way messages show it: integers without a fraction, others with up
/// to 12 significant digits, or more when 12 would round it to another number: a value
/// is never shown as one it is not (9999999.999999998, not 10000000).
std::string formatNumber(double value);

inline constexpr double kMaxCount = 10'000'000.0;

} // namespace headroom::engine
