// SPDX-License-Identifier: MIT
#include "StageDetection.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace headroom::engine {

namespace {

constexpr std::array<std::string_view, kLastStage + 1> kStageNames{
    "Monolith", "Vertical scaling", "Database separation", "Caching layer",
    "Load balancing", "Queues", "Sharding", "Services",
};

/// What a stage's pattern is called when it is missing ("no read replicas").
constexpr std::array<std::string_view, kLastStage + 1> kMissingPattern{
    "", "", "read replicas", "cache", "load balancer", "job queue", "sharding", "services",
};

/// A big single machine: one instance with at least this many servers.
constexpr double kBigMachineServers = 16.0;
/// Services: at least this many compute tiers with a database of their own.
constexpr std::size_t kServicesTiers = 3;

double instancesOf(const Component& c)
{
    return c.valueOr(Field::Instances, 1.0);
}

bool isPrimary(const Component& c)
{
    return c.kind == ComponentKind::Database && c.effectiveRole() == DatabaseRole::Primary;
}

bool isReplica(const Component& c)
{
    return c.kind == ComponentKind::Database && c.effectiveRole() == DatabaseRole::Replica;
}

/// "a, b and c" (or "a, b or c").
std::string joinWords(const std::vector<std::string>& words, std::string_view last = " and ")
{
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0)
            out += i + 1 == words.size() ? std::string(last) : std::string(", ");
        out += words[i];
    }
    return out;
}

std::string countOf(double n, std::string_view one, std::string_view many)
{
    return formatNumber(n) + " " + std::string(n == 1.0 ? one : many);
}

