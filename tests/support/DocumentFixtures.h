// SPDX-License-Identifier: MIT
#pragma once
// Small models built in code, so that the document tests do not depend on the
// example files (another suite checks those).

#include "EngineTestSupport.h"

#include "engine/Model.h"

#include <optional>
#include <string>

namespace headroom::testing {

inline engine::Component component(std::string id, engine::ComponentKind kind, double x, double y)
{
    engine::Component c;
    c.id = std::move(id);
    c.kind = kind;
    c.set(engine::Field::X, x);
    c.set(engine::Field::Y, y);
    return c;
}

/// A link as a drawn one is: `calls` left unset unless given (route() always sets it).
inline engine::Link link(std::string from, std::string to, std::optional<double> calls = {},
                         std::optional<engine::LinkKind> kind = {})
{
    engine::Link l = route(std::move(from), std::move(to), calls.value_or(1.0), kind);
    l.set(engine::LinkField::Calls, calls);
    return l;
}

/// users -> lb -> app -> (db primary with a pool, cache -> replica); db replicates to
/// replica; a scenario overrides app. Stable at 1x.
inline engine::Model webModel()
{
    using engine::ComponentKind;
    using engine::Field;
    engine::Model m;
    m.name = "Web shop";
    auto users = component("users", ComponentKind::Clients, 0, 100);
    users.set(Field::RateRps, 400);
    auto lb = component("lb", ComponentKind::LoadBalancer, 200, 100);
    lb.set(Field::Servers, 4);
    lb.set(Field::ServiceMs, 0.2);
    auto app = component("app", ComponentKind::AppServer, 400, 100);
    app.label = "App servers";
    app.set(Field::Instances, 2);
    app.set(Field::Servers, 8);
    app.set(Field::ServiceMs, 20);
    auto cache = component("cache", ComponentKind::Cache, 600, 0);
    cache.set(Field::Servers, 2);
    cache.set(Field::ServiceMs, 0.5);
    cache.set(Field::HitRatio, 0.8);
    auto db = component("db", ComponentKind::Database, 600, 200);
    db.role = engine::DatabaseRole::Primary;
    db.set(Field::Servers, 8);
    db.set(Field::ServiceMs, 5);
    db.set(Field::WriteFraction, 0.3);
    db.set(Field::MaxConnections, 200);
    auto replica = component("replica", ComponentKind::Database, 800, 100);
    replica.role = engine::DatabaseRole::Replica;
    replica.set(Field::Servers, 8);
    replica.set(Field::ServiceMs, 4);
    m.components = {users, lb, app, cache, db, replica};
    auto pooled = link("app", "db", 0.5);
    pooled.set(engine::LinkField::PoolSize, 20);
    m.links = {link("users", "lb"), link("lb", "app"), link("app", "cache", 2), pooled, link("cache", "replica"),
               link("db", "replica", std::nullopt, engine::LinkKind::Replication)};
    engine::Scenario peak;
    peak.name = "Peak";
    peak.multiplier = 3;
    peak.overrides = {{"app", Field::Instances, 6}, {"db", Field::Servers, 16}};
    m.scenarios = {peak};
    return m;
}

} // namespace headroom::testing
