// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Kinds.h"

#include <QtGui/QIcon>
#include <QtGui/QImage>
#include <QtCore/QString>

#include <optional>

namespace headroom::ui::icons {

/// The resource path of a kind's SVG (":/icons/app_server.svg"); replicas have their own.
QString iconPath(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role = {});

/// The kind's icon as a QIcon, rendered from its SVG at the usual sizes.
QIcon icon(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role = {});

/// The kind's icon rendered once at a size large enough for any zoom the diagram
/// allows; the diagram draws it scaled (rendering SVG per paint is too slow for
/// a 200-component canvas).
const QImage& diagramImage(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role = {});

/// The application's icon.
QIcon appIcon();

} // namespace headroom::ui::icons
