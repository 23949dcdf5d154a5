// SPDX-License-Identifier: MIT
#include "ModelEdit.h"

#include <algorithm>
#include <type_traits>

namespace headroom::engine {

namespace {

std::string linkName(std::string_view from, std::string_view to)
{
    return std::string(from) + " -> " + std::string(to);
}

std::vector<Link>::iterator findLink(Model& model, std::string_view from, std::string_view to)
{
    return std::find_if(model.links.begin(), model.links.end(),
                        [&](const Link& l) { return l.from == from && l.to == to; });
}

bool hasLink(const Model& model, std::string_view from, std::string_view to)
{
    return std::any_of(model.links.begin(), model.links.end(),
                       [&](const Link& l) { return l.from == from && l.to == to; });
}

/// Applies one edit in place, or says why it cannot be applied.
std::optional<std::string> applyOne(Model& model, const ModelEdit& edit)
{
    return std::visit(
        [&model](const auto& e) -> std::optional<std::string> {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, AddComponent>) {
                if (model.indexOf(e.component.id))
                    return "a component '" + e.component.id + "' exists already";
                const std::size_t at = std::min(e.position, model.components.size());
                model.components.insert(model.components.begin() + static_cast<std::ptrdiff_t>(at), e.component);
            } else if constexpr (std::is_same_v<E, RemoveComponent>) {
                const auto index = model.indexOf(e.id);
                if (!index)
                    return "no component '" + e.id + "'";
                model.components.erase(model.components.begin() + static_cast<std::ptrdiff_t>(*index));
                std::erase_if(model.links, [&](const Link& l) { return l.from == e.id || l.to == e.id; });
            } else if constexpr (std::is_same_v<E, SetField>) {
                const auto index = model.indexOf(e.component);
                if (!index)
                    return "no component '" + e.component + "'";
                model.components[*index].set(e.field, e.value);
            } else if constexpr (std::is_same_v<E, AddLink>) {
                for (const std::string& end : {e.link.from, e.link.to}) {
                    if (!model.indexOf(end))
                        return "no component '" + end + "'";
                }
                if (hasLink(model, e.link.from, e.link.to))
                    return "a link " + linkName(e.link.from, e.link.to) + " exists already";
                model.links.push_back(e.link);
            } else if constexpr (std::is_same_v<E, RemoveLink>) {
                const auto it = findLink(model, e.from, e.to);
                if (it == model.links.end())
                    return "no link " + linkName(e.from, e.to);
                model.links.erase(it);
            } else if constexpr (std::is_same_v<E, SetLinkField>) {
                const auto it = findLink(model, e.from, e.to);
                if (it == model.links.end())
                    return "no link " + linkName(e.from, e.to);
                it->set(e.field, e.value);
            } else if constexpr (std::is_same_v<E, SetLinkKind>) {
                const auto it = findLink(model, e.from, e.to);
                if (it == model.links.end())
                    return "no link " + linkName(e.from, e.to);
                it->kind = e.kind;
            } else if constexpr (std::is_same_v<E, RetargetLink>) {
                const auto it = findLink(model, e.from, e.to);
                if (it == model.links.end())
                    return "no link " + linkName(e.from, e.to);
                for (const std::string& end : {e.newFrom, e.newTo}) {
                    if (!model.indexOf(end))
                        return "no component '" + end + "'";
                }
                if ((e.newFrom != e.from || e.newTo != e.to) && hasLink(model, e.newFrom, e.newTo))
                    return "a link " + linkName(e.newFrom, e.newTo) + " exists already";
                it->from = e.newFrom;
                it->to = e.newTo;
            }
            return std::nullopt;
        },
        edit);
}

std::string valueText(std::optional<double> value)
{
    return value ? formatNumber(*value) : std::string("its default");
}

} // namespace

Checked<Model> applyEdits(const Model& model, std::span<const ModelEdit> edits)
{
    Model out = model;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        if (auto problem = applyOne(out, edits[i]))
            return Issue{Subject::argument("edits[" + std::to_string(i) + "]"),
                         describeEdit(edits[i]) + ": " + *problem};
    }
    return out;
}

std::string describeEdit(const ModelEdit& edit)
{
    return std::visit(
        [](const auto& e) -> std::string {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, AddComponent>) {
                return "add " + std::string(kindName(e.component.kind)) + " " + e.component.id;
            } else if constexpr (std::is_same_v<E, RemoveComponent>) {
                return "remove " + e.id;
            } else if constexpr (std::is_same_v<E, SetField>) {
                return "set " + e.component + "." + std::string(fieldRule(e.field).key) + " to " + valueText(e.value);
            } else if constexpr (std::is_same_v<E, AddLink>) {
                return "link " + linkName(e.link.from, e.link.to);
            } else if constexpr (std::is_same_v<E, RemoveLink>) {
                return "unlink " + linkName(e.from, e.to);
            } else if constexpr (std::is_same_v<E, SetLinkField>) {
                return "set " + linkName(e.from, e.to) + " " + std::string(linkFieldRule(e.field).key) + " to " +
                       valueText(e.value);
            } else if constexpr (std::is_same_v<E, SetLinkKind>) {
                return "make " + linkName(e.from, e.to) + " " +
                       (e.kind ? std::string(linkKindName(*e.kind)) : std::string("its default kind"));
            } else {
                return "move " + linkName(e.from, e.to) + " to " + linkName(e.newFrom, e.newTo);
            }
        },
        edit);
}

} // namespace headroom::engine
