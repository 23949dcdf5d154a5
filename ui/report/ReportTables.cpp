// SPDX-License-Identifier: MIT
#include "report/ReportTables.h"

#include "report/ReportText.h"

#include "Format.h"

namespace headroom::ui::report {

TextTable componentTable(const ReportContent& content)
{
    TextTable table;
    table.headings = {QStringLiteral("Component"), QStringLiteral("Kind"),     QStringLiteral("Arrival"),
                      QStringLiteral("Utilization"), QStringLiteral("Response"), QStringLiteral("p99"),
                      QStringLiteral("Headroom"),  QStringLiteral("Instances"),
                      QStringLiteral("At %1").arg(multiplier(content.planningAt))};
    table.numeric = {false, false, true, true, true, true, true, true, true};
    for (const ComponentRow& row : content.rows) {
        const QString name = row.label.isEmpty() || row.label == row.id
                                 ? row.id
                                 : row.id + QStringLiteral(" (") + row.label + QLatin1Char(')');
        if (!row.station) {
            // Clients and externals do not queue: their load is a rate, their response a delay.
            const bool external = content.model().components[row.component].kind == engine::ComponentKind::External;
            table.rows << QStringList{name,  row.kind, rate(row.arrivalRps), kDash,
                                      external ? responseMs(row.responseMs) : kDash,
                                      external ? responseMs(row.p99Ms) : kDash,
                                      kDash, kDash, kDash};
            table.loads << 0.0;
            table.saturated << false;
            continue;
        }
        table.rows << QStringList{name,
                                  row.kind,
                                  rate(row.arrivalRps),
                                  utilization(row.utilization),
                                  responseMs(row.saturated ? std::nullopt : row.responseMs),
                                  responseMs(row.saturated ? std::nullopt : row.p99Ms),
                                  multiplier(row.headroom),
                                  count(row.instances),
                                  content.tenX ? count(row.requiredInstances) : kDash};
        table.loads << row.utilization;
        table.saturated << row.saturated;
    }
    return table;
}

QStringList componentNotes(const ReportContent& content)
{
    QStringList notes;
    for (const ComponentRow& row : content.rows) {
        if (!row.notes.trimmed().isEmpty())
            notes << row.id + QStringLiteral(": ") + row.notes.simplified();
    }
    return notes;
}

TextTable planTable(const ReportContent& content)
{
    TextTable table;
    if (!content.tenX)
        return table;
    const engine::Model& model = content.model();
    table.headings = {QStringLiteral("Station"), QStringLiteral("Instances now"),
                      QStringLiteral("Utilization at %1").arg(multiplier(content.planningAt)),
                      QStringLiteral("Instances needed"), QStringLiteral("Utilization after"),
                      QStringLiteral("Cost now / month"), QStringLiteral("Cost after / month")};
    table.numeric = {false, true, true, true, true, true, true};
    for (const engine::InstancePlan& p : content.tenX->plan.components) {
        table.rows << QStringList{format::text(model.components[p.component].id),
                                  count(p.instances),
                                  utilization(p.utilizationNow),
                                  p.requiredInstances ? count(p.requiredInstances) : QStringLiteral("hot spot"),
                                  p.utilizationAfter ? utilization(*p.utilizationAfter) : kDash,
                                  money(p.costNow),
                                  money(p.costAfter)};
        table.loads << p.utilizationNow;
        table.saturated << (p.utilizationNow >= 1.0);
    }
    for (const engine::PoolPlan& p : content.tenX->plan.pools) {
        const engine::Link& link = model.links[p.link];
        table.rows << QStringList{QStringLiteral("pool %1 \u2192 %2").arg(format::text(link.from), format::text(link.to)),
                                  count(p.poolSize),
                                  kDash,
                                  count(p.requiredPoolSize),
                                  p.utilizationAfter ? utilization(*p.utilizationAfter) : kDash,
                                  kDash,
                                  kDash};
        table.loads << 0.0;
        table.saturated << false;
    }
    table.rows << QStringList{QStringLiteral("Total"), QString(), QString(), QString(), QString(),
                              money(content.tenX->plan.costNow), money(content.tenX->plan.costAfter)};
    table.loads << 0.0;
    table.saturated << false;
    return table;
}

} // namespace headroom::ui::report
