// SPDX-License-Identifier: MIT
#pragma once

#include "Model.h"

#include <optional>
#include <string_view>

namespace headroom::engine {

/// A new component of this kind, with the values it needs to solve (a request rate,
/// a service time, a latency) and a typical size, so a component dropped on the
/// canvas is loaded at once. Its id and position are left for the caller.
Component defaultComponent(ComponentKind kind, std::optional<DatabaseRole> role = {});

/// The stem of a new component's text id ("app", "db", "replica", ...).
std::string_view idStem(ComponentKind kind, std::optional<DatabaseRole> role = {});

/// Whether the component cannot solve without this field: service_ms for a station,
/// latency_ms for an external, rate_rps or users (whichever it does not have) for clients.
bool isRequired(Field field, const Component& component);

} // namespace headroom::engine
