// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "engine/Fields.h"

#include <QtCore/QMetaType>

namespace headroom::model {

/// What one what-if control changes: the traffic multiplier, one field of one
/// component, or one field of one link (a pool size).
struct WhatIfKey {
    enum class Target : quint8 { Multiplier, Component, Link };

    Target target = Target::Multiplier;
    ComponentId component;
    engine::Field field = engine::Field::Servers;
    LinkId link;
    engine::LinkField linkField = engine::LinkField::PoolSize;

    [[nodiscard]] static WhatIfKey multiplier() { return {}; }
    [[nodiscard]] static WhatIfKey of(ComponentId id, engine::Field field)
    {
        return {Target::Component, id, field, {}, engine::LinkField::PoolSize};
    }
    [[nodiscard]] static WhatIfKey of(LinkId id, engine::LinkField field)
    {
        return {Target::Link, {}, engine::Field::Servers, id, field};
    }

    friend bool operator==(const WhatIfKey&, const WhatIfKey&) = default;
};

} // namespace headroom::model

Q_DECLARE_METATYPE(headroom::model::WhatIfKey)
