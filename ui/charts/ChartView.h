// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Result.h"

#include <qcustomplot.h>

#include <QtCore/QList>
#include <QtCore/QString>

#include <functional>
#include <optional>
#include <span>

namespace headroom::ui {

/// The base of every chart: a QCustomPlot with what all of them share. The mouse
/// hovering shows every series' value at the cursor (a tracer and a tooltip); the wheel
/// zooms and a drag pans (over an axis, that axis only); a double click fits the data
/// again; the context menu exports PNG and PDF. Decorations (operating point, saturated
/// regions, markers) are items that a chart adds after clearDecorations() each time it
/// takes new data. Values reach QCustomPlot only through setFiniteData(), which drops
/// anything infinite: a series ends where the engine's figure does.
class ChartView : public QCustomPlot {
    Q_OBJECT

public:
    explicit ChartView(QWidget* parent = nullptr);

    /// A line series on `valueAxis` (the left axis by default), named in the legend;
    /// `unit` follows its values in the hover text.
    QCPGraph* addSeries(const QString& name, const QColor& colour, const QString& unit, QCPAxis* valueAxis = nullptr,
                        Qt::PenStyle style = Qt::SolidLine, qreal width = 2.0);
    /// Sets a series' points from the engine's figures: a point whose value is empty or
    /// not finite ends the series (everything after it is left out).
    static void setFiniteData(QCPGraph* graph, std::span<const double> keys,
                              std::span<const std::optional<double>> values);
    static void setFiniteData(QCPGraph* graph, std::span<const double> keys, std::span<const double> values);

    /// Removes every decoration (markers, regions, notes), before drawing new data.
    void clearDecorations();
    /// The vertical line at the current operating point, labelled ("now 2.5×").
    void addOperatingPoint(double key, const QString& label);
    /// A vertical marker line with a label at the top.
    void addVerticalMarker(double key, const QString& label, const QColor& colour, Qt::PenStyle style);
    /// A horizontal reference line on `valueAxis`, labelled at the right end; the label
    /// (none when `label` is empty), for stackLabel when other labels share its line.
    QCPItemText* addHorizontalMarker(double value, const QString& label, const QColor& colour,
                                     QCPAxis* valueAxis = nullptr);
    /// Marks keys from `from` to `to` as saturated: a shaded band with a short note on it.
    /// The full note is listed by notes() for the panel to show in words.
    void addSaturatedRegion(double from, double to, const QString& shortNote, const QString& note);
    /// The notes of the saturated regions now shown.
    [[nodiscard]] const QStringList& notes() const { return m_notes; }
    /// Flags the figures drawn when their engine status says they did not settle
    /// (engine::Status::NotConverged); `where` names the keys ("at 3x to 5x"), if not all.
    void setStatus(engine::Status status, const QString& where = {});
    /// The flag in words, empty when the figures settled; every analysis panel shows it.
    [[nodiscard]] const QString& statusNote() const { return m_statusNote; }
    /// The saturated regions now shown, as [from, to] key ranges (tests).
    [[nodiscard]] QList<QCPRange> saturatedRegions() const;
    /// The operating point's key, if one is shown.
    [[nodiscard]] std::optional<double> operatingPoint() const { return m_operatingPoint; }

    /// How keys read in the hover text ("2.5×", "20 connections").
    void setKeyFormatter(std::function<QString(double)> formatter) { m_keyFormatter = std::move(formatter); }
    /// The hover text for a key: the key, then every series' value at the nearest point.
    /// (Not const: QCustomPlot gives no const access to its plottables.)
    [[nodiscard]] virtual QString valuesAt(double key);
    /// What the hover shows now (empty when the mouse is not over the plot).
    [[nodiscard]] const QString& hoverText() const { return m_hoverText; }

    /// A logarithmic key axis (ticks at powers of ten).
    void setLogarithmicKeys(bool on);
    [[nodiscard]] bool logarithmicKeys() const { return m_logKeys; }

    /// Writes the chart as a PNG (twice the widget's resolution) or a vector PDF, whole or
    /// not at all (model::writeFileAtomically). What went wrong, or nothing.
    std::optional<QString> exportPng(const QString& path);
    std::optional<QString> exportPdf(const QString& path);

    /// Fits the axes to the data and decorations; a double click calls it.
    virtual void fitView();

    /// Replots at the next turn of the event loop (several changes, one replot).
    void replotLater() { replot(QCustomPlot::rpQueuedReplot); }

    /// Colours for series, distinct and legible on white.
    static QColor seriesColour(int index);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    /// Charts add their own actions to the context menu (a log axis...).
    virtual void addContextActions(QMenu* menu);
    /// The value axes the fit covers (left, and right if used).
    void fitValueAxis(QCPAxis* axis, double floor = 0.0, double headroom = 1.08);
    /// The axes a gesture at `pos` acts on: one axis over an axis, all of them in the plot.
    void chooseGestureAxes(const QPointF& pos);
    void keep(QCPAbstractItem* item) { m_decorations.append(item); }
    QCPItemText* addLabel(double key, double ratioY, const QString& text, const QColor& colour,
                                        Qt::Alignment alignment, QCPAxis* valueAxis = nullptr);
    /// Keeps a label (anchored at its bottom right) clear of the other stacked labels:
    /// at each replot, labels that would overlap are lifted one line above the other.
    void stackLabel(QCPItemText* label) { m_stacked.append(label); }

private:
    /// Before each replot: keeps the saturated regions' notes inside the visible part of
    /// their band and lifts stacked labels that would overlap.
    void layoutLabels();
    void showHover(const QPointF& pos);
    void hideHover();
    QString exportDialog(const QString& filter, const QString& suffix);
    static std::optional<QString> writeChart(const QString& path, const QByteArray& bytes);

    QList<QCPAbstractItem*> m_decorations;
    QList<QCPItemRect*> m_regions;
    /// Each region's note, by region (m_regions[i] carries m_regionNotes[i], or none).
    QList<QCPItemText*> m_regionNotes;
    QList<QCPItemText*> m_stacked;
    QStringList m_notes;
    QString m_statusNote;
    std::optional<double> m_operatingPoint;
    QCPItemTracer* m_tracer = nullptr;
    QString m_hoverText;
    std::function<QString(double)> m_keyFormatter;
    bool m_logKeys = false;
};

/// Tick labels as percentages of a fraction (0.7 -> "70%").
class PercentTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;
};

} // namespace headroom::ui
