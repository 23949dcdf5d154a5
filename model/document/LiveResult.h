// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "engine/Issue.h"
#include "engine/Result.h"
#include "engine/Solver.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QString>

#include <memory>
#include <optional>

namespace headroom::model {

/// One error or warning about the document, tied to what it is about so that the
/// editor can point at it.
struct LiveIssue {
    enum class Severity : quint8 { Error, Warning };

    Severity severity = Severity::Error;
    engine::Issue source;  ///< as the engine raised it: its structured subject and message
    ComponentId component; ///< invalid when the issue is about no single component
    LinkId link;           ///< set when the issue is about a link or its pool
    QString field;         ///< the field the subject names ("servers"), if any
    QString subject;       ///< the subject in words ("app.servers", "what-if.db.capacity")
    QString message;       ///< what is wrong; an issue of the what-if layer says so first ("what-if: ...")

    /// Whether the issue is about the what-if layer's values rather than the model's.
    [[nodiscard]] bool inWhatIf() const { return source.subject.layer == engine::Subject::Layer::WhatIf; }

    bool operator==(const LiveIssue&) const = default;
};

/// A solve of the document as it was when solved: the engine's result and the ids of
/// the components and links it refers to (results are parallel to the model's lists).
/// The figures are for the model with the what-if layer on top, at its multiplier
/// (`result.multiplier`).
struct LiveResult {
    engine::SolveResult result;
    /// The compiled model the figures are for (the base with the what-if applied), for
    /// the analyses the charts draw. Shared: copies of a result are cheap.
    std::shared_ptr<const engine::Solver> solver;
    QList<ComponentId> components;
    QList<LinkId> links;
    QList<LiveIssue> warnings;

    /// The component's figures in this result, or null.
    [[nodiscard]] const engine::ComponentResult* find(ComponentId id) const
    {
        const qsizetype i = m_index.value(id, -1);
        return i < 0 ? nullptr : &result.components[static_cast<std::size_t>(i)];
    }
    [[nodiscard]] ComponentId bottleneck() const
    {
        return result.bottleneck ? components.value(static_cast<qsizetype>(*result.bottleneck)) : ComponentId{};
    }
    /// The pool on this link, or null.
    [[nodiscard]] const engine::PoolResult* pool(LinkId id) const
    {
        const qsizetype link = links.indexOf(id);
        for (const engine::PoolResult& p : result.pools) {
            if (static_cast<qsizetype>(p.link) == link)
                return &p;
        }
        return nullptr;
    }
    void index()
    {
        m_index.clear();
        for (qsizetype i = 0; i < components.size(); ++i)
            m_index.insert(components[i], i);
    }

private:
    QHash<ComponentId, qsizetype> m_index;
};

} // namespace headroom::model

Q_DECLARE_METATYPE(headroom::model::LiveIssue)
Q_DECLARE_METATYPE(headroom::model::LiveResult)
