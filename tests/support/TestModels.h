// SPDX-License-Identifier: MIT
#pragma once

#include "EngineTestSupport.h"

#include "engine/Model.h"
#include "engine/Solver.h"

#include <QtTest/QTest>

#include <initializer_list>
#include <string>
#include <utility>

namespace headroom::testing {

/// Builds small models in code, so each test shows its numbers where it uses them.
class ModelBuilder {
public:
    ModelBuilder& clients(const std::string& id, double rate)
    {
        m_model.components.push_back(openClients(id, rate));
        return *this;
    }

    ModelBuilder& component(const std::string& id, engine::ComponentKind kind,
                            std::initializer_list<std::pair<engine::Field, double>> fields,
                            std::optional<engine::DatabaseRole> role = std::nullopt)
    {
        ComponentBuilder c(id, kind);
        for (const auto& [field, value] : fields)
            c.set(field, value);
        if (role)
            c.role(*role);
        m_model.components.push_back(c);
        return *this;
    }

    ModelBuilder& link(const std::string& from, const std::string& to, double calls = 1.0,
                       std::optional<engine::LinkKind> kind = std::nullopt,
                       std::initializer_list<std::pair<engine::LinkField, double>> fields = {})
    {
        engine::Link l = route(from, to, calls, kind);
        for (const auto& [field, value] : fields)
            l.set(field, value);
        m_model.links.push_back(l);
        return *this;
    }

    [[nodiscard]] engine::Model model() const { return m_model; }

    /// The compiled model; fails the current test if it does not compile.
    [[nodiscard]] engine::Solver solver() const
    {
        auto solver = engine::Solver::create(m_model);
        if (!solver) {
            for (const auto& issue : solver.issues())
                qWarning("%s", engine::issueText(issue).c_str());
        }
        return std::move(solver).value();
    }

private:
    engine::Model m_model;
};

} // namespace headroom::testing
