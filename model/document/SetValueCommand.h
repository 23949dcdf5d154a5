// SPDX-License-Identifier: MIT
#pragma once

#include "document/CommandId.h"
#include "document/Document.h"
#include "document/WhatIfKey.h"

#include <QtGui/QUndoCommand>

#include <optional>
#include <string>

namespace headroom::model {

/// Sets one value of the document (a field, a text, a kind, a what-if control), as LabPlot's
/// StandardSetterCmd does for its properties: the steps are the same for every value and
/// live here once; what differs is in `Traits`:
///
/// - `Key` says which value (a component and a field...), `Value` what it is set to, and
///   `Saved` what is kept for undo (the value itself, or the whole what-if layer);
/// - `capture(document, key)` reads the saved state, `apply(document, key, value)` sets the
///   value, `restore(document, key, saved)` puts the saved state back;
/// - `mergeId(key)` is the command id (-1: never merges) and `text(document, key, value)`
///   the command's text.
///
/// The old state is read at the first redo() (so a command built inside a macro sees what
/// its earlier siblings left), never in the constructor. Consecutive commands with equal
/// keys and a merge id merge into one step; a step that leaves the document as it found it
/// is obsolete and leaves the stack.
template <typename Traits>
class SetValueCommand : public QUndoCommand {
public:
    using Key = typename Traits::Key;
    using Value = typename Traits::Value;
    using Saved = typename Traits::Saved;

    SetValueCommand(Document* document, Key key, Value value, QUndoCommand* parent = nullptr)
        : QUndoCommand(parent), m_document(document), m_key(std::move(key)), m_value(std::move(value))
    {
        setText(Traits::text(*m_document, m_key, m_value));
    }

    [[nodiscard]] int id() const override { return Traits::mergeId(m_key); }

    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* next = static_cast<const SetValueCommand*>(other);
        if (!(next->m_key == m_key))
            return false;
        m_value = next->m_value;
        // The next command has been done: the document holds the merged step's result.
        setObsolete(Traits::capture(*m_document, m_key) == m_saved);
        return true;
    }

    void redo() override
    {
        if (!m_captured) {
            m_saved = Traits::capture(*m_document, m_key);
            m_captured = true;
        }
        Traits::apply(*m_document, m_key, m_value);
        setObsolete(Traits::capture(*m_document, m_key) == m_saved);
    }

    void undo() override { Traits::restore(*m_document, m_key, m_saved); }

private:
    Document* m_document = nullptr;
    Key m_key;
    Value m_value;
    Saved m_saved{};
    bool m_captured = false;
};

/// The value of a numeric field of a component or a link, and its setter (overloads, so
/// that one FieldTraits serves both).
std::optional<double> fieldValue(const Document& document, ComponentId id, engine::Field field);
std::optional<double> fieldValue(const Document& document, LinkId id, engine::LinkField field);
void setFieldValue(Document& document, ComponentId id, engine::Field field, std::optional<double> value);
void setFieldValue(Document& document, LinkId id, engine::LinkField field, std::optional<double> value);
/// "Set Servers of app", "Set calls of app → db".
QString setFieldText(const Document& document, ComponentId id, engine::Field field);
QString setFieldText(const Document& document, LinkId id, engine::LinkField field);

/// A numeric field of a component or a link (empty: back to its default). Edits of the
/// same field of the same target merge (typing "125" is one step).
template <typename Id, typename FieldKind, CommandId Merge>
struct FieldTraits {
    struct Key {
        Id target;
        FieldKind field{};
        bool operator==(const Key&) const = default;
    };
    using Value = std::optional<double>;
    using Saved = std::optional<double>;

