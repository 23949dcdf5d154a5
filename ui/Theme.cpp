// SPDX-License-Identifier: MIT
#include "Theme.h"

namespace headroom::ui {

LoadLevel loadLevel(double utilization, bool saturated)
{
    if (saturated)
        return LoadLevel::Saturated;
    if (utilization > kHotUtilization)
        return LoadLevel::Hot;
    if (utilization > kWarmUtilization)
        return LoadLevel::Warm;
    return LoadLevel::Ok;
}

LoadLevel loadLevel(const engine::ComponentResult& result)
{
    if (!engine::isStation(result.kind))
        return LoadLevel::Neutral;
    return loadLevel(result.utilization, result.saturated);
}

LevelColours levelColours(LoadLevel level)
{
    const QColor text = theme::kText;
    switch (level) {
    case LoadLevel::Unknown:
        return {QColor(0xf5, 0xf5, 0xf5), QColor(0x9e, 0x9e, 0x9e), QColor(0xe0, 0xe0, 0xe0), QColor(0x61, 0x61, 0x61), text};
    case LoadLevel::Neutral:
        return {QColor(0xec, 0xef, 0xf1), QColor(0x78, 0x90, 0x9c), QColor(0x54, 0x6e, 0x7a), Qt::white, text};
    case LoadLevel::Ok:
        return {QColor(0xe8, 0xf5, 0xe9), QColor(0x2e, 0x7d, 0x32), QColor(0x2e, 0x7d, 0x32), Qt::white, text};
    case LoadLevel::Warm:
        return {QColor(0xff, 0xf3, 0xe0), QColor(0xef, 0x6c, 0x00), QColor(0xef, 0x6c, 0x00), Qt::white, text};
    case LoadLevel::Hot:
        return {QColor(0xff, 0xeb, 0xee), QColor(0xd3, 0x2f, 0x2f), QColor(0xd3, 0x2f, 0x2f), Qt::white, text};
    case LoadLevel::Saturated:
        return {QColor(0x4a, 0x0e, 0x0e), QColor(0x21, 0x00, 0x00), QColor(0xff, 0xcd, 0xd2), QColor(0x4a, 0x0e, 0x0e), QColor(0xff, 0xeb, 0xee)};
    case LoadLevel::Invalid:
        return {Qt::white, QColor(0xc6, 0x28, 0x28), QColor(0xc6, 0x28, 0x28), Qt::white, text};
    }
    return {Qt::white, Qt::black, Qt::black, Qt::white, text};
}

namespace theme {

QString coloured(const QColor& colour, const QString& html)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(colour.name(), html);
}

QString textStyle(const QColor& colour)
{
    return QStringLiteral("color: %1;").arg(colour.name());
}

QString invalidLineEditStyle()
{
    return QStringLiteral("QLineEdit { border: 1.5px solid %1; background: %2; border-radius: 3px; padding: 2px; }")
        .arg(kError.name(), kErrorFill.name());
}

} // namespace theme

} // namespace headroom::ui
