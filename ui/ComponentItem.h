// SPDX-License-Identifier: MIT
#pragma once

#include "ItemTypes.h"
#include "Theme.h"

#include "document/Ids.h"
#include "engine/Result.h"

#include <QtWidgets/QGraphicsItem>
#include <QtCore/QStringList>

#include <optional>

namespace headroom::model {
class Document;
}

namespace headroom::ui {

/// One component on the diagram: a card with the kind's icon, the name, a badge with
/// its load ("62% · 17 ms") and a fill coloured by utilization. It holds the
/// component's id and reads everything else from the document; the figures are the
/// last solve's, handed over by the scene.
class ComponentItem : public QGraphicsItem {
public:
    static constexpr int Type = itemType(ItemType::Component);
    static constexpr qreal kWidth = 144.0;
    static constexpr qreal kHeight = 72.0;
    static constexpr qreal kHandleRadius = 7.0;

    ComponentItem(const model::Document* document, model::ComponentId id);

    [[nodiscard]] int type() const override { return Type; }
    [[nodiscard]] model::ComponentId componentId() const { return m_id; }

    [[nodiscard]] QRectF boundingRect() const override;
    [[nodiscard]] QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    /// The card, centred on the item's origin (the component's x, y).
    [[nodiscard]] static QRectF cardRect();
    /// What the card covers on screen (the card, the stacked copies, the bottleneck
    /// tag), in scene coordinates: link labels keep clear of it.
    [[nodiscard]] QRectF visualSceneRect() const;
    /// Where a link drag starts: the handle on the card's right edge.
    [[nodiscard]] QPointF handleScenePos() const;
    [[nodiscard]] bool handleContains(QPointF scenePos) const;

    /// Re-reads position, name and kind from the document.
    void syncFromDocument();
    /// Shows the scene's figures for this component (none when the model did not solve).
    void showFigures(bool bottleneck);
    /// Errors about this component (the model does not solve until they are fixed).
    void setProblems(const QStringList& problems);
    /// Highlights the card as the end of the link being drawn.
    void setLinkTarget(bool on);

    [[nodiscard]] LoadLevel level() const { return m_level; }
    [[nodiscard]] QString badgeText() const { return m_badge; }
    [[nodiscard]] bool isBottleneck() const { return m_bottleneck; }
    /// The figures shown: the scene's solver's (DiagramScene::figures), or null.
    [[nodiscard]] const engine::ComponentResult* figures() const;
    [[nodiscard]] const QStringList& problems() const { return m_problems; }
    /// The rich-text tooltip, built when asked (not on every solve).
    [[nodiscard]] QString richToolTip() const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    void updateBadge();
    void layoutTitle();

    const model::Document* m_document = nullptr;
    model::ComponentId m_id;
    QStringList m_problems;
    LoadLevel m_level = LoadLevel::Unknown;
    QString m_badge;
    QStringList m_titleLines;
    int m_instances = 1;
    int m_titleSize = 12;
    bool m_bottleneck = false;
    bool m_hovered = false;
    bool m_linkTarget = false;
    bool m_syncing = false;
};

} // namespace headroom::ui
