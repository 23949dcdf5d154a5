// SPDX-License-Identifier: MIT
#include "project/ProjectSchema.h"

#include <array>
#include <string>

namespace headroom::model::schema {

namespace {

// Keep in step with createStatements() and docs/project-format.md.
constexpr std::array<std::string_view, 2> kMeta{"key", "value"};
constexpr std::array<std::string_view, 3> kModel{"singleton", "name", "description"};
constexpr std::array<std::string_view, 6> kComponents{"ordinal", "id", "kind", "role", "label", "notes"};
constexpr std::array<std::string_view, 3> kComponentFields{"component", "key", "value"};
constexpr std::array<std::string_view, 4> kLinks{"ordinal", "from_id", "to_id", "kind"};
constexpr std::array<std::string_view, 3> kLinkFields{"link", "key", "value"};
constexpr std::array<std::string_view, 3> kScenarios{"ordinal", "name", "multiplier"};
constexpr std::array<std::string_view, 5> kOverrides{"scenario", "ordinal", "component", "key", "value"};
constexpr std::array<std::string_view, 6> kLinkOverrides{"scenario", "ordinal", "from_id", "to_id", "key", "value"};
constexpr std::array<std::string_view, 6> kSettings{"singleton",  "planning_multiplier", "target_utilization",
                                                    "target_wait", "currency",            "active_scenario"};
constexpr std::array<std::string_view, 2> kViewState{"key", "value"};
constexpr std::array<std::string_view, 11> kMarks{"owner", "owner_ordinal", "ordinal", "field", "value", "source",
                                                  "at",    "file",          "object",  "figure", "measured"};
constexpr std::array<std::string_view, 6> kMeasurements{"ordinal",     "source",     "input_format",
                                                        "file",        "captured_at", "interval_s"};
constexpr std::array<std::string_view, 3> kMeasuredObjects{"measurement", "ordinal", "name"};
constexpr std::array<std::string_view, 6> kMeasuredFigures{"measurement", "object", "ordinal", "key", "kind", "value"};

constexpr std::array<TableSpec, 15> kTables{{
    {"meta", kMeta},
    {"model", kModel},
    {"components", kComponents},
    {"component_fields", kComponentFields},
    {"links", kLinks},
    {"link_fields", kLinkFields},
    {"scenarios", kScenarios},
    {"scenario_overrides", kOverrides},
    {"scenario_link_overrides", kLinkOverrides},
    {"settings", kSettings},
    {"view_state", kViewState},
    {"calibration_marks", kMarks},
    {"measurements", kMeasurements},
    {"measured_objects", kMeasuredObjects},
    {"measured_figures", kMeasuredFigures},
}};

constexpr std::string_view kCreate = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE model (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    name        TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE TABLE components (
    ordinal INTEGER PRIMARY KEY,
    id      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    role    TEXT,
    label   TEXT NOT NULL,
    notes   TEXT NOT NULL
);
CREATE TABLE component_fields (
    component INTEGER NOT NULL REFERENCES components (ordinal),
    key       TEXT NOT NULL,
    value     REAL NOT NULL,
    PRIMARY KEY (component, key)
) WITHOUT ROWID;
CREATE TABLE links (
    ordinal INTEGER PRIMARY KEY,
    from_id TEXT NOT NULL,
    to_id   TEXT NOT NULL,
    kind    TEXT
);
CREATE TABLE link_fields (
    link  INTEGER NOT NULL REFERENCES links (ordinal),
    key   TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (link, key)
) WITHOUT ROWID;
CREATE TABLE scenarios (
    ordinal    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    multiplier REAL
);
CREATE TABLE scenario_overrides (
    scenario  INTEGER NOT NULL REFERENCES scenarios (ordinal),
    ordinal   INTEGER NOT NULL,
    component TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     REAL NOT NULL,
    PRIMARY KEY (scenario, ordinal)
) WITHOUT ROWID;
CREATE TABLE scenario_link_overrides (
    scenario INTEGER NOT NULL REFERENCES scenarios (ordinal),
    ordinal  INTEGER NOT NULL,
    from_id  TEXT NOT NULL,
    to_id    TEXT NOT NULL,
    key      TEXT NOT NULL,
    value    REAL NOT NULL,
    PRIMARY KEY (scenario, ordinal)
) WITHOUT ROWID;
CREATE TABLE settings (
    singleton           INTEGER PRIMARY KEY CHECK (singleton = 1),
    planning_multiplier REAL NOT NULL,
    target_utilization  REAL NOT NULL,
    target_wait         REAL NOT NULL,
    currency            TEXT NOT NULL,
    active_scenario     TEXT
);
CREATE TABLE view_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Format 2. IF NOT EXISTS: a format-0 migration has already written the current format.
constexpr std::string_view kCreate2 = R"sql(
CREATE TABLE IF NOT EXISTS calibration_marks (
    owner         TEXT NOT NULL CHECK (owner IN ('component', 'link')),
    owner_ordinal INTEGER NOT NULL,
    ordinal       INTEGER NOT NULL,
    field         TEXT NOT NULL,
    value         REAL NOT NULL,
    source        TEXT NOT NULL,
    at            TEXT NOT NULL,
    file          TEXT NOT NULL,
    object        TEXT NOT NULL,
    figure        TEXT NOT NULL,
    measured      REAL NOT NULL,
    PRIMARY KEY (owner, owner_ordinal, ordinal)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS measurements (
    ordinal      INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    input_format TEXT NOT NULL,
    file         TEXT NOT NULL,
    captured_at  TEXT NOT NULL,
    interval_s   REAL
);
CREATE TABLE IF NOT EXISTS measured_objects (
    measurement INTEGER NOT NULL REFERENCES measurements (ordinal),
    ordinal     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (measurement, ordinal)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS measured_figures (
    measurement INTEGER NOT NULL,
    object      INTEGER NOT NULL,
    ordinal     INTEGER NOT NULL,
    key         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('null', 'number', 'flag', 'text')),
    value,
    PRIMARY KEY (measurement, object, ordinal)
) WITHOUT ROWID;
)sql";

} // namespace

std::span<const TableSpec> tables()
{
    return kTables;
}

std::string createStatements()
{
    return std::string(kCreate) + std::string(kCreate2);
}

std::string_view addedInFormat2()
{
    return kCreate2;
}

} // namespace headroom::model::schema
