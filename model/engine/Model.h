// SPDX-License-Identifier: MIT
#pragma once

#include "Fields.h"
#include "Kinds.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace headroom::engine {

/// Where a field's value came from when it was calibrated from a measurement (spec
/// section 10.1), kept under "calibrated" in model files so that the editor and the
/// report can say so ("service_ms 4.2, calibrated from SHOW STATS of 2026-...").
struct CalibrationMark {
    std::string field;     ///< the field's key: "service_ms", "rate_rps", "pool_overhead_ms"
    double value = 0.0;    ///< the value calibration set (a later hand edit makes it differ)
    std::string source;    ///< "pgbouncer-stats", as spec section 10 names sources
    std::string at;        ///< when the measurement was taken (ISO 8601, UTC)
    std::string file;      ///< the file (or "before,after" pair) it was read from
    std::string object;    ///< the measured object: a PgBouncer database, a replica, a series
    std::string figure;    ///< the figure the field was fitted to: "mean_server_ms"
    double measured = 0.0; ///< that figure's measured value

    bool operator==(const CalibrationMark&) const = default;
};

/// One component as written in the model: only the fields the author set are
/// present, so a model read and written again stays as it was.
struct Component {
    std::string id;
    ComponentKind kind = ComponentKind::Station;
    std::optional<DatabaseRole> role; ///< databases only; absent means primary
    std::string label;
    std::string notes;
    std::array<std::optional<double>, kFieldCount> values{};
    std::vector<CalibrationMark> calibrated; ///< fields set from measurements, one mark each

    [[nodiscard]] std::optional<double> get(Field field) const
    {
        return values[static_cast<std::size_t>(field)];
    }
    /// The field's value, or its default (which must exist for this field).
    [[nodiscard]] double valueOr(Field field, double fallback) const
    {
        return get(field).value_or(fallback);
    }
    void set(Field field, std::optional<double> value)
    {
        values[static_cast<std::size_t>(field)] = value;
    }
    [[nodiscard]] bool has(Field field) const { return get(field).has_value(); }
    [[nodiscard]] DatabaseRole effectiveRole() const { return role.value_or(DatabaseRole::Primary); }

    bool operator==(const Component&) const = default;
};

struct Link {
    std::string from;
    std::string to;
    std::optional<LinkKind> kind; ///< absent: async into a queue, sync otherwise
    std::array<std::optional<double>, kLinkFieldCount> values{};
    std::vector<CalibrationMark> calibrated; ///< pool fields set from measurements

    [[nodiscard]] std::optional<double> get(LinkField field) const
    {
        return values[static_cast<std::size_t>(field)];
    }
    void set(LinkField field, std::optional<double> value)
    {
        values[static_cast<std::size_t>(field)] = value;
    }
    [[nodiscard]] double calls() const { return get(LinkField::Calls).value_or(1.0); }

    bool operator==(const Link&) const = default;
};

/// One field of one component changed by a scenario.
struct Override {
    std::string component;
    Field field = Field::Servers;
    double value = 0.0;

    bool operator==(const Override&) const = default;
};

/// One field of one link (named by its ends) changed by a scenario: a pool size, say.
struct LinkOverride {
    std::string from;
    std::string to;
    LinkField field = LinkField::PoolSize;
    double value = 0.0;

    bool operator==(const LinkOverride&) const = default;
};

/// A named what-if: a traffic multiplier and field overrides on top of the model.
struct Scenario {
    std::string name;
    std::optional<double> multiplier;
    std::vector<Override> overrides;
    std::vector<LinkOverride> linkOverrides; ///< "link_overrides" in files (an extension of the contract)

    bool operator==(const Scenario&) const = default;
};

struct Model {
    std::string name;
    std::string description;
    std::vector<Component> components;
    std::vector<Link> links;
    std::vector<Scenario> scenarios;

    /// Index of the component with this id, if any (a linear search: for one lookup).
    [[nodiscard]] std::optional<std::size_t> indexOf(std::string_view id) const;
    /// Every id's index (the first, if ids repeat), for lookups in bulk. The keys view
    /// the model's strings: valid while the components are not changed.
    [[nodiscard]] std::unordered_map<std::string_view, std::size_t> indexById() const;
    [[nodiscard]] const Scenario* findScenario(std::string_view name) const;

    bool operator==(const Model&) const = default;
};

/// The kind a link has once its default is applied.
LinkKind effectiveLinkKind(const Link& link, ComponentKind targetKind);

} // namespace headroom::engine
