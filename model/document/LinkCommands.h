// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtGui/QUndoCommand>

#include <string>

namespace headroom::model {

/// Adds one link at the end of the model; its LinkId is taken at construction.
class AddLinkCommand : public QUndoCommand {
public:
    AddLinkCommand(Document* document, engine::Link link, QUndoCommand* parent = nullptr);

    [[nodiscard]] LinkId linkId() const { return m_id; }
    void redo() override;
    void undo() override;

private:
    Document* m_document = nullptr;
    LinkId m_id;
    engine::Link m_link;
};

/// Moves a link's ends (from -> to becomes newFrom -> newTo) in place: its calls, kind,
/// pool, id and place in the model's list stay, so undo gives back the very same model.
class RetargetLinkCommand : public QUndoCommand {
public:
    RetargetLinkCommand(Document* document, LinkId id, std::string newFrom, std::string newTo,
                        QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    void setEnds(const std::string& from, const std::string& to);

    Document* m_document = nullptr;
    LinkId m_target;
    std::string m_oldFrom, m_oldTo;
    std::string m_newFrom, m_newTo;
    bool m_captured = false;
};

} // namespace headroom::model
