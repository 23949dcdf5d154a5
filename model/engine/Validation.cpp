// SPDX-License-Identifier: MIT
#include "Validation.h"

#include "Sweep.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace headroom::engine {

namespace {

Subject fieldSubject(const Component& c, Field field)
{
    return Subject::component(c.id, std::nullopt, std::string(fieldRule(field).key));
}

std::string kindsOf(Field field)
{
    const FieldRule& rule = fieldRule(field);
    std::string list;
    for (const ComponentKind kind : allKinds()) {
        if (rule.kinds & kindBit(kind))
            list += (list.empty() ? "" : ", ") + std::string(kindName(kind));
    }
    if (rule.role == RoleScope::Primary)
        list += " (role primary)";
    else if (rule.role == RoleScope::Replica)
        list += " (role replica)";
    return list;
}

void checkWorkload(const Model& model, Issues& errors)
{
    int open = 0;
    int closed = 0;
    for (const Component& c : model.components) {
        if (c.kind != ComponentKind::Clients)
            continue;
        if (c.has(Field::RateRps))
            ++open;
        if (c.has(Field::Users))
            ++closed;
    }
    if (open + closed == 0 &&
        std::none_of(model.components.begin(), model.components.end(),
                     [](const Component& c) { return c.kind == ComponentKind::Clients; })) {
        errors.push_back({Subject::model("components"), "the model has no clients component: add one with "
                                                        "rate_rps (an open workload) or users and think_ms (a "
                                                        "closed one)"});
        return;
    }
    if (closed > 0 && (closed > 1 || open > 0)) {
        errors.push_back({Subject::model("components"),
                          "a closed workload has exactly one clients component with users and no clients with "
                          "rate_rps; this model has " +
                              std::to_string(closed) + " closed and " + std::to_string(open) + " open"});
    }
}

void checkLinks(const Model& model, Issues& errors, Issues& warnings)
{
    std::set<std::pair<std::string_view, std::string_view>> seen;
    std::unordered_map<std::string, std::string> primaryOf;
    const auto index = model.indexById();
    const auto find = [&index](const std::string& id) -> std::optional<std::size_t> {
        const auto it = index.find(id);
        return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    };
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        const Link& link = model.links[l];
        const Subject name = Subject::link(link.from, link.to, l);
        const auto from = find(link.from);
        const auto to = find(link.to);
        if (link.from.empty() || link.to.empty()) {
            errors.push_back({name, "a link needs both from and to"});
            continue;
        }
        if (!from)
            errors.push_back({name, "'" + link.from + "' is not a component of this model"});
        if (!to)
            errors.push_back({name, "'" + link.to + "' is not a component of this model"});
        for (const LinkField field : allLinkFields()) {
            if (const auto value = link.get(field)) {
                if (auto problem = linkFieldRule(field).check(*value))
                    errors.push_back({name, std::string(linkFieldRule(field).key) + " " + *problem});
            }
        }
        if (!from || !to)
            continue;
        if (!seen.insert({link.from, link.to}).second) {
            errors.push_back({name, "duplicate link: " + link.from + " already links to " + link.to +
                                        "; use one link and add up the calls"});
        }
        const Component& source = model.components[*from];
        const Component& target = model.components[*to];
        const LinkKind kind = effectiveLinkKind(link, target.kind);
        if (target.kind == ComponentKind::Clients)
            errors.push_back({name, "nothing can call a clients component: clients are where the workload starts"});
        if (kind == LinkKind::Replication) {
            const bool fromPrimary = source.kind == ComponentKind::Database &&
                                     source.effectiveRole() == DatabaseRole::Primary;
            const bool toReplica = target.kind == ComponentKind::Database &&
                                   target.effectiveRole() == DatabaseRole::Replica;
            if (!fromPrimary || !toReplica) {
                errors.push_back({name, "a replication link runs from a database with role primary to a "
                                        "database with role replica"});
            } else if (auto [it, fresh] = primaryOf.emplace(link.to, link.from); !fresh) {
                errors.push_back({name, "replica " + link.to + " already replicates from " + it->second +
                                            "; a replica has one primary"});
            }
        }
        for (const LinkField field : {LinkField::TimeoutMs, LinkField::Retries}) {
            if (link.get(field) && !linkFieldApplies(field, kind))
                warnings.push_back({name, std::string(linkFieldRule(field).key) +
                                              " is ignored: timeouts and retries apply to sync links"});
        }
        const bool pooled = link.get(LinkField::PoolSize).has_value();
        if (pooled) {
            if (target.kind != ComponentKind::Database)
                errors.push_back({name, "pool_size is for links into a database; " + link.to + " is a " +
                                            std::string(kindName(target.kind))});
            else if (source.kind == ComponentKind::Clients)
                errors.push_back({name, "a connection pool belongs to the tier that calls the database, "
                                        "not to the clients"});
            else if (kind == LinkKind::Replication)
                errors.push_back({name, "a replication link carries no requests, so it has no pool"});
        } else {
            for (const LinkField field : {LinkField::PoolOverheadMs, LinkField::ConnectMs}) {
                if (link.get(field))
                    warnings.push_back({name, std::string(linkFieldRule(field).key) + " is ignored without pool_size"});
            }
        }
    }
}

