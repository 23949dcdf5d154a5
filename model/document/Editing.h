// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtCore/QPointF>
#include <QtCore/QString>

#include <optional>

namespace headroom::model {

/// Why a link from `from` to `to` cannot be drawn (itself, a duplicate, into the
/// clients), or nothing when it can.
std::optional<QString> linkProblem(const Document& document, ComponentId from, ComponentId to);

/// The link a drag from `from` to `to` draws: a replication link from a primary
/// database to a replica, a link of the default kind otherwise.
engine::Link newLink(const Document& document, ComponentId from, ComponentId to);

/// Adds a default component of this kind centred on `position`, as one undo step,
/// with a fresh text id. Returns its id.
ComponentId addComponent(Document& document, engine::ComponentKind kind,
                         std::optional<engine::DatabaseRole> role, QPointF position);

/// Turns a component into another kind (and database role) as one undo step. Fields
/// the new kind does not use are cleared (position and cost stay); the fields it
/// cannot solve without get the values of defaultComponent(); pools and replication
/// on its links are dropped where they no longer apply.
void changeKind(Document& document, ComponentId id, engine::ComponentKind kind,
                std::optional<engine::DatabaseRole> role);

/// Why `name` cannot be this component's new text id, or nothing when it can.
std::optional<QString> renameProblem(const Document& document, ComponentId id, const QString& name);

} // namespace headroom::model
