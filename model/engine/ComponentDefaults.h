// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"

#include <optional>
#include <string_view>

namespace headroom::model {

/// A new component of this kind, with the values it needs to solve (a request rate,
/// a service time, a latency) and a typical size, so a component dropped on the
/// canvas is loaded at once. Its id and position are left for the caller.
engine::Component defaultComponent(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role = {});

/// The stem of a new component's text id ("app", "db", "replica", ...).
std::string_view idStem(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role = {});

/// Whether the component cannot solve without this field: service_ms for a station,
/// latency_ms for an external, rate_rps or users (whichever it does not have) for clients.
bool isRequired(engine::Field field, const engine::Component& component);

} // namespace headroom::model
