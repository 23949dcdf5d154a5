// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Result.h"

#include <QtGui/QColor>

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

inline constexpr double kWarmUtilization = 0.7;
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
inline const QColor kSelection{0x1e, 0x88, 0xe5};
inline const QColor kText{0x26, 0x32, 0x38};
inline const QColor kMutedText{0x60, 0x70, 0x78};
inline const QColor kLink{0x54, 0x6e, 0x7a};
inline const QColor kReplication{0x7b, 0x1f, 0xa2};
inline const QColor kCanvas{0xfa, 0xfb, 0xfc};
inline const QColor kGridDot{0xcf, 0xd8, 0xdc};
inline const QColor kBottleneck{0xb7, 0x1c, 0x1c};
} // namespace theme

} // namespace headroom::ui
