// SPDX-License-Identifier: MIT
#include "ComponentDefaults.h"

namespace headroom::engine {

Component defaultComponent(ComponentKind kind, std::optional<DatabaseRole> role)
{
    Component c;
    c.kind = kind;
    if (kind == ComponentKind::Database)
        c.role = role.value_or(DatabaseRole::Primary);
    const auto station = [&c](double servers, double serviceMs) {
        c.set(Field::Servers, servers);
        c.set(Field::ServiceMs, serviceMs);
    };
    switch (kind) {
    case ComponentKind::Clients:
        c.set(Field::RateRps, 100.0);
        break;
    case ComponentKind::Station:
        station(1, 10);
        break;
    case ComponentKind::LoadBalancer:
        station(4, 0.2);
        break;
    case ComponentKind::WebServer:
        station(8, 5);
        break;
    case ComponentKind::AppServer:
        station(8, 20);
        break;
    case ComponentKind::Worker:
        station(4, 50);
        break;
    case ComponentKind::Cache:
        station(4, 0.5);
        c.set(Field::HitRatio, 0.8);
        break;
    case ComponentKind::Cdn:
        station(64, 1);
        c.set(Field::HitRatio, 0.9);
        break;
    case ComponentKind::Database:
        station(8, 5);
        break;
    case ComponentKind::Queue:
        station(4, 30);
        break;
    case ComponentKind::External:
        c.set(Field::LatencyMs, 100.0);
        break;
    }
    return c;
}

std::string_view idStem(ComponentKind kind, std::optional<DatabaseRole> role)
{
    switch (kind) {
    case ComponentKind::Clients:
        return "users";
    case ComponentKind::Station:
        return "station";
    case ComponentKind::LoadBalancer:
        return "lb";
    case ComponentKind::WebServer:
        return "web";
    case ComponentKind::AppServer:
        return "app";
    case ComponentKind::Worker:
        return "worker";
    case ComponentKind::Cache:
        return "cache";
    case ComponentKind::Cdn:
        return "cdn";
    case ComponentKind::Database:
        return role == DatabaseRole::Replica ? "replica" : "db";
    case ComponentKind::Queue:
        return "queue";
    case ComponentKind::External:
        return "api";
    }
    return "component";
}

bool isRequired(Field field, const Component& component)
{
    switch (component.kind) {
    case ComponentKind::Clients:
        return (field == Field::RateRps && !component.has(Field::Users)) ||
               (field == Field::Users && !component.has(Field::RateRps));
    case ComponentKind::External:
        return field == Field::LatencyMs;
    default:
        return field == Field::ServiceMs;
    }
}

} // namespace headroom::engine
