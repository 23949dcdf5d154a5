// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QGraphicsView>

namespace headroom::ui {

class DiagramScene;

/// The canvas: the wheel zooms about the cursor, the middle button (or Space and
/// the left button) pans, a left drag on empty canvas selects with a rubber band.
class DiagramView : public QGraphicsView {
    Q_OBJECT

public:
    static constexpr qreal kMinZoom = 0.1;
    static constexpr qreal kMaxZoom = 4.0;
    static constexpr qreal kZoomStep = 1.25;

    explicit DiagramView(DiagramScene* scene, QWidget* parent = nullptr);

    [[nodiscard]] qreal zoom() const;
    void setZoom(qreal zoom);
    void zoomIn();
    void zoomOut();
    /// Shows the whole diagram, at most at 100%.
    void fitDiagram();

signals:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void zoomBy(qreal factor, QPointF viewportAnchor);

    DiagramScene* m_scene = nullptr;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panFrom;
};

} // namespace headroom::ui
