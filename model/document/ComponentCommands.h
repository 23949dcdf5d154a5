// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtCore/QList>
#include <QtGui/QUndoCommand>

#include <optional>

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
