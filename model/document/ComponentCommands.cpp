// SPDX-License-Identifier: MIT
#include "document/ComponentCommands.h"

#include "document/CommandId.h"

#include <QtCore/QCoreApplication>

#include <algorithm>

namespace headroom::model {

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString componentName(const Document* document, ComponentId id)
{
    return document->contains(id) ? qs(document->component(id).id) : QString();
}

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::model::Commands", text);
}

} // namespace

// ---- AddComponentCommand ---------------------------------------------------------------

AddComponentCommand::AddComponentCommand(Document* document, engine::Component component, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_id(document->allocateComponentId()),
      m_component(std::move(component))
{
    setText(tr("Add %1").arg(qs(engine::kindTitle(m_component.kind))));
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

// ---- SetComponentFieldCommand ----------------------------------------------------------

SetComponentFieldCommand::SetComponentFieldCommand(Document* document, ComponentId id, engine::Field field,
                                                   std::optional<double> value, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_target(id), m_field(field), m_new(value)
{
    setText(tr("Set %1 of %2").arg(qs(engine::fieldRule(field).label), componentName(document, id)));
}

int SetComponentFieldCommand::id() const
{
    return commandId(CommandId::SetComponentField);
}

bool SetComponentFieldCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const SetComponentFieldCommand*>(other);
    if (next->m_target != m_target || next->m_field != m_field)
        return false;
    m_new = next->m_new;
    setObsolete(m_new == m_old);
    return true;
}

void SetComponentFieldCommand::redo()
{
    if (!m_captured) {
        m_old = m_document->component(m_target).get(m_field);
        m_captured = true;
        setObsolete(m_new == m_old);
    }
    m_document->setField(m_target, m_field, m_new);
}

void SetComponentFieldCommand::undo()
{
    m_document->setField(m_target, m_field, m_old);
}

// ---- SetComponentTextCommand -----------------------------------------------------------

SetComponentTextCommand::SetComponentTextCommand(Document* document, ComponentId id, ComponentText which,
                                                 std::string text, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_target(id), m_which(which), m_new(std::move(text))
{
    switch (which) {
    case ComponentText::Id:
        setText(tr("Rename %1 to %2").arg(componentName(document, id), qs(m_new)));
        break;
    case ComponentText::Label:
        setText(tr("Set label of %1").arg(componentName(document, id)));
        break;
    case ComponentText::Notes:
        setText(tr("Set notes of %1").arg(componentName(document, id)));
        break;
    }
}

int SetComponentTextCommand::id() const
{
    return m_which == ComponentText::Id ? -1 : commandId(CommandId::SetComponentText);
}

bool SetComponentTextCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const SetComponentTextCommand*>(other);
    if (next->m_target != m_target || next->m_which != m_which)
        return false;
    m_new = next->m_new;
    setObsolete(m_new == m_old);
    return true;
}

void SetComponentTextCommand::redo()
{
    if (!m_captured) {
        const engine::Component& c = m_document->component(m_target);
        m_old = m_which == ComponentText::Id ? c.id : (m_which == ComponentText::Label ? c.label : c.notes);
        m_captured = true;
        setObsolete(m_new == m_old);
    }
    m_document->setText(m_target, m_which, m_new);
}

void SetComponentTextCommand::undo()
{
    m_document->setText(m_target, m_which, m_old);
}

// ---- SetComponentKindCommand -----------------------------------------------------------

SetComponentKindCommand::SetComponentKindCommand(Document* document, ComponentId id, engine::ComponentKind kind,
                                                 std::optional<engine::DatabaseRole> role, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_target(id), m_kind(kind), m_role(role)
{
    setText(tr("Make %1 a %2").arg(componentName(document, id), qs(engine::kindTitle(kind)).toLower()));
}

void SetComponentKindCommand::redo()
{
    if (!m_captured) {
        const engine::Component& c = m_document->component(m_target);
        m_oldKind = c.kind;
        m_oldRole = c.role;
        m_captured = true;
        setObsolete(m_oldKind == m_kind && m_oldRole == m_role);
    }
    m_document->setKind(m_target, m_kind, m_role);
}

void SetComponentKindCommand::undo()
{
    m_document->setKind(m_target, m_oldKind, m_oldRole);
}

// ---- MoveComponentsCommand -------------------------------------------------------------

MoveComponentsCommand::MoveComponentsCommand(Document* document, QList<Move> moves, MoveMode mode,
                                             QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_mode(mode)
{
    for (const Move& move : moves)
        m_steps.append({move.id, std::nullopt, std::nullopt, move.to.x(), move.to.y()});
    setText(m_steps.size() == 1 ? tr("Move %1").arg(componentName(document, m_steps.front().id))
                                : tr("Move %1 components").arg(m_steps.size()));
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
