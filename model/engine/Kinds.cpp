// SPDX-License-Identifier: MIT
#include "Kinds.h"

namespace headroom::engine {

namespace {

struct KindNames {
    ComponentKind kind;
    std::string_view name;
    std::string_view title;
};

constexpr std::array<KindNames, kComponentKindCount> kKinds{{
    {ComponentKind::Clients, "clients", "Clients"},
    {ComponentKind::Station, "station", "Station"},
    {ComponentKind::LoadBalancer, "load_balancer", "Load balancer"},
    {ComponentKind::WebServer, "web_server", "Web server"},
    {ComponentKind::AppServer, "app_server", "App server"},
    {ComponentKind::Worker, "worker", "Worker"},
    {ComponentKind::Cache, "cache", "Cache"},
    {ComponentKind::Cdn, "cdn", "CDN"},
    {ComponentKind::Database, "database", "Database"},
    {ComponentKind::Queue, "queue", "Job queue"},
    {ComponentKind::External, "external", "External API"},
}};

} // namespace

std::string_view kindName(ComponentKind kind)
{
    return kKinds[static_cast<std::size_t>(kind)].name;
}

std::string_view kindTitle(ComponentKind kind)
{
    return kKinds[static_cast<std::size_t>(kind)].title;
}

std::optional<ComponentKind> parseKind(std::string_view name)
{
    for (const auto& entry : kKinds) {
        if (entry.name == name)
            return entry.kind;
    }
    return std::nullopt;
}

const std::array<ComponentKind, kComponentKindCount>& allKinds()
{
    static const std::array<ComponentKind, kComponentKindCount> kinds = [] {
        std::array<ComponentKind, kComponentKindCount> out{};
        for (std::size_t i = 0; i < kComponentKindCount; ++i)
            out[i] = kKinds[i].kind;
        return out;
    }();
    return kinds;
}

std::string_view roleName(DatabaseRole role)
{
    return role == DatabaseRole::Primary ? "primary" : "replica";
}

std::optional<DatabaseRole> parseRole(std::string_view name)
{
    if (name == "primary")
        return DatabaseRole::Primary;
    if (name == "replica")
        return DatabaseRole::Replica;
    return std::nullopt;
}

std::string_view linkKindName(LinkKind kind)
{
    switch (kind) {
    case LinkKind::Sync:
        return "sync";
    case LinkKind::Async:
        return "async";
    case LinkKind::Replication:
        return "replication";
    }
    return "sync";
}

std::optional<LinkKind> parseLinkKind(std::string_view name)
{
    if (name == "sync")
        return LinkKind::Sync;
    if (name == "async")
        return LinkKind::Async;
    if (name == "replication")
        return LinkKind::Replication;
    return std::nullopt;
}

} // namespace headroom::engine
