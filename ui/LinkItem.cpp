// SPDX-License-Identifier: MIT
#include "LinkItem.h"

#include "ComponentItem.h"
#include "DiagramScene.h"
#include "Format.h"
#include "LinkLabelItem.h"
#include "Theme.h"

#include "document/Document.h"

#include <QtWidgets/QGraphicsScene>
#include <QtGui/QPainter>
#include <QtWidgets/QStyleOptionGraphicsItem>

#include <cmath>
#include <limits>

namespace headroom::ui {

namespace {

constexpr qreal kArrowLength = 11.0;
constexpr qreal kArrowHalfWidth = 5.5;
constexpr qreal kBorderGap = 3.0;

/// Fraction of `d` after which a line leaving the centre of a w x h box crosses its border.
qreal exitFraction(QPointF d, qreal halfWidth, qreal halfHeight)
{
    const qreal tx = d.x() != 0.0 ? halfWidth / std::fabs(d.x()) : std::numeric_limits<qreal>::infinity();
    const qreal ty = d.y() != 0.0 ? halfHeight / std::fabs(d.y()) : std::numeric_limits<qreal>::infinity();
    return std::min(tx, ty);
}

} // namespace

LinkItem::LinkItem(const model::Document* document, model::LinkId id) : m_document(document), m_id(id)
{
    setFlags(ItemIsSelectable);
    setZValue(0.0);
}

void LinkItem::setLabelItem(LinkLabelItem* label)
{
    m_label = label;
    updateLabel();
    placeLabel();
}

engine::LinkKind LinkItem::kind() const
{
    const engine::Link& link = m_document->link(m_id);
    const model::ComponentId target = m_document->linkTarget(m_id);
    const engine::ComponentKind targetKind =
        target.isValid() ? m_document->component(target).kind : engine::ComponentKind::Station;
    return engine::effectiveLinkKind(link, targetKind);
}

void LinkItem::setEnds(const ComponentItem* from, const ComponentItem* to, qreal offset)
{
    m_from = from;
    m_to = to;
    m_fromId = from ? from->componentId() : model::ComponentId{};
    m_toId = to ? to->componentId() : model::ComponentId{};
    m_offset = offset;
    reroute();
}

void LinkItem::detach(const ComponentItem* item)
{
    if (m_from == item)
        m_from = nullptr;
    if (m_to == item)
        m_to = nullptr;
    reroute();
}

void LinkItem::syncFromDocument()
{
    updateLabel();
    reroute();
    update();
}

const engine::PoolResult* LinkItem::pool() const
{
    const auto* diagram = qobject_cast<const DiagramScene*>(scene());
    return diagram ? diagram->poolFigures(m_id) : nullptr;
}

void LinkItem::showPoolFigures()
{
    const bool had = m_showsPool;
    m_showsPool = pool() != nullptr;
    if (had || m_showsPool) {
        // A new figure in a label of the same size keeps its place: finding a clear
        // spot is the costly part, and a label that jumps while typing is distracting.
        const QSizeF size = m_label ? m_label->size() : QSizeF();
        updateLabel();
        if (!m_label || m_label->size() != size)
            placeLabel();
    }
}

QString LinkItem::labelText() const
{
    return m_label ? m_label->text() : QString();
}

void LinkItem::updateLabel()
{
    if (!m_label || !m_document->contains(m_id))
        return;
    const engine::Link& link = m_document->link(m_id);
    LinkLabelItem::Look look{QString(), theme::kLink, Qt::white, theme::kText};
    if (kind() == engine::LinkKind::Replication) {
        look.text = QObject::tr("replication");
        look.border = theme::kReplication;
        look.textColour = theme::kReplication;
    } else {
        look.text = QStringLiteral("\u00d7") + QString::number(link.calls(), 'g', 4);
        if (const auto pool = link.get(engine::LinkField::PoolSize)) {
            look.text += QObject::tr(" \u00b7 pool %1").arg(QString::number(*pool, 'g', 10));
            if (const engine::PoolResult* shown = this->pool()) {
                const LoadLevel level =
                    shown->utilization ? loadLevel(*shown->utilization, shown->saturated) : LoadLevel::Saturated;
                look.text += QStringLiteral(" (%1)").arg(shown->utilization ? format::percent(*shown->utilization)
                                                                            : QObject::tr("saturated"));
                look.border = levelColours(level).border;
                look.fill = level == LoadLevel::Saturated ? levelColours(level).badge : levelColours(level).fill;
            }
        }
    }
    m_label->setLook(look);
}

void LinkItem::reroute()
{
    prepareGeometryChange();
    m_visible = false;
    if (!m_from || !m_to || m_from == m_to) {
        placeLabel();
        return;
    }
    QPointF a = m_from->pos();
    QPointF b = m_to->pos();
    const QPointF d = b - a;
    const qreal length = std::hypot(d.x(), d.y());
    if (length >= 1.0) {
        const QPointF normal(-d.y() / length, d.x() / length);
        a += normal * m_offset;
        b += normal * m_offset;
        const QRectF card = ComponentItem::cardRect();
        const qreal t = exitFraction(d, card.width() / 2 + kBorderGap, card.height() / 2 + kBorderGap);
        if (2 * t < 1.0) { // otherwise the cards overlap: nothing to draw between them
            m_line = QLineF(a + d * t, b - d * t);
            m_visible = true;
            const QPointF unit = d / length;
            const QPointF side(-unit.y(), unit.x());
            const QPointF tip = m_line.p2();
            const QPointF base = tip - unit * kArrowLength;
            m_arrow = QPolygonF({tip, base + side * kArrowHalfWidth, base - side * kArrowHalfWidth});
        }
    }
    placeLabel();
}

void LinkItem::placeLabel()
{
    if (!m_label)
        return;
    m_label->setVisible(m_visible);
    if (!m_visible)
        return;
    // The middle of the line if the label fits there clear of every card; else the
    // nearest clear spot along the line or beside it; else the middle, above the cards.
    const QSizeF size = m_label->size();
    const QPointF unit = (m_line.p2() - m_line.p1()) / std::max<qreal>(m_line.length(), 1.0);
    const QPointF side(-unit.y(), unit.x());
    const qreal besides = size.height() / 2 + 3.0;
    const QPointF middle = m_line.pointAt(0.5) - unit * std::min<qreal>(kArrowLength / 2, (m_line.length() - size.width()) / 2);
    QList<QPointF> candidates{middle};
    for (const qreal t : {0.4, 0.6, 0.3, 0.7})
        candidates.append(m_line.pointAt(t));
    for (const qreal t : {0.5, 0.35, 0.65}) {
        candidates.append(m_line.pointAt(t) + side * besides);
        candidates.append(m_line.pointAt(t) - side * besides);
    }
    // No room by the line: further out, with a leader back to it.
    for (qreal away = besides + 12.0; away <= 96.0; away += 12.0) {
        candidates.append(middle + side * away);
        candidates.append(middle - side * away);
    }
    const auto clear = [&](QPointF centre) {
        const QRectF rect(centre.x() - size.width() / 2, centre.y() - size.height() / 2, size.width(), size.height());
        if (!scene())
            return true;
        for (const QGraphicsItem* item : scene()->items(rect, Qt::IntersectsItemBoundingRect)) {
            const auto* card = qgraphicsitem_cast<const ComponentItem*>(item);
            if (card && card->visualSceneRect().intersects(rect.adjusted(1, 1, -1, -1)))
                return false;
            const auto* other = qgraphicsitem_cast<const LinkLabelItem*>(item);
            if (other && other != m_label && other->isVisible() && other->sceneBoundingRect().intersects(rect))
                return false;
        }
        return true;
    };
    for (const QPointF& centre : std::as_const(candidates)) {
        if (clear(centre)) {
            m_label->placeAt(centre, m_line.pointAt(0.5));
            return;
        }
    }
    m_label->placeAt(middle, middle);
}

QVariant LinkItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemSelectedHasChanged && m_label)
        m_label->update();
    return QGraphicsItem::itemChange(change, value);
}

