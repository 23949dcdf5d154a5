// SPDX-License-Identifier: MIT
#include "DiagramView.h"

#include "DiagramScene.h"
#include "Theme.h"

#include "document/Document.h"

#include <QtGui/QDropEvent>
#include <QtGui/QKeyEvent>
#include <QtGui/QMouseEvent>
#include <QtGui/QPainter>
#include <QtWidgets/QScrollBar>
#include <QtGui/QWheelEvent>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

DiagramView::DiagramView(DiagramScene* scene, QWidget* parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
}

qreal DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::setZoom(qreal zoom)
{
    const qreal clamped = std::clamp(zoom, kMinZoom, kMaxZoom);
    const QPointF centre = mapToScene(viewport()->rect().center());
    setTransform(QTransform::fromScale(clamped, clamped));
    centerOn(centre);
    emit zoomChanged(clamped);
}

void DiagramView::zoomIn()
{
    zoomBy(kZoomStep, viewport()->rect().center());
}

void DiagramView::zoomOut()
{
    zoomBy(1.0 / kZoomStep, viewport()->rect().center());
}

void DiagramView::zoomBy(qreal factor, QPointF anchor)
{
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (std::fabs(target - zoom()) < 1e-9)
        return;
    // Keep the scene point under the anchor where it is.
    const QPointF before = mapToScene(anchor.toPoint());
    setTransform(QTransform::fromScale(target, target));
    const QPointF after = mapToScene(anchor.toPoint());
    const QPointF shift = (after - before) * target;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - static_cast<int>(std::round(shift.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() - static_cast<int>(std::round(shift.y())));
    emit zoomChanged(target);
}

void DiagramView::fitDiagram()
{
    const QRectF diagram = m_scene->diagramRect();
    if (diagram.isEmpty()) {
        setZoom(1.0);
        centerOn(0, 0);
        return;
    }
    const QRectF target = diagram.adjusted(-40, -40, 40, 40);
    const qreal zoomX = viewport()->width() / target.width();
    const qreal zoomY = viewport()->height() / target.height();
    const qreal fit = std::clamp(std::min({zoomX, zoomY, 1.0}), kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(fit, fit));
    centerOn(target.center());
    emit zoomChanged(fit);
}

void DiagramView::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(kZoomStep, delta / 120.0), event->position());
    event->accept();
}

void DiagramView::dropEvent(QDropEvent* event)
{
    QGraphicsView::dropEvent(event);
    // The new component is selected: let Delete, the arrows and Ctrl+C reach it.
    if (event->isAccepted())
        setFocus(Qt::OtherFocusReason);
}

void DiagramView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::drawForeground(QPainter* painter, const QRectF& rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (!m_scene->document()->componentIds().isEmpty())
        return;
    // An empty canvas says what to do.
    painter->save();
    painter->resetTransform();
    QFont font = painter->font();
    font.setPixelSize(15);
    painter->setFont(font);
    painter->setPen(theme::kMutedText);
    painter->drawText(viewport()->rect(), Qt::AlignCenter,
                      tr("Drag components from the palette onto the canvas,\n"
                         "then drag from a component's handle to another to link them."));
    painter->restore();
}

} // namespace headroom::ui
