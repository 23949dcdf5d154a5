// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QRectF>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtGui/QColor>
#include <QtGui/QFont>

#include <functional>
#include <vector>

class QPainter;
class QPdfWriter;

namespace headroom::ui::report {

/// A heading as laid out: what the table of contents lists.
struct TocEntry {
    int level = 1;
    QString text;
    int page = 0;
};

/// One table column: its heading, its share of the width and its alignment.
struct TableColumn {
    QString heading;
    qreal width = 1.0; ///< relative
    Qt::Alignment alignment = Qt::AlignLeft;
};

/// One cell: its text and an optional background (a utilization colour) and text colour.
struct TableCell {
    QString text;
    QColor background;
    QColor foreground;
};
using TableRow = QList<TableCell>;

/// Lays text, tables and pictures out top to bottom on A4 pages of a PDF, starting a
/// page when the next block does not fit. It runs twice over the same content: first
/// measuring only (no painter), to learn which page each heading lands on and how
/// many pages there are, then painting, so that the table of contents and the
/// "page N of M" footers are right on the first print. Text is drawn as text, so the
/// PDF's text can be selected and searched.
class PdfFlow {
public:
    /// `painter` null: measure only. `writer` gives the page geometry and font metrics.
    PdfFlow(QPdfWriter* writer, QPainter* painter, QString footer, int pageCount);

    [[nodiscard]] const QRectF& area() const { return m_area; }
    [[nodiscard]] int page() const { return m_page; }
    [[nodiscard]] const std::vector<TocEntry>& headings() const { return m_headings; }
    [[nodiscard]] qreal remaining() const { return m_area.bottom() - m_y; }

    /// Finishes the current page (its footer) and starts the next.
    void newPage();
    /// A numbered heading ("3 Components"), recorded for the contents; a level 1 heading
    /// starts low on a page on the next one.
    void heading(int level, const QString& text);
    void paragraph(const QString& text, const QFont& font, const QColor& colour = {}, qreal spaceAfter = 6.0);
    void bullet(const QString& text, const QFont& font, const QColor& colour = {});
    /// A table whose header repeats on every page it runs onto. Numeric (right-aligned)
    /// columns get the width their widest cell needs; the others share the rest by
    /// their relative widths and elide what does not fit.
    void table(const QList<TableColumn>& columns, const QList<TableRow>& rows, const QFont& font);
    /// A block drawn by `draw` into a rectangle of the given height (and full width),
    /// on the next page if it does not fit here.
    void block(qreal height, const std::function<void(QPainter*, const QRectF&)>& draw);
    /// A contents line: text, dots, page number.
    void contentsLine(const TocEntry& entry, const QFont& font);
    /// Starts a new page unless `height` fits on this one (keeps a block together).
    void keep(qreal height) { ensure(height); }
    /// Vertical space.
    void skip(qreal height) { m_y += height; }
    /// Draws the last page's footer.
    void finish();

    /// The report's fonts (points).
    static QFont font(qreal points, bool bold = false);

private:
    qreal textHeight(const QString& text, const QFont& font, qreal width) const;
    void ensure(qreal height);
    void drawFooter();
    void drawTableHeader(const QList<TableColumn>& columns, const QList<qreal>& widths, const QFont& font);
    QList<qreal> columnWidths(const QList<TableColumn>& columns, const QList<TableRow>& rows, const QFont& font) const;

    QPdfWriter* m_writer = nullptr;
    QPainter* m_painter = nullptr;
    QString m_footer;
    int m_pageCount = 0;
    QRectF m_area;
    qreal m_y = 0.0;
    int m_page = 1;
    std::vector<TocEntry> m_headings;
    std::vector<int> m_numbers; ///< section numbers by level
};

} // namespace headroom::ui::report
