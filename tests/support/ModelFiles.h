// SPDX-License-Identifier: MIT
#pragma once
// Model files written for a test to open, as a user would.

#include "engine/Model.h"
#include "io/ModelJson.h"

#include <QtCore/QFile>
#include <QtCore/QString>

namespace headroom::testing {

/// Writes `model` in the JSON model format at `path`: the path, or empty when it cannot
/// be written.
inline QString writeModelFile(const QString& path, const engine::Model& model)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(model::writeModelJson(model)) < 0)
        return {};
    return path;
}

} // namespace headroom::testing
