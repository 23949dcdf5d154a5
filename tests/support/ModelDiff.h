// SPDX-License-Identifier: MIT
// Where two models differ, for the message of a comparison that fails: a test that
// compares whole models (undo gives back the very same model, a file reads back what was
// written) says which component, link or scenario and which value, not just "false".
#pragma once

#include "engine/Fields.h"
#include "engine/Kinds.h"
#include "engine/Model.h"

#include <QtCore/QByteArray>
#include <QtTest/QTest>

#include <algorithm>
#include <optional>
#include <string>

namespace headroom::testing {

namespace detail {

inline QByteArray text(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

inline QByteArray text(const std::optional<double>& value)
{
    return value ? QByteArray::number(*value, 'g', 17) : QByteArray("(unset)");
}

inline QByteArray componentDifference(const engine::Component& a, const engine::Component& b)
{
    if (a.id != b.id)
        return "id '" + text(a.id) + "' != '" + text(b.id) + "'";
    if (a.kind != b.kind)
        return "kind " + text(std::string(engine::kindName(a.kind))) + " != " + text(std::string(engine::kindName(b.kind)));
    if (a.role != b.role)
        return "role differs";
    if (a.label != b.label)
        return "label '" + text(a.label) + "' != '" + text(b.label) + "'";
    if (a.notes != b.notes)
        return "notes differ";
    for (const engine::Field field : engine::allFields()) {
        if (a.get(field) != b.get(field))
            return text(std::string(engine::fieldRule(field).key)) + " " + text(a.get(field)) + " != " +
                   text(b.get(field));
    }
    return {};
}

inline QByteArray linkDifference(const engine::Link& a, const engine::Link& b)
{
    if (a.from != b.from || a.to != b.to)
        return "ends " + text(a.from) + " -> " + text(a.to) + " != " + text(b.from) + " -> " + text(b.to);
    if (a.kind != b.kind)
        return "kind differs";
    for (const engine::LinkField field : engine::allLinkFields()) {
        if (a.get(field) != b.get(field))
            return text(std::string(engine::linkFieldRule(field).key)) + " " + text(a.get(field)) + " != " +
                   text(b.get(field));
    }
    return {};
}

} // namespace detail

/// The first difference between two models in words ("components[2] (app): servers 4 != 8"),
/// `actual` first; empty when they are equal.
inline QByteArray difference(const engine::Model& actual, const engine::Model& expected)
{
    using detail::text;
    if (actual.name != expected.name)
        return "name '" + text(actual.name) + "' != '" + text(expected.name) + "'";
    if (actual.description != expected.description)
        return "description differs";
    const std::size_t components = std::min(actual.components.size(), expected.components.size());
    for (std::size_t i = 0; i < components; ++i) {
        const QByteArray d = detail::componentDifference(actual.components[i], expected.components[i]);
        if (!d.isEmpty())
            return "components[" + QByteArray::number(qulonglong(i)) + "] (" + text(expected.components[i].id) + "): " + d;
    }
    if (actual.components.size() != expected.components.size())
        return QByteArray::number(qulonglong(actual.components.size())) + " components != " +
               QByteArray::number(qulonglong(expected.components.size()));
    const std::size_t links = std::min(actual.links.size(), expected.links.size());
    for (std::size_t i = 0; i < links; ++i) {
        const QByteArray d = detail::linkDifference(actual.links[i], expected.links[i]);
        if (!d.isEmpty())
            return "links[" + QByteArray::number(qulonglong(i)) + "]: " + d;
    }
    if (actual.links.size() != expected.links.size())
        return QByteArray::number(qulonglong(actual.links.size())) + " links != " +
               QByteArray::number(qulonglong(expected.links.size()));
    const std::size_t scenarios = std::min(actual.scenarios.size(), expected.scenarios.size());
    for (std::size_t i = 0; i < scenarios; ++i) {
        const engine::Scenario& a = actual.scenarios[i];
        const engine::Scenario& b = expected.scenarios[i];
        const QByteArray where = "scenarios[" + QByteArray::number(qulonglong(i)) + "] (" + text(b.name) + "): ";
        if (a.name != b.name)
            return where + "name '" + text(a.name) + "'";
        if (a.multiplier != b.multiplier)
            return where + "multiplier " + text(a.multiplier) + " != " + text(b.multiplier);
        if (a.overrides != b.overrides)
            return where + QByteArray::number(qulonglong(a.overrides.size())) + " overrides differ from " +
                   QByteArray::number(qulonglong(b.overrides.size()));
        if (a.linkOverrides != b.linkOverrides)
            return where + "link overrides differ";
    }
    if (actual.scenarios.size() != expected.scenarios.size())
        return QByteArray::number(qulonglong(actual.scenarios.size())) + " scenarios != " +
               QByteArray::number(qulonglong(expected.scenarios.size()));
    return actual == expected ? QByteArray() : QByteArray("the models differ in a way not described here");
}

} // namespace headroom::testing

/// Two models (or anything with a difference() overload, found by ADL) must be equal; a
/// failure says where they first differ.
#define HR_COMPARE_MODELS(actual, expected)                                                                    \
    do {                                                                                                       \
        using headroom::testing::difference;                                                                   \
        const auto& hrActual_ = (actual);                                                                      \
        const auto& hrExpected_ = (expected);                                                                  \
        QVERIFY2(hrActual_ == hrExpected_, difference(hrActual_, hrExpected_).constData());                    \
    } while (false)

