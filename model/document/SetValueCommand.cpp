// SPDX-License-Identifier: MIT
#include "document/SetValueCommand.h"

#include "document/CommandText.h"

namespace headroom::model {

// ---- a component's or a link's field ---------------------------------------------------

std::optional<double> fieldValue(const Document& document, ComponentId id, engine::Field field)
{
    return document.component(id).get(field);
}

std::optional<double> fieldValue(const Document& document, LinkId id, engine::LinkField field)
{
    return document.link(id).get(field);
}

void setFieldValue(Document& document, ComponentId id, engine::Field field, std::optional<double> value)
{
    document.setField(id, field, value);
}

void setFieldValue(Document& document, LinkId id, engine::LinkField field, std::optional<double> value)
{
    document.setLinkField(id, field, value);
}

QString setFieldText(const Document& document, ComponentId id, engine::Field field)
{
    return commandText("Set %1 of %2").arg(qs(engine::fieldRule(field).label), nameOf(document, id));
}

QString setFieldText(const Document& document, LinkId id, engine::LinkField field)
{
    return commandText("Set %1 of %2").arg(qs(engine::linkFieldRule(field).label).toLower(), nameOf(document, id));
}

// ---- a component's id, label or notes --------------------------------------------------

ComponentTextTraits::Saved ComponentTextTraits::capture(const Document& document, const Key& key)
{
    const engine::Component& c = document.component(key.component);
    switch (key.which) {
    case ComponentText::Id:
        return c.id;
    case ComponentText::Label:
        return c.label;
    case ComponentText::Notes:
        return c.notes;
    }
    return {};
}

void ComponentTextTraits::apply(Document& document, const Key& key, const Value& value)
{
    document.setText(key.component, key.which, value);
}

QString ComponentTextTraits::text(const Document& document, const Key& key, const Value& value)
{
    switch (key.which) {
    case ComponentText::Id:
        return commandText("Rename %1 to %2").arg(nameOf(document, key.component), qs(value));
    case ComponentText::Label:
        return commandText("Set label of %1").arg(nameOf(document, key.component));
    case ComponentText::Notes:
        return commandText("Set notes of %1").arg(nameOf(document, key.component));
    }
    return {};
}

// ---- a component's kind and role -------------------------------------------------------

ComponentKindTraits::Saved ComponentKindTraits::capture(const Document& document, const Key& key)
{
    const engine::Component& c = document.component(key);
    return {c.kind, c.role};
}

void ComponentKindTraits::apply(Document& document, const Key& key, const Value& value)
{
    document.setKind(key, value.kind, value.role);
}

QString ComponentKindTraits::text(const Document& document, const Key& key, const Value& value)
{
    return commandText("Make %1 a %2").arg(nameOf(document, key), qs(engine::kindTitle(value.kind)).toLower());
}

// ---- a link's kind ---------------------------------------------------------------------

LinkKindTraits::Saved LinkKindTraits::capture(const Document& document, const Key& key)
{
    return document.link(key).kind;
}

void LinkKindTraits::apply(Document& document, const Key& key, const Value& value)
{
    document.setLinkKind(key, value);
}

QString LinkKindTraits::text(const Document& document, const Key& key, const Value& value)
{
    return commandText("Make %1 %2")
        .arg(nameOf(document, key), value ? qs(engine::linkKindName(*value)) : commandText("the default kind"));
}

// ---- a what-if control -----------------------------------------------------------------

WhatIfTraits::Saved WhatIfTraits::capture(const Document& document, const Key&)
{
    return document.whatIf();
}

void WhatIfTraits::apply(Document& document, const Key& key, const Value& value)
{
    document.setWhatIfValue(key.control, value);
}

void WhatIfTraits::restore(Document& document, const Key&, const Saved& saved)
{
    document.setWhatIf(saved);
}

QString WhatIfTraits::text(const Document& document, const Key& key, const Value&)
{
    const WhatIfKey& control = key.control;
    switch (control.target) {
    case WhatIfKey::Target::Multiplier:
        return commandText("What if: traffic");
    case WhatIfKey::Target::Component:
        return commandText("What if: %1 of %2")
            .arg(qs(engine::fieldRule(control.field).label), nameOf(document, control.component));
    case WhatIfKey::Target::Link: {
        if (!document.contains(control.link))
            return commandText("What if: %1").arg(qs(engine::linkFieldRule(control.linkField).label));
        const engine::Link& link = document.link(control.link);
        return commandText("What if: %1 of %2 \u2192 %3")
            .arg(qs(engine::linkFieldRule(control.linkField).label), qs(link.from), qs(link.to));
    }
    }
    return {};
}

} // namespace headroom::model
