// SPDX-License-Identifier: MIT
// Small models for the advisor's tests, each with its numbers worked out where it
// is built. At X = 10 (the default) each "only" model triggers exactly one finding.
#pragma once

#include "TestModels.h"

#include "engine/Advisor.h"
#include "engine/Model.h"

#include <QtCore/QDir>
#include <QtCore/QStringList>

#include <string>
#include <vector>

namespace headroom::testing::advisor {

using engine::ComponentKind;
using engine::DatabaseRole;
using engine::Field;
using engine::LinkField;
using engine::LinkKind;
using engine::Model;

/// saturates: 100 rps straight into a write-only primary (4 servers, 10 ms). At 10x it
/// is offered 1000 x 10 / 1000 / 4 = 2.5 of its capacity. Bigger instances: 10 erlangs
/// / 0.7 -> 15 servers (66.7%); sharding: writes alone 2.5 > 0.7 -> ceil(2.5 / 0.7) = 4 shards.
inline Model onlySaturates()
{
    return ModelBuilder()
        .clients("users", 100)
        .component("db", ComponentKind::Database, {{Field::Servers, 4}, {Field::ServiceMs, 10}})
        .link("users", "db")
        .model();
}

/// saturates, on a read-heavy primary with prices: 100 rps, write_fraction 0.2, 4 servers
/// of 4 ms, 100 a month. At 10x: 1000 rps, 4 erlangs, utilization 1.0.
/// Bigger: ceil(4 / 0.7) = 6 servers, cost 100 x 6 / 4 = 150 (+50).
/// Cache: reads 800 rps; the primary may take 0.7 x 1000 x 4 / 4 = 700 rps, so the hit ratio
/// needed is (1000 - 700) / 800 = 0.375 (set to 0.38); one cache instance (800 x 0.5 / 1000 / 4
/// = 0.1), default cost 150 (+150).
/// Read replicas: a new replica takes 800 rps x 4 ms / 4 servers = 0.8 -> 2 instances at the
/// primary's 100 (+200); the primary keeps 200 writes (20%). Sharding: writes alone 0.2: not offered.
inline Model readHeavyPrimary()
{
    return ModelBuilder()
        .clients("users", 100)
        .component("db", ComponentKind::Database,
                   {{Field::Servers, 4}, {Field::ServiceMs, 4}, {Field::WriteFraction, 0.2},
                    {Field::CostPerInstanceMonth, 100}})
        .link("users", "db")
        .model();
}

/// n_plus_one: 100 rps into 2 app instances (4 servers, 6 ms). At 10x each instance is at
/// 1000 x 6 / 1000 / 4 / 2 = 0.75 (under 1: no saturation), but losing one puts the other at
/// 1.5. N+1 count: floor(1.5) + 2 = 3 instances, 0.75 each after losing one.
inline Model onlyNPlusOne()
{
    return ModelBuilder()
        .clients("users", 100)
        .component("app", ComponentKind::AppServer, {{Field::Instances, 2}, {Field::Servers, 4}, {Field::ServiceMs, 6}})
        .link("users", "app")
        .model();
}

/// replica_lag: the primary (4 servers, 2 ms, write_fraction 0.5) takes 100 rps, the replica
/// 100 rps of reads; at 10x each is at 0.5, and without the replica the primary would be at 1.0
/// (so it is not over-built). Writes at 10x: 1000 x 0.5 = 500 per second; with apply_ms 1.9 the
/// apply thread is at 0.95 and p99 lag = 900 + ln(100) x 1.9 / 0.05 = 1075 ms (over 1000);
/// with apply_ms 2.5 it is at 1.25: the replica cannot keep up.
inline Model onlyReplicaLag(double applyMs)
{
    return ModelBuilder()
        .clients("users", 100)
        .component("primary", ComponentKind::Database,
                   {{Field::Servers, 4}, {Field::ServiceMs, 2}, {Field::WriteFraction, 0.5}})
        .component("replica", ComponentKind::Database,
                   {{Field::Servers, 4}, {Field::ServiceMs, 2}, {Field::ApplyMs, applyMs},
                    {Field::ReplicationDelayMs, 900}},
                   DatabaseRole::Replica)
        .link("users", "primary")
        .link("users", "replica")
        .link("primary", "replica", 1.0, LinkKind::Replication)
        .model();
}

/// pool_wait: 100 rps through 2 balancer instances into a database (16 servers, 5 ms), 4
/// connections per balancer instance. At 10x each pool carries 500 rps for about 5 ms: about
/// 2.5 connections busy, and Erlang C(4, 2.5) is far above 5%.
inline Model onlyPoolWait()
{
    return ModelBuilder()
        .clients("users", 100)
        .component("lb", ComponentKind::LoadBalancer, {{Field::Instances, 2}, {Field::Servers, 8}, {Field::ServiceMs, 0.1}})
        .component("db", ComponentKind::Database,
                   {{Field::Servers, 16}, {Field::ServiceMs, 5}, {Field::MaxConnections, 100}})
        .link("users", "lb")
        .link("lb", "db", 1.0, std::nullopt, {{LinkField::PoolSize, 4}})
        .model();
}

/// connections: 10 balancer instances with pools of 20 into a database that takes 100
/// connections: 200 > 100. At 10x each pool carries 100 rps for about 5 ms (0.5 busy).
inline Model onlyConnections()
{
    return ModelBuilder()
        .clients("users", 100)
        .component("lb", ComponentKind::LoadBalancer, {{Field::Instances, 10}, {Field::Servers, 8}, {Field::ServiceMs, 0.1}})
        .component("db", ComponentKind::Database,
                   {{Field::Servers, 16}, {Field::ServiceMs, 5}, {Field::MaxConnections, 100}})
        .link("users", "lb")
        .link("lb", "db", 1.0, std::nullopt, {{LinkField::PoolSize, 20}})
        .model();
}

/// stateful: 3 stateful app instances behind a balancer, lightly loaded (10 rps, 10 ms).
inline Model onlyStateful()
{
    return ModelBuilder()
        .clients("users", 10)
        .component("lb", ComponentKind::LoadBalancer, {{Field::Servers, 4}, {Field::ServiceMs, 0.1}})
        .component("app", ComponentKind::AppServer,
                   {{Field::Instances, 3}, {Field::Servers, 8}, {Field::ServiceMs, 10}, {Field::Stateful, 1}})
        .link("users", "lb")
        .link("lb", "app")
        .model();
}

/// over_engineering: a primary in 4 shards (8 servers, 2 ms, 500 a month each) for 10 rps:
/// one instance would be at 100 x 2 / 1000 / 8 = 0.025 at 10x. Simplify: -1500 a month.
inline Model onlyOverEngineering()
{
    return ModelBuilder()
        .clients("users", 10)
        .component("db", ComponentKind::Database,
                   {{Field::Instances, 4}, {Field::Servers, 8}, {Field::ServiceMs, 2}, {Field::HottestShare, 0.25},
                    {Field::CostPerInstanceMonth, 500}})
        .link("users", "db")
        .model();
}

/// over_engineering, a cache: 10 rps, 3 lookups each, 0.9 hit ratio in front of a database
/// (8 servers, 2 ms); without the cache the database takes 300 rps at 10x: 0.075.
inline Model idleCache()
{
    return ModelBuilder()
        .clients("users", 10)
        .component("cache", ComponentKind::Cache, {{Field::ServiceMs, 0.5}, {Field::HitRatio, 0.9}})
        .component("db", ComponentKind::Database, {{Field::Servers, 8}, {Field::ServiceMs, 2}})
        .link("users", "cache", 3.0)
        .link("cache", "db")
        .model();
}

/// over_engineering, a replica: 10 rps of writes and 10 of reads on 8-server databases.
inline Model idleReplica()
{
    return ModelBuilder()
        .clients("users", 10)
        .component("primary", ComponentKind::Database,
                   {{Field::Servers, 8}, {Field::ServiceMs, 2}, {Field::CostPerInstanceMonth, 300}})
        .component("replica", ComponentKind::Database,
                   {{Field::Servers, 8}, {Field::ServiceMs, 2}, {Field::ApplyMs, 0.2}, {Field::CostPerInstanceMonth, 300}},
                   DatabaseRole::Replica)
        .link("users", "primary")
        .link("users", "replica")
        .link("primary", "replica", 1.0, LinkKind::Replication)
        .model();
}

/// A slow report service (200 ms, 4 servers) behind an app tier: at 10x it gets 100 rps,
/// 20 erlangs, 5 times its capacity. A queue of ceil(5 / 0.7) = 8 worker nodes keeps up.
inline Model slowReports()
{
    return ModelBuilder()
        .clients("users", 10)
        .component("app", ComponentKind::AppServer, {{Field::Instances, 3}, {Field::Servers, 8}, {Field::ServiceMs, 5}})
        .component("reports", ComponentKind::Station, {{Field::Servers, 4}, {Field::ServiceMs, 200}})
        .link("users", "app")
        .link("app", "reports")
        .model();
}

/// A worker whose busiest instance takes everything (a hot spot) and would need 10 x 100 =
/// 1000 erlangs on one machine: no pattern adds capacity, so load shedding is the answer.
inline Model hotWorker()
{
    return ModelBuilder()
        .clients("users", 2000)
        .component("lb", ComponentKind::LoadBalancer, {{Field::Instances, 4}, {Field::Servers, 64}, {Field::ServiceMs, 0.1}})
        .component("render", ComponentKind::Worker,
                   {{Field::Instances, 4}, {Field::Servers, 100}, {Field::ServiceMs, 50}, {Field::HottestShare, 1}})
        .link("users", "lb")
        .link("lb", "render")
        .model();
}

/// The bundled examples (resources/examples/*.json), by file name.
inline QStringList exampleFiles()
{
    const QDir dir(QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples"));
    QStringList files;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

} // namespace headroom::testing::advisor
