// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"

#include <QtCore/QSize>
#include <QtGui/QPixmap>

namespace headroom::ui {

/// The model's diagram as the editor draws it (cards coloured by today's load, links,
/// labels), scaled to fit `size`: the template gallery's previews. It builds a
/// throwaway document, solver and scene, so the picture is exactly the editor's.
QPixmap renderDiagramPreview(const engine::Model& model, QSize size, qreal devicePixelRatio = 1.0);

} // namespace headroom::ui
