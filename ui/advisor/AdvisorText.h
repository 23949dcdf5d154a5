// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Advisor.h"

#include <QtCore/QString>
#include <QtGui/QColor>

#include <optional>
#include <string_view>

class QIcon;
class QLabel;
class QWidget;

namespace headroom::ui::advisor {

// Presentation only: every figure and sentence comes from engine::advise; these
// name and format them for the advisor panel.

/// "Stage 4 · Load balancing".
QString stageHeadline(const engine::StageAssessment& stage);
/// "Saturates", "N+1", "Replica lag", ...
QString findingKindTitle(engine::FindingKind kind);
/// "More instances", "Cache", "External pooler", ...
QString patternTitle(engine::Pattern pattern);
/// The finding in a few words: "db saturates at 3.3×", "pool app → db makes requests wait".
QString findingTitle(const engine::Finding& finding);
/// The undo step of a recommendation: "Advisor: bigger instances for db".
QString recommendationUndoText(const engine::Finding& finding, const engine::Recommendation& recommendation);

/// "utilization" -> "utilization", "p99_lag_ms" -> "p99 lag".
QString figureLabel(std::string_view key);
/// A figure in its unit: "250%", "1.07 s" or "1,075 ms", "3.3×", "15"; empty is "∞".
QString figureValue(std::string_view key, std::optional<double> value);
/// "utilization 250% · saturates at 3.3×".
QString figuresText(const engine::Figures& figures);
/// "utilization 250% → 67%", one line per figure in `before` that the change moves.
QString beforeAfterText(const engine::Figures& before, const engine::Figures& after);
/// "+150 a month", "−1,500 a month", "no change in cost".
QString costText(double deltaPerMonth);

QColor severityColour(engine::Severity severity);
QString severityTitle(engine::Severity severity);
QIcon severityIcon(engine::Severity severity);

/// A word-wrapped plain-text label: what every line of the advisor's cards is.
QLabel* wrappedLabel(const QString& text, QWidget* parent);

} // namespace headroom::ui::advisor
