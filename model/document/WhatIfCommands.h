// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtGui/QUndoCommand>

#include <optional>
#include <vector>

namespace headroom::model {

/// Sets one control of the what-if layer: the traffic multiplier, or one field of a
/// component or link (empty: back to the base value). A slider drag is one step: every
/// command of one gesture (Document::beginGesture) merges into the first, from the
/// press to the release; a command without a gesture never merges. Undo puts the whole
/// layer back as it was, so the layer after undo is identical, order included. A step
/// that ends where it started is obsolete and leaves the stack.
class SetWhatIfCommand : public QUndoCommand {
public:
    SetWhatIfCommand(Document* document, WhatIfKey key, std::optional<double> value, quint64 gesture = 0,
                     QUndoCommand* parent = nullptr);

    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;
    void redo() override;
    void undo() override;

private:
    Document* m_document = nullptr;
    WhatIfKey m_key;
    std::optional<double> m_value;
    quint64 m_gesture = 0;
    engine::Scenario m_before;
    bool m_captured = false;
};

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
