// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QHashFunctions>
#include <QtCore/QMetaType>
#include <QtCore/QtGlobal>

namespace headroom::model {

/// A component of the document, stable for the document's lifetime: it survives
/// renames, moves, and removal followed by undo. 0 is the invalid id.
struct ComponentId {
    quint64 value = 0;

    [[nodiscard]] static constexpr ComponentId invalid() { return {}; }
    [[nodiscard]] constexpr bool isValid() const { return value != 0; }
    friend constexpr bool operator==(ComponentId, ComponentId) = default;
    friend constexpr auto operator<=>(ComponentId, ComponentId) = default;
};

/// A link of the document, stable like ComponentId. 0 is the invalid id.
struct LinkId {
    quint64 value = 0;

    [[nodiscard]] static constexpr LinkId invalid() { return {}; }
    [[nodiscard]] constexpr bool isValid() const { return value != 0; }
    friend constexpr bool operator==(LinkId, LinkId) = default;
    friend constexpr auto operator<=>(LinkId, LinkId) = default;
};

inline size_t qHash(ComponentId id, size_t seed = 0) noexcept
{
    return ::qHash(id.value, seed);
}

inline size_t qHash(LinkId id, size_t seed = 0) noexcept
{
    return ::qHash(id.value, seed);
}

} // namespace headroom::model

Q_DECLARE_METATYPE(headroom::model::ComponentId)
Q_DECLARE_METATYPE(headroom::model::LinkId)
