// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QGraphicsItem>

namespace headroom::ui {

/// QGraphicsItem::type() of every item class of the diagram, so that
/// qgraphicsitem_cast works. All of them here, so that none collide.
enum class ItemType : int {
    Component = QGraphicsItem::UserType + 1,
    Link = QGraphicsItem::UserType + 2,
    LinkLabel = QGraphicsItem::UserType + 3,
};

constexpr int itemType(ItemType type)
{
    return static_cast<int>(type);
}

} // namespace headroom::ui
