// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "project/Project.h"

#include <QString>

#include <cstdint>

namespace headroom::model {

/// Largest project file opened. A 5,000-component project is about 1 MiB.
inline constexpr qint64 kMaxProjectFileBytes = 256 * 1024 * 1024;

/// Whether loading a project also checks the model's rules (engine::validateModel).
enum class ModelRules : std::uint8_t {
    Enforce, ///< a project whose model breaks a rule is an error (the command line, analyses)
    Report,  ///< read it anyway: the editor reopens work in progress and shows the problems
};

/// Whether the file starts with SQLite's header ("SQLite format 3\0"), whatever its name.
bool isProjectFile(const QString& path);

/// Reads a project (docs/project-format.md). An older format is migrated in memory, inside
/// a transaction: opening never changes the file, except that SQLite rolls back a save that
/// a crash interrupted. A newer format is refused, naming both versions. Every problem is
/// an issue whose subject is `path`: not SQLite, damaged, locked, missing tables or
/// columns, rows that break the format or (with ModelRules::Enforce) the model's rules.
engine::Checked<Project> loadProject(const QString& path, ModelRules rules = ModelRules::Enforce);

/// Writes the whole project in one transaction, so that a crash at any moment leaves the
/// old project or the new one, never a mix. An existing project (this format or older) is
/// rewritten in place; a new file, or one that is not a project, is written beside the
/// target and renamed over it. A project of a newer format, a read-only file, a lock held
/// elsewhere or a full disk fail with the old file intact. The model's rules are not
/// required (the editor saves work in progress); what could not be read back is refused.
/// @return the metadata written: this version, the time of the save, the creation time kept.
engine::Checked<ProjectMetadata> saveProject(const QString& path, const Project& project);

} // namespace headroom::model
