// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/Model.h"

#include <QString>

namespace headroom::model {

/// Largest model file read; a 5,000-component model is about 1 MiB.
inline constexpr qint64 kMaxModelFileBytes = 64 * 1024 * 1024;

/// Reads a model from a `.json` file or a `.headroom` project (told apart by SQLite's header,
/// not by the name). Errors name the file, then the component and field. A project's model
/// is checked against the model's rules as it is read (loadProject, ModelRules::Enforce).
engine::Checked<engine::Model> loadModelFile(const QString& path);

} // namespace headroom::model
