// SPDX-License-Identifier: MIT
#include "charts/ChartView.h"

#include "Format.h"
#include "Theme.h"

#include "project/AtomicReplace.h"

#include <QtCore/QBuffer>
#include <QtCore/QCoreApplication>
#include <QtCore/QFileInfo>
#include <QtGui/QContextMenuEvent>
#include <QtGui/QPageLayout>
#include <QtGui/QPdfWriter>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace headroom::ui {

namespace {

/// Where the hover tracer lives: a buffered layer of its own, so moving it repaints
/// only that layer, not the data.
const QString kOverlay = QStringLiteral("overlay");
/// A series that ended because the engine's figure became infinite.
const char* const kEndsSaturated = "headroomEndsSaturated";
const char* const kUnit = "headroomUnit";

QFont chartFont(int pixelSize, bool bold = false)
{
    QFont font;
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}

QString formatValue(double value, const QString& unit)
{
    if (unit == QLatin1String("%"))
        return format::percent(value);
    const QString number = format::number(value);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

/// The index of the data point nearest to `key`, or -1 for no data.
int nearestIndex(QCPPlottableInterface1D* data, double key)
{
    const int count = data->dataCount();
    if (count == 0)
        return -1;
    int i = data->findBegin(key, false);
    i = std::clamp(i, 0, count - 1);
    if (i > 0 && std::fabs(data->dataMainKey(i - 1) - key) <= std::fabs(data->dataMainKey(i) - key))
        --i;
    return i;
}

void styleAxis(QCPAxis* axis)
{
    axis->setLabelFont(chartFont(12, true));
    axis->setTickLabelFont(chartFont(11));
    axis->setLabelColor(theme::kText);
    axis->setTickLabelColor(theme::kText);
    axis->grid()->setPen(QPen(theme::kChartGrid, 1.0, Qt::SolidLine));
    axis->grid()->setSubGridVisible(false);
}

} // namespace

ChartView::ChartView(QWidget* parent) : QCustomPlot(parent)
{
    setMouseTracking(true);
    setMinimumSize(320, 220);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);
    setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
    for (QCPAxis* axis : {xAxis, yAxis, xAxis2, yAxis2})
        styleAxis(axis);
    legend->setVisible(true);
    legend->setFont(chartFont(11));
    legend->setBrush(theme::kLegendFill);
    legend->setBorderPen(QPen(theme::kRule));
    legend->setIconSize(22, 10);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    layer(kOverlay)->setMode(QCPLayer::lmBuffered);
    m_tracer = new QCPItemTracer(this);
    m_tracer->setLayer(kOverlay);
    m_tracer->setStyle(QCPItemTracer::tsCircle);
    m_tracer->setSize(9);
    m_tracer->setPen(QPen(theme::kText, 1.5));
    m_tracer->setBrush(theme::kTracerFill);
    m_tracer->setInterpolating(false);
    m_tracer->setVisible(false);
    connect(this, &QCustomPlot::beforeReplot, this, &ChartView::layoutLabels);
}

