// SPDX-License-Identifier: MIT
#include "document/ModelEditCommands.h"

#include "document/CommandText.h"
#include "document/ComponentCommands.h"
#include "document/Document.h"
#include "document/IssueText.h"
#include "document/LinkCommands.h"
#include "document/RemoveItemsCommand.h"
#include "document/SetValueCommand.h"
#include "engine/AutoLayout.h"

#include <QtGui/QUndoStack>

#include <type_traits>

namespace headroom::model {

namespace {

/// The command for one edit, read against the document as the earlier edits left it
/// (each command of the macro runs as it is pushed).
QUndoCommand* commandFor(Document& document, const engine::ModelEdit& edit)
{
    const auto component = [&](const std::string& name) { return document.findComponent(name); };
    const auto link = [&](const std::string& from, const std::string& to) {
        return document.findLink(component(from), component(to));
    };
    return std::visit(
        [&](const auto& e) -> QUndoCommand* {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, engine::AddComponent>) {
                engine::Component added = e.component;
                const auto [x, y] = engine::nearestFreeSpot(
                    document.model(), {added.valueOr(engine::Field::X, 0.0), added.valueOr(engine::Field::Y, 0.0)});
                added.set(engine::Field::X, x);
                added.set(engine::Field::Y, y);
                return new AddComponentCommand(&document, std::move(added), static_cast<qsizetype>(e.position));
            } else if constexpr (std::is_same_v<E, engine::RemoveComponent>) {
                return new RemoveItemsCommand(&document, {component(e.id)}, {});
            } else if constexpr (std::is_same_v<E, engine::SetField>) {
                if (e.field == engine::Field::X || e.field == engine::Field::Y) {
                    // Positions are moves, which have their own command.
                    const ComponentId id = component(e.component);
                    QPointF to = document.position(id);
                    (e.field == engine::Field::X ? to.rx() : to.ry()) = e.value.value_or(0.0);
                    return new MoveComponentsCommand(&document, {{id, to}});
                }
                return new SetComponentFieldCommand(&document, {component(e.component), e.field}, e.value);
            } else if constexpr (std::is_same_v<E, engine::AddLink>) {
                return new AddLinkCommand(&document, e.link);
            } else if constexpr (std::is_same_v<E, engine::RemoveLink>) {
                return new RemoveItemsCommand(&document, {}, {link(e.from, e.to)});
            } else if constexpr (std::is_same_v<E, engine::SetLinkField>) {
                return new SetLinkFieldCommand(&document, {link(e.from, e.to), e.field}, e.value);
            } else if constexpr (std::is_same_v<E, engine::SetLinkKind>) {
                return new SetLinkKindCommand(&document, link(e.from, e.to), e.kind);
            } else {
                static_assert(std::is_same_v<E, engine::RetargetLink>);
                return new RetargetLinkCommand(&document, link(e.from, e.to), e.newFrom, e.newTo);
            }
        },
        edit);
}

} // namespace

std::optional<QString> pushModelEdits(Document& document, std::span<const engine::ModelEdit> edits,
                                      const QString& text)
{
    // Checked on a copy first: a half-applied macro would be worse than none.
    if (const auto checked = engine::applyEdits(document.model(), edits); !checked)
        return issuesText(checked.issues());
    QUndoStack* stack = document.undoStack();
    stack->beginMacro(text);
    for (const engine::ModelEdit& edit : edits) {
        QUndoCommand* command = commandFor(document, edit);
        command->setText(qs(engine::describeEdit(edit)));
        stack->push(command);
    }
    stack->endMacro();
    return std::nullopt;
}

} // namespace headroom::model
