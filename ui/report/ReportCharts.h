// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QRectF>
#include <QtCore/QString>

#include <memory>
#include <vector>

class QPainter;
class QWidget;

namespace headroom::ui {
class ChartView;
}

namespace headroom::ui::report {

struct ReportContent;

/// A chart of the report, with the caption it is printed under.
struct ReportChart {
    QString caption;
    ChartView* chart = nullptr; ///< owned by ReportCharts
};

/// The report's charts: the GUI's own chart classes (ui/charts/), given the report's
/// engine answers, never shown. They draw through QPainter, so a PDF or an SVG keeps
/// them as vector graphics with selectable text.
class ReportCharts {
public:
    explicit ReportCharts(const ReportContent& content);
    ~ReportCharts();
    ReportCharts(const ReportCharts&) = delete;
    ReportCharts& operator=(const ReportCharts&) = delete;

    /// The 10x chart, or null for a closed workload.
    [[nodiscard]] ChartView* tenX() const { return m_tenX; }
    /// One per ReportContent::pools, lags (two each: lag and stale reads) and shedding.
    [[nodiscard]] const std::vector<ReportChart>& pools() const { return m_pools; }
    [[nodiscard]] const std::vector<ReportChart>& lags() const { return m_lags; }
    [[nodiscard]] const std::vector<ReportChart>& shedding() const { return m_shedding; }

    /// The size a chart is laid out at, in device-independent pixels.
    static constexpr int kWidth = 640;
    static constexpr int kHeight = 320;

    /// Draws `chart` laid out at kWidth x kHeight, scaled into `target`.
    static void render(ChartView* chart, QPainter* painter, const QRectF& target);
    /// The chart as an SVG document.
    static QByteArray svg(ChartView* chart);

private:
    std::unique_ptr<QWidget> m_host; ///< parent of every chart
    ChartView* m_tenX = nullptr;
    std::vector<ReportChart> m_pools;
    std::vector<ReportChart> m_lags;
    std::vector<ReportChart> m_shedding;
};

} // namespace headroom::ui::report
