// SPDX-License-Identifier: MIT
#pragma once

#include "Fields.h"
#include "Issue.h"
#include "Kinds.h"
#include "Model.h"

#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace headroom::engine {

/// Inserts a component at `position` in the component list (clamped to its end).
struct AddComponent {
    Component component;
    std::size_t position = 0;

    bool operator==(const AddComponent&) const = default;
};

/// Removes a component and every link to or from it (as deleting it on the diagram does).
struct RemoveComponent {
    std::string id;

    bool operator==(const RemoveComponent&) const = default;
};

/// Sets one field of a component; an empty value removes it (its default applies).
struct SetField {
    std::string component;
    Field field = Field::Instances;
    std::optional<double> value;

    bool operator==(const SetField&) const = default;
};

/// Appends a link.
struct AddLink {
    Link link;

    bool operator==(const AddLink&) const = default;
};

/// Removes the link from `from` to `to` (there is at most one).
struct RemoveLink {
    std::string from;
    std::string to;

    bool operator==(const RemoveLink&) const = default;
};

/// Sets one numeric field of a link; an empty value removes it.
struct SetLinkField {
    std::string from;
    std::string to;
    LinkField field = LinkField::Calls;
    std::optional<double> value;

    bool operator==(const SetLinkField&) const = default;
};

/// Sets a link's kind; an empty value restores the default (async into a queue, else sync).
struct SetLinkKind {
    std::string from;
    std::string to;
    std::optional<LinkKind> kind;

    bool operator==(const SetLinkKind&) const = default;
};

/// Moves the link from -> to so that it runs newFrom -> newTo, keeping its calls, kind and pool.
struct RetargetLink {
    std::string from;
    std::string to;
    std::string newFrom;
    std::string newTo;

    bool operator==(const RetargetLink&) const = default;
};

/// One undoable change to a model. A recommendation carries a list of them; the
/// editor turns the same list into one undo macro, so that what the advisor
/// verified is exactly what the user applies.
using ModelEdit =
    std::variant<AddComponent, RemoveComponent, SetField, AddLink, RemoveLink, SetLinkField, SetLinkKind, RetargetLink>;

/// The model with `edits` applied in order; the input is not changed. An edit that
/// names a missing component or link, adds a second component with an id or a second
/// link between the same two components, is an issue naming the edit ("edits[2]").
/// The result is not validated: Solver::create does that.
Checked<Model> applyEdits(const Model& model, std::span<const ModelEdit> edits);

/// One line for an undo command's text ("set app.instances to 15").
std::string describeEdit(const ModelEdit& edit);

} // namespace headroom::engine
