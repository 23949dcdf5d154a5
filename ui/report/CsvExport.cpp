// SPDX-License-Identifier: MIT
#include "report/CsvExport.h"

#include "report/ReportContent.h"

#include <QtCore/QStringList>

#include <charconv>
#include <cmath>

namespace headroom::ui::report {

namespace {

/// A field quoted when it must be. Text that a spreadsheet would run as a formula
/// (labels are user input) is prefixed with an apostrophe.
QString field(QString text)
{
    if (!text.isEmpty() && QStringLiteral("=+@\t\r").contains(text.front()))
        text.prepend(QLatin1Char('\''));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')) ||
        text.contains(QLatin1Char('\r'))) {
        text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

/// The shortest decimal that reads back as the same double.
QString number(double value)
{
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return QString::fromLatin1(buffer, static_cast<qsizetype>(end - buffer));
}

QString figure(const std::optional<double>& value, bool applies)
{
    if (!applies)
        return {};
    if (!value || !std::isfinite(*value))
        return QStringLiteral("saturated");
    return number(*value);
}

} // namespace

QByteArray resultsCsv(const ReportContent& content)
{
    const QStringList header{QStringLiteral("id"),
                             QStringLiteral("label"),
                             QStringLiteral("kind"),
                             QStringLiteral("arrival_rps"),
                             QStringLiteral("utilization"),
                             QStringLiteral("mean_response_ms"),
                             QStringLiteral("p99_response_ms"),
                             QStringLiteral("headroom_multiplier"),
                             QStringLiteral("instances"),
                             QStringLiteral("instances_required"),
                             QStringLiteral("saturated")};
    QString out = header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (const ComponentRow& row : content.rows) {
        const bool external = content.model().components[row.component].kind == engine::ComponentKind::External;
        QStringList cells{field(row.id), field(row.label), field(row.kind), number(row.arrivalRps)};
        cells << (row.station ? number(row.utilization) : QString());
        cells << figure(row.saturated ? std::nullopt : row.responseMs, row.station || external);
        cells << figure(row.saturated ? std::nullopt : row.p99Ms, row.station || external);
        // An empty headroom is a station no traffic reaches: it never saturates.
        cells << (row.station && row.headroom ? number(*row.headroom) : QString());
        cells << (row.station ? QString::number(row.instances) : QString());
        cells << (row.requiredInstances ? QString::number(*row.requiredInstances) : QString());
        cells << (row.saturated ? QStringLiteral("true") : QStringLiteral("false"));
        out += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

} // namespace headroom::ui::report
