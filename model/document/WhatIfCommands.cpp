// SPDX-License-Identifier: MIT
#include "document/WhatIfCommands.h"

#include "document/CommandId.h"

#include <QtCore/QCoreApplication>

namespace headroom::model {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::model::Commands", text);
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString describe(const Document* document, const WhatIfKey& key)
{
    switch (key.target) {
    case WhatIfKey::Target::Multiplier:
        return tr("What if: traffic");
    case WhatIfKey::Target::Component:
        return tr("What if: %1 of %2")
            .arg(qs(engine::fieldRule(key.field).label),
                 document->contains(key.component) ? qs(document->component(key.component).id) : QString());
    case WhatIfKey::Target::Link: {
        if (!document->contains(key.link))
            return tr("What if: %1").arg(qs(engine::linkFieldRule(key.linkField).label));
        const engine::Link& link = document->link(key.link);
        return tr("What if: %1 of %2 \u2192 %3")
            .arg(qs(engine::linkFieldRule(key.linkField).label), qs(link.from), qs(link.to));
    }
    }
    return {};
}

} // namespace

// ---- SetWhatIfCommand ------------------------------------------------------------------

SetWhatIfCommand::SetWhatIfCommand(Document* document, WhatIfKey key, std::optional<double> value, quint64 gesture,
                                   QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_key(key), m_value(value), m_gesture(gesture)
{
    setText(describe(document, key));
}

int SetWhatIfCommand::id() const
{
    return m_gesture != 0 ? commandId(CommandId::SetWhatIf) : -1;
}

bool SetWhatIfCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const SetWhatIfCommand*>(other);
    if (next->m_gesture != m_gesture || !(next->m_key == m_key))
        return false;
    m_value = next->m_value;
    setObsolete(m_document->whatIf() == m_before);
    return true;
}

void SetWhatIfCommand::redo()
{
    if (!m_captured) {
        m_before = m_document->whatIf();
        m_captured = true;
    }
    m_document->setWhatIfValue(m_key, m_value);
    setObsolete(m_document->whatIf() == m_before);
}

void SetWhatIfCommand::undo()
{
    m_document->setWhatIf(m_before);
}

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
