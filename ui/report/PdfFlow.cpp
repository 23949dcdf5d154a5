// SPDX-License-Identifier: MIT
#include "report/PdfFlow.h"

#include "Theme.h"

#include <QtGui/QFontMetricsF>
#include <QtGui/QPainter>
#include <QtGui/QPdfWriter>

#include <algorithm>

namespace headroom::ui::report {

namespace {

constexpr qreal kFooterGap = 18.0;
constexpr qreal kCellPadding = 3.0;
const QColor kRule{0xcf, 0xd8, 0xdc};
const QColor kHeaderFill{0xec, 0xef, 0xf1};

} // namespace

QFont PdfFlow::font(qreal points, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

PdfFlow::PdfFlow(QPdfWriter* writer, QPainter* painter, QString footer, int pageCount)
    : m_writer(writer), m_painter(painter), m_footer(std::move(footer)), m_pageCount(pageCount)
{
    // Device units: QPdfWriter's resolution is set to 72, so one unit is one point.
    const QRectF page(QPointF(0, 0), QSizeF(writer->width(), writer->height()));
    m_area = page.adjusted(0, 0, 0, -kFooterGap);
    m_y = m_area.top();
}

qreal PdfFlow::textHeight(const QString& text, const QFont& font, qreal width) const
{
    const QFontMetricsF metrics(font, m_writer);
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

void PdfFlow::ensure(qreal height)
{
    if (m_y + height > m_area.bottom() && m_y > m_area.top())
        newPage();
}

void PdfFlow::drawFooter()
{
    if (!m_painter)
        return;
    m_painter->save();
    m_painter->setFont(font(7.5));
    m_painter->setPen(theme::kMutedText);
    const QRectF line(m_area.left(), m_area.bottom() + 6.0, m_area.width(), kFooterGap - 6.0);
    m_painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
    m_painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter,
                        QStringLiteral("Page %1 of %2").arg(m_page).arg(m_pageCount));
    m_painter->restore();
}

void PdfFlow::newPage()
{
    drawFooter();
    if (m_painter)
        m_writer->newPage();
    ++m_page;
    m_y = m_area.top();
}

void PdfFlow::finish()
{
    drawFooter();
}

void PdfFlow::heading(int level, const QString& text)
{
    if (static_cast<int>(m_numbers.size()) < level)
        m_numbers.resize(static_cast<std::size_t>(level), 0);
    ++m_numbers[static_cast<std::size_t>(level - 1)];
    std::fill(m_numbers.begin() + level, m_numbers.end(), 0);
    QStringList parts;
    for (int i = 0; i < level; ++i)
        parts << QString::number(m_numbers[static_cast<std::size_t>(i)]);
    const QString numbered = parts.join(QLatin1Char('.')) + QStringLiteral("  ") + text;

    const QFont f = font(level == 1 ? 15.0 : 11.5, true);
    const qreal height = textHeight(numbered, f, m_area.width());
    // A heading never ends a page: keep room for a few lines under it.
    ensure(height + (level == 1 ? 120.0 : 80.0));
    if (m_y > m_area.top())
        m_y += level == 1 ? 14.0 : 8.0;
    m_headings.push_back({level, numbered, m_page});
    if (m_painter) {
        m_painter->setFont(f);
        m_painter->setPen(theme::kText);
        m_painter->drawText(QRectF(m_area.left(), m_y, m_area.width(), height), Qt::TextWordWrap, numbered);
    }
    m_y += height + (level == 1 ? 8.0 : 4.0);
    if (level == 1 && m_painter) {
        m_painter->setPen(QPen(kRule, 0.8));
        m_painter->drawLine(QPointF(m_area.left(), m_y - 5.0), QPointF(m_area.right(), m_y - 5.0));
    }
}

void PdfFlow::paragraph(const QString& text, const QFont& font, const QColor& colour, qreal spaceAfter)
{
    const qreal height = textHeight(text, font, m_area.width());
    ensure(height);
    if (m_painter) {
        m_painter->setFont(font);
        m_painter->setPen(colour.isValid() ? colour : theme::kText);
        m_painter->drawText(QRectF(m_area.left(), m_y, m_area.width(), height), Qt::TextWordWrap, text);
    }
    m_y += height + spaceAfter;
}

void PdfFlow::bullet(const QString& text, const QFont& font, const QColor& colour)
{
    constexpr qreal kIndent = 12.0;
    const qreal height = textHeight(text, font, m_area.width() - kIndent);
    ensure(height);
    if (m_painter) {
        m_painter->setFont(font);
        m_painter->setPen(colour.isValid() ? colour : theme::kText);
        m_painter->drawText(QRectF(m_area.left(), m_y, kIndent, height), Qt::AlignLeft, QStringLiteral("\u2022"));
        m_painter->drawText(QRectF(m_area.left() + kIndent, m_y, m_area.width() - kIndent, height), Qt::TextWordWrap,
                            text);
    }
    m_y += height + 4.0;
}

void PdfFlow::drawTableHeader(const QList<TableColumn>& columns, const QList<qreal>& widths, const QFont& font)
{
    const QFont bold = PdfFlow::font(font.pointSizeF(), true);
    qreal height = 0.0;
    for (qsizetype c = 0; c < columns.size(); ++c)
        height = std::max(height, textHeight(columns[c].heading, bold, widths[c] - 2 * kCellPadding));
    height += 2 * kCellPadding;
    if (m_painter) {
        m_painter->fillRect(QRectF(m_area.left(), m_y, m_area.width(), height), kHeaderFill);
        m_painter->setFont(bold);
        m_painter->setPen(theme::kText);
        qreal x = m_area.left();
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const QRectF cell(x + kCellPadding, m_y + kCellPadding, widths[c] - 2 * kCellPadding,
                              height - 2 * kCellPadding);
            m_painter->drawText(cell, static_cast<int>(columns[c].alignment | Qt::AlignBottom) | Qt::TextWordWrap,
                                columns[c].heading);
            x += widths[c];
        }
    }
    m_y += height;
}

QList<qreal> PdfFlow::columnWidths(const QList<TableColumn>& columns, const QList<TableRow>& rows,
                                   const QFont& font) const
{
    // What each column needs: its widest cell, and its heading's longest word (headings wrap).
    const QFontMetricsF metrics(font, m_writer);
    const QFontMetricsF bold(PdfFlow::font(font.pointSizeF(), true), m_writer);
    QList<qreal> natural;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        qreal width = 0.0;
        for (const QString& word : columns[c].heading.split(QLatin1Char(' ')))
            width = std::max(width, bold.horizontalAdvance(word));
        for (const TableRow& row : rows) {
            if (c < row.size())
                width = std::max(width, metrics.horizontalAdvance(row[c].text));
        }
        natural << width + 2 * kCellPadding + 1.0;
    }
    // Numeric columns get what they need; text columns share the rest by weight and
    // elide; if even that leaves nothing, every column is scaled down alike.
    qreal numeric = 0.0;
    qreal weights = 0.0;
    qreal text = 0.0;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        if (columns[c].alignment & Qt::AlignRight)
            numeric += natural[c];
        else {
            weights += columns[c].width;
            text += natural[c];
        }
    }
    const qreal rest = m_area.width() - numeric;
    const auto numericCount = static_cast<qreal>(
        std::count_if(columns.begin(), columns.end(), [](const TableColumn& c) { return c.alignment & Qt::AlignRight; }));
    // Room for every text: the spare goes half to the text columns by weight, half to
    // the numeric ones alike (so their headings wrap less).
    const qreal spare = std::max(0.0, rest - text);
    const qreal textShare = weights > 0.0 ? (numericCount > 0.0 ? 0.5 : 1.0) : 0.0;
    QList<qreal> widths;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        const bool isNumeric = (columns[c].alignment & Qt::AlignRight) != 0;
        if (rest < m_area.width() * 0.25)
            widths << m_area.width() * natural[c] / (numeric + text);
        else if (isNumeric)
            widths << natural[c] + spare * (1.0 - textShare) / numericCount;
        else if (text <= rest)
            widths << natural[c] + spare * textShare * columns[c].width / weights;
        else
            widths << rest * columns[c].width / weights;
    }
    return widths;
}

