// SPDX-License-Identifier: MIT
#include "document/LinkCommands.h"

#include "document/CommandText.h"

namespace headroom::model {

AddLinkCommand::AddLinkCommand(Document* document, engine::Link link, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_id(document->allocateLinkId()), m_link(std::move(link))
{
    setText(commandText("Link %1").arg(nameOf(m_link)));
}

void AddLinkCommand::redo()
{
    m_document->insertLink(m_document->linkIds().size(), m_id, m_link);
}

void AddLinkCommand::undo()
{
    m_link = m_document->takeLink(m_id);
}

RetargetLinkCommand::RetargetLinkCommand(Document* document, LinkId id, std::string newFrom, std::string newTo,
                                         QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_target(id), m_newFrom(std::move(newFrom)),
      m_newTo(std::move(newTo))
{
    setText(commandText("Move %1 to %2 \u2192 %3").arg(nameOf(*document, id), qs(m_newFrom), qs(m_newTo)));
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
