// SPDX-License-Identifier: MIT
#include "advisor/DiagramPreview.h"

#include "DiagramScene.h"
#include "Theme.h"

#include "document/Document.h"
#include "document/LiveSolver.h"

#include <QtGui/QPainter>

namespace headroom::ui {

namespace {

constexpr qreal kMargin = 24.0;

} // namespace

QPixmap renderDiagramPreview(const engine::Model& model, QSize size, qreal devicePixelRatio)
{
    model::Document document;
    document.load(model);
    model::LiveSolver solver(&document);
    solver.flush();
    DiagramScene scene(&document, &solver);

    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(theme::kCanvas);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRectF source = scene.itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    scene.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source, Qt::KeepAspectRatio);
    return pixmap;
}

} // namespace headroom::ui