/// "app servers" for a kind, lower case and plural.
std::string pluralKind(ComponentKind kind)
{
    std::string title(kindTitle(kind));
    std::transform(title.begin(), title.end(), title.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return title + "s";
}

/// Which compute tiers (and job queues) reach each primary through caches and poolers only.
std::map<std::size_t, std::set<std::size_t>> primaryReach(const Model& model)
{
    const auto index = model.indexById();
    std::vector<std::vector<std::size_t>> next(model.components.size());
    for (const Link& link : model.links) {
        const std::size_t a = index.at(link.from);
        const std::size_t b = index.at(link.to);
        if (effectiveLinkKind(link, model.components[b].kind) != LinkKind::Replication)
            next[a].push_back(b);
    }
    std::map<std::size_t, std::set<std::size_t>> reachedBy;
    for (std::size_t tier = 0; tier < model.components.size(); ++tier) {
        if (!isComputeTier(model, tier) && model.components[tier].kind != ComponentKind::Queue)
            continue;
        std::vector<std::size_t> stack(next[tier].begin(), next[tier].end());
        std::set<std::size_t> seen;
        while (!stack.empty()) {
            const std::size_t at = stack.back();
            stack.pop_back();
            if (!seen.insert(at).second)
                continue;
            const Component& c = model.components[at];
            if (isPrimary(c))
                reachedBy[at].insert(tier);
            else if (hasHitRatio(c.kind) || isExternalPooler(model, at))
                stack.insert(stack.end(), next[at].begin(), next[at].end());
        }
    }
    return reachedBy;
}

std::optional<StageEvidence> servicesEvidence(const Model& model)
{
    std::map<std::size_t, std::vector<std::size_t>> owned; // tier -> its own primaries
    for (const auto& [primary, tiers] : primaryReach(model)) {
        if (tiers.size() == 1 && isComputeTier(model, *tiers.begin()))
            owned[*tiers.begin()].push_back(primary);
    }
    if (owned.size() < kServicesTiers)
        return std::nullopt;
    StageEvidence e{7, "services", "", {}};
    std::vector<std::string> pairs;
    for (const auto& [tier, primaries] : owned) {
        std::vector<std::string> names;
        for (const std::size_t p : primaries)
            names.push_back(model.components[p].id);
        pairs.push_back(model.components[tier].id + " -> " + joinWords(names));
        e.components.push_back(model.components[tier].id);
    }
    e.text = std::to_string(owned.size()) + " services with databases of their own (" + joinWords(pairs) + ")";
    return e;
}

std::optional<StageEvidence> shardingEvidence(const Model& model)
{
    StageEvidence e{6, "sharding", "", {}};
    std::vector<std::string> parts;
    for (const Component& c : model.components) {
        if (isPrimary(c) && instancesOf(c) > 1.0) {
            parts.push_back(formatNumber(instancesOf(c)) + " shards (" + c.id + ")");
            e.components.push_back(c.id);
        }
    }
    if (parts.empty())
        return std::nullopt;
    e.text = (parts.size() == 1 ? "a primary split into " : "primaries split into ") + joinWords(parts);
    return e;
}

std::optional<StageEvidence> queueEvidence(const Model& model)
{
    StageEvidence e{5, "job queue", "", {}};
    std::vector<std::string> parts;
    for (const Component& c : model.components) {
        if (c.kind != ComponentKind::Queue)
            continue;
        parts.push_back(c.id + ", " + countOf(instancesOf(c), "node", "nodes") + " x " +
                        countOf(c.valueOr(Field::Servers, 1.0), "worker", "workers"));
        e.components.push_back(c.id);
    }
    if (parts.empty())
        return std::nullopt;
    e.text = (parts.size() == 1 ? "a job queue (" : std::to_string(parts.size()) + " job queues (") +
             joinWords(parts, "; ") + ")";
    return e;
}

std::optional<StageEvidence> balancingEvidence(const Model& model)
{
    StageEvidence e{4, "load balancing", "", {}};
    std::vector<std::string> balancers;
    std::vector<std::string> tiers;
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const Component& c = model.components[i];
        if (c.kind == ComponentKind::LoadBalancer) {
            balancers.push_back(c.id);
            e.components.push_back(c.id);
        } else if (isComputeTier(model, i) && instancesOf(c) > 1.0) {
            tiers.push_back(formatNumber(instancesOf(c)) + " " + pluralKind(c.kind) + " (" + c.id + ")");
            e.components.push_back(c.id);
        }
    }
    if (balancers.empty() && tiers.empty())
        return std::nullopt;
    std::string text;
    if (!balancers.empty())
        text = (balancers.size() == 1 ? "a load balancer (" : std::to_string(balancers.size()) + " load balancers (") +
               joinWords(balancers) + ")";
    if (!tiers.empty())
        text += (text.empty() ? "" : " in front of ") + joinWords(tiers);
    e.text = text;
    return e;
}

std::optional<StageEvidence> cacheEvidence(const Model& model)
{
    StageEvidence e{3, "caching", "", {}};
    std::vector<std::string> parts;
    for (const Component& c : model.components) {
        if (!hasHitRatio(c.kind))
            continue;
        parts.push_back(c.id + " at a " + formatNumber(c.valueOr(Field::HitRatio, 0.0)) + " hit ratio");
        e.components.push_back(c.id);
    }
    if (parts.empty())
        return std::nullopt;
    e.text = (parts.size() == 1 ? "a cache (" : std::to_string(parts.size()) + " caches (") + joinWords(parts, "; ") +
             ")";
    return e;
}

std::optional<StageEvidence> separationEvidence(const Model& model)
{
    StageEvidence e{2, "database separation", "", {}};
    std::vector<std::string> parts;
    const auto index = model.indexById();
    std::map<std::size_t, std::vector<std::size_t>> replicasOf;
    for (const Link& link : model.links) {
        const std::size_t to = index.at(link.to);
        if (isReplica(model.components[to]) &&
            effectiveLinkKind(link, model.components[to].kind) == LinkKind::Replication)
            replicasOf[index.at(link.from)].push_back(to);
    }
    for (const auto& [primary, replicas] : replicasOf) {
        double count = 0.0;
        std::vector<std::string> ids;
        for (const std::size_t r : replicas) {
            count += instancesOf(model.components[r]);
            ids.push_back(model.components[r].id);
            e.components.push_back(model.components[r].id);
        }
        parts.push_back("a primary (" + model.components[primary].id + ") with " +
                        countOf(count, "read replica", "read replicas") + " (" + joinWords(ids) + ")");
    }
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        if (isExternalPooler(model, i)) {
            parts.push_back("an external pooler (" + model.components[i].id + ")");
            e.components.push_back(model.components[i].id);
        }
    }
    if (parts.empty())
        return std::nullopt;
    e.text = joinWords(parts);
    return e;
}

