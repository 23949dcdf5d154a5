// SPDX-License-Identifier: MIT
#include "ComponentItem.h"

#include "DiagramScene.h"
#include "Format.h"
#include "IconLibrary.h"

#include "document/Document.h"

#include <QtGui/QFontMetricsF>
#include <QtWidgets/QGraphicsSceneHoverEvent>
#include <QtGui/QPainter>
#include <QtWidgets/QStyleOptionGraphicsItem>

#include <algorithm>
#include <tuple>

namespace headroom::ui {

namespace {

constexpr qreal kRadius = 9.0;
constexpr qreal kPadding = 9.0;
constexpr qreal kIconSize = 34.0;
constexpr qreal kStackOffset = 4.0;
constexpr qreal kTagHeight = 15.0;
constexpr qreal kSelectionGap = 4.0;

QFont titleFont(int pixelSize = 12)
{
    QFont font;
    font.setPixelSize(pixelSize);
    font.setBold(true);
    return font;
}

QFont badgeFont()
{
    QFont font;
    font.setPixelSize(11);
    font.setBold(true);
    return font;
}

QFont tagFont()
{
    QFont font;
    font.setPixelSize(9);
    font.setBold(true);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
    return font;
}

QRectF titleRect()
{
    const QRectF card = ComponentItem::cardRect();
    return {card.left() + kPadding + kIconSize + 7.0, card.top() + 7.0,
            card.width() - 2 * kPadding - kIconSize - 7.0, 32.0};
}

QRectF badgeArea()
{
    const QRectF card = ComponentItem::cardRect();
    return {card.left() + kPadding, card.bottom() - 7.0 - 21.0, card.width() - 2 * kPadding, 21.0};
}

/// Word-wraps into at most two lines, eliding the second.
QStringList wrapTwoLines(const QString& text, const QFontMetricsF& metrics, qreal width, bool* elided = nullptr)
{
    if (elided)
        *elided = false;
    if (metrics.horizontalAdvance(text) <= width)
        return {text};
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString first;
    qsizetype used = 0;
    for (; used < words.size(); ++used) {
        const QString candidate = first.isEmpty() ? words[used] : first + QLatin1Char(' ') + words[used];
        if (metrics.horizontalAdvance(candidate) > width)
            break;
        first = candidate;
    }
    if (first.isEmpty()) { // one long word: cut it where it overflows
        if (elided)
            *elided = true;
        return {metrics.elidedText(text, Qt::ElideRight, width)};
    }
    const QString rest = words.mid(used).join(QLatin1Char(' '));
    if (rest.isEmpty())
        return {first};
    const QString second = metrics.elidedText(rest, Qt::ElideRight, width);
    if (elided)
        *elided = second != rest;
    return {first, second};
}

} // namespace

ComponentItem::ComponentItem(const model::Document* document, model::ComponentId id) : m_document(document), m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setZValue(1.0);
    syncFromDocument();
    updateBadge();
}

QRectF ComponentItem::cardRect()
{
    return {-kWidth / 2, -kHeight / 2, kWidth, kHeight};
}

QRectF ComponentItem::boundingRect() const
{
    const qreal grow = kSelectionGap + 2.0;
    return cardRect()
        .adjusted(-grow, -grow - kStackOffset * 2 - kTagHeight / 2, grow + kStackOffset * 2 + kHandleRadius, grow);
}

QPainterPath ComponentItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(cardRect(), kRadius, kRadius);
    const QPointF handle(cardRect().right(), 0.0);
    path.addEllipse(handle, kHandleRadius + 2.0, kHandleRadius + 2.0);
    return path;
}

QRectF ComponentItem::visualSceneRect() const
{
    QRectF rect = cardRect();
    if (m_instances > 1)
        rect.adjust(0, -kStackOffset * (m_instances - 1), kStackOffset * (m_instances - 1), 0);
    if (m_bottleneck)
        rect.setTop(cardRect().top() - kTagHeight / 2 - 1.0);
    return mapRectToScene(rect);
}

QPointF ComponentItem::handleScenePos() const
{
    return mapToScene(QPointF(cardRect().right(), 0.0));
}

bool ComponentItem::handleContains(QPointF scenePos) const
{
    const QPointF delta = mapFromScene(scenePos) - QPointF(cardRect().right(), 0.0);
    const qreal reach = kHandleRadius + 2.0;
    return delta.x() * delta.x() + delta.y() * delta.y() <= reach * reach;
}

