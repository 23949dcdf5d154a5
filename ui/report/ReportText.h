// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

#include <cstdint>
#include <optional>

namespace headroom::ui::report {

/// Figures in a report. A report is read away from the tool, so an infinite figure
/// never reaches it as a symbol or a NaN: a saturated queue's wait reads "saturated",
/// a figure that does not apply (no traffic, no limit) reads as a dash.
inline const QString kDash = QStringLiteral("\u2014");

/// "17.4 ms"; empty (an infinite response) -> "saturated".
QString responseMs(std::optional<double> value);
/// "62%" (offered load above 100% for a saturated component).
QString utilization(double fraction);
/// "1,250 rps".
QString rate(double rps);
/// "3.2×"; empty (never saturates) -> "—".
QString multiplier(std::optional<double> value);
/// "12", or "—".
QString count(std::optional<std::int64_t> value);
/// A monthly cost rounded to the unit: "4,300".
QString money(double value);
/// The engine's verdict as a sentence: capitalised, with a full stop.
QString verdict(const std::string& utf8);
/// The engine's text with any stray "inf"/"nan" spelled out, for sentences quoted verbatim.
QString sentence(const std::string& utf8);

} // namespace headroom::ui::report
