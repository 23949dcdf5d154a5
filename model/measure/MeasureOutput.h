// SPDX-License-Identifier: MIT
#pragma once

#include "engine/calibration/Calibration.h"
#include "engine/calibration/Measurement.h"

#include <optional>
#include <string>

namespace headroom::model::measure {

/// `headroom-cli measure --json`: {"format": "headroom-measurements", "version": 1,
/// "source", "input_format", ...} with the objects under "databases", "pools", "replicas",
/// "series" or "labels", or a whole run's figures at the top level (spec section 10).
std::string measurementJson(const engine::Measurement& measurement);

/// The same figures as aligned tables for people.
std::string measurementText(const engine::Measurement& measurement);

/// A figure's value as people read it: "4.21", "null" as "-", flags as yes/no.
std::string figureText(const engine::FigureValue& value);

/// A relative residual as a signed percentage ("+1.0%", "-" when there is none).
std::string residualText(std::optional<double> residual);

/// A measured or modelled figure in a residual table: "∞" when infinite, "-" when absent.
std::string modelledText(std::optional<double> value, bool infinite = false);

/// What a residual row says beside its figures: "FLAG: <reason>", "fitted: <what it set>".
std::string residualNote(const engine::ResidualRow& row);

} // namespace headroom::model::measure
