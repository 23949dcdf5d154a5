// SPDX-License-Identifier: MIT
#include "document/PasteCommand.h"

#include "engine/AutoLayout.h"
#include "document/ComponentCommands.h"
#include "document/LinkCommands.h"
#include "engine/Validation.h"

#include <QtCore/QCoreApplication>

#include <set>
#include <unordered_map>

namespace headroom::model {

namespace {

/// "app-3" -> "app": a copy of a copy is named after the original.
std::string stemOf(const std::string& id)
{
    const std::size_t dash = id.rfind('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 == id.size())
        return id;
    for (std::size_t i = dash + 1; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9')
            return id;
    }
    return id.substr(0, dash);
}

} // namespace

PasteCommand::PasteCommand(Document* document, const engine::Model& fragment, QPointF offset, QUndoCommand* parent)
    : QUndoCommand(parent)
{
    const std::size_t n = fragment.components.size();
    setText(n == 1 ? QCoreApplication::translate("headroom::model::Commands", "Paste 1 component")
                   : QCoreApplication::translate("headroom::model::Commands", "Paste %1 components").arg(n));
    engine::Model placed = fragment;
    placed.scenarios.clear();
    engine::layoutMissingPositions(placed);

    std::set<std::string> taken;
    std::unordered_map<std::string, std::string> renamed;
    for (engine::Component& c : placed.components) {
        std::string stem = stemOf(c.id);
        if (!engine::isValidId(stem))
            stem = "component";
        std::string name = document->uniqueName(stem, taken);
        taken.insert(name);
        renamed.emplace(c.id, name);
        c.id = name;
        c.set(engine::Field::X, c.valueOr(engine::Field::X, 0.0) + offset.x());
        c.set(engine::Field::Y, c.valueOr(engine::Field::Y, 0.0) + offset.y());
        m_components.append((new AddComponentCommand(document, std::move(c), this))->componentId());
    }
    for (engine::Link& l : placed.links) {
        const auto from = renamed.find(l.from);
        const auto to = renamed.find(l.to);
        if (from == renamed.end() || to == renamed.end())
            continue;
        l.from = from->second;
        l.to = to->second;
        m_links.append((new AddLinkCommand(document, std::move(l), this))->linkId());
    }
}

} // namespace headroom::model
