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
    const int before = heightForWidth(width());
    m_html = html;
    m_heights.clear();
    // The document keeps its text width: the new text is laid out once, at that width.
    m_document.setHtml(html);
    // New figures in the same number of lines need no relayout of the form around the box
    // (which would ask every other row its size again), only a repaint.
    if (heightForWidth(width()) != before)
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
    if (const auto known = m_heights.constFind(width); known != m_heights.cend())
        return *known;
    layoutFor(width);
    const int height = static_cast<int>(std::ceil(m_document.size().height())) + 2 * m_padding;
    m_heights.insert(width, height);
    return height;
}

QSize FiguresLabel::sizeHint() const
{
    const int width = std::max(this->width(), 200);
    return {width, heightForWidth(width)};
}

QSize FiguresLabel::minimumSizeHint() const
{
    // The height at the box's own width: asking at a narrower one would lay the text out
    // again for a size the layout never gives it.
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
