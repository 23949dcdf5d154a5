// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/Result.h"
#include "engine/calibration/CalibrationFigures.h"

#include <optional>
#include <string>

namespace headroom::engine {

/// "calibrated from SHOW STATS 'bench' of 2026-12-07T21:26:24Z": where a field came from,
/// as the inspector and the report say it.
std::string markSource(const CalibrationMark& mark);

/// The model's figure now for what a mark was fitted to (its `figure` of its `object`),
/// from a solve of `model`: the figure of the mark's owner, or, for a component, of a
/// pooled link into it (a PgBouncer database is measured on its pool). Nothing when the
/// model has no such figure.
std::optional<double> markedFigure(const Model& model, const SolveResult& result, const CalibrationTarget& owner,
                                   const CalibrationMark& mark);

} // namespace headroom::engine
