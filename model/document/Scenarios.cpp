// SPDX-License-Identifier: MIT
#include "document/Scenarios.h"

#include "document/WhatIfCommands.h"

#include <QtCore/QCoreApplication>

#include <algorithm>

namespace headroom::model {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::model::Commands", text);
}

void push(Document& document, std::vector<engine::Scenario> scenarios, engine::Scenario whatIf, const QString& text)
{
    document.undoStack()->push(new ChangeScenariosCommand(&document, std::move(scenarios), std::move(whatIf), text));
}

std::vector<engine::Scenario>::iterator find(std::vector<engine::Scenario>& list, const std::string& name)
{
    return std::find_if(list.begin(), list.end(), [&](const engine::Scenario& s) { return s.name == name; });
}

} // namespace

std::optional<QString> scenarioNameProblem(const Document& document, const QString& name, const QString& renaming)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("a scenario needs a name");
    if (trimmed != name)
        return tr("a name cannot start or end with spaces");
    if (name != renaming && document.model().findScenario(name.toStdString()))
        return tr("there is already a scenario called \u201c%1\u201d").arg(name);
    return std::nullopt;
}

void saveScenario(Document& document, const std::string& name)
{
    std::vector<engine::Scenario> scenarios = document.model().scenarios;
    engine::Scenario layer = document.whatIf();
    layer.name = name;
    if (const auto it = find(scenarios, name); it != scenarios.end())
        *it = layer;
    else
        scenarios.push_back(layer);
    push(document, std::move(scenarios), std::move(layer), tr("Save scenario %1").arg(QString::fromStdString(name)));
}

void renameScenario(Document& document, const std::string& from, const std::string& to)
{
    std::vector<engine::Scenario> scenarios = document.model().scenarios;
    const auto it = find(scenarios, from);
    if (it == scenarios.end())
        return;
    it->name = to;
    engine::Scenario layer = document.whatIf();
    if (layer.name == from)
        layer.name = to;
    push(document, std::move(scenarios), std::move(layer),
         tr("Rename scenario %1 to %2").arg(QString::fromStdString(from), QString::fromStdString(to)));
}

void deleteScenario(Document& document, const std::string& name)
{
    std::vector<engine::Scenario> scenarios = document.model().scenarios;
    const auto it = find(scenarios, name);
    if (it == scenarios.end())
        return;
    scenarios.erase(it);
    engine::Scenario layer = document.whatIf();
    if (layer.name == name)
        layer.name.clear();
    push(document, std::move(scenarios), std::move(layer), tr("Delete scenario %1").arg(QString::fromStdString(name)));
}

void switchScenario(Document& document, const std::string& name)
{
    engine::Scenario layer;
    if (!name.empty()) {
        const engine::Scenario* scenario = document.model().findScenario(name);
        if (!scenario)
            return;
        layer = *scenario;
    }
    push(document, document.model().scenarios, std::move(layer),
         name.empty() ? tr("Show the base model") : tr("Show scenario %1").arg(QString::fromStdString(name)));
}

void resetWhatIf(Document& document)
{
    push(document, document.model().scenarios, engine::Scenario{}, tr("Reset what-if"));
}

} // namespace headroom::model
