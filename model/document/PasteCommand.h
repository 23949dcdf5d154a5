// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtCore/QList>
#include <QtCore/QPointF>
#include <QtGui/QUndoCommand>

namespace headroom::model {

/// Adds a copied fragment as one step: every component gets a fresh, unique text id
/// ("app" becomes "app-2") and is shifted by `offset`; the links between them follow
/// the new ids. A macro of AddComponentCommand and AddLinkCommand children.
class PasteCommand : public QUndoCommand {
public:
    PasteCommand(Document* document, const engine::Model& fragment, QPointF offset, QUndoCommand* parent = nullptr);

    /// The components the paste adds, in fragment order.
    [[nodiscard]] const QList<ComponentId>& pastedComponents() const { return m_components; }
    [[nodiscard]] const QList<LinkId>& pastedLinks() const { return m_links; }

private:
    QList<ComponentId> m_components;
    QList<LinkId> m_links;
};

} // namespace headroom::model