void checkScenarios(const Model& model, Issues& errors)
{
    std::set<std::string> names;
    for (const Scenario& scenario : model.scenarios) {
        const Subject subject = Subject::savedScenario(scenario.name);
        if (scenario.name.empty())
            errors.push_back({Subject::model("scenarios"), "every scenario needs a name"});
        else if (!names.insert(scenario.name).second)
            errors.push_back({subject, "two scenarios have this name; names must be unique"});
        for (Issue& issue : validateScenario(model, scenario, subject))
            errors.push_back(std::move(issue));
    }
}

/// The model's link from `from` to `to` (the first, if links repeat).
std::optional<std::size_t> findLink(const Model& model, const std::string& from, const std::string& to)
{
    for (std::size_t i = 0; i < model.links.size(); ++i) {
        if (model.links[i].from == from && model.links[i].to == to)
            return i;
    }
    return std::nullopt;
}

} // namespace

bool isValidId(std::string_view id)
{
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '_' || ch == '-' || ch == '.';
    });
}

bool isClosedWorkload(const Model& model)
{
    return std::any_of(model.components.begin(), model.components.end(), [](const Component& c) {
        return c.kind == ComponentKind::Clients && c.has(Field::Users);
    });
}

Issues validateComponent(const Component& c)
{
    Issues errors;
    for (const Field field : allFields()) {
        if (const auto value = c.get(field)) {
            if (auto problem = fieldRule(field).check(*value))
                errors.push_back({fieldSubject(c, field), *problem});
        }
    }
    if (c.kind == ComponentKind::Clients) {
        const bool open = c.has(Field::RateRps);
        const bool closed = c.has(Field::Users);
        if (open && closed)
            errors.push_back({Subject::component(c.id),
                              "give either rate_rps (an open workload) or users (a closed one), not both"});
        if (!open && !closed)
            errors.push_back({fieldSubject(c, Field::RateRps),
                              "required: a clients component needs rate_rps (requests per second) or users "
                              "and think_ms"});
    } else if (c.kind == ComponentKind::External) {
        if (!c.has(Field::LatencyMs))
            errors.push_back({fieldSubject(c, Field::LatencyMs),
                              "required: the fixed latency of the external dependency, in ms"});
    } else {
        if (!c.has(Field::ServiceMs))
            errors.push_back({fieldSubject(c, Field::ServiceMs),
                              "required: the mean service time of one visit, in ms (above 0)"});
        const double servers = c.valueOr(Field::Servers, 1.0);
        const double instances = c.valueOr(Field::Instances, 1.0);
        // Cross-field rules only between values that pass their own rules: one problem, one error.
        const auto valid = [&c](Field field) { return !fieldRule(field).check(c.valueOr(field, 1.0)); };
        if (const auto capacity = c.get(Field::Capacity);
            capacity && *capacity < servers && valid(Field::Capacity) && valid(Field::Servers))
            errors.push_back({fieldSubject(c, Field::Capacity),
                              "must be at least servers (" + formatNumber(servers) + "), got " +
                                  formatNumber(*capacity)});
        if (const auto share = c.get(Field::HottestShare);
            share && *share < (1.0 / instances) * (1.0 - 1e-12) && valid(Field::HottestShare) &&
            valid(Field::Instances))
            errors.push_back({fieldSubject(c, Field::HottestShare),
                              "must be from 1/instances (" + formatNumber(1.0 / instances) +
                                  ") to 1, got " + formatNumber(*share)});
    }
    return errors;
}

ValidationReport validateModel(const Model& model)
{
    ValidationReport report;
    Issues& errors = report.errors;
    std::unordered_map<std::string, std::size_t> firstIndex;
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const Component& c = model.components[i];
        if (!isValidId(c.id)) {
            errors.push_back({Subject::componentAt(i, "id"),
                              "'" + c.id + "' is not a valid id: use 1 to 64 letters, digits, '_', '-' or '.'"});
        } else if (auto [it, fresh] = firstIndex.emplace(c.id, i); !fresh) {
            errors.push_back({Subject::component(c.id, i), "duplicate id: components " + std::to_string(it->second) +
                                                               " and " + std::to_string(i) + " are both called '" +
                                                               c.id + "'"});
        }
        for (Issue& issue : validateComponent(c)) {
            issue.subject.index = i;
            errors.push_back(std::move(issue));
        }
        for (const Field field : allFields()) {
            if (c.has(field) && !fieldApplies(field, c.kind, c.effectiveRole()))
                report.warnings.push_back({Subject::component(c.id, i), std::string(fieldRule(field).key) +
                                                                           " is ignored: it applies to " +
                                                                           kindsOf(field)});
        }
        if (c.role && c.kind != ComponentKind::Database)
            report.warnings.push_back({Subject::component(c.id, i), "role is ignored: it applies to database"});
        if (c.kind == ComponentKind::Clients && c.has(Field::RateRps) && c.has(Field::ThinkMs))
            report.warnings.push_back(
                {Subject::component(c.id, i), "think_ms is ignored with rate_rps (an open workload)"});
    }
    checkWorkload(model, errors);
    checkLinks(model, errors, report.warnings);
    checkScenarios(model, errors);
    return report;
}

