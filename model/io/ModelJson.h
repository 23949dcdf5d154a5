// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/Model.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace headroom::model {

/// Reads the JSON interchange format (spec section 1). Checks syntax and the
/// type of every known key; unknown keys are ignored. Ranges and cross-field
/// rules are checked by engine::validateModel, so that every way a model is
/// built (file, project, editor) meets the same rules.
/// @param source a name for messages about the document as a whole (a file name).
engine::Checked<engine::Model> readModelJson(const QByteArray& json, const QString& source = QStringLiteral("model"));

/// Writes a model in the interchange format, keys in the contract's order;
/// only fields the model sets are written, so reading it back gives the same model.
QByteArray writeModelJson(const engine::Model& model);

class JsonWriter;
/// Writes the component fields that are set, as the model format spells them (flags as
/// booleans), in the field table's order.
void writeComponentFields(JsonWriter& w, const std::array<std::optional<double>, engine::kFieldCount>& values);
/// Writes "calibrated": {field: {value, source, at, file, object, figure, measured}} when
/// some field was calibrated from a measurement.
void writeCalibrationMarks(JsonWriter& w, const std::vector<engine::CalibrationMark>& marks);
/// Writes a link as the model format spells it: an object with its ends, kind and the fields it sets.
void writeLinkJson(JsonWriter& w, const engine::Link& link);

} // namespace headroom::model
