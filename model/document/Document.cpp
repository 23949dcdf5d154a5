// SPDX-License-Identifier: MIT
#include "document/Document.h"

#include "engine/AutoLayout.h"

#include <algorithm>
#include <tuple>

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

void Document::load(engine::Model model, std::string_view activeScenario)
{
    m_undoStack.clear();
    engine::layoutMissingPositions(model);
    m_model = std::move(model);
    const engine::Scenario* active = activeScenario.empty() ? nullptr : m_model.findScenario(activeScenario);
    m_whatIf = active ? *active : engine::Scenario{};
    m_measurements.clear();
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

void Document::setMeasurements(std::vector<engine::Measurement> measurements)
{
    m_measurements = std::move(measurements);
    emit calibrationChanged();
}

void Document::setCalibrationMarks(ComponentId id, std::vector<engine::CalibrationMark> marks)
{
    mutableComponent(id).calibrated = std::move(marks);
    emit calibrationChanged();
}

void Document::setLinkCalibrationMarks(LinkId id, std::vector<engine::CalibrationMark> marks)
{
    mutableLink(id).calibrated = std::move(marks);
    emit calibrationChanged();
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
            const auto renameIn = [&](engine::Scenario& s) {
                bool touched = false;
                for (engine::Override& o : s.overrides) {
                    if (o.component == old) {
                        o.component = text;
                        touched = true;
                    }
                }
                for (engine::LinkOverride& o : s.linkOverrides) {
                    for (std::string* end : {&o.from, &o.to}) {
                        if (*end == old) {
                            *end = text;
                            touched = true;
                        }
                    }
                }
                return touched;
            };
            for (engine::Scenario& s : m_model.scenarios)
                renameIn(s);
            if (renameIn(m_whatIf))
                emit whatIfChanged();
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

// ---- the what-if layer and the scenarios ---------------------------------------------

namespace {

/// Overrides sorted by component and field key (links: by their ends and field key): the
/// order in which a model file reads them back.
bool before(const engine::Override& a, const engine::Override& b)
{
    return std::tie(a.component, engine::fieldRule(a.field).key) <
           std::tie(b.component, engine::fieldRule(b.field).key);
}

bool before(const engine::LinkOverride& a, const engine::LinkOverride& b)
{
    return std::tie(a.from, a.to, engine::linkFieldRule(a.field).key) <
           std::tie(b.from, b.to, engine::linkFieldRule(b.field).key);
}

/// Sets (or, for an empty value, removes) the override `probe` names, keeping the list sorted.
template <typename T, typename Same>
bool setOverride(std::vector<T>& list, T probe, std::optional<double> value, Same same)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const T& o) { return same(o, probe); });
    if (it != list.end()) {
        if (value && it->value == *value)
            return false;
        if (value)
            it->value = *value;
        else
            list.erase(it);
        return true;
    }
    if (!value)
        return false;
    probe.value = *value;
    list.insert(std::upper_bound(list.begin(), list.end(), probe, [](const T& a, const T& b) { return before(a, b); }),
                probe);
    return true;
}

template <typename T, typename Match>
void takeMatching(std::vector<T>& list, std::size_t scenario, Match match,
                  std::vector<Document::Placed<T>>& taken)
{
    const std::size_t first = taken.size();
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (match(list[i]))
            taken.push_back({scenario, i, list[i]});
    }
    for (std::size_t k = taken.size(); k > first; --k)
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(taken[k - 1].index));
}

template <typename T>
void putBack(std::vector<T>& list, const Document::Placed<T>& placed)
{
    list.insert(list.begin() + static_cast<std::ptrdiff_t>(std::min(placed.index, list.size())), placed.value);
}

} // namespace

bool Document::whatIfChangesModel() const
{
    return m_whatIf.multiplier.value_or(1.0) != 1.0 || !m_whatIf.overrides.empty() ||
           !m_whatIf.linkOverrides.empty();
}

bool Document::whatIfModified() const
{
    if (m_whatIf.name.empty())
        return false;
    const engine::Scenario* saved = m_model.findScenario(m_whatIf.name);
    return !saved || saved->multiplier.value_or(1.0) != m_whatIf.multiplier.value_or(1.0) ||
           saved->overrides != m_whatIf.overrides || saved->linkOverrides != m_whatIf.linkOverrides;
}

std::optional<double> Document::whatIfValue(const WhatIfKey& key) const
{
    switch (key.target) {
    case WhatIfKey::Target::Multiplier:
        return m_whatIf.multiplier;
    case WhatIfKey::Target::Component: {
        if (!contains(key.component))
            return std::nullopt;
        const std::string& name = component(key.component).id;
        for (const engine::Override& o : m_whatIf.overrides) {
            if (o.component == name && o.field == key.field)
                return o.value;
        }
        return std::nullopt;
    }
    case WhatIfKey::Target::Link: {
        if (!contains(key.link))
            return std::nullopt;
        const engine::Link& l = link(key.link);
        for (const engine::LinkOverride& o : m_whatIf.linkOverrides) {
            if (o.from == l.from && o.to == l.to && o.field == key.linkField)
                return o.value;
        }
        return std::nullopt;
    }
    }
    return std::nullopt;
}

