// SPDX-License-Identifier: MIT
#pragma once

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
        engine::Component c;
        c.id = id;
        c.kind = engine::ComponentKind::Clients;
        c.set(engine::Field::RateRps, rate);
        m_model.components.push_back(c);
        return *this;
    }

    ModelBuilder& component(const std::string& id, engine::ComponentKind kind,
                            std::initializer_list<std::pair<engine::Field, double>> fields,
                            std::optional<engine::DatabaseRole> role = std::nullopt)
    {
        engine::Component c;
        c.id = id;
        c.kind = kind;
        c.role = role;
        for (const auto& [field, value] : fields)
            c.set(field, value);
        m_model.components.push_back(c);
        return *this;
    }

    ModelBuilder& link(const std::string& from, const std::string& to, double calls = 1.0,
                       std::optional<engine::LinkKind> kind = std::nullopt,
                       std::initializer_list<std::pair<engine::LinkField, double>> fields = {})
    {
        engine::Link l;
        l.from = from;
        l.to = to;
        l.kind = kind;
        l.set(engine::LinkField::Calls, calls);
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
                qWarning("%s: %s", issue.subject.c_str(), issue.message.c_str());
        }
        return std::move(solver).value();
    }

private:
    engine::Model m_model;
};

/// Relative comparison with a named tolerance.
inline bool near(double got, double want, double rtol)
{
    return std::abs(got - want) <= rtol * std::max(std::abs(want), 1e-300) || got == want;
}

#define HEADROOM_COMPARE_NEAR(got, want, rtol)                                                                 \
    do {                                                                                                       \
        const double g_ = (got);                                                                               \
        const double w_ = (want);                                                                              \
        if (!headroom::testing::near(g_, w_, (rtol)))                                                          \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 (rtol %4)")                                  \
                                 .arg(QLatin1String(#got)).arg(g_, 0, 'g', 17).arg(w_, 0, 'g', 17).arg(rtol))); \
    } while (false)

} // namespace headroom::testing
