// SPDX-License-Identifier: MIT
#include "Model.h"

namespace headroom::engine {

std::optional<std::size_t> Model::indexOf(std::string_view id) const
{
    for (std::size_t i = 0; i < components.size(); ++i) {
        if (components[i].id == id)
            return i;
    }
    return std::nullopt;
}

std::unordered_map<std::string_view, std::size_t> Model::indexById() const
{
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(components.size());
    for (std::size_t i = 0; i < components.size(); ++i)
        index.emplace(components[i].id, i);
    return index;
}

const Scenario* Model::findScenario(std::string_view scenarioName) const
{
    for (const Scenario& scenario : scenarios) {
        if (scenario.name == scenarioName)
            return &scenario;
    }
    return nullptr;
}

LinkKind effectiveLinkKind(const Link& link, ComponentKind targetKind)
{
    if (link.kind)
        return *link.kind;
    return targetKind == ComponentKind::Queue ? LinkKind::Async : LinkKind::Sync;
}

} // namespace headroom::engine
