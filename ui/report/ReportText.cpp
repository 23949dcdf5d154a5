// SPDX-License-Identifier: MIT
#include "report/ReportText.h"

#include "Format.h"

#include <QtCore/QLocale>
#include <QtCore/QRegularExpression>

#include <cmath>

namespace headroom::ui::report {

QString responseMs(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return QStringLiteral("saturated");
    return format::ms(value);
}

QString utilization(double fraction)
{
    return std::isfinite(fraction) ? format::percent(fraction) : QStringLiteral("saturated");
}

QString rate(double rps)
{
    return std::isfinite(rps) ? format::rps(rps) : kDash;
}

QString multiplier(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return kDash;
    return format::multiplier(value);
}

QString count(std::optional<std::int64_t> value)
{
    return value ? QLocale::c().toString(static_cast<qlonglong>(*value)) : kDash;
}

QString money(double value)
{
    if (!std::isfinite(value))
        return kDash;
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale.toString(std::round(value), 'f', 0);
}

QString sentence(const std::string& utf8)
{
    // The engine words infinite figures ("waits are infinite"); this only guards
    // against a number that slipped through as "inf" or "nan".
    static const QRegularExpression stray(QStringLiteral("\\b(-?inf|nan|infinity)\\b"),
                                          QRegularExpression::CaseInsensitiveOption);
    QString text = format::text(utf8);
    text.replace(stray, QStringLiteral("unbounded"));
    return text;
}

QString verdict(const std::string& utf8)
{
    QString text = sentence(utf8);
    if (text.isEmpty())
        return text;
    text[0] = text[0].toUpper();
    return text.endsWith(QLatin1Char('.')) ? text : text + QLatin1Char('.');
}

} // namespace headroom::ui::report
