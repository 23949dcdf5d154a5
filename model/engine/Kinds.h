// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace headroom::engine {

/// What a component is. Every kind except Clients and External is a queueing station.
enum class ComponentKind : std::uint8_t {
    Clients,
    Station,
    LoadBalancer,
    WebServer,
    AppServer,
    Worker,
    Cache,
    Cdn,
    Database,
    Queue,
    External,
};
inline constexpr std::size_t kComponentKindCount = 11;

enum class DatabaseRole : std::uint8_t { Primary, Replica };

enum class LinkKind : std::uint8_t { Sync, Async, Replication };

/// The spelling used in model files ("app_server", ...).
std::string_view kindName(ComponentKind kind);
std::optional<ComponentKind> parseKind(std::string_view name);
/// A short human name ("App server").
std::string_view kindTitle(ComponentKind kind);
const std::array<ComponentKind, kComponentKindCount>& allKinds();

std::string_view roleName(DatabaseRole role);
std::optional<DatabaseRole> parseRole(std::string_view name);

std::string_view linkKindName(LinkKind kind);
std::optional<LinkKind> parseLinkKind(std::string_view name);

/// A station queues: every kind but the workload and third parties.
constexpr bool isStation(ComponentKind kind)
{
    return kind != ComponentKind::Clients && kind != ComponentKind::External;
}

/// Caches and CDNs answer a share of their requests themselves.
constexpr bool hasHitRatio(ComponentKind kind)
{
    return kind == ComponentKind::Cache || kind == ComponentKind::Cdn;
}

} // namespace headroom::engine
