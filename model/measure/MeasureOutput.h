// SPDX-License-Identifier: MIT
#pragma once

#include "engine/calibration/Measurement.h"

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

} // namespace headroom::model::measure