void ChartView::layoutLabels()
{
    // beforeReplot comes before QCustomPlot lays the plot out: lay it out now, so the
    // label rows are measured on the axis rect this replot draws (after a resize, or a
    // report's first drawing, the previous one is stale).
    updateLayout();
    const QRect plot = axisRect()->rect();
    for (qsizetype i = 0; i < m_regions.size(); ++i) {
        QCPItemText* note = m_regionNotes.value(i);
        if (!note)
            continue;
        // The note starts where the band becomes visible; when it would run past the
        // plot's right edge it ends there instead, so it is never cut off.
        const double from = std::max(m_regions[i]->topLeft->coords().x(), xAxis->range().lower);
        const double width = QFontMetricsF(note->font()).horizontalAdvance(note->text()) + 8.0;
        const bool fitsRight = xAxis->coordToPixel(from) + width <= plot.right();
        note->position->setCoords(fitsRight ? from : xAxis->range().upper, note->position->coords().y());
        note->setPositionAlignment(Qt::AlignBottom | (fitsRight ? Qt::AlignLeft : Qt::AlignRight));
    }
    // Greedy rows: each label, left to right, takes the lowest line where it overlaps none.
    QList<QCPItemText*> labels = m_stacked;
    std::sort(labels.begin(), labels.end(), [](const QCPItemText* a, const QCPItemText* b) {
        return a->position->coords().x() < b->position->coords().x();
    });
    std::vector<double> rowEnds;
    for (QCPItemText* label : labels) {
        const QFontMetricsF metrics(label->font());
        const double right = label->position->pixelPosition().x();
        const double left = right - metrics.horizontalAdvance(label->text()) - 8.0;
        std::size_t row = 0;
        while (row < rowEnds.size() && rowEnds[row] > left)
            ++row;
        if (row == rowEnds.size())
            rowEnds.push_back(right);
        else
            rowEnds[row] = right;
        QMargins padding = label->padding();
        padding.setBottom(4 + static_cast<int>(row * (std::ceil(metrics.height()) + 2.0)));
        label->setPadding(padding);
    }
}

QColor ChartView::seriesColour(int index)
{
    return theme::kSeries[static_cast<std::size_t>(index) % theme::kSeries.size()];
}

QCPGraph* ChartView::addSeries(const QString& name, const QColor& colour, const QString& unit, QCPAxis* valueAxis,
                               Qt::PenStyle style, qreal width)
{
    QCPGraph* graph = addGraph(xAxis, valueAxis ? valueAxis : yAxis);
    graph->setName(name);
    graph->setPen(QPen(colour, width, style, Qt::RoundCap, Qt::RoundJoin));
    graph->setProperty(kUnit, unit);
    return graph;
}

void ChartView::setFiniteData(QCPGraph* graph, std::span<const double> keys, std::span<const std::optional<double>> values)
{
    QVector<double> x;
    QVector<double> y;
    x.reserve(static_cast<qsizetype>(keys.size()));
    y.reserve(static_cast<qsizetype>(keys.size()));
    bool ended = false;
    for (std::size_t i = 0; i < keys.size() && i < values.size(); ++i) {
        if (!values[i] || !std::isfinite(*values[i]) || !std::isfinite(keys[i])) {
            ended = true;
            break;
        }
        x.append(keys[i]);
        y.append(*values[i]);
    }
    graph->setData(x, y, true);
    graph->setProperty(kEndsSaturated, ended);
}

void ChartView::setFiniteData(QCPGraph* graph, std::span<const double> keys, std::span<const double> values)
{
    std::vector<std::optional<double>> wrapped(values.begin(), values.end());
    setFiniteData(graph, keys, wrapped);
}

void ChartView::clearDecorations()
{
    for (QCPAbstractItem* item : std::as_const(m_decorations))
        removeItem(item);
    m_decorations.clear();
    m_regions.clear();
    m_regionNotes.clear();
    m_stacked.clear();
    m_notes.clear();
    m_statusNote.clear();
    m_operatingPoint.reset();
}

QCPItemText* ChartView::addLabel(double key, double ratioY, const QString& text, const QColor& colour,
                                 Qt::Alignment alignment, QCPAxis* valueAxis)
{
    auto* label = new QCPItemText(this);
    label->position->setAxes(xAxis, valueAxis ? valueAxis : yAxis);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(key, ratioY);
    label->setPositionAlignment(alignment);
    label->setText(text);
    label->setFont(chartFont(11, true));
    label->setColor(colour);
    label->setBrush(theme::kLabelFill);
    label->setPadding(QMargins(3, 1, 3, 1));
    label->setClipToAxisRect(true);
    keep(label);
    return label;
}

