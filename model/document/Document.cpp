// SPDX-License-Identifier: MIT
#include "document/Document.h"

#include "document/AutoLayout.h"

#include <algorithm>

namespace headroom::model {

Document::Document(QObject* parent) : QObject(parent)
{
}

Document::~Document()
{
    // Commands refer to the document: drop them before the model goes.
    m_undoStack.clear();
}

const engine::Component& Document::component(ComponentId id) const
{
    Q_ASSERT(contains(id));
    return m_model.components[static_cast<std::size_t>(indexOf(id))];
}

const engine::Link& Document::link(LinkId id) const
{
    Q_ASSERT(contains(id));
    return m_model.links[static_cast<std::size_t>(indexOf(id))];
}

engine::Component& Document::mutableComponent(ComponentId id)
{
    Q_ASSERT(contains(id));
    return m_model.components[static_cast<std::size_t>(indexOf(id))];
}

engine::Link& Document::mutableLink(LinkId id)
{
    Q_ASSERT(contains(id));
    return m_model.links[static_cast<std::size_t>(indexOf(id))];
}

void Document::rebuildNames() const
{
    if (!m_namesDirty)
        return;
    m_byName.clear();
    for (qsizetype i = 0; i < m_componentIds.size(); ++i)
        m_byName.emplace(m_model.components[static_cast<std::size_t>(i)].id, m_componentIds[i]);
    m_namesDirty = false;
}

ComponentId Document::findComponent(std::string_view name) const
{
    rebuildNames();
    const auto it = m_byName.find(std::string(name));
    return it == m_byName.end() ? ComponentId::invalid() : it->second;
}

LinkId Document::findLink(ComponentId from, ComponentId to) const
{
    if (!contains(from) || !contains(to))
        return LinkId::invalid();
    const std::string& fromName = component(from).id;
    const std::string& toName = component(to).id;
    for (qsizetype i = 0; i < m_linkIds.size(); ++i) {
        const engine::Link& l = m_model.links[static_cast<std::size_t>(i)];
        if (l.from == fromName && l.to == toName)
            return m_linkIds[i];
    }
    return LinkId::invalid();
}

ComponentId Document::linkSource(LinkId id) const
{
    return contains(id) ? findComponent(link(id).from) : ComponentId::invalid();
}

ComponentId Document::linkTarget(LinkId id) const
{
    return contains(id) ? findComponent(link(id).to) : ComponentId::invalid();
}

QList<LinkId> Document::linksOf(ComponentId id) const
{
    QList<LinkId> out;
    if (!contains(id))
        return out;
    const std::string& name = component(id).id;
    for (qsizetype i = 0; i < m_linkIds.size(); ++i) {
        const engine::Link& l = m_model.links[static_cast<std::size_t>(i)];
        if (l.from == name || l.to == name)
            out.append(m_linkIds[i]);
    }
    return out;
}

QPointF Document::position(ComponentId id) const
{
    const engine::Component& c = component(id);
    return {c.valueOr(engine::Field::X, 0.0), c.valueOr(engine::Field::Y, 0.0)};
}

std::string Document::uniqueName(std::string_view base, const std::set<std::string>& reserved) const
{
    rebuildNames();
    std::string stem(base.empty() ? std::string_view("component") : base);
    if (stem.size() > 56)
        stem.resize(56);
    const auto free = [&](const std::string& name) { return !m_byName.contains(name) && !reserved.contains(name); };
    if (free(stem))
        return stem;
    for (int n = 2;; ++n) {
        std::string candidate = stem + "-" + std::to_string(n);
        if (free(candidate))
            return candidate;
    }
}

void Document::reindexComponents()
{
    m_componentIndex.clear();
    m_componentIndex.reserve(m_componentIds.size());
    for (qsizetype i = 0; i < m_componentIds.size(); ++i)
        m_componentIndex.insert(m_componentIds[i], i);
    m_namesDirty = true;
}

void Document::reindexLinks()
{
    m_linkIndex.clear();
    m_linkIndex.reserve(m_linkIds.size());
    for (qsizetype i = 0; i < m_linkIds.size(); ++i)
        m_linkIndex.insert(m_linkIds[i], i);
}

void Document::load(engine::Model model)
{
    m_undoStack.clear();
    layoutMissingPositions(model);
    m_model = std::move(model);
    m_componentIds.clear();
    m_linkIds.clear();
    for (std::size_t i = 0; i < m_model.components.size(); ++i)
        m_componentIds.append(allocateComponentId());
    for (std::size_t i = 0; i < m_model.links.size(); ++i)
        m_linkIds.append(allocateLinkId());
    reindexComponents();
    reindexLinks();
    emit modelReset();
}

void Document::insertComponent(qsizetype index, ComponentId id, engine::Component component)
{
    Q_ASSERT(id.isValid() && !contains(id));
    Q_ASSERT(index >= 0 && index <= m_componentIds.size());
    m_model.components.insert(m_model.components.begin() + index, std::move(component));
    m_componentIds.insert(index, id);
    reindexComponents();
    emit componentAdded(id);
}

engine::Component Document::takeComponent(ComponentId id)
{
    const qsizetype index = indexOf(id);
    Q_ASSERT(index >= 0);
    engine::Component taken = std::move(m_model.components[static_cast<std::size_t>(index)]);
    m_model.components.erase(m_model.components.begin() + index);
    m_componentIds.removeAt(index);
    reindexComponents();
    emit componentRemoved(id);
    return taken;
}

void Document::insertLink(qsizetype index, LinkId id, engine::Link link)
{
    Q_ASSERT(id.isValid() && !contains(id));
    Q_ASSERT(index >= 0 && index <= m_linkIds.size());
    m_model.links.insert(m_model.links.begin() + index, std::move(link));
    m_linkIds.insert(index, id);
    reindexLinks();
    emit linkAdded(id);
}

engine::Link Document::takeLink(LinkId id)
{
    const qsizetype index = indexOf(id);
    Q_ASSERT(index >= 0);
    engine::Link taken = std::move(m_model.links[static_cast<std::size_t>(index)]);
    m_model.links.erase(m_model.links.begin() + index);
    m_linkIds.removeAt(index);
    reindexLinks();
    emit linkRemoved(id);
    return taken;
}

void Document::setField(ComponentId id, engine::Field field, std::optional<double> value)
{
    Q_ASSERT(field != engine::Field::X && field != engine::Field::Y);
    engine::Component& c = mutableComponent(id);
    if (c.get(field) == value)
        return;
    c.set(field, value);
    emit componentChanged(id, field);
}

void Document::setPosition(ComponentId id, std::optional<double> x, std::optional<double> y)
{
    engine::Component& c = mutableComponent(id);
    if (c.get(engine::Field::X) == x && c.get(engine::Field::Y) == y)
        return;
    c.set(engine::Field::X, x);
    c.set(engine::Field::Y, y);
    emit componentMoved(id);
}

void Document::setText(ComponentId id, ComponentText which, const std::string& text)
{
    engine::Component& c = mutableComponent(id);
    switch (which) {
    case ComponentText::Label:
        if (c.label == text)
            return;
        c.label = text;
        break;
    case ComponentText::Notes:
        if (c.notes == text)
            return;
        c.notes = text;
        break;
    case ComponentText::Id: {
        if (c.id == text)
            return;
        const std::string old = c.id;
        c.id = text;
        m_namesDirty = true;
        // Links and overrides name the component by its text id: follow the rename,
        // unless another component still answers to the old name.
        if (!findComponent(old).isValid()) {
            for (qsizetype i = 0; i < m_linkIds.size(); ++i) {
                engine::Link& l = m_model.links[static_cast<std::size_t>(i)];
                const bool touched = l.from == old || l.to == old;
                if (l.from == old)
                    l.from = text;
                if (l.to == old)
                    l.to = text;
                if (touched)
                    emit linkChanged(m_linkIds[i]);
            }
            for (engine::Scenario& s : m_model.scenarios) {
                for (engine::Override& o : s.overrides) {
                    if (o.component == old)
                        o.component = text;
                }
            }
        }
        break;
    }
    }
    emit componentTextChanged(id, which);
}

void Document::setKind(ComponentId id, engine::ComponentKind kind, std::optional<engine::DatabaseRole> role)
{
    engine::Component& c = mutableComponent(id);
    if (c.kind == kind && c.role == role)
        return;
    c.kind = kind;
    c.role = role;
    emit componentKindChanged(id);
    // The default kind of a link depends on its target's kind (async into a queue).
    for (const LinkId l : linksOf(id))
        emit linkChanged(l);
}

void Document::setLinkField(LinkId id, engine::LinkField field, std::optional<double> value)
{
    engine::Link& l = mutableLink(id);
    if (l.get(field) == value)
        return;
    l.set(field, value);
    emit linkChanged(id);
}

void Document::setLinkKind(LinkId id, std::optional<engine::LinkKind> kind)
{
    engine::Link& l = mutableLink(id);
    if (l.kind == kind)
        return;
    l.kind = kind;
    emit linkChanged(id);
}

std::vector<Document::PlacedOverride> Document::takeOverrides(const std::string& component)
{
    std::vector<PlacedOverride> taken;
    for (std::size_t s = 0; s < m_model.scenarios.size(); ++s) {
        auto& overrides = m_model.scenarios[s].overrides;
        for (std::size_t i = 0; i < overrides.size(); ++i) {
            if (overrides[i].component == component)
                taken.push_back({s, i, overrides[i]});
        }
    }
    for (auto it = taken.rbegin(); it != taken.rend(); ++it) {
        auto& overrides = m_model.scenarios[it->scenario].overrides;
        overrides.erase(overrides.begin() + static_cast<std::ptrdiff_t>(it->index));
    }
    if (!taken.empty())
        emit scenariosChanged();
    return taken;
}

void Document::restoreOverrides(const std::vector<PlacedOverride>& overrides)
{
    for (const PlacedOverride& placed : overrides) {
        Q_ASSERT(placed.scenario < m_model.scenarios.size());
        auto& list = m_model.scenarios[placed.scenario].overrides;
        list.insert(list.begin() + static_cast<std::ptrdiff_t>(std::min(placed.index, list.size())), placed.value);
    }
    if (!overrides.empty())
        emit scenariosChanged();
}

} // namespace headroom::model
