// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace headroom::model::schema {

/// One table of the current format and the columns the reader needs.
struct TableSpec {
    std::string_view name;
    std::span<const std::string_view> columns;
};

/// Every table of the current format, in the order they are written (docs/project-format.md).
std::span<const TableSpec> tables();

/// CREATE TABLE statements for the current format (run inside the saving transaction).
std::string createStatements();

/// The tables format 2 added (calibration marks and measurements), for migrating format 1.
std::string_view addedInFormat2();

/// meta.format of every project.
inline constexpr std::string_view kFormatName = "headroom-project";

/// Format 0 (Headroom 0.0.x): one key-value table whose `model` row holds the model as
/// JSON. Read only to migrate it; never written.
inline constexpr std::string_view kVersion0Table = "headroom_project";

} // namespace headroom::model::schema