void ChartView::addOperatingPoint(double key, const QString& label)
{
    const QColor colour(0x15, 0x65, 0xc0);
    auto* line = new QCPItemStraightLine(this);
    line->point1->setCoords(key, 0.0);
    line->point2->setCoords(key, 1.0);
    line->setPen(QPen(colour, 2.0, Qt::SolidLine));
    keep(line);
    addLabel(key, 0.0, label, colour, Qt::AlignTop | Qt::AlignLeft);
    m_operatingPoint = key;
}

void ChartView::addVerticalMarker(double key, const QString& label, const QColor& colour, Qt::PenStyle style)
{
    auto* line = new QCPItemStraightLine(this);
    line->point1->setCoords(key, 0.0);
    line->point2->setCoords(key, 1.0);
    line->setPen(QPen(colour, 1.5, style));
    keep(line);
    if (!label.isEmpty())
        addLabel(key, 0.1, label, colour, Qt::AlignTop | Qt::AlignLeft);
}

QCPItemText* ChartView::addHorizontalMarker(double value, const QString& label, const QColor& colour,
                                            QCPAxis* valueAxis)
{
    QCPAxis* axis = valueAxis ? valueAxis : yAxis;
    auto* line = new QCPItemStraightLine(this);
    line->point1->setAxes(xAxis, axis);
    line->point2->setAxes(xAxis, axis);
    line->point1->setCoords(0.0, value);
    line->point2->setCoords(1.0, value);
    line->setPen(QPen(colour, 1.2, Qt::DashLine));
    keep(line);
    if (label.isEmpty())
        return nullptr;
    auto* text = new QCPItemText(this);
    text->position->setAxes(xAxis, axis);
    text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.995, value);
    text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    text->setText(label);
    text->setFont(chartFont(10));
    text->setColor(colour);
    text->setClipToAxisRect(true);
    keep(text);
    return text;
}

void ChartView::addSaturatedRegion(double from, double to, const QString& shortNote, const QString& note)
{
    auto* band = new QCPItemRect(this);
    band->setLayer(QStringLiteral("background"));
    band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->topLeft->setCoords(from, 0.0);
    band->bottomRight->setCoords(to, 1.0);
    band->setPen(Qt::NoPen);
    band->setBrush(QBrush(theme::kSaturatedBand));
    keep(band);
    m_regions.append(band);
    m_regionNotes.append(shortNote.isEmpty()
                             ? nullptr
                             : addLabel(from, 0.93, shortNote, theme::kAlarm, Qt::AlignBottom | Qt::AlignLeft));
    if (!note.isEmpty())
        m_notes.append(note);
}

void ChartView::setStatus(engine::Status status, const QString& where)
{
    m_statusNote = status == engine::Status::NotConverged
                       ? tr("Not converged%1: an iteration did not settle, so the figures drawn are its last iterate.")
                             .arg(where.isEmpty() ? QString() : QLatin1Char(' ') + where)
                       : QString();
}

QList<QCPRange> ChartView::saturatedRegions() const
{
    QList<QCPRange> out;
    for (const QCPItemRect* band : m_regions)
        out.append(QCPRange(band->topLeft->coords().x(), band->bottomRight->coords().x()));
    return out;
}

QString ChartView::valuesAt(double key)
{
    // Snap to the nearest point of the longest series, so the key shown is one the
    // figures were computed at.
    QCPPlottableInterface1D* reference = nullptr;
    for (int i = 0; i < plottableCount(); ++i) {
        QCPPlottableInterface1D* data = plottable(i)->interface1D();
        if (plottable(i)->visible() && data && (!reference || data->dataCount() > reference->dataCount()))
            reference = data;
    }
    if (!reference || reference->dataCount() == 0)
        return {};
    const double snapped = reference->dataMainKey(nearestIndex(reference, key));
    QStringList lines{m_keyFormatter ? m_keyFormatter(snapped) : format::number(snapped)};
    for (int i = 0; i < plottableCount(); ++i) {
        QCPAbstractPlottable* p = plottable(i);
        QCPPlottableInterface1D* data = p->interface1D();
        if (!p->visible() || !data || p->name().isEmpty())
            continue;
        const bool ends = p->property(kEndsSaturated).toBool();
        const int count = data->dataCount();
        if (count == 0 || (ends && snapped > data->dataMainKey(count - 1))) {
            if (ends)
                lines << tr("%1: unbounded (saturated)").arg(p->name());
            continue;
        }
        const int at = nearestIndex(data, snapped);
        lines << QStringLiteral("%1: %2").arg(p->name(), formatValue(data->dataMainValue(at), p->property(kUnit).toString()));
    }
    return lines.join(QLatin1Char('\n'));
}

