// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/Result.h"

#include <QtCore/QString>

#include <optional>
#include <string_view>

namespace headroom::ui::format {

/// Presentation only: every figure comes from the engine; these turn it into text.

QString text(std::string_view utf8);

/// The most characters of user text (a name, a label, an id, a description, a message that
/// quotes them) that a label, a title, a card or a tooltip lays out: laying out megabytes of
/// text in a QLabel takes minutes and gigabytes. The document keeps the whole text.
inline constexpr qsizetype kMostShownCharacters = 200;
/// The same for a message (an error, a warning) that may quote user text.
inline constexpr qsizetype kMostMessageCharacters = 600;
/// User text to show: at most `most` characters, cut with an ellipsis ("…"). Decodes only
/// the start of a long text.
QString shortText(std::string_view utf8, qsizetype most = kMostShownCharacters);
/// The same for text already decoded (a message that quotes user text).
QString elided(const QString& text, qsizetype most = kMostShownCharacters);
/// 0.623 -> "62%", 0.074 -> "7.4%"; for badges.
QString percent(double fraction);
/// About three significant digits: "17.4 ms", "0.312 ms", "1,204 ms"; empty -> "∞ ms".
QString ms(std::optional<double> value);
/// "5,000 rps", "12.5 rps".
QString rps(double value);
/// "2.1×"; empty -> "∞".
QString multiplier(std::optional<double> value);
/// A plain number for tables, about four significant digits, "∞" when empty,
/// "<0.001" below a thousandth.
QString number(std::optional<double> value);

/// "1 error", "3 errors" (the application ships no translations, so no "%n error(s)").
QString counted(qsizetype n, const QString& one, const QString& many);

/// "Erlang C (M/M/c)" ...
QString methodName(engine::Method method);
/// The formula the method uses, in one line for tooltips.
QString methodFormula(engine::Method method);

/// What a component is called on the diagram: its label, else its id (shortText).
QString displayName(const engine::Component& component);
/// "Database (replica)", "App server".
QString kindTitle(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role = {});

/// The figures of a component, with the formula behind them (rich text).
QString componentFigures(const engine::Component& component, const engine::ComponentResult& result, bool bottleneck);
/// The tooltip of a component on the diagram: its figures and the formula behind them.
QString componentTooltip(const engine::Component& component, const engine::ComponentResult* result,
                         bool bottleneck, const QStringList& problems);

} // namespace headroom::ui::format
