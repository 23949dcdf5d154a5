// SPDX-License-Identifier: MIT
#include "SimulationCases.h"

#include <stdexcept>
#include <string>

namespace headroom::bench {

engine::Model tandemModel(int stations, double rate, double serviceMs)
{
    engine::Model m;
    engine::Component users;
    users.id = "users";
    users.kind = engine::ComponentKind::Clients;
    users.set(engine::Field::RateRps, rate);
    m.components.push_back(users);
    for (int i = 0; i < stations; ++i) {
        engine::Component s;
        s.id = "s" + std::to_string(i);
        s.set(engine::Field::ServiceMs, serviceMs);
        m.components.push_back(s);
        engine::Link l;
        l.from = "users";
        l.to = s.id;
        m.links.push_back(l);
    }
    return m;
}

engine::Solver compileOrThrow(engine::Model model)
{
    auto solver = engine::Solver::create(std::move(model));
    if (!solver)
        throw std::runtime_error("model does not compile: " + solver.issues().front().message);
    return std::move(solver).value();
}

engine::sim::SimulationOptions customersRun(double customers, double rate, int replications)
{
    engine::sim::SimulationOptions options;
    options.replications = replications;
    options.threads = 1;
    options.durationS = customers / rate;
    options.warmupS = 0.0;
    return options;
}

} // namespace headroom::bench
