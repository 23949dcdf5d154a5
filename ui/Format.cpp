// SPDX-License-Identifier: MIT
#include "Format.h"

#include "Theme.h"

#include "document/CommandText.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLocale>
#include <QtCore/QStringList>

#include <algorithm>
#include <cmath>

namespace headroom::ui::format {

namespace {

QString tr(const char* source)
{
    return QCoreApplication::translate("headroom::ui::format", source);
}

QString significant(double value)
{
    const double magnitude = std::fabs(value);
    if (magnitude >= 1000.0)
        return QLocale().toString(value, 'f', 0);
    if (magnitude >= 100.0)
        return QString::number(value, 'f', 0);
    if (magnitude >= 10.0)
        return QString::number(value, 'f', 1);
    if (magnitude >= 1.0)
        return QString::number(value, 'f', 2);
    if (magnitude == 0.0)
        return QStringLiteral("0");
    return QString::number(value, 'g', 3);
}

QString row(const QString& name, const QString& value)
{
    return QStringLiteral("<tr><td>%1</td><td align='right'>&nbsp;&nbsp;%2</td></tr>").arg(name, value);
}

} // namespace

QString text(std::string_view utf8)
{
    return model::qs(utf8);
}

QString shortText(std::string_view utf8, qsizetype most)
{
    // A character takes at most four bytes: decoding one more than `most` shows whether it is cut.
    const std::size_t enough = static_cast<std::size_t>(most + 1) * 4;
    return elided(text(utf8.substr(0, std::min(utf8.size(), enough))), most);
}

QString elided(const QString& text, qsizetype most)
{
    if (text.size() <= most)
        return text;
    qsizetype cut = most - 1;
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut; // never half a character
    return text.left(cut) + QChar(0x2026);
}

QString percent(double fraction)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("\u221e");
    const double p = fraction * 100.0;
    if (p >= 10.0)
        return QString::number(p, 'f', 0) + QLatin1Char('%');
    if (p >= 0.05)
        return QString::number(p, 'f', 1) + QLatin1Char('%');
    return p > 0.0 ? QStringLiteral("<0.1%") : QStringLiteral("0%");
}

QString ms(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return QStringLiteral("\u221e ms");
    return significant(*value) + QStringLiteral(" ms");
}

QString rps(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("\u221e rps");
    if (std::fabs(value) >= 100.0)
        return QLocale().toString(value, 'f', 0) + QStringLiteral(" rps");
    return significant(value) + QStringLiteral(" rps");
}

QString multiplier(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return QStringLiteral("\u221e");
    return (*value >= 100.0 ? QLocale().toString(*value, 'f', 0) : QString::number(*value, 'g', 3)) +
           QStringLiteral("\u00d7");
}

QString number(std::optional<double> value)
{
    if (!value || !std::isfinite(*value))
        return QStringLiteral("\u221e");
    const double magnitude = std::fabs(*value);
    if (magnitude > 0.0 && magnitude < 1e-3)
        return *value > 0 ? QStringLiteral("<0.001") : QStringLiteral(">\u22120.001"); // noise, not a figure to read
    if (magnitude >= 1e9)
        return QString::number(*value, 'e', 3);
    if (magnitude >= 1000.0)
        return QLocale().toString(*value, 'f', 0);
    return QString::number(*value, 'g', 4);
}

