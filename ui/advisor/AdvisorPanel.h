// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"

#include <QtCore/QList>
#include <QtWidgets/QWidget>

class QDoubleSpinBox;
class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace headroom::model {
class Document;
class LiveAdvisor;
class LiveSolver;
struct ProjectSettings;
} // namespace headroom::model

namespace headroom::ui {

class FindingCard;

/// The advisor dock's content: the architecture's stage in one sentence, the planning
/// multiplier and the replica lag threshold, and the findings by severity, each with
/// its verified fixes and an Apply button. It shows the LiveAdvisor's answer and
/// computes nothing; Apply pushes the fix's edits as one undo step (pushModelEdits).
/// It owns its LiveAdvisor, which advises only while the panel is shown.
class AdvisorPanel : public QWidget {
    Q_OBJECT

public:
    AdvisorPanel(model::Document* document, model::LiveSolver* solver, QWidget* parent = nullptr);

    [[nodiscard]] model::LiveAdvisor* advisor() const { return m_advisor; }
    [[nodiscard]] QList<FindingCard*> cards() const { return m_cards; }
    /// "Stage 4 · Load balancing" and the sentence that explains it.
    [[nodiscard]] QString stageHeadline() const;
    [[nodiscard]] QString stageSentence() const;
    [[nodiscard]] QDoubleSpinBox* multiplierBox() const { return m_multiplier; }
    [[nodiscard]] QDoubleSpinBox* lagThresholdBox() const { return m_lagThreshold; }

    /// Applies a fix of card `finding`: 0 the recommendation, 1.. its alternatives.
    /// Returns false (and says why in statusMessage) when the advice is outdated or the
    /// edits no longer fit the model.
    bool apply(int finding, int which = 0);
    /// Advises now if the advice is outdated (the screenshot, tests).
    void flush();
    /// Selects a card and the component it is about.
    void selectFinding(int finding);
    /// Moves the keyboard focus to a finding (the arrow keys on a card), which selects it.
    void focusFinding(int finding);
    /// Whether the panel is on screen. A dock tabbed behind another stays "visible" to
    /// Qt, so the dock's visibilityChanged says it: advising a large model costs seconds,
    /// and nobody should pay them for a tab they cannot see.
    void setOnScreen(bool onScreen);
    /// The project's planning multiplier (the "Plan for traffic" box) and targets.
    void applySettings(const model::ProjectSettings& settings);

signals:
    void componentActivated(headroom::model::ComponentId id);
    void statusMessage(const QString& text);

private:
    void rebuild();
    void outdated();
    void optionsEdited();

    model::Document* m_document = nullptr;
    model::LiveAdvisor* m_advisor = nullptr;
    QLabel* m_headline = nullptr;
    QLabel* m_sentence = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_note = nullptr;
    QDoubleSpinBox* m_multiplier = nullptr;
    QScrollArea* m_scroll = nullptr;
    QDoubleSpinBox* m_lagThreshold = nullptr;
    QVBoxLayout* m_list = nullptr;
    QList<FindingCard*> m_cards;
    int m_selected = -1;
};

} // namespace headroom::ui
