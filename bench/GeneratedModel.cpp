// SPDX-License-Identifier: MIT
#include "GeneratedModel.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace headroom::bench {

namespace {

using engine::ComponentKind;
using engine::Field;
using engine::LinkField;

class Builder {
public:
    explicit Builder(unsigned seed) : m_random(seed) {}

    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_random); }
    int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_random); }

    engine::Component& add(std::string id, ComponentKind kind, double x, double y)
    {
        engine::Component c;
        c.id = std::move(id);
        c.kind = kind;
        c.label = c.id;
        c.set(Field::X, x);
        c.set(Field::Y, y);
        m_model.components.push_back(std::move(c));
        return m_model.components.back();
    }

    engine::Link& link(const std::string& from, const std::string& to, double calls)
    {
        engine::Link l;
        l.from = from;
        l.to = to;
        l.set(LinkField::Calls, calls);
        m_model.links.push_back(std::move(l));
        return m_model.links.back();
    }

    engine::Model& model() { return m_model; }

private:
    std::mt19937 m_random;
    engine::Model m_model;
};

} // namespace

engine::Model generateModel(const GeneratedModelOptions& options)
{
    Builder b(options.seed);
    b.model().name = "Generated, " + std::to_string(options.components) + " components";
    const double rate = 2000.0;
    b.add("users", ComponentKind::Clients, 0, 0).set(Field::RateRps, rate);
    auto& lb = b.add("lb", ComponentKind::LoadBalancer, 180, 0);
    lb.set(Field::Servers, 16);
    lb.set(Field::ServiceMs, 0.2);
    lb.set(Field::Instances, 2);
    b.link("users", "lb", 1.0);

    // A service has 4 or 6 components (5 on average); services are added until the
    // model has at least the size asked for. The fan-out uses the expected count.
    const int services = std::max(1, (options.components - 2 + 4) / 5);
    for (int s = 0; static_cast<int>(b.model().components.size()) < options.components; ++s) {
        const std::string p = "s" + std::to_string(s) + ".";
        const double y = 140.0 * s;
        // Share of the front door's requests this service gets, times the calls it makes.
        const double calls = 3.0 / services;
        const double serviceRate = rate * calls;

        auto& app = b.add(p + "app", ComponentKind::AppServer, 360, y);
        const double appMs = b.uniform(5, 25);
        const int appServers = 8;
        app.set(Field::Servers, appServers);
        app.set(Field::ServiceMs, appMs);
        // Instances for about 40-60% utilization.
        const double target = b.uniform(0.4, 0.6);
        app.set(Field::Instances, std::max(1.0, std::ceil(serviceRate * appMs / 1000.0 / appServers / target)));
        app.set(Field::CostPerInstanceMonth, 140);
        if (options.shedding && s % 4 == 0)
            app.set(Field::Capacity, appServers * 4);
        b.link("lb", p + "app", calls);
        if (options.retries && s % 5 == 0)
            b.link(p + "app", p + "app", 0.02); // retries: a routing cycle of gain 0.02
        if (s % 4 == 0 && s / 4 < options.retriesThroughFrontDoor)
            b.link(p + "app", "lb", 0.01);

        auto& cache = b.add(p + "cache", ComponentKind::Cache, 540, y);
        cache.set(Field::Servers, 4);
        cache.set(Field::ServiceMs, 0.3);
        cache.set(Field::HitRatio, b.uniform(0.8, 0.95));
        b.link(p + "app", p + "cache", 2.0);

        auto& db = b.add(p + "db", ComponentKind::Database, 720, y);
        const double dbMs = b.uniform(2, 6);
        db.set(Field::Servers, 16);
        db.set(Field::ServiceMs, dbMs);
        db.set(Field::WriteFraction, 0.3);
        db.set(Field::MaxConnections, 500);
        db.set(Field::CostPerInstanceMonth, 600);
        b.link(p + "app", p + "db", 0.3).set(LinkField::PoolSize, 10);

        auto& replica = b.add(p + "replica", ComponentKind::Database, 900, y);
        replica.role = engine::DatabaseRole::Replica;
        replica.set(Field::Servers, 16);
        replica.set(Field::ServiceMs, dbMs);
        replica.set(Field::Instances, 2);
        replica.set(Field::ApplyMs, 0.5);
        replica.set(Field::ReplicationDelayMs, 1);
        b.link(p + "cache", p + "replica", 1.0);
        auto& rep = b.link(p + "db", p + "replica", 1.0);
        rep.kind = engine::LinkKind::Replication;

        if (s % 2 == 0) {
            auto& queue = b.add(p + "jobs", ComponentKind::Queue, 540, y + 60);
            const double jobMs = b.uniform(20, 80);
            queue.set(Field::Servers, std::max(8.0, std::ceil(serviceRate * 0.1 * jobMs / 1000.0 / 0.5)));
            queue.set(Field::ServiceMs, jobMs);
            if (options.shedding)
                queue.set(Field::Capacity, 1000);
            b.link(p + "app", p + "jobs", 0.1);
            auto& api = b.add(p + "partner", ComponentKind::External, 720, y + 60);
            api.set(Field::LatencyMs, b.uniform(50, 200));
            b.link(p + "jobs", p + "partner", 1.0);
        }
    }
    return b.model();
}

} // namespace headroom::bench
