// SPDX-License-Identifier: MIT
#include "FiguresLabel.h"

#include <QtGui/QAbstractTextDocumentLayout>
#include <QtGui/QPainter>

#include <cmath>

namespace headroom::ui {

namespace {

constexpr int kBoxPadding = 7;   ///< inside the border
constexpr int kPlainPadding = 5; ///< around plain text
const QColor kBackground(0xf5, 0xf7, 0xf8);
const QColor kBorder(0xe0, 0xe6, 0xe9);

} // namespace

FiguresLabel::FiguresLabel(QWidget* parent, Look look)
    : QWidget(parent), m_look(look), m_padding(look == Look::Boxed ? kBoxPadding : kPlainPadding)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    m_document.setDocumentMargin(0);
    m_document.setDefaultFont(font());
}

void FiguresLabel::setText(const QString& html)
{
    if (html == m_html)
        return;
    m_html = html;
    // The document keeps its text width: the new text is laid out once, at that width.
    m_document.setHtml(html);
    updateGeometry();
    update();
}

void FiguresLabel::layoutFor(int width) const
{
    const int textWidth = std::max(1, width - 2 * m_padding);
    if (textWidth == m_laidOutWidth)
        return;
    m_document.setTextWidth(textWidth);
    m_laidOutWidth = textWidth;
}

int FiguresLabel::heightForWidth(int width) const
{
    layoutFor(width);
    return static_cast<int>(std::ceil(m_document.size().height())) + 2 * m_padding;
}

QSize FiguresLabel::sizeHint() const
{
    const int width = std::max(this->width(), 200);
    return {width, heightForWidth(width)};
}

QSize FiguresLabel::minimumSizeHint() const
{
    return {100, heightForWidth(std::max(width(), 100))};
}

void FiguresLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_look == Look::Boxed) {
        painter.setPen(QPen(kBorder, 1.0));
        painter.setBrush(kBackground);
        painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    }
    layoutFor(width());
    painter.translate(m_padding, m_padding);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = palette();
    context.palette.setColor(QPalette::Text, palette().color(QPalette::WindowText));
    m_document.documentLayout()->draw(&painter, context);
}

} // namespace headroom::ui
