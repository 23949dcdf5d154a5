// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Fields.h"
#include "engine/Issue.h"
#include "engine/Kinds.h"
#include "engine/Model.h"

#include <QtCore/QByteArray>
#include <QtCore/QMetaType>
#include <QtTest/QTest>

#include <cmath>
#include <optional>
#include <string>
#include <utility>

namespace headroom::testing {

/// |actual - expected| <= rtol |expected| + atol; never true for NaN or infinity.
inline bool isClose(double actual, double expected, double rtol, double atol = 0.0)
{
    if (!std::isfinite(actual) || !std::isfinite(expected))
        return false;
    return std::fabs(actual - expected) <= rtol * std::fabs(expected) + atol;
}

inline QByteArray mismatch(const char* what, double actual, double expected, double rtol, double atol)
{
    const double relative = expected != 0.0 ? std::fabs(actual - expected) / std::fabs(expected) : std::fabs(actual);
    return QByteArray(what) + ": got " + QByteArray::number(actual, 'g', 17) + ", expected " +
           QByteArray::number(expected, 'g', 17) + " (relative error " + QByteArray::number(relative, 'g', 3) +
           ", allowed rtol " + QByteArray::number(rtol, 'g', 3) + " atol " + QByteArray::number(atol, 'g', 3) + ")";
}

/// Whether any issue has this subject; the subjects are listed on failure.
inline bool hasSubject(const engine::Issues& issues, const std::string& subject)
{
    for (const engine::Issue& issue : issues) {
        if (engine::subjectText(issue.subject) == subject)
            return true;
    }
    return false;
}

inline QByteArray describe(const engine::Issues& issues)
{
    QByteArray out;
    for (const engine::Issue& issue : issues)
        out += "\n  [" + QByteArray::fromStdString(engine::subjectText(issue.subject)) + "] " +
               QByteArray::fromStdString(issue.message);
    return out.isEmpty() ? QByteArray("(no issues)") : out;
}

/// The issues of a failed Checked, for a QVERIFY2 message (evaluated even when it passes).
template <typename T>
QByteArray describeFailure(const engine::Checked<T>& checked)
{
    return checked.ok() ? QByteArray() : describe(checked.issues());
}

// ---- Model builders: a component with only the fields a test sets. ----

class ComponentBuilder {
public:
    ComponentBuilder(std::string id, engine::ComponentKind kind)
    {
        m_component.id = std::move(id);
        m_component.kind = kind;
    }
    ComponentBuilder& set(engine::Field field, double value)
    {
        m_component.set(field, value);
        return *this;
    }
    ComponentBuilder& role(engine::DatabaseRole role)
    {
        m_component.role = role;
        return *this;
    }
    operator engine::Component() const { return m_component; } // NOLINT(google-explicit-constructor)

private:
    engine::Component m_component;
};

inline engine::Component openClients(std::string id, double rateRps)
{
    return ComponentBuilder(std::move(id), engine::ComponentKind::Clients).set(engine::Field::RateRps, rateRps);
}

inline engine::Component closedClients(std::string id, double users, double thinkMs)
{
    return ComponentBuilder(std::move(id), engine::ComponentKind::Clients)
        .set(engine::Field::Users, users)
        .set(engine::Field::ThinkMs, thinkMs);
}

inline ComponentBuilder station(std::string id, double serviceMs, double servers = 1.0,
                                engine::ComponentKind kind = engine::ComponentKind::Station)
{
    ComponentBuilder b(std::move(id), kind);
    b.set(engine::Field::ServiceMs, serviceMs).set(engine::Field::Servers, servers);
    return b;
}

inline engine::Link route(std::string from, std::string to, double calls = 1.0,
                         std::optional<engine::LinkKind> kind = std::nullopt)
{
    engine::Link l;
    l.from = std::move(from);
    l.to = std::move(to);
    l.kind = kind;
    l.set(engine::LinkField::Calls, calls);
    return l;
}

} // namespace headroom::testing

// Whole models as data-table columns.
Q_DECLARE_METATYPE(headroom::engine::Model)

/// Relative comparison with a named tolerance; fails the test with both values.
#define HR_COMPARE_REL(actual, expected, rtol)                                                                  \
    do {                                                                                                        \
        const double hrActual_ = static_cast<double>(actual);                                                   \
        const double hrExpected_ = static_cast<double>(expected);                                               \
        if (!headroom::testing::isClose(hrActual_, hrExpected_, (rtol)))                                        \
            QFAIL(headroom::testing::mismatch(#actual, hrActual_, hrExpected_, (rtol), 0.0).constData());       \
    } while (false)

/// Absolute comparison with a named tolerance.
#define HR_COMPARE_ABS(actual, expected, atol)                                                                  \
    do {                                                                                                        \
        const double hrActual_ = static_cast<double>(actual);                                                   \
        const double hrExpected_ = static_cast<double>(expected);                                               \
        if (!headroom::testing::isClose(hrActual_, hrExpected_, 0.0, (atol)))                                   \
            QFAIL(headroom::testing::mismatch(#actual, hrActual_, hrExpected_, 0.0, (atol)).constData());       \
    } while (false)

/// Relative and absolute together (for values that may be zero).
#define HR_COMPARE_MIXED(actual, expected, rtol, atol)                                                          \
    do {                                                                                                        \
        const double hrActual_ = static_cast<double>(actual);                                                   \
        const double hrExpected_ = static_cast<double>(expected);                                               \
        if (!headroom::testing::isClose(hrActual_, hrExpected_, (rtol), (atol)))                                \
            QFAIL(headroom::testing::mismatch(#actual, hrActual_, hrExpected_, (rtol), (atol)).constData());    \
    } while (false)

/// An optional that must hold a value close to `expected`.
#define HR_COMPARE_OPT_REL(optional, expected, rtol)                                                            \
    do {                                                                                                        \
        QVERIFY2((optional).has_value(), #optional " is empty (infinite) but a finite value was expected");    \
        HR_COMPARE_REL(*(optional), expected, rtol);                                                            \
    } while (false)