void PdfFlow::table(const QList<TableColumn>& columns, const QList<TableRow>& rows, const QFont& font)
{
    const QList<qreal> widths = columnWidths(columns, rows, font);
    const QFontMetricsF metrics(font, m_writer);
    const qreal rowHeight = metrics.height() + 2 * kCellPadding;
    ensure(4 * rowHeight);
    drawTableHeader(columns, widths, font);
    for (const TableRow& row : rows) {
        if (m_y + rowHeight > m_area.bottom()) {
            newPage();
            drawTableHeader(columns, widths, font);
        }
        if (m_painter) {
            m_painter->setFont(font);
            qreal x = m_area.left();
            for (qsizetype c = 0; c < columns.size() && c < row.size(); ++c) {
                const QRectF box(x, m_y, widths[c], rowHeight);
                if (row[c].background.isValid())
                    m_painter->fillRect(box.adjusted(0.5, 0.5, -0.5, -0.5), row[c].background);
                m_painter->setPen(row[c].foreground.isValid() ? row[c].foreground : theme::kText);
                const QRectF cell = box.adjusted(kCellPadding, 0, -kCellPadding, 0);
                const QString text = metrics.elidedText(row[c].text, Qt::ElideRight, cell.width());
                m_painter->drawText(cell, static_cast<int>(columns[c].alignment | Qt::AlignVCenter), text);
                x += widths[c];
            }
            m_painter->setPen(QPen(kRule, 0.5));
            m_painter->drawLine(QPointF(m_area.left(), m_y + rowHeight), QPointF(m_area.right(), m_y + rowHeight));
        }
        m_y += rowHeight;
    }
    m_y += 10.0;
}

void PdfFlow::block(qreal height, const std::function<void(QPainter*, const QRectF&)>& draw)
{
    ensure(height);
    if (m_painter)
        draw(m_painter, QRectF(m_area.left(), m_y, m_area.width(), height));
    m_y += height + 8.0;
}

void PdfFlow::contentsLine(const TocEntry& entry, const QFont& font)
{
    const qreal indent = entry.level == 1 ? 0.0 : 18.0;
    const QFontMetricsF metrics(font, m_writer);
    const qreal height = metrics.height() + 5.0;
    ensure(height);
    if (m_painter) {
        m_painter->setFont(font);
        m_painter->setPen(theme::kText);
        const QString number = QString::number(entry.page);
        const qreal numberWidth = metrics.horizontalAdvance(number);
        const QRectF line(m_area.left() + indent, m_y, m_area.width() - indent, height);
        const QString text = metrics.elidedText(entry.text, Qt::ElideRight, line.width() - numberWidth - 40.0);
        m_painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, text);
        m_painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter, number);
        // Dot leaders between the title and its page.
        const qreal from = line.left() + metrics.horizontalAdvance(text) + 6.0;
        const qreal to = line.right() - numberWidth - 6.0;
        m_painter->setPen(QPen(theme::kMutedText, 0.8, Qt::DotLine));
        if (to > from)
            m_painter->drawLine(QPointF(from, line.center().y() + 3.0), QPointF(to, line.center().y() + 3.0));
    }
    m_y += height;
}

} // namespace headroom::ui::report