void ChartView::showHover(const QPointF& pos)
{
    if (!axisRect()->rect().contains(pos.toPoint()) || plottableCount() == 0) {
        hideHover();
        return;
    }
    const double key = xAxis->pixelToCoord(pos.x());
    m_hoverText = valuesAt(key);
    QCPGraph* first = nullptr;
    for (int i = 0; i < graphCount() && !first; ++i) {
        if (graph(i)->visible() && !graph(i)->data()->isEmpty())
            first = graph(i);
    }
    if (first) {
        const int at = nearestIndex(first->interface1D(), key);
        m_tracer->setGraph(first);
        m_tracer->setGraphKey(first->interface1D()->dataMainKey(at));
        m_tracer->setVisible(true);
    } else {
        m_tracer->setVisible(false);
    }
    layer(kOverlay)->replot();
    QToolTip::showText(mapToGlobal(pos.toPoint()), m_hoverText, this);
}

void ChartView::hideHover()
{
    m_hoverText.clear();
    if (m_tracer->visible()) {
        m_tracer->setVisible(false);
        layer(kOverlay)->replot();
    }
    QToolTip::hideText();
}

void ChartView::chooseGestureAxes(const QPointF& pos)
{
    QList<QCPAxis*> values{yAxis};
    if (yAxis2->visible())
        values.append(yAxis2);
    for (QCPAxis* axis : QList<QCPAxis*>{xAxis} + values) {
        if (axis->selectTest(pos, false) >= 0.0) {
            const bool horizontal = axis->orientation() == Qt::Horizontal;
            axisRect()->setRangeDrag(horizontal ? Qt::Horizontal : Qt::Vertical);
            axisRect()->setRangeZoom(horizontal ? Qt::Horizontal : Qt::Vertical);
            axisRect()->setRangeDragAxes(horizontal ? QList<QCPAxis*>{axis} : QList<QCPAxis*>{},
                                         horizontal ? QList<QCPAxis*>{} : QList<QCPAxis*>{axis});
            axisRect()->setRangeZoomAxes(horizontal ? QList<QCPAxis*>{axis} : QList<QCPAxis*>{},
                                         horizontal ? QList<QCPAxis*>{} : QList<QCPAxis*>{axis});
            return;
        }
    }
    axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    axisRect()->setRangeDragAxes({xAxis}, values);
    axisRect()->setRangeZoomAxes({xAxis}, values);
}

void ChartView::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (event->buttons() == Qt::NoButton)
        showHover(event->position());
}

void ChartView::mousePressEvent(QMouseEvent* event)
{
    chooseGestureAxes(event->position());
    QCustomPlot::mousePressEvent(event);
}

void ChartView::wheelEvent(QWheelEvent* event)
{
    chooseGestureAxes(event->position());
    QCustomPlot::wheelEvent(event);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    QCustomPlot::mouseDoubleClickEvent(event);
    fitView();
}

void ChartView::leaveEvent(QEvent* event)
{
    QCustomPlot::leaveEvent(event);
    hideHover();
}