std::optional<double> Document::baseValue(const WhatIfKey& key) const
{
    switch (key.target) {
    case WhatIfKey::Target::Multiplier:
        return 1.0;
    case WhatIfKey::Target::Component:
        return contains(key.component) ? component(key.component).get(key.field) : std::nullopt;
    case WhatIfKey::Target::Link:
        return contains(key.link) ? link(key.link).get(key.linkField) : std::nullopt;
    }
    return std::nullopt;
}

void Document::setWhatIfValue(const WhatIfKey& key, std::optional<double> value)
{
    bool changed = false;
    switch (key.target) {
    case WhatIfKey::Target::Multiplier:
        changed = m_whatIf.multiplier != value;
        m_whatIf.multiplier = value;
        break;
    case WhatIfKey::Target::Component:
        changed = setOverride(m_whatIf.overrides, engine::Override{component(key.component).id, key.field, 0.0}, value,
                              [](const engine::Override& a, const engine::Override& b) {
                                  return a.component == b.component && a.field == b.field;
                              });
        break;
    case WhatIfKey::Target::Link: {
        const engine::Link& l = link(key.link);
        changed = setOverride(m_whatIf.linkOverrides, engine::LinkOverride{l.from, l.to, key.linkField, 0.0}, value,
                              [](const engine::LinkOverride& a, const engine::LinkOverride& b) {
                                  return a.from == b.from && a.to == b.to && a.field == b.field;
                              });
        break;
    }
    }
    if (changed)
        emit whatIfChanged();
}

void Document::setWhatIf(engine::Scenario layer)
{
    if (layer == m_whatIf)
        return;
    m_whatIf = std::move(layer);
    emit whatIfChanged();
}

void Document::setScenarios(std::vector<engine::Scenario> scenarios)
{
    if (scenarios == m_model.scenarios)
        return;
    m_model.scenarios = std::move(scenarios);
    emit scenariosChanged();
}

engine::Scenario& Document::scenarioAt(std::size_t scenario)
{
    if (scenario == kWhatIfLayer)
        return m_whatIf;
    Q_ASSERT(scenario < m_model.scenarios.size());
    return m_model.scenarios[scenario];
}

void Document::emitOverrideSignals(const TakenOverrides& overrides)
{
    const auto inLayer = [](const auto& placed) { return placed.scenario == kWhatIfLayer; };
    const auto inScenario = [](const auto& placed) { return placed.scenario != kWhatIfLayer; };
    const auto& c = overrides.components;
    const auto& l = overrides.links;
    if (std::any_of(c.begin(), c.end(), inScenario) || std::any_of(l.begin(), l.end(), inScenario))
        emit scenariosChanged();
    if (std::any_of(c.begin(), c.end(), inLayer) || std::any_of(l.begin(), l.end(), inLayer))
        emit whatIfChanged();
}

Document::TakenOverrides Document::takeOverrides(const std::string& component)
{
    TakenOverrides taken;
    for (std::size_t s = 0; s <= m_model.scenarios.size(); ++s) {
        const std::size_t where = s == m_model.scenarios.size() ? kWhatIfLayer : s;
        engine::Scenario& scenario = scenarioAt(where);
        takeMatching(scenario.overrides, where, [&](const engine::Override& o) { return o.component == component; },
                     taken.components);
        takeMatching(scenario.linkOverrides, where,
                     [&](const engine::LinkOverride& o) { return o.from == component || o.to == component; },
                     taken.links);
    }
    emitOverrideSignals(taken);
    return taken;
}

Document::TakenOverrides Document::takeLinkOverrides(const std::string& from, const std::string& to)
{
    TakenOverrides taken;
    for (std::size_t s = 0; s <= m_model.scenarios.size(); ++s) {
        const std::size_t where = s == m_model.scenarios.size() ? kWhatIfLayer : s;
        takeMatching(scenarioAt(where).linkOverrides, where,
                     [&](const engine::LinkOverride& o) { return o.from == from && o.to == to; }, taken.links);
    }
    emitOverrideSignals(taken);
    return taken;
}

void Document::restoreOverrides(const TakenOverrides& overrides)
{
    for (const Placed<engine::Override>& placed : overrides.components)
        putBack(scenarioAt(placed.scenario).overrides, placed);
    for (const Placed<engine::LinkOverride>& placed : overrides.links)
        putBack(scenarioAt(placed.scenario).linkOverrides, placed);
    emitOverrideSignals(overrides);
}

} // namespace headroom::model