void ComponentItem::syncFromDocument()
{
    if (!m_document->contains(m_id))
        return;
    const engine::Component& c = m_document->component(m_id);
    m_syncing = true;
    setPos(m_document->position(m_id));
    m_syncing = false;
    m_instances = engine::isStation(c.kind) ? static_cast<int>(std::clamp(c.valueOr(engine::Field::Instances, 1.0), 1.0, 3.0)) : 1;
    prepareGeometryChange();
    layoutTitle();
    update();
}

void ComponentItem::layoutTitle()
{
    // A long name gets a smaller font before it gets cut.
    const QString name = format::displayName(m_document->component(m_id));
    for (const int size : {12, 11, 10}) {
        bool elided = false;
        m_titleSize = size;
        m_titleLines = wrapTwoLines(name, QFontMetricsF(titleFont(size)), titleRect().width(), &elided);
        if (!elided)
            return;
    }
}

const engine::ComponentResult* ComponentItem::figures() const
{
    const auto* diagram = qobject_cast<const DiagramScene*>(scene());
    return diagram && m_problems.isEmpty() ? diagram->figures(m_id) : nullptr;
}

void ComponentItem::showFigures(bool bottleneck)
{
    const auto shown = std::tuple(m_level, m_badge, m_bottleneck);
    m_problems.clear();
    m_bottleneck = bottleneck && figures() != nullptr;
    updateBadge();
    // Only what the card shows decides a repaint; the tooltip is built on demand.
    if (shown != std::tuple(m_level, m_badge, m_bottleneck))
        update();
}

void ComponentItem::setProblems(const QStringList& problems)
{
    const auto shown = std::tuple(m_level, m_badge, m_bottleneck);
    m_problems = problems;
    m_bottleneck = false;
    updateBadge();
    if (shown != std::tuple(m_level, m_badge, m_bottleneck))
        update();
}

void ComponentItem::setLinkTarget(bool on)
{
    if (on == m_linkTarget)
        return;
    m_linkTarget = on;
    update();
}

void ComponentItem::updateBadge()
{
    if (!m_problems.isEmpty()) {
        m_level = LoadLevel::Invalid;
        m_badge = format::counted(m_problems.size(), QObject::tr("error"), QObject::tr("errors"));
        return;
    }
    const engine::ComponentResult* figures = this->figures();
    if (!figures) {
        m_level = LoadLevel::Unknown;
        m_badge = QStringLiteral("\u2014");
        return;
    }
    const engine::ComponentResult& r = *figures;
    m_level = loadLevel(r);
    switch (r.kind) {
    case engine::ComponentKind::Clients:
        // A closed workload is its users (the engine gives its clients no rate).
        if (const auto users = m_document->component(m_id).get(engine::Field::Users))
            m_badge = format::counted(static_cast<qsizetype>(*users), QObject::tr("user"), QObject::tr("users"));
        else
            m_badge = format::rps(r.throughputRps);
        break;
    case engine::ComponentKind::External:
        m_badge = format::ms(r.avgResponseMs);
        break;
    default:
        // An infinite response reads as a word: the card is also printed in reports.
        m_badge = format::percent(r.utilization) + QStringLiteral(" \u00b7 ") +
                  (r.avgResponseMs ? format::ms(r.avgResponseMs) : QObject::tr("saturated"));
        break;
    }
}

QString ComponentItem::richToolTip() const
{
    return format::componentTooltip(m_document->component(m_id), figures(), m_bottleneck, m_problems);
}

void ComponentItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    if (!m_document->contains(m_id))
        return;
    const engine::Component& c = m_document->component(m_id);
    const LevelColours colours = levelColours(m_level);
    const QRectF card = cardRect();
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);

    // Several instances: the cards behind hint at the stack.
    for (int i = m_instances - 1; i >= 1; --i) {
        const QRectF behind = card.translated(kStackOffset * i, -kStackOffset * i);
        painter->setPen(QPen(colours.border.lighter(130), 1.2));
        painter->setBrush(colours.fill.darker(103));
        painter->drawRoundedRect(behind, kRadius, kRadius);
    }

    if (selected || m_linkTarget) {
        painter->setPen(QPen(theme::kSelection, m_linkTarget ? 3.0 : 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(-kSelectionGap, -kSelectionGap, kSelectionGap, kSelectionGap),
                                 kRadius + kSelectionGap, kRadius + kSelectionGap);
    }

    QPen border(colours.border, m_level == LoadLevel::Unknown ? 1.2 : 2.0);
    if (m_level == LoadLevel::Invalid)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(colours.fill);
    painter->drawRoundedRect(card, kRadius, kRadius);

    // Zoomed out this far the text would be a few pixels high: nobody can read it, and
    // shaping it is most of a repaint of a large model. The badge's colour still says
    // the load.
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < kReadableDetail) {
        const QRectF area = badgeArea();
        painter->setPen(Qt::NoPen);
        painter->setBrush(colours.badge);
        painter->drawRoundedRect(area, area.height() / 2, area.height() / 2);
        return;
    }

    // Icon on a white disc, so it reads on every fill.
    const QRectF iconRect(card.left() + kPadding, card.top() + 7.0, kIconSize, kIconSize);
    if (m_level == LoadLevel::Saturated) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(theme::kIconDisc);
        painter->drawRoundedRect(iconRect.adjusted(-2, -2, 2, 2), 7, 7);
    }
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawImage(iconRect, icons::diagramImage(c.kind, c.role));

    // Name, up to two lines.
    painter->setFont(titleFont(m_titleSize));
    painter->setPen(colours.text);
    const QRectF title = titleRect();
    const QFontMetricsF metrics(titleFont(m_titleSize));
    const qreal lineHeight = metrics.height();
    const qreal top = title.center().y() - lineHeight * m_titleLines.size() / 2.0;
    for (qsizetype i = 0; i < m_titleLines.size(); ++i)
        painter->drawText(QRectF(title.left(), top + lineHeight * i, title.width(), lineHeight),
                          Qt::AlignLeft | Qt::AlignVCenter, m_titleLines[i]);

    // Badge: load and response.
    painter->setFont(badgeFont());
    const QFontMetricsF badgeMetrics(badgeFont());
    const QRectF area = badgeArea();
    const qreal badgeWidth = std::min(area.width(), badgeMetrics.horizontalAdvance(m_badge) + 18.0);
    const QRectF badge(area.center().x() - badgeWidth / 2, area.top(), badgeWidth, area.height());
    painter->setPen(Qt::NoPen);
    painter->setBrush(colours.badge);
    painter->drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
    painter->setPen(colours.badgeText);
    painter->drawText(badge, Qt::AlignCenter, badgeMetrics.elidedText(m_badge, Qt::ElideRight, badge.width() - 8));

    // The bottleneck: a tag on the top edge.
    if (m_bottleneck) {
        painter->setFont(tagFont());
        const QString tag = QObject::tr("BOTTLENECK");
        const qreal tagWidth = QFontMetricsF(tagFont()).horizontalAdvance(tag) + 14.0;
        const QRectF tagRect(-tagWidth / 2, card.top() - kTagHeight / 2 - 1.0, tagWidth, kTagHeight);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(theme::kBottleneck);
        painter->drawRoundedRect(tagRect, kTagHeight / 2, kTagHeight / 2);
        painter->setPen(Qt::white);
        painter->drawText(tagRect, Qt::AlignCenter, tag);
    }

    // An error marker in the corner.
    if (m_level == LoadLevel::Invalid) {
        const QRectF mark(card.right() - 20.0, card.top() + 5.0, 15.0, 15.0);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colours.border);
        painter->drawEllipse(mark);
        painter->setPen(Qt::white);
        painter->setFont(badgeFont());
        painter->drawText(mark, Qt::AlignCenter, QStringLiteral("!"));
    }

    // The link handle, shown when the card is hovered or selected.
    if (m_hovered || selected) {
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(theme::kSelection);
        painter->drawEllipse(QPointF(card.right(), 0.0), kHandleRadius - 1.0, kHandleRadius - 1.0);
        painter->setPen(QPen(Qt::white, 1.6));
        const qreal arm = 3.0;
        painter->drawLine(QPointF(card.right() - arm, 0.0), QPointF(card.right() + arm, 0.0));
        painter->drawLine(QPointF(card.right(), -arm), QPointF(card.right(), arm));
    }
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    auto* diagram = qobject_cast<DiagramScene*>(scene());
    if (change == ItemPositionChange && diagram && !m_syncing)
        return diagram->snap(value.toPointF());
    if (change == ItemPositionHasChanged && diagram)
        diagram->componentItemMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

void ComponentItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void ComponentItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace headroom::ui
