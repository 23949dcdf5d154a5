// SPDX-License-Identifier: MIT
#include "report/DiagramExport.h"

#include "report/ReportContent.h"

#include "DiagramScene.h"
#include "Resources.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"

#include <QtCore/QBuffer>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtSvg/QSvgGenerator>

#include <algorithm>

namespace headroom::ui::report {

namespace {

/// White space around the cards, in scene units.
constexpr qreal kMargin = 24.0;

/// The editor's scene without its dotted editing grid: a report is printed on white.
class PrintedScene : public DiagramScene {
public:
    using DiagramScene::DiagramScene;

protected:
    void drawBackground(QPainter* painter, const QRectF& rect) override { painter->fillRect(rect, Qt::white); }
};

} // namespace

DiagramExport::DiagramExport(const ReportContent& content) : m_document(std::make_unique<model::Document>())
{
    initResources();
    m_document->load(content.model());
    const double multiplier = content.request.multiplier;
    if (multiplier != 1.0)
        m_document->undoStack()->push(
            new model::SetWhatIfCommand(m_document.get(), {model::WhatIfKey::multiplier()}, multiplier));
    m_solver = std::make_unique<model::LiveSolver>(m_document.get());
    m_solver->flush();
    m_scene = std::make_unique<PrintedScene>(m_document.get(), m_solver.get());
    m_scene->clearSelection();
}

DiagramExport::~DiagramExport() = default;

QRectF DiagramExport::bounds() const
{
    return m_scene->itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

void DiagramExport::render(QPainter* painter, const QRectF& target) const
{
    // Fitted and centred (QGraphicsScene::render would keep the aspect ratio but align
    // the drawing to the target's top left).
    const QRectF source = bounds();
    QRectF fitted(QPointF(0, 0), source.size().scaled(target.size(), Qt::KeepAspectRatio));
    fitted.moveCenter(target.center());
    m_scene->render(painter, fitted, source, Qt::IgnoreAspectRatio);
}

QByteArray DiagramExport::svg() const
{
    const QRectF box = bounds();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(box.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), box.size()));
    generator.setTitle(QStringLiteral("Architecture"));
    generator.setDescription(QStringLiteral("Components coloured by utilization (Headroom)"));
    {
        QPainter painter(&generator);
        render(&painter, QRectF(QPointF(0, 0), box.size()));
    }
    return buffer.data();
}

std::optional<QByteArray> DiagramExport::png() const
{
    // Twice the natural size for sharp text, within what an image viewer opens.
    constexpr qreal kLargestSide = 8000.0;
    const QRectF box = bounds();
    const qreal kScale = std::min(2.0, kLargestSide / std::max(box.width(), box.height()));
    QImage image((box.size() * kScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return std::nullopt;
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        render(&painter, QRectF(QPointF(0, 0), image.size()));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace headroom::ui::report
