// SPDX-License-Identifier: MIT
#pragma once

#include "EngineTestSupport.h"

#include "engine/Solver.h"
#include "engine/sim/Simulation.h"

#include <QtTest/QTest>

#include <cmath>
#include <initializer_list>
#include <string>

namespace headroom::testing {

/// Models for the simulation tests, written the way a user would draw them.
class ModelBuilder {
public:
    ModelBuilder& open(const std::string& id, double rateRps)
    {
        engine::Component c;
        c.id = id;
        c.kind = engine::ComponentKind::Clients;
        c.set(engine::Field::RateRps, rateRps);
        m_model.components.push_back(c);
        return *this;
    }
    ModelBuilder& closed(const std::string& id, double users, double thinkMs)
    {
        engine::Component c;
        c.id = id;
        c.kind = engine::ComponentKind::Clients;
        c.set(engine::Field::Users, users);
        c.set(engine::Field::ThinkMs, thinkMs);
        m_model.components.push_back(c);
        return *this;
    }
    engine::Component& station(const std::string& id, double serviceMs, double servers = 1,
                               engine::ComponentKind kind = engine::ComponentKind::Station)
    {
        engine::Component c;
        c.id = id;
        c.kind = kind;
        c.set(engine::Field::ServiceMs, serviceMs);
        c.set(engine::Field::Servers, servers);
        m_model.components.push_back(c);
        return m_model.components.back();
    }
    engine::Component& external(const std::string& id, double latencyMs)
    {
        engine::Component c;
        c.id = id;
        c.kind = engine::ComponentKind::External;
        c.set(engine::Field::LatencyMs, latencyMs);
        m_model.components.push_back(c);
        return m_model.components.back();
    }
    engine::Link& link(const std::string& from, const std::string& to, double calls = 1.0,
                       std::optional<engine::LinkKind> kind = std::nullopt)
    {
        engine::Link l;
        l.from = from;
        l.to = to;
        l.kind = kind;
        l.set(engine::LinkField::Calls, calls);
        m_model.links.push_back(l);
        return m_model.links.back();
    }
    engine::Component& component(const std::string& id) { return m_model.components[*m_model.indexOf(id)]; }
    [[nodiscard]] const engine::Model& model() const { return m_model; }

    [[nodiscard]] engine::Solver solver() const
    {
        auto solver = engine::Solver::create(m_model);
        if (!solver)
            qFatal("test model does not compile: %s", describe(solver.issues()).constData());
        return std::move(solver).value();
    }

private:
    engine::Model m_model;
};

/// Plans and runs a simulation; the test fails if the plan is refused.
inline engine::sim::SimulationResult simulateOrFail(const engine::Solver& solver,
                                                    const engine::sim::SimulationOptions& options)
{
    auto plan = engine::sim::planSimulation(solver, options);
    if (!plan)
        qFatal("simulation refused: %s", describe(plan.issues()).constData());
    return engine::sim::simulate(solver, *plan);
}

/// Options for a steady run of `durationS` measured seconds.
inline engine::sim::SimulationOptions runOf(double durationS, std::uint64_t seed = 1, int replications = 10)
{
    engine::sim::SimulationOptions o;
    o.durationS = durationS;
    o.seed = seed;
    o.replications = replications;
    return o;
}

/// One station "s" fed by Poisson arrivals.
inline ModelBuilder single(double rateRps, double serviceMs, double servers, double cv = 1.0,
                           std::optional<double> capacity = std::nullopt)
{
    ModelBuilder b;
    b.open("users", rateRps);
    engine::Component& s = b.station("s", serviceMs, servers);
    s.set(engine::Field::ServiceCv, cv);
    if (capacity)
        s.set(engine::Field::Capacity, *capacity);
    b.link("users", "s");
    return b;
}

inline const engine::sim::ComponentSimulation& component(const engine::sim::SimulationResult& r,
                                                         const ModelBuilder& b, const std::string& id)
{
    return r.components[*b.model().indexOf(id)];
}

/// A simulated figure consistent with an exact value: within `halfWidths` of its
/// interval's half-widths (4: a false alarm about once in 10^3 runs for 9 degrees of
/// freedom), and with an interval narrow enough (relative `precision`) to mean something.
inline QByteArray inconsistency(const std::optional<engine::sim::Estimate>& e, double exact, double precision,
                                double halfWidths = 4.0)
{
    if (!e)
        return "no estimate";
    const double half = e->halfWidth();
    const QByteArray figures = "simulated " + QByteArray::number(e->mean, 'g', 8) + " +- " +
                               QByteArray::number(half, 'g', 3) + ", exact " + QByteArray::number(exact, 'g', 10);
    if (!(std::fabs(e->mean - exact) <= halfWidths * half + 1e-12 * std::fabs(exact)))
        return "off by more than " + QByteArray::number(halfWidths) + " half-widths: " + figures;
    if (!(half <= precision * std::fabs(exact) + 1e-12))
        return "interval too wide to check anything (allowed " + QByteArray::number(precision) + " relative): " + figures;
    return {};
}

} // namespace headroom::testing

#define SIM_CONSISTENT(estimate, exact, precision)                                                       \
    do {                                                                                                 \
        const QByteArray problem_ = headroom::testing::inconsistency((estimate), (exact), (precision));      \
        QVERIFY2(problem_.isEmpty(), (QByteArray(#estimate) + ": " + problem_).constData());              \
    } while (false)
