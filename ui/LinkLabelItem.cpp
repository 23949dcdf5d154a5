// SPDX-License-Identifier: MIT
#include "LinkLabelItem.h"

#include "LinkItem.h"
#include "Theme.h"

#include <QtGui/QFontMetricsF>
#include <QtWidgets/QGraphicsScene>
#include <QtWidgets/QGraphicsSceneMouseEvent>
#include <QtWidgets/QStyleOptionGraphicsItem>
#include <QtGui/QPainter>

#include <cmath>

namespace headroom::ui {

LinkLabelItem::LinkLabelItem(LinkItem* link) : m_link(link)
{
    setZValue(2.0);
    setAcceptedMouseButtons(Qt::LeftButton);
}

QFont LinkLabelItem::font()
{
    QFont font;
    font.setPixelSize(11);
    font.setBold(true);
    return font;
}

void LinkLabelItem::setLook(const Look& look)
{
    const QFontMetricsF metrics(font());
    const QSizeF size(metrics.horizontalAdvance(look.text) + 10.0, metrics.height() + 3.0);
    if (size != m_size)
        prepareGeometryChange();
    m_size = size;
    m_look = look;
    update();
}

void LinkLabelItem::placeAt(QPointF centre, QPointF anchor)
{
    const QPointF local = anchor - centre;
    const bool away = std::hypot(local.x(), local.y()) > m_size.height();
    if ((away ? local : QPointF()) != m_anchor)
        prepareGeometryChange();
    m_anchor = away ? local : QPointF();
    setPos(centre);
}

QRectF LinkLabelItem::boundingRect() const
{
    const QRectF label(-m_size.width() / 2, -m_size.height() / 2, m_size.width(), m_size.height());
    if (m_anchor.isNull())
        return label;
    return label.united(QRectF(m_anchor, QSizeF(1, 1)).adjusted(-3, -3, 3, 3));
}

void LinkLabelItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    // Unreadably small (a large model zoomed out): the link's line says enough.
    if (m_look.text.isEmpty() || option->levelOfDetailFromTransform(painter->worldTransform()) < kReadableDetail)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    if (!m_anchor.isNull()) {
        painter->setPen(QPen(m_look.border, 1.0, Qt::DotLine));
        painter->drawLine(QPointF(), m_anchor);
        painter->setBrush(m_look.border);
        painter->drawEllipse(m_anchor, 2.0, 2.0);
    }
    const QRectF rect = QRectF(-m_size.width() / 2, -m_size.height() / 2, m_size.width(), m_size.height())
                            .adjusted(0.5, 0.5, -0.5, -0.5);
    painter->setPen(QPen(m_link->isSelected() ? theme::kSelection : m_look.border, m_link->isSelected() ? 2.0 : 1.0));
    painter->setBrush(m_look.fill);
    painter->drawRoundedRect(rect, 4, 4);
    painter->setFont(font());
    painter->setPen(m_look.textColour);
    painter->drawText(rect, Qt::AlignCenter, m_look.text);
}

void LinkLabelItem::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    // The label stands for its link: a click selects the link, Ctrl toggles it.
    if (event->modifiers() & Qt::ControlModifier) {
        m_link->setSelected(!m_link->isSelected());
    } else {
        if (scene())
            scene()->clearSelection();
        m_link->setSelected(true);
    }
    event->accept();
}

} // namespace headroom::ui
