// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "document/LiveResult.h"

#include <QtWidgets/QGraphicsScene>
#include <QtCore/QHash>
#include <QtCore/QPointer>

#include <optional>

class QGraphicsLineItem;

namespace headroom::model {
class Document;
class LiveSolver;
} // namespace headroom::model

namespace headroom::ui {

class ComponentItem;
class LinkItem;

/// The diagram of a document: one item per component and link, kept in step with the
/// document through its fine-grained signals, with id -> item maps for O(1) lookup.
/// User gestures become undo commands: a drop from the palette adds a component, a
/// drag from a card's handle to another card adds a link, a move is one command on
/// release, arrow keys nudge.
class DiagramScene : public QGraphicsScene {
    Q_OBJECT

public:
    static constexpr qreal kGridSize = 10.0;

    explicit DiagramScene(model::Document* document, const model::LiveSolver* solver = nullptr,
                          QObject* parent = nullptr);
    ~DiagramScene() override;

    [[nodiscard]] model::Document* document() const { return m_document; }
    [[nodiscard]] ComponentItem* itemFor(model::ComponentId id) const { return m_components.value(id); }
    [[nodiscard]] LinkItem* itemFor(model::LinkId id) const { return m_links.value(id); }
    [[nodiscard]] qsizetype componentItemCount() const { return m_components.size(); }
    [[nodiscard]] qsizetype linkItemCount() const { return m_links.size(); }

    /// The selection, in model order.
    [[nodiscard]] QList<model::ComponentId> selectedComponents() const;
    [[nodiscard]] QList<model::LinkId> selectedLinks() const;
    void selectOnly(const QList<model::ComponentId>& components, const QList<model::LinkId>& links = {});
    void selectEverything();

    void setSnapToGrid(bool on) { m_snap = on; }
    [[nodiscard]] bool snapToGrid() const { return m_snap; }
    [[nodiscard]] QPointF snap(QPointF position) const;

    /// Shows the figures of `solver` (followSolver): colours and badges from its last result,
    /// or the components at fault marked when the model does not solve. Null: no figures.
    void setSolver(const model::LiveSolver* solver);
    /// What the cards show, from the solver's last result (null: none).
    [[nodiscard]] const engine::ComponentResult* figures(model::ComponentId id) const;
    [[nodiscard]] const engine::PoolResult* poolFigures(model::LinkId id) const;

    /// Called by a ComponentItem whenever it moves, so its links follow.
    void componentItemMoved(ComponentItem* item);
    /// The bounding box of every card, for fit-to-view.
    [[nodiscard]] QRectF diagramRect() const;

signals:
    /// A gesture could not be turned into an edit (a link to itself...): why.
    void gestureRejected(const QString& reason);

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent* event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent* event) override;
    void dropEvent(QGraphicsSceneDragDropEvent* event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void helpEvent(QGraphicsSceneHelpEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void rebuild();
    void addComponentItem(model::ComponentId id);
    void removeComponentItem(model::ComponentId id);
    void addLinkItem(model::LinkId id);
    void removeLinkItem(model::LinkId id);
    /// Re-resolves a link's ends (by text id) and its offset from a reverse twin.
    void attachLink(LinkItem* item);
    void attachAllLinks();
    /// After each solve: the figures (or the problems) on every item.
    void showSolve();
    ComponentItem* componentAt(QPointF scenePos) const;
    void finishLinkDrag(QPointF scenePos);
    void cancelLinkDrag();

    model::Document* m_document = nullptr;
    QHash<model::ComponentId, ComponentItem*> m_components;
    QHash<model::LinkId, LinkItem*> m_links;
    /// Links per component, for rerouting when a card moves.
    QMultiHash<model::ComponentId, LinkItem*> m_linksByComponent;
    const model::LiveSolver* m_solver = nullptr;
    model::ComponentId m_bottleneck; ///< of the solve shown, to move labels when it changes
    bool m_snap = true;

    // A link being drawn from a handle.
    model::ComponentId m_linkFrom;
    QGraphicsLineItem* m_rubberLink = nullptr;
    ComponentItem* m_linkTarget = nullptr;
    // A move in progress: where the selected cards were when the mouse went down.
    bool m_pressed = false;
};

} // namespace headroom::ui
