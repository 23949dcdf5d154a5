// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtGui/QUndoCommand>

#include <vector>

namespace headroom::model {

/// Replaces the saved scenarios and the what-if layer together: saving the what-if as a
/// scenario, renaming, deleting, switching to a scenario and resetting the what-if are
/// all this command (built by the functions of document/Scenarios.h). Obsolete when
/// nothing changes.
class ChangeScenariosCommand : public QUndoCommand {
public:
    ChangeScenariosCommand(Document* document, std::vector<engine::Scenario> scenarios, engine::Scenario whatIf,
                           const QString& text, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document* m_document = nullptr;
    std::vector<engine::Scenario> m_scenarios;
    engine::Scenario m_whatIf;
    std::vector<engine::Scenario> m_oldScenarios;
    engine::Scenario m_oldWhatIf;
    bool m_captured = false;
};

} // namespace headroom::model