QString counted(qsizetype n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString methodName(engine::Method method)
{
    switch (method) {
    case engine::Method::None:
        return tr("workload");
    case engine::Method::ErlangC:
        return tr("M/M/c (Erlang C)");
    case engine::Method::AllenCunneen:
        return tr("M/G/c (Allen-Cunneen, approximate)");
    case engine::Method::FiniteCapacity:
        return tr("M/M/c/K (finite capacity)");
    case engine::Method::FixedDelay:
        return tr("fixed delay");
    case engine::Method::MvaExact:
        return tr("exact MVA (closed)");
    case engine::Method::MvaApproximate:
        return tr("approximate MVA (closed)");
    }
    return {};
}

QString methodFormula(engine::Method method)
{
    switch (method) {
    case engine::Method::None:
        return tr("the requests this workload sends");
    case engine::Method::ErlangC:
        return tr("&rho; = &lambda; / (c&mu;); W<sub>q</sub> = C(c, a) / (c&mu; &minus; &lambda;); R = W<sub>q</sub> + 1/&mu;");
    case engine::Method::AllenCunneen:
        return tr("W<sub>q</sub> = C(c, a) / (c&mu; &minus; &lambda;) &middot; (1 + cv&sup2;) / 2; R = W<sub>q</sub> + 1/&mu;");
    case engine::Method::FiniteCapacity:
        return tr("birth-death p<sub>0</sub>..p<sub>K</sub>; B = p<sub>K</sub>; R = L / (&lambda;(1 &minus; B))");
    case engine::Method::FixedDelay:
        return tr("R = latency; never queues");
    case engine::Method::MvaExact:
        return tr("mean value analysis: R<sub>k</sub>(n) = S<sub>k</sub>(1 + Q<sub>k</sub>(n &minus; 1)), X = n / (Z + &Sigma; V<sub>k</sub>R<sub>k</sub>)");
    case engine::Method::MvaApproximate:
        return tr("Schweitzer-Bard MVA: Q<sub>k</sub>(n &minus; 1) &asymp; Q<sub>k</sub>(n)(n &minus; 1)/n");
    }
    return {};
}

QString displayName(const engine::Component& component)
{
    return shortText(component.label.empty() ? component.id : component.label);
}

QString kindTitle(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role)
{
    QString title = text(engine::kindTitle(kind));
    if (kind == engine::ComponentKind::Database)
        title += role == engine::DatabaseRole::Replica ? tr(" (replica)") : tr(" (primary)");
    return title;
}

QString componentFigures(const engine::Component& c, const engine::ComponentResult& result, bool bottleneck)
{
    const engine::ComponentResult* r = &result;
    QString html;
    if (bottleneck)
        html += QStringLiteral("<b style='color:%1'>%2</b><br>")
                    .arg(theme::kAlarm.name(), tr("Bottleneck: the first to saturate as traffic grows"));
    if (r->saturated)
        html += QStringLiteral("<b style='color:%1'>%2</b><br>")
                    .arg(theme::kAlarm.name(),
                         tr("Saturated: offered %1 of its capacity; its queue grows without bound")
                             .arg(percent(r->offeredUtilization)));
    QString rows;
    if (c.kind == engine::ComponentKind::Clients) {
        rows += row(tr("Sends"), rps(r->throughputRps));
    } else {
        rows += row(tr("Arrivals"), rps(r->arrivalRps));
        rows += row(tr("Throughput"), rps(r->throughputRps));
        if (engine::isStation(c.kind)) {
            rows += row(tr("Utilization (busiest instance)"), percent(r->utilization));
            rows += row(tr("P(wait)"), percent(r->waitProbability));
            if (r->blockingProbability > 0.0)
                rows += row(tr("Rejected (capacity)"), percent(r->blockingProbability));
            rows += row(tr("Mean wait"), ms(r->meanWaitMs));
        }
        rows += row(tr("Mean response"), ms(r->avgResponseMs));
        if (r->p95ResponseMs)
            rows += row(tr("p95 / p99 response"), ms(r->p95ResponseMs) + QStringLiteral(" / ") + ms(r->p99ResponseMs));
        rows += row(tr("Requests inside"), number(r->meanInSystem));
        rows += row(tr("Visits per request"), number(r->visitsPerRequest));
        if (engine::isStation(c.kind) && r->headroomMultiplier)
            rows += row(tr("Headroom"), tr("can grow %1").arg(multiplier(r->headroomMultiplier)));
    }
    html += QStringLiteral("<table>%1</table>").arg(rows);
    html += QStringLiteral("<span style='color:%1'>%2: %3%4</span>")
                .arg(theme::kMutedText.name(), methodName(r->method), methodFormula(r->method),
                     r->approximate ? tr(" (approximate)") : QString());
    return html;
}

QString componentTooltip(const engine::Component& c, const engine::ComponentResult* r, bool bottleneck,
                         const QStringList& problems)
{
    QString html = QStringLiteral("<b>%1</b> &nbsp;<span style='color:%2'>%3 &middot; %4</span>")
                       .arg(displayName(c).toHtmlEscaped(), theme::kMutedText.name(), shortText(c.id).toHtmlEscaped(),
                            kindTitle(c.kind, c.role).toHtmlEscaped());
    for (const QString& problem : problems)
        html += QStringLiteral("<br><span style='color:%1'>&#9888; %2</span>")
                    .arg(theme::kError.name(), problem.toHtmlEscaped());
    if (r)
        html += QStringLiteral("<br>") + componentFigures(c, *r, bottleneck);
    return html;
}

} // namespace headroom::ui::format
