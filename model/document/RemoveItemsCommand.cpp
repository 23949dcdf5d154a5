// SPDX-License-Identifier: MIT
#include "document/RemoveItemsCommand.h"

#include <QtCore/QCoreApplication>

#include <algorithm>

namespace headroom::model {

RemoveItemsCommand::RemoveItemsCommand(Document* document, QList<ComponentId> components, QList<LinkId> links,
                                       QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_componentIds(std::move(components)), m_linkIds(std::move(links))
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("headroom::model::Commands", text); };
    if (m_componentIds.size() == 1 && m_linkIds.isEmpty() && document->contains(m_componentIds.front()))
        setText(tr("Delete %1").arg(QString::fromStdString(document->component(m_componentIds.front()).id)));
    else if (m_componentIds.isEmpty())
        setText(m_linkIds.size() == 1 ? tr("Delete 1 link") : tr("Delete %1 links").arg(m_linkIds.size()));
    else
        setText(tr("Delete %1 components").arg(m_componentIds.size()));
}

void RemoveItemsCommand::redo()
{
    // Snapshot what goes, then remove from the back so indices stay valid.
    m_components.clear();
    m_links.clear();
    m_overrides.clear();
    QList<LinkId> links = m_linkIds;
    for (const ComponentId id : std::as_const(m_componentIds)) {
        if (!m_document->contains(id))
            continue;
        m_components.append({m_document->indexOf(id), id, m_document->component(id)});
        links.append(m_document->linksOf(id));
    }
    for (const LinkId id : std::as_const(links)) {
        if (!m_document->contains(id))
            continue;
        const bool seen = std::any_of(m_links.begin(), m_links.end(), [id](const RemovedLink& r) { return r.id == id; });
        if (!seen)
            m_links.append({m_document->indexOf(id), id, m_document->link(id)});
    }
    std::sort(m_components.begin(), m_components.end(),
              [](const RemovedComponent& a, const RemovedComponent& b) { return a.index < b.index; });
    std::sort(m_links.begin(), m_links.end(), [](const RemovedLink& a, const RemovedLink& b) { return a.index < b.index; });
    for (auto it = m_links.crbegin(); it != m_links.crend(); ++it)
        m_document->takeLink(it->id);
    for (auto it = m_components.crbegin(); it != m_components.crend(); ++it)
        m_document->takeComponent(it->id);
    // Overrides name links by their ends and components by id: keep those of a name still in use.
    for (const RemovedLink& r : std::as_const(m_links)) {
        const bool twin = m_document->findLink(m_document->findComponent(r.link.from),
                                               m_document->findComponent(r.link.to)).isValid();
        if (!twin)
            keep(m_document->takeLinkOverrides(r.link.from, r.link.to));
    }
    for (const RemovedComponent& r : std::as_const(m_components)) {
        if (!m_document->findComponent(r.component.id).isValid())
            keep(m_document->takeOverrides(r.component.id));
    }
}

void RemoveItemsCommand::keep(Document::TakenOverrides taken)
{
    if (!taken.empty())
        m_overrides.push_back(std::move(taken));
}

void RemoveItemsCommand::undo()
{
    for (auto it = m_overrides.crbegin(); it != m_overrides.crend(); ++it)
        m_document->restoreOverrides(*it);
    for (const RemovedComponent& r : std::as_const(m_components))
        m_document->insertComponent(r.index, r.id, r.component);
    for (const RemovedLink& r : std::as_const(m_links))
        m_document->insertLink(r.index, r.id, r.link);
}

} // namespace headroom::model