void ChartView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Export PNG\u2026"), this, [this] {
        const QString path = exportDialog(tr("PNG image (*.png)"), QStringLiteral(".png"));
        if (path.isEmpty())
            return;
        if (const auto failure = exportPng(path))
            QMessageBox::warning(this, tr("Cannot export"), tr("%1 %2.").arg(path, *failure));
    });
    menu.addAction(tr("Export PDF\u2026"), this, [this] {
        const QString path = exportDialog(tr("PDF document (*.pdf)"), QStringLiteral(".pdf"));
        if (path.isEmpty())
            return;
        if (const auto failure = exportPdf(path))
            QMessageBox::warning(this, tr("Cannot export"), tr("%1 %2.").arg(path, *failure));
    });
    menu.addSeparator();
    menu.addAction(tr("Fit to Data"), this, &ChartView::fitView);
    addContextActions(&menu);
    menu.exec(event->globalPos());
}

void ChartView::addContextActions(QMenu*)
{
}

QString ChartView::exportDialog(const QString& filter, const QString& suffix)
{
    const QString name = (objectName().isEmpty() ? QStringLiteral("chart") : objectName()) + suffix;
    QString path = QFileDialog::getSaveFileName(this, tr("Export the chart"), name, filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += suffix;
    return path;
}

std::optional<QString> ChartView::exportPng(const QString& path)
{
    hideHover();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!toPixmap(width(), height(), 2.0).save(&buffer, "PNG"))
        return tr("the chart could not be drawn as an image");
    return writeChart(path, buffer.data());
}

std::optional<QString> ChartView::exportPdf(const QString& path)
{
    hideHover();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        // One page the chart's size, one point per pixel, drawn as vectors (what savePdf does,
        // into memory, so that the file is written by the one writer).
        QPdfWriter writer(&buffer);
        writer.setResolution(72);
        writer.setCreator(QCoreApplication::applicationName());
        QPageLayout layout(QPageSize(QSizeF(width(), height()), QPageSize::Point, QString(), QPageSize::ExactMatch),
                           QPageLayout::Portrait, QMarginsF());
        layout.setMode(QPageLayout::FullPageMode);
        writer.setPageLayout(layout);
        QCPPainter painter;
        if (!painter.begin(&writer))
            return tr("the chart could not be drawn as a PDF");
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        toPainter(&painter, width(), height());
        painter.end();
    }
    return writeChart(path, buffer.data());
}

std::optional<QString> ChartView::writeChart(const QString& path, const QByteArray& bytes)
{
    if (const auto failure = model::writeFileAtomically(path, bytes))
        return QString::fromStdString(*failure);
    return std::nullopt;
}

void ChartView::setLogarithmicKeys(bool on)
{
    m_logKeys = on;
    xAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on) {
        auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
        ticker->setSubTickCount(8);
        xAxis->setTicker(ticker);
        xAxis->grid()->setSubGridVisible(true);
    } else {
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        xAxis->grid()->setSubGridVisible(false);
    }
}

void ChartView::fitValueAxis(QCPAxis* axis, double floor, double headroom)
{
    bool found = false;
    double top = floor;
    for (int i = 0; i < plottableCount(); ++i) {
        QCPAbstractPlottable* p = plottable(i);
        if (p->valueAxis() != axis || !p->visible())
            continue;
        bool any = false;
        const QCPRange range = p->getValueRange(any);
        if (any) {
            top = found ? std::max(top, range.upper) : std::max(floor, range.upper);
            found = true;
        }
    }
    axis->setRange(0.0, top > 0.0 ? top * headroom : 1.0);
}

void ChartView::fitView()
{
    xAxis->rescale();
    fitValueAxis(yAxis);
    if (yAxis2->visible())
        fitValueAxis(yAxis2);
    replotLater();
}

QString PercentTicker::getTickLabel(double tick, const QLocale& locale, QChar, int)
{
    return locale.toString(tick * 100.0, 'g', 3) + QLatin1Char('%');
}

} // namespace headroom::ui
