// SPDX-License-Identifier: MIT
#pragma once

#include "ItemTypes.h"

#include <QtGui/QColor>
#include <QtWidgets/QGraphicsItem>
#include <QtCore/QString>

namespace headroom::ui {

class LinkItem;

/// The label of a link ("×2 · pool 20 (13%)"), a separate item so that it stays
/// readable above the cards where a short link leaves it no room between them.
/// The scene owns it; clicking it selects its link.
class LinkLabelItem : public QGraphicsItem {
public:
    static constexpr int Type = itemType(ItemType::LinkLabel);

    explicit LinkLabelItem(LinkItem* link);

    [[nodiscard]] int type() const override { return Type; }
    [[nodiscard]] LinkItem* link() const { return m_link; }

    struct Look {
        QString text;
        QColor border;
        QColor fill;
        QColor textColour;
    };
    void setLook(const Look& look);
    /// Centres the label on a scene point; when that is away from the line, a thin
    /// leader joins it to `anchor` (a point on the line).
    void placeAt(QPointF centre, QPointF anchor);
    [[nodiscard]] QSizeF size() const { return m_size; }
    [[nodiscard]] QString text() const { return m_look.text; }

    [[nodiscard]] QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    static QFont font();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    LinkItem* m_link = nullptr;
    Look m_look;
    QSizeF m_size;
    QPointF m_anchor; ///< item coordinates; (0, 0) when on the line
};

} // namespace headroom::ui
