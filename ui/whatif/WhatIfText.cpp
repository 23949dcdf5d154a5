// SPDX-License-Identifier: MIT
#include "whatif/WhatIfText.h"

#include "Format.h"

#include "document/Document.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>

namespace headroom::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::ui::WhatIf", text);
}

QString valueOf(std::optional<double> value, std::optional<double> fallback)
{
    return value ? format::number(value) : (fallback ? format::number(fallback) : tr("default"));
}

} // namespace

QString whatIfTitle(const model::Document& document)
{
    const engine::Scenario& layer = document.whatIf();
    if (!layer.name.empty()) {
        const QString name = format::shortText(layer.name);
        return document.whatIfModified() ? tr("Scenario \u201c%1\u201d (changed)").arg(name)
                                         : tr("Scenario \u201c%1\u201d").arg(name);
    }
    return document.whatIfChangesModel() ? tr("Unsaved what-if") : tr("Base model");
}

QString whatIfSettings(const model::Document& document)
{
    const engine::Scenario& layer = document.whatIf();
    const engine::Model& model = document.model();
    QStringList parts;
    if (layer.multiplier.value_or(1.0) != 1.0)
        parts << tr("traffic %1").arg(format::multiplier(layer.multiplier));
    for (const engine::Override& o : layer.overrides) {
        const engine::FieldRule& rule = engine::fieldRule(o.field);
        std::optional<double> base;
        if (const auto i = model.indexOf(o.component))
            base = model.components[*i].get(o.field);
        parts << tr("%1 %2 %3 (model %4)")
                     .arg(format::shortText(o.component), format::text(rule.label).toLower(), format::number(o.value),
                          valueOf(base, rule.defaultValue));
    }
    for (const engine::LinkOverride& o : layer.linkOverrides) {
        const engine::FieldRule& rule = engine::linkFieldRule(o.field);
        std::optional<double> base;
        for (const engine::Link& link : model.links) {
            if (link.from == o.from && link.to == o.to)
                base = link.get(o.field);
        }
        parts << tr("%1 \u2192 %2 %3 %4 (model %5)")
                     .arg(format::shortText(o.from), format::shortText(o.to), format::text(rule.label).toLower(),
                          format::number(o.value), valueOf(base, rule.defaultValue));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace headroom::ui
