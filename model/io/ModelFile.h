// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/Model.h"
#include "project/Project.h"
#include "project/ProjectFile.h"

#include <QString>

namespace headroom::model {

/// Largest model file read; a 5,000-component model is about 1 MiB.
inline constexpr qint64 kMaxModelFileBytes = 64 * 1024 * 1024;

/// Reads a model from a `.json` file or a `.headroom` project (told apart by SQLite's header,
/// not by the name). Errors name the file, then the component and field. A project's model
/// is checked against the model's rules as it is read (loadProject, ModelRules::Enforce).
engine::Checked<engine::Model> loadModelFile(const QString& path);

/// Reads a `.headroom` project, or a `.json` model as a project with the default settings.
/// `rules` applies to a project; a JSON model's ranges are never checked on reading (the
/// editor shows them, the command line validates).
engine::Checked<Project> loadModelOrProject(const QString& path, ModelRules rules);

} // namespace headroom::model
