// SPDX-License-Identifier: MIT
#include "advisor/AdvisorText.h"

#include "Format.h"
#include "Theme.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLocale>
#include <QtCore/QStringList>
#include <QtGui/QIcon>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QStyle>

#include <algorithm>
#include <array>
#include <cmath>

namespace headroom::ui::advisor {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::ui::AdvisorText", text);
}

bool endsWith(std::string_view key, std::string_view suffix)
{
    return key.size() >= suffix.size() && key.substr(key.size() - suffix.size()) == suffix;
}

bool startsWith(std::string_view key, std::string_view prefix)
{
    return key.substr(0, prefix.size()) == prefix;
}

/// Figures that are fractions, shown as percentages.
bool isFraction(std::string_view key)
{
    constexpr std::array kFractions{"utilization", "apply_utilization", "wait_probability", "rejected_fraction",
                                    "read_share", "hit_ratio", "hit_ratio_needed"};
    for (const char* fraction : kFractions) {
        if (key == fraction)
            return true;
    }
    return startsWith(key, "utilization_");
}

} // namespace

QString stageHeadline(const engine::StageAssessment& stage)
{
    return tr("Stage %1 \u00b7 %2").arg(stage.stage).arg(format::text(stage.name));
}

QString findingKindTitle(engine::FindingKind kind)
{
    switch (kind) {
    case engine::FindingKind::Saturates: return tr("Saturates");
    case engine::FindingKind::NPlusOne: return tr("N+1");
    case engine::FindingKind::ReplicaLag: return tr("Replica lag");
    case engine::FindingKind::PoolWait: return tr("Pool wait");
    case engine::FindingKind::Connections: return tr("Connections");
    case engine::FindingKind::Stateful: return tr("Stateful tier");
    case engine::FindingKind::OverEngineering: return tr("Over-engineering");
    }
    return {};
}

QString patternTitle(engine::Pattern pattern)
{
    switch (pattern) {
    case engine::Pattern::MoreInstances: return tr("More instances");
    case engine::Pattern::BiggerInstances: return tr("Bigger instances");
    case engine::Pattern::Cache: return tr("Cache");
    case engine::Pattern::ReadReplicas: return tr("Read replicas");
    case engine::Pattern::ConnectionPool: return tr("Connection pool");
    case engine::Pattern::ExternalPooler: return tr("External pooler");
    case engine::Pattern::Queue: return tr("Job queue");
    case engine::Pattern::Sharding: return tr("Sharding");
    case engine::Pattern::LoadShedding: return tr("Load shedding");
    case engine::Pattern::Stateless: return tr("Stateless");
    case engine::Pattern::Simplify: return tr("Simplify");
    }
    return {};
}

QString findingTitle(const engine::Finding& finding)
{
    const QString who = format::shortText(finding.component);
    const engine::Figures& evidence = finding.evidence;
    switch (finding.kind) {
    case engine::FindingKind::Saturates:
        if (const auto at = engine::figureValue(evidence, "saturates_at"))
            return tr("%1 saturates at %2").arg(who, format::multiplier(at));
        return tr("%1 saturates").arg(who);
    case engine::FindingKind::NPlusOne:
        return finding.severity == engine::Severity::Critical ? tr("%1 cannot lose an instance at peak").arg(who)
                                                              : tr("%1 runs on a single instance").arg(who);
    case engine::FindingKind::ReplicaLag:
        return finding.severity == engine::Severity::Critical
                   ? tr("%1 cannot keep up with the writes").arg(who)
                   : tr("%1 lags %2 behind (p99)").arg(who, format::ms(engine::figureValue(evidence, "p99_lag_ms")));
    case engine::FindingKind::PoolWait:
        return tr("Pool %1 \u2192 %2 makes requests wait").arg(who, format::shortText(finding.linkTo.value_or("")));
    case engine::FindingKind::Connections:
        return tr("%1 gets more connections than it takes").arg(who);
    case engine::FindingKind::Stateful:
        return tr("%1 keeps state on several instances").arg(who);
    case engine::FindingKind::OverEngineering:
        return tr("%1 is more than the load needs").arg(who);
    }
    return who;
}

QString recommendationUndoText(const engine::Finding& finding, const engine::Recommendation& recommendation)
{
    return tr("Advisor: %1 for %2").arg(patternTitle(recommendation.pattern).toLower(), format::shortText(finding.component));
}

QString figureLabel(std::string_view key)
{
    std::string_view base = key;
    for (const std::string_view unit : {std::string_view("_ms"), std::string_view("_rps")}) {
        if (endsWith(base, unit))
            base.remove_suffix(unit.size());
    }
    QString label = format::text(base);
    label.replace(QLatin1Char('_'), QLatin1Char(' '));
    return label;
}

QString figureValue(std::string_view key, std::optional<double> value)
{
    if (endsWith(key, "_ms"))
        return format::ms(value);
    if (!value)
        return QStringLiteral("\u221e");
    if (endsWith(key, "_rps"))
        return format::rps(*value);
    if (isFraction(key))
        return format::percent(*value);
    if (endsWith(key, "_at"))
        return format::multiplier(value);
    if (std::abs(*value - std::round(*value)) < 1e-9)
        return QLocale().toString(*value, 'f', 0);
    return format::number(value);
}

QString figuresText(const engine::Figures& figures)
{
    QStringList parts;
    for (const engine::Figure& figure : figures)
        parts << figureLabel(figure.key) + QLatin1Char(' ') + figureValue(figure.key, figure.value);
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString beforeAfterText(const engine::Figures& before, const engine::Figures& after)
{
    QStringList lines;
    for (const engine::Figure& figure : before) {
        const auto later = std::find_if(after.begin(), after.end(),
                                        [&](const engine::Figure& f) { return f.key == figure.key; });
        if (later == after.end() || later->value == figure.value)
            continue; // an unchanged figure says nothing about the fix
        lines << tr("%1 %2 \u2192 %3")
                     .arg(figureLabel(figure.key), figureValue(figure.key, figure.value),
                          figureValue(figure.key, later->value));
    }
    return lines.join(QLatin1Char('\n'));
}

QString costText(double deltaPerMonth)
{
    if (std::abs(deltaPerMonth) < 0.005)
        return tr("no change in cost");
    const QString amount = QLocale().toString(std::abs(deltaPerMonth), 'f', std::abs(deltaPerMonth) < 100 ? 2 : 0);
    return deltaPerMonth > 0 ? tr("+%1 a month").arg(amount) : tr("\u2212%1 a month").arg(amount);
}

QColor severityColour(engine::Severity severity)
{
    switch (severity) {
    case engine::Severity::Critical: return theme::kCritical;
    case engine::Severity::Warning: return theme::kWarning;
    case engine::Severity::Info: return theme::kInfo;
    }
    return {};
}

QString severityTitle(engine::Severity severity)
{
    switch (severity) {
    case engine::Severity::Critical: return tr("Critical");
    case engine::Severity::Warning: return tr("Warning");
    case engine::Severity::Info: return tr("Info");
    }
    return {};
}

QIcon severityIcon(engine::Severity severity)
{
    QStyle* style = QApplication::style();
    switch (severity) {
    case engine::Severity::Critical: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case engine::Severity::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case engine::Severity::Info: return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return {};
}

QLabel* wrappedLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace headroom::ui::advisor
