// SPDX-License-Identifier: MIT
#pragma once
// Driving the real widgets offscreen: mouse gestures on a view's viewport, and the
// drop a palette drag delivers.

#include <QtCore/QMimeData>
#include <QtGui/QDrag>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QGraphicsView>

namespace headroom::testing {

inline QPoint toViewport(const QGraphicsView& view, QPointF scenePos)
{
    return view.mapFromScene(scenePos);
}

/// Press, move in steps, release: what a user's drag sends.
inline void mouseDrag(QGraphicsView& view, QPointF fromScene, QPointF toScene,
                      Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* viewport = view.viewport();
    const QPoint from = toViewport(view, fromScene);
    const QPoint to = toViewport(view, toScene);
    QTest::mousePress(viewport, Qt::LeftButton, modifiers, from);
    constexpr int kSteps = 6;
    for (int i = 1; i <= kSteps; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / kSteps);
    QTest::mouseRelease(viewport, Qt::LeftButton, modifiers, to);
}

/// What QDrag::exec delivers to the drop target: enter, move and drop events with
/// the drag's mime data. (QDrag itself runs a nested, platform-driven event loop
/// that the offscreen platform cannot complete, so the test posts these instead.)
/// Returns whether the view accepted the drop.
inline bool dropOnView(QGraphicsView& view, const QMimeData* mime, QPointF scenePos)
{
    QWidget* viewport = view.viewport();
    const QPoint at = toViewport(view, scenePos);
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    return drop.isAccepted();
}

} // namespace headroom::testing
