// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtCore/QList>
#include <QtGui/QUndoCommand>

namespace headroom::model {

/// Removes components and links as one step. A component takes its links and its
/// scenario and what-if overrides with it, a link its overrides (an override of a
/// missing component or link would stop the model from solving); undo puts every component, link and override back at its
/// old place in the model's lists, with its old id, so the model is exactly what it was.
class RemoveItemsCommand : public QUndoCommand {
public:
    RemoveItemsCommand(Document* document, QList<ComponentId> components, QList<LinkId> links,
                       QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    void keep(Document::TakenOverrides taken);

    struct RemovedComponent {
        qsizetype index = 0;
        ComponentId id;
        engine::Component component;
    };
    struct RemovedLink {
        qsizetype index = 0;
        LinkId id;
        engine::Link link;
    };

    Document* m_document = nullptr;
    QList<ComponentId> m_componentIds;
    QList<LinkId> m_linkIds;
    QList<RemovedComponent> m_components; ///< ascending index, filled by redo
    QList<RemovedLink> m_links;           ///< ascending index, filled by redo
    /// Overrides taken (scenarios' and the what-if layer's), one batch per removed link
    /// and component name, in the order they were taken.
    std::vector<Document::TakenOverrides> m_overrides;
};

} // namespace headroom::model
