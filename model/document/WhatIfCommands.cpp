// SPDX-License-Identifier: MIT
#include "document/WhatIfCommands.h"

namespace headroom::model {

// ---- ChangeScenariosCommand ------------------------------------------------------------

ChangeScenariosCommand::ChangeScenariosCommand(Document* document, std::vector<engine::Scenario> scenarios,
                                               engine::Scenario whatIf, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_scenarios(std::move(scenarios)),
      m_whatIf(std::move(whatIf))
{
}

void ChangeScenariosCommand::redo()
{
    if (!m_captured) {
        m_oldScenarios = m_document->model().scenarios;
        m_oldWhatIf = m_document->whatIf();
        m_captured = true;
        setObsolete(m_oldScenarios == m_scenarios && m_oldWhatIf == m_whatIf);
    }
    m_document->setScenarios(m_scenarios);
    m_document->setWhatIf(m_whatIf);
}

void ChangeScenariosCommand::undo()
{
    m_document->setScenarios(m_oldScenarios);
    m_document->setWhatIf(m_oldWhatIf);
}

} // namespace headroom::model