std::optional<StageEvidence> verticalEvidence(const Model& model)
{
    StageEvidence e{1, "vertical scaling", "", {}};
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const Component& c = model.components[i];
        const bool tier = isComputeTier(model, i) || c.kind == ComponentKind::Database;
        const double servers = c.valueOr(Field::Servers, 1.0);
        if (tier && instancesOf(c) == 1.0 && servers >= kBigMachineServers) {
            parts.push_back(formatNumber(servers) + " servers (" + c.id + ")");
            e.components.push_back(c.id);
        }
    }
    if (parts.empty())
        return std::nullopt;
    e.text = "a single machine of " + joinWords(parts);
    return e;
}

/// Stage 0 names what there is: the tiers and databases, each on one small machine.
std::string monolithText(const Model& model)
{
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const Component& c = model.components[i];
        if (isComputeTier(model, i) || c.kind == ComponentKind::Database)
            parts.push_back(c.id + " (" + countOf(c.valueOr(Field::Servers, 1.0), "server", "servers") + ")");
    }
    return parts.empty() ? "no application tier or database drawn" : joinWords(parts) + " on one machine each";
}

} // namespace

std::string_view stageName(int stage)
{
    return stage >= 0 && stage <= kLastStage ? kStageNames[static_cast<std::size_t>(stage)] : std::string_view();
}

bool isComputeTier(const Model& model, std::size_t component)
{
    switch (model.components[component].kind) {
    case ComponentKind::AppServer:
    case ComponentKind::WebServer:
    case ComponentKind::Worker:
        return true;
    case ComponentKind::Station:
        return !isExternalPooler(model, component);
    default:
        return false;
    }
}

bool isExternalPooler(const Model& model, std::size_t component)
{
    const Component& c = model.components[component];
    if (c.kind != ComponentKind::Station)
        return false;
    bool out = false;
    bool in = false;
    for (const Link& link : model.links) {
        if (link.to == c.id && link.from != c.id)
            in = true;
        if (link.from != c.id)
            continue;
        const auto to = model.indexOf(link.to);
        if (!to || model.components[*to].kind != ComponentKind::Database || !link.get(LinkField::PoolSize))
            return false;
        out = true;
    }
    return in && out;
}

StageAssessment detectStage(const Model& model)
{
    StageAssessment a;
    for (const auto& found : {servicesEvidence(model), shardingEvidence(model), queueEvidence(model),
                              balancingEvidence(model), cacheEvidence(model), separationEvidence(model),
                              verticalEvidence(model)}) {
        if (found)
            a.present.push_back(*found);
    }
    a.stage = a.present.empty() ? 0 : a.present.front().stage;
    a.name = std::string(stageName(a.stage));
    std::vector<std::string> missing;
    for (int s = 2; s < std::max(a.stage, 5); ++s) {
        const bool found = std::any_of(a.present.begin(), a.present.end(),
                                       [s](const StageEvidence& e) { return e.stage == s; });
        if (found)
            continue;
        missing.emplace_back(kMissingPattern[static_cast<std::size_t>(s)]);
        if (s < a.stage)
            a.skipped.push_back(s);
    }
    std::vector<std::string> texts;
    for (const StageEvidence& e : a.present)
        texts.push_back(e.text);
    if (texts.empty())
        texts.push_back(monolithText(model));
    a.reason = joinWords(texts);
    if (!missing.empty())
        a.reason += "; no " + joinWords(missing, " or ");
    a.reason += ": stage " + std::to_string(a.stage);
    return a;
}

} // namespace headroom::engine
