// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtCore/QList>
#include <QtGui/QUndoCommand>

#include <optional>
#include <string>

namespace headroom::model {

/// Adds one component at the end of the model, or at `index` in its list (the
/// advisor's edits say where a component goes). Its id is taken at construction,
/// so undo then redo brings back the same ComponentId.
class AddComponentCommand : public QUndoCommand {
public:
    AddComponentCommand(Document* document, engine::Component component, QUndoCommand* parent = nullptr);
    AddComponentCommand(Document* document, engine::Component component, qsizetype index,
                        QUndoCommand* parent = nullptr);

    [[nodiscard]] ComponentId componentId() const { return m_id; }
    void redo() override;
    void undo() override;

private:
    Document* m_document = nullptr;
    ComponentId m_id;
    engine::Component m_component;
    std::optional<qsizetype> m_index; ///< empty: at the end
};

/// Sets one numeric field of one component (empty = back to its default). Consecutive
/// edits of the same field of the same component merge into one step; a step that
/// ends where it started is obsolete and leaves the stack.
class SetComponentFieldCommand : public QUndoCommand {
public:
    SetComponentFieldCommand(Document* document, ComponentId id, engine::Field field, std::optional<double> value,
                             QUndoCommand* parent = nullptr);

    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override;
    void undo() override;

private:
    Document* m_document = nullptr;
    ComponentId m_target;
    engine::Field m_field;
    std::optional<double> m_old;
    std::optional<double> m_new;
    bool m_captured = false;
};

/// Sets the id, label or notes. Typing in a label or notes merges; a rename does not,
/// and it carries the link ends and scenario overrides with it (Document::setText).
class SetComponentTextCommand : public QUndoCommand {
public:
    SetComponentTextCommand(Document* document, ComponentId id, ComponentText which, std::string text,
                            QUndoCommand* parent = nullptr);

    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override;
    void undo() override;

private:
    Document* m_document = nullptr;
    ComponentId m_target;
    ComponentText m_which;
    std::string m_old;
    std::string m_new;
    bool m_captured = false;
};

/// Changes the kind and the database role. Fields are left alone: changeKind()
/// (Editing.h) wraps this with the field changes a new kind needs.
class SetComponentKindCommand : public QUndoCommand {
public:
    SetComponentKindCommand(Document* document, ComponentId id, engine::ComponentKind kind,
                            std::optional<engine::DatabaseRole> role, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document* m_document = nullptr;
    ComponentId m_target;
    engine::ComponentKind m_kind;
    std::optional<engine::DatabaseRole> m_role;
    engine::ComponentKind m_oldKind = engine::ComponentKind::Station;
    std::optional<engine::DatabaseRole> m_oldRole;
    bool m_captured = false;
};

/// Moves components to new positions. A mouse drag is one command pushed on release
/// (MoveMode::Drag, never merges); keyboard nudges of the same selection merge
/// (MoveMode::Nudge). Obsolete when nothing moved.
class MoveComponentsCommand : public QUndoCommand {
public:
    enum class MoveMode : quint8 { Drag, Nudge };
    struct Move {
        ComponentId id;
        QPointF to;
    };

    MoveComponentsCommand(Document* document, QList<Move> moves, MoveMode mode = MoveMode::Drag,
                          QUndoCommand* parent = nullptr);

    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override;
    void undo() override;

private:
    struct Step {
        ComponentId id;
        std::optional<double> oldX, oldY;
        double newX = 0.0, newY = 0.0;
    };
    void updateObsolete();

    Document* m_document = nullptr;
    QList<Step> m_steps;
    MoveMode m_mode = MoveMode::Drag;
    bool m_captured = false;
};

} // namespace headroom::model