    static Saved capture(const Document& document, const Key& key)
    {
        return fieldValue(document, key.target, key.field);
    }
    static void apply(Document& document, const Key& key, const Value& value)
    {
        setFieldValue(document, key.target, key.field, value);
    }
    static void restore(Document& document, const Key& key, const Saved& saved) { apply(document, key, saved); }
    static int mergeId(const Key&) { return commandId(Merge); }
    static QString text(const Document& document, const Key& key, const Value&)
    {
        return setFieldText(document, key.target, key.field);
    }
};
using ComponentFieldTraits = FieldTraits<ComponentId, engine::Field, CommandId::SetComponentField>;
using LinkFieldTraits = FieldTraits<LinkId, engine::LinkField, CommandId::SetLinkField>;

/// A component's id, label or notes. Typing in a label or notes merges; a rename does not,
/// and it carries the link ends and scenario overrides with it (Document::setText).
struct ComponentTextTraits {
    struct Key {
        ComponentId component;
        ComponentText which = ComponentText::Label;
        bool operator==(const Key&) const = default;
    };
    using Value = std::string;
    using Saved = std::string;

    static Saved capture(const Document& document, const Key& key);
    static void apply(Document& document, const Key& key, const Value& value);
    static void restore(Document& document, const Key& key, const Saved& saved) { apply(document, key, saved); }
    static int mergeId(const Key& key)
    {
        return key.which == ComponentText::Id ? -1 : commandId(CommandId::SetComponentText);
    }
    static QString text(const Document& document, const Key& key, const Value& value);
};

/// A component's kind and database role. Fields are left alone: changeKind() (Editing.h)
/// wraps this with the field changes a new kind needs. Never merges.
struct ComponentKindTraits {
    struct KindAndRole {
        engine::ComponentKind kind = engine::ComponentKind::Station;
        std::optional<engine::DatabaseRole> role;
        bool operator==(const KindAndRole&) const = default;
    };
    using Key = ComponentId;
    using Value = KindAndRole;
    using Saved = KindAndRole;

    static Saved capture(const Document& document, const Key& key);
    static void apply(Document& document, const Key& key, const Value& value);
    static void restore(Document& document, const Key& key, const Saved& saved) { apply(document, key, saved); }
    static int mergeId(const Key&) { return -1; }
    static QString text(const Document& document, const Key& key, const Value& value);
};

/// A link's kind (empty: the default, async into a queue and sync otherwise). Never merges.
struct LinkKindTraits {
    using Key = LinkId;
    using Value = std::optional<engine::LinkKind>;
    using Saved = std::optional<engine::LinkKind>;

    static Saved capture(const Document& document, const Key& key);
    static void apply(Document& document, const Key& key, const Value& value);
    static void restore(Document& document, const Key& key, const Saved& saved) { apply(document, key, saved); }
    static int mergeId(const Key&) { return -1; }
    static QString text(const Document& document, const Key& key, const Value& value);
};

/// One control of the what-if layer: the traffic multiplier, or one field of a component
/// or link (empty: back to the base value). A slider drag is one step: the commands of one
/// gesture (Document::beginGesture) merge from the press to the release; without a gesture
/// (0) a command never merges. Undo puts the whole layer back as it was, order included.
struct WhatIfTraits {
    struct Key {
        WhatIfKey control;
        quint64 gesture = 0;
        bool operator==(const Key&) const = default;
    };
    using Value = std::optional<double>;
    using Saved = engine::Scenario;

    static Saved capture(const Document& document, const Key& key);
    static void apply(Document& document, const Key& key, const Value& value);
    static void restore(Document& document, const Key& key, const Saved& saved);
    static int mergeId(const Key& key) { return key.gesture != 0 ? commandId(CommandId::SetWhatIf) : -1; }
    static QString text(const Document& document, const Key& key, const Value& value);
};

using SetComponentFieldCommand = SetValueCommand<ComponentFieldTraits>;
using SetLinkFieldCommand = SetValueCommand<LinkFieldTraits>;
using SetComponentTextCommand = SetValueCommand<ComponentTextTraits>;
using SetComponentKindCommand = SetValueCommand<ComponentKindTraits>;
using SetLinkKindCommand = SetValueCommand<LinkKindTraits>;
using SetWhatIfCommand = SetValueCommand<WhatIfTraits>;

} // namespace headroom::model
