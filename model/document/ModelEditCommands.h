// SPDX-License-Identifier: MIT
#pragma once

#include "engine/ModelEdit.h"

#include <QtCore/QString>

#include <optional>
#include <span>

namespace headroom::model {

class Document;

/// Pushes `edits` (an advisor's recommendation, engine/ModelEdit.h) onto the document's
/// undo stack as one step named `text`. Each edit becomes the command the same edit made
/// by hand would push (add, remove, set a field, link, retarget), so undo gives back the
/// identical model and the diagram follows item by item. The model comes out as
/// engine::applyEdits makes it, except where an added component would sit on another
/// card: it moves to the nearest clear spot (nearestFreeSpot). Returns why the edits do
/// not fit the model as it is now (it changed since the advice), pushing nothing.
std::optional<QString> pushModelEdits(Document& document, std::span<const engine::ModelEdit> edits,
                                      const QString& text);

} // namespace headroom::model
