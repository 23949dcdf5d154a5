// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/calibration/CalibrationFigures.h"
#include "engine/calibration/Measurement.h"

#include <optional>

namespace headroom::engine {

/// Whether calibration can fit anything from the object: one of its figures is a rate,
/// a time, busy seconds, a pool wait or a replay lag (FigureRole).
bool isFittable(MeasureSource source, const MeasuredObject& object);

/// The likely target of a measured object, for the editor to propose (spec 10.1): a
/// PgBouncer database onto the pooled link into the database component of that id or
/// label (or the model's only pooled link into a database; never the admin console
/// "pgbouncer"); a replica's application_name
/// onto the replica of that id or label (or the only replica); a whole run (pgbench, k6)
/// or a JMeter label onto the component of that id (or the only clients component for a
/// run or the JTL total). Nothing when the model gives no single answer.
std::optional<CalibrationTarget> guessTarget(const Model& model, MeasureSource source, const MeasuredObject& object);

} // namespace headroom::engine
