// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/sim/LoadProfile.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace headroom::model {

/// A load profile (spec 9.1) from JSON text: {"points": [[time_s, multiplier], ...]}.
/// Issues are about `subject` or its field "points" / "points[i]", and say what is wrong.
engine::Checked<engine::sim::LoadProfile> readProfileJson(const QByteArray& json, const engine::Subject& subject);

/// A load profile from a file of its own (`--profile FILE`).
engine::Checked<engine::sim::LoadProfile> readProfileFile(const QString& path);

/// The "profile" a JSON model file carries beside its components, if it has one; a
/// project (SQLite) carries none.
std::optional<engine::Checked<engine::sim::LoadProfile>> readModelProfile(const QString& path);

} // namespace headroom::model