Issues validateScenario(const Model& model, const Scenario& scenario, const Subject& layer)
{
    Issues errors;
    // Bounded like --multiplier, so that a scenario that validates can also be solved.
    if (scenario.multiplier && !(*scenario.multiplier > 0.0 && *scenario.multiplier <= kMaxMultiplier))
        errors.push_back({layer.withField("multiplier"), "must be a number above 0 and at most " +
                                                             formatNumber(kMaxMultiplier) + ", got " +
                                                             formatNumber(*scenario.multiplier)});
    Model changed = model;
    changed.scenarios.clear();
    bool applicable = true;
    std::set<std::size_t> touched;
    for (const Override& o : scenario.overrides) {
        const auto index = model.indexOf(o.component);
        const Subject where =
            Subject::component(o.component, index, std::string(fieldRule(o.field).key)).within(layer);
        if (!index) {
            errors.push_back({where.withField({}), "'" + o.component + "' is not a component of this model"});
            applicable = false;
            continue;
        }
        Component& target = changed.components[*index];
        touched.insert(*index);
        if (!fieldApplies(o.field, target.kind, target.effectiveRole())) {
            errors.push_back({where, "does not apply to a " + std::string(kindName(target.kind)) +
                                         " (it applies to " + kindsOf(o.field) + ")"});
            applicable = false;
            continue;
        }
        if (auto problem = fieldRule(o.field).check(o.value)) {
            errors.push_back({where, *problem});
            applicable = false;
            continue;
        }
        target.set(o.field, o.value);
    }
    for (const LinkOverride& o : scenario.linkOverrides) {
        const auto index = findLink(model, o.from, o.to);
        const Subject where = Subject::link(o.from, o.to, index).within(layer);
        if (!index) {
            errors.push_back({where, "the model has no link from '" + o.from + "' to '" + o.to + "'"});
            applicable = false;
            continue;
        }
        if (auto problem = linkFieldRule(o.field).check(o.value)) {
            errors.push_back({where, std::string(linkFieldRule(o.field).key) + " " + *problem});
            applicable = false;
            continue;
        }
        changed.links[*index].set(o.field, o.value);
    }
    if (!applicable)
        return errors;
    // Cross-field rules (capacity >= servers, hottest_share >= 1/instances) on the components
    // the scenario changes; what is wrong without the scenario is reported once, without it.
    for (const std::size_t i : touched) {
        const Issues before = validateComponent(model.components[i]);
        for (const Issue& issue : validateComponent(changed.components[i])) {
            if (std::find(before.begin(), before.end(), issue) == before.end()) {
                Subject inLayer = issue.subject.within(layer);
                inLayer.index = i;
                errors.push_back({std::move(inLayer), issue.message});
            }
        }
    }
    // The link rules (a pool only into a database...) on the changed links, the same way.
    if (!scenario.linkOverrides.empty()) {
        Issues before;
        Issues after;
        Issues ignored;
        Model base = model;
        base.scenarios.clear();
        checkLinks(base, before, ignored);
        checkLinks(changed, after, ignored);
        for (const Issue& issue : after) {
            if (std::find(before.begin(), before.end(), issue) == before.end())
                errors.push_back({issue.subject.within(layer), issue.message});
        }
    }
    return errors;
}

ScenarioApplied applyScenario(const Model& model, const Scenario& scenario)
{
    ScenarioApplied applied{model, scenario.multiplier.value_or(1.0)};
    for (const Override& o : scenario.overrides) {
        if (const auto index = model.indexOf(o.component))
            applied.model.components[*index].set(o.field, o.value);
    }
    for (const LinkOverride& o : scenario.linkOverrides) {
        if (const auto index = findLink(model, o.from, o.to))
            applied.model.links[*index].set(o.field, o.value);
    }
    return applied;
}

Checked<ScenarioApplied> applyScenario(const Model& model, std::string_view scenarioName)
{
    const Scenario* scenario = model.findScenario(scenarioName);
    if (!scenario) {
        std::string known;
        for (const Scenario& s : model.scenarios)
            known += (known.empty() ? "" : ", ") + ("\"" + s.name + "\"");
        return Issue{Subject::argument("--scenario"),
                     "no scenario named \"" + std::string(scenarioName) + "\" in this model" +
                         (known.empty() ? " (it has none)" : " (it has " + known + ")")};
    }
    return applyScenario(model, *scenario);
}

} // namespace headroom::engine
