// SPDX-License-Identifier: MIT
#pragma once

#include "engine/PlanDefaults.h"
#include "engine/Result.h"

#include <QtCore/QString>
#include <QtGui/QColor>

#include <array>

namespace headroom::ui {

/// How loaded a component is, as the diagram colours it.
enum class LoadLevel : quint8 {
    Unknown,   ///< no figures (the model does not solve)
    Neutral,   ///< clients and external dependencies: they do not queue
    Ok,        ///< utilization up to 0.7
    Warm,      ///< above 0.7
    Hot,       ///< above 0.9
    Saturated, ///< offered load at or above capacity: queues grow without bound
    Invalid,   ///< the component itself has an error
};

/// Amber above the default target utilization, red above 0.9.
inline constexpr double kWarmUtilization = engine::kDefaultTargetUtilization;
inline constexpr double kHotUtilization = 0.9;

/// The level of a component from the engine's figures.
LoadLevel loadLevel(const engine::ComponentResult& result);
/// The level of a utilization figure (a pool's, for instance).
LoadLevel loadLevel(double utilization, bool saturated);

/// Colours of one level: the card's fill, border and text, and the badge with its text.
struct LevelColours {
    QColor fill;
    QColor border;
    QColor badge;
    QColor badgeText;
    QColor text;
};
LevelColours levelColours(LoadLevel level);

/// The diagram's scale below which its text (12 px at 100%) is under 4 px: items draw
/// shapes and colours only.
inline constexpr double kReadableDetail = 0.33;

namespace theme {
// Every colour the editor, its charts and its reports use, named by what it marks. In
// style sheets and rich text use name() ("#607078").
inline const QColor kSelection{0x1e, 0x88, 0xe5};
inline const QColor kSelectionFill{0xee, 0xf6, 0xfd};
inline const QColor kText{0x26, 0x32, 0x38};
inline const QColor kMutedText{0x60, 0x70, 0x78};
inline const QColor kHeading{0x37, 0x47, 0x4f};
inline const QColor kLink{0x54, 0x6e, 0x7a};
inline const QColor kReplication{0x7b, 0x1f, 0xa2};
inline const QColor kCanvas{0xfa, 0xfb, 0xfc};
inline const QColor kGridDot{0xcf, 0xd8, 0xdc};
/// Thin rules: under headings, around legends and table cells.
inline const QColor kRule{0xcf, 0xd8, 0xdc};
inline const QColor kHeaderFill{0xec, 0xef, 0xf1};
/// Frames of cards and previews.
inline const QColor kFrame{0xd5, 0xdd, 0xe1};
/// A quiet panel (an alternative the advisor does not recommend).
inline const QColor kPanelFill{0xf5, 0xf7, 0xf8};
inline const QColor kPanelFrame{0xdd, 0xe3, 0xe6};
inline const QColor kBottleneck{0xb7, 0x1c, 0x1c};
/// Text that warns: saturation, an unstable system, figures that did not settle.
inline const QColor kAlarm{0xb7, 0x1c, 0x1c};
/// Input that is wrong: messages and the frame of the field.
inline const QColor kError{0xc6, 0x28, 0x28};
inline const QColor kErrorFill{0xff, 0xf5, 0xf5};
/// What is fine or recommended: a stable system, targets, the recommended size.
inline const QColor kGood{0x2e, 0x7d, 0x32};
inline const QColor kGoodFill{0xf1, 0xf8, 0xe9};
inline const QColor kGoodFrame{0xc5, 0xe1, 0xa5};
/// What differs from the model: the what-if layer's changes, warnings.
inline const QColor kChanged{0xe6, 0x51, 0x00};
inline const QColor kChangedFill{0xff, 0xf3, 0xe0};
inline const QColor kChangedFrame{0xef, 0x6c, 0x00};
inline const QColor kChangedText{0x4e, 0x26, 0x00};
/// Where a field's value came from: the calibration marks under calibrated fields.
inline const QColor kMeasured{0x2e, 0x5f, 0x8a};
/// Translucent white behind what sits on a card or a chart: a card's icon, the legend,
/// the hover tracer, the chart labels.
inline const QColor kIconDisc{255, 255, 255, 230};
inline const QColor kLegendFill{255, 255, 255, 225};
inline const QColor kTracerFill{255, 255, 255, 200};
inline const QColor kLabelFill{255, 255, 255, 210};
/// The advisor's severities.
inline const QColor kCritical{0xc6, 0x28, 0x28};
inline const QColor kWarning{0xef, 0x8f, 0x00};
inline const QColor kInfo{0x15, 0x65, 0xc0};
/// Charts: the grid, the offered load, the saturated bands.
inline const QColor kChartGrid{0xe0, 0xe4, 0xe8};
inline const QColor kOfferedLoad{0x9e, 0x9e, 0x9e};
inline const QColor kSaturatedBand{0xd3, 0x2f, 0x2f, 38};
/// The chart lines' colours, in order (Tableau 10: distinct, and readable for most colour blindness).
inline const std::array<QColor, 10> kSeries{
    QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
    QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
    QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};

/// Rich text in a colour: <span style='color:#607078'>html</span>.
QString coloured(const QColor& colour, const QString& html);
/// A style sheet that colours a widget's text ("color: #c62828;").
QString textStyle(const QColor& colour);
/// The frame and fill of a line edit whose text is not a valid value.
QString invalidLineEditStyle();
} // namespace theme

} // namespace headroom::ui
