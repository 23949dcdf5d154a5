// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/Model.h"

#include <QString>

namespace headroom::model {

/// Largest model file read; a 5,000-component model is about 1 MiB.
inline constexpr qint64 kMaxModelFileBytes = 64 * 1024 * 1024;

/// Reads a model from a `.json` file (errors name the file, then the component and field).
engine::Checked<engine::Model> loadModelFile(const QString& path);

} // namespace headroom::model
