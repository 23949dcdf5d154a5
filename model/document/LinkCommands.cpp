// SPDX-License-Identifier: MIT
#include "document/LinkCommands.h"

#include "document/CommandId.h"

#include <QtCore/QCoreApplication>

namespace headroom::model {

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::model::Commands", text);
}

QString linkName(const engine::Link& link)
{
    return qs(link.from) + QStringLiteral(" \u2192 ") + qs(link.to);
}

QString linkName(const Document* document, LinkId id)
{
    return document->contains(id) ? linkName(document->link(id)) : QString();
}

} // namespace

AddLinkCommand::AddLinkCommand(Document* document, engine::Link link, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_id(document->allocateLinkId()), m_link(std::move(link))
{
    setText(tr("Link %1").arg(linkName(m_link)));
}

void AddLinkCommand::redo()
{
    m_document->insertLink(m_document->linkIds().size(), m_id, m_link);
}

void AddLinkCommand::undo()
{
    m_link = m_document->takeLink(m_id);
}

SetLinkFieldCommand::SetLinkFieldCommand(Document* document, LinkId id, engine::LinkField field,
                                         std::optional<double> value, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_target(id), m_field(field), m_new(value)
{
    setText(tr("Set %1 of %2").arg(qs(engine::linkFieldRule(field).label).toLower(), linkName(document, id)));
}

int SetLinkFieldCommand::id() const
{
    return commandId(CommandId::SetLinkField);
}

bool SetLinkFieldCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const SetLinkFieldCommand*>(other);
    if (next->m_target != m_target || next->m_field != m_field)
        return false;
    m_new = next->m_new;
    setObsolete(m_new == m_old);
    return true;
}

void SetLinkFieldCommand::redo()
{
    if (!m_captured) {
        m_old = m_document->link(m_target).get(m_field);
        m_captured = true;
        setObsolete(m_new == m_old);
    }
    m_document->setLinkField(m_target, m_field, m_new);
}

void SetLinkFieldCommand::undo()
{
    m_document->setLinkField(m_target, m_field, m_old);
}

SetLinkKindCommand::SetLinkKindCommand(Document* document, LinkId id, std::optional<engine::LinkKind> kind,
                                       QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_target(id), m_new(kind)
{
    setText(tr("Make %1 %2")
                .arg(linkName(document, id), kind ? qs(engine::linkKindName(*kind)) : tr("the default kind")));
}

void SetLinkKindCommand::redo()
{
    if (!m_captured) {
        m_old = m_document->link(m_target).kind;
        m_captured = true;
        setObsolete(m_old == m_new);
    }
    m_document->setLinkKind(m_target, m_new);
}

void SetLinkKindCommand::undo()
{
    m_document->setLinkKind(m_target, m_old);
}

RetargetLinkCommand::RetargetLinkCommand(Document* document, LinkId id, std::string newFrom, std::string newTo,
                                         QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_target(id), m_newFrom(std::move(newFrom)),
      m_newTo(std::move(newTo))
{
    setText(tr("Move %1 to %2 \u2192 %3").arg(linkName(document, id), qs(m_newFrom), qs(m_newTo)));
}

void RetargetLinkCommand::redo()
{
    if (!m_captured) {
        const engine::Link& link = m_document->link(m_target);
        m_oldFrom = link.from;
        m_oldTo = link.to;
        m_captured = true;
    }
    setEnds(m_newFrom, m_newTo);
}

void RetargetLinkCommand::undo()
{
    setEnds(m_oldFrom, m_oldTo);
}

void RetargetLinkCommand::setEnds(const std::string& from, const std::string& to)
{
    // The document has no mutator for a link's ends: take the link out and put it back
    // at its place with the same id, so the scene re-attaches it to its new ends.
    const qsizetype index = m_document->indexOf(m_target);
    engine::Link link = m_document->takeLink(m_target);
    link.from = from;
    link.to = to;
    m_document->insertLink(index, m_target, std::move(link));
}

} // namespace headroom::model
