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

/// Reads a project (docs/project-format.md). Opening never changes the file: it is read
/// only, an older format is migrated in a private copy in memory, and a file with a journal
/// or a write-ahead log beside it that SQLite would write into it is refused with what to
/// do. A newer format is refused, naming both versions. Every problem is an issue whose
/// subject is `path`: not a regular file, not SQLite, damaged, locked, missing tables or
/// columns, rows that break the format or (with ModelRules::Enforce) the model's rules.
engine::Checked<Project> loadProject(const QString& path, ModelRules rules = ModelRules::Enforce);

/// Writes the whole project: built in a private in-memory database, then written whole or
/// not at all by writeFileAtomically (beside the target, then renamed over it), so that a
/// crash at any moment leaves the old project or the new one, never a mix. A project of a
/// newer format, a read-only file, a file another program holds a lock on (after waiting up
/// to the busy timeout) or a full disk fail with the old file intact. The model's rules are
/// not required (the editor saves work in progress); what could not be read back is refused.
/// @return the metadata written: this version, the time of the save, the creation time kept.
engine::Checked<ProjectMetadata> saveProject(const QString& path, const Project& project);

} // namespace headroom::model
