// SPDX-License-Identifier: MIT
#pragma once

#include "ItemTypes.h"

#include "document/Ids.h"
#include "engine/Result.h"

#include <QtWidgets/QGraphicsItem>
#include <QtCore/QLineF>
#include <QtGui/QPolygonF>

#include <optional>

namespace headroom::model {
class Document;
}

namespace headroom::ui {

class ComponentItem;
class LinkLabelItem;

/// One link on the diagram: a straight arrow from border to border of the two cards,
/// labelled with the calls per request ("×2"); dashed when asynchronous, dotted and
/// purple for replication; a connection pool shows in the label with its load.
/// The label is its own item (LinkLabelItem) so that it can sit above the cards.
class LinkItem : public QGraphicsItem {
public:
    static constexpr int Type = itemType(ItemType::Link);

    LinkItem(const model::Document* document, model::LinkId id);

    [[nodiscard]] int type() const override { return Type; }
    [[nodiscard]] model::LinkId linkId() const { return m_id; }

    [[nodiscard]] QRectF boundingRect() const override;
    [[nodiscard]] QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    /// The label item, owned by the scene like this one.
    void setLabelItem(LinkLabelItem* label);
    [[nodiscard]] LinkLabelItem* labelItem() const { return m_label; }

    /// The cards it joins (null when an end names no component) and a sideways shift
    /// that keeps a link and its reverse apart.
    void setEnds(const ComponentItem* from, const ComponentItem* to, qreal offset);
    [[nodiscard]] const ComponentItem* from() const { return m_from; }
    [[nodiscard]] const ComponentItem* to() const { return m_to; }
    /// The ids of the cards it was last attached to.
    [[nodiscard]] model::ComponentId fromId() const { return m_fromId; }
    [[nodiscard]] model::ComponentId toId() const { return m_toId; }
    /// Lets go of a card that is about to be deleted.
    void detach(const ComponentItem* item);
    /// Follows the cards after they move.
    void reroute();
    /// Re-reads kind, calls and pool from the document.
    void syncFromDocument();
    /// Puts the label where it is clear of cards and other labels.
    void placeLabel();
    /// Shows the scene's figures for the link's pool (DiagramScene::poolFigures), if any.
    void showPoolFigures();
    /// The pool's figures shown, or null.
    [[nodiscard]] const engine::PoolResult* pool() const;

    [[nodiscard]] QLineF line() const { return m_line; }
    [[nodiscard]] QString labelText() const;
    [[nodiscard]] QString richToolTip() const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void updateLabel();
    [[nodiscard]] engine::LinkKind kind() const;

    const model::Document* m_document = nullptr;
    model::LinkId m_id;
    LinkLabelItem* m_label = nullptr;
    const ComponentItem* m_from = nullptr;
    const ComponentItem* m_to = nullptr;
    model::ComponentId m_fromId;
    model::ComponentId m_toId;
    qreal m_offset = 0.0;
    QLineF m_line;
    QPolygonF m_arrow;
    bool m_showsPool = false; ///< the label shows a pool's figures
    bool m_visible = false;
};

} // namespace headroom::ui