QRectF LinkItem::boundingRect() const
{
    if (!m_visible)
        return {};
    return QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-8, -8, 8, 8);
}

QPainterPath LinkItem::shape() const
{
    QPainterPath path;
    if (!m_visible)
        return path;
    QPainterPath line(m_line.p1());
    line.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(10.0);
    return stroker.createStroke(line);
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    if (!m_visible || !m_document->contains(m_id))
        return;
    const engine::LinkKind k = kind();
    const bool selected = option->state & QStyle::State_Selected;
    QColor colour = k == engine::LinkKind::Replication ? theme::kReplication : theme::kLink;
    if (selected)
        colour = theme::kSelection;
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(colour, selected ? 2.8 : 1.8);
    if (k == engine::LinkKind::Async)
        pen.setDashPattern({5.0, 3.5});
    else if (k == engine::LinkKind::Replication)
        pen.setDashPattern({1.2, 2.6});
    pen.setCapStyle(k == engine::LinkKind::Replication ? Qt::RoundCap : Qt::FlatCap);
    painter->setPen(pen);
    const QPointF unit = (m_line.p2() - m_line.p1()) / m_line.length();
    painter->drawLine(m_line.p1(), m_line.p2() - unit * (kArrowLength - 1.0));
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(m_arrow);
}

QString LinkItem::richToolTip() const
{
    if (!m_document->contains(m_id))
        return {};
    const engine::Link& link = m_document->link(m_id);
    const engine::LinkKind k = kind();
    QString html = QStringLiteral("<b>%1 &rarr; %2</b> &nbsp;%3")
                       .arg(format::shortText(link.from).toHtmlEscaped(), format::shortText(link.to).toHtmlEscaped(),
                            theme::coloured(theme::kMutedText, format::text(engine::linkKindName(k))));
    if (k == engine::LinkKind::Replication)
        return html + QObject::tr("<br>Carries the primary's write stream to the replica.");
    html += QObject::tr("<br>%1 calls to %2 for each request %3 serves")
                .arg(QString::number(link.calls(), 'g', 6), format::shortText(link.to).toHtmlEscaped(),
                     format::shortText(link.from).toHtmlEscaped());
    if (k == engine::LinkKind::Async)
        html += QObject::tr("<br>Asynchronous: the caller does not wait.");
    if (const engine::PoolResult* shown = pool()) {
        html += QObject::tr("<br><b>Pool of %1</b> per instance of %2: %3 per instance, hold %4, utilization %5, "
                            "P(wait) %6, mean wait %7; %8 connections in all")
                    .arg(shown->poolSize)
                    .arg(format::shortText(link.from).toHtmlEscaped(), format::rps(shown->perInstanceRps),
                         format::ms(shown->holdMs),
                         shown->utilization ? format::percent(*shown->utilization) : QStringLiteral("\u221e"),
                         format::percent(shown->waitProbability), format::ms(shown->meanWaitMs))
                    .arg(shown->connectionsTotal);
        html += QStringLiteral("<br>") +
                theme::coloured(theme::kMutedText,
                                QObject::tr("M/M/P with service time H: utilization = &lambda;<sub>p</sub>H / (1000P), "
                                            "W = C(P, &lambda;<sub>p</sub>H/1000) / "
                                            "(P/H &minus; &lambda;<sub>p</sub>/1000)"));
    }
    return html;
}

} // namespace headroom::ui
