// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QString>

namespace headroom::ui::examples {

/// A model bundled in the application's resources (built from resources/examples/*.json).
struct Example {
    QString path;  ///< ":/examples/stage4-load-balancing.json"
    QString title; ///< the model's name, or the file name
};

/// Every bundled example, sorted by file name.
QList<Example> bundled();

/// What the editor opens without an argument: the stage 4 example, else the first
/// bundled one, else nothing (an empty path).
QString startupExample();

} // namespace headroom::ui::examples
