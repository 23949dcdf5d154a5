// SPDX-License-Identifier: MIT
#include "document/ComponentCommands.h"

#include "document/CommandId.h"
#include "document/CommandText.h"

#include <algorithm>

namespace headroom::model {

// ---- AddComponentCommand ---------------------------------------------------------------

AddComponentCommand::AddComponentCommand(Document* document, engine::Component component, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_id(document->allocateComponentId()),
      m_component(std::move(component))
{
    setText(commandText("Add %1").arg(qs(engine::kindTitle(m_component.kind))));
}

AddComponentCommand::AddComponentCommand(Document* document, engine::Component component, qsizetype index,
                                         QUndoCommand* parent)
    : AddComponentCommand(document, std::move(component), parent)
{
    m_index = index;
}

void AddComponentCommand::redo()
{
    const qsizetype end = m_document->componentIds().size();
    m_document->insertComponent(m_index ? std::clamp<qsizetype>(*m_index, 0, end) : end, m_id, m_component);
}

void AddComponentCommand::undo()
{
    m_component = m_document->takeComponent(m_id);
}

// ---- MoveComponentsCommand -------------------------------------------------------------

MoveComponentsCommand::MoveComponentsCommand(Document* document, QList<Move> moves, MoveMode mode,
                                             QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_mode(mode)
{
    for (const Move& move : moves)
        m_steps.append({move.id, std::nullopt, std::nullopt, move.to.x(), move.to.y()});
    setText(m_steps.size() == 1 ? commandText("Move %1").arg(nameOf(*document, m_steps.front().id))
                                : commandText("Move %1 components").arg(m_steps.size()));
}

int MoveComponentsCommand::id() const
{
    return m_mode == MoveMode::Nudge ? commandId(CommandId::NudgeComponents) : -1;
}

bool MoveComponentsCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const MoveComponentsCommand*>(other);
    if (next->m_steps.size() != m_steps.size())
        return false;
    for (qsizetype i = 0; i < m_steps.size(); ++i) {
        if (next->m_steps[i].id != m_steps[i].id)
            return false;
    }
    for (qsizetype i = 0; i < m_steps.size(); ++i) {
        m_steps[i].newX = next->m_steps[i].newX;
        m_steps[i].newY = next->m_steps[i].newY;
    }
    updateObsolete();
    return true;
}

void MoveComponentsCommand::updateObsolete()
{
    bool moved = false;
    for (const Step& s : m_steps)
        moved = moved || s.oldX != s.newX || s.oldY != s.newY;
    setObsolete(!moved);
}

void MoveComponentsCommand::redo()
{
    if (!m_captured) {
        for (Step& s : m_steps) {
            const engine::Component& c = m_document->component(s.id);
            s.oldX = c.get(engine::Field::X);
            s.oldY = c.get(engine::Field::Y);
        }
        m_captured = true;
        updateObsolete();
    }
    for (const Step& s : m_steps)
        m_document->setPosition(s.id, s.newX, s.newY);
}

void MoveComponentsCommand::undo()
{
    for (const Step& s : m_steps)
        m_document->setPosition(s.id, s.oldX, s.oldY);
}

} // namespace headroom::model
