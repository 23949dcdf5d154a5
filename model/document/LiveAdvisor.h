// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Advisor.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <optional>

namespace headroom::model {

class Document;
class LiveSolver;

/// The advisor's answer for the document, and the model it was computed on.
struct LiveAdvice {
    engine::Advice advice;
    /// The model advised: a recommendation's edits were verified against it.
    engine::Model model;
};

/// Keeps the playbook advisor's answer (engine::advise) up to date with the document.
/// It follows the live solver: each undo step and each published result (or failure)
/// makes the advice outdated, and the advisor runs once the edits pause (a short timer), since one run
/// re-solves the model once per candidate fix and a slider drag publishes a result per
/// tick. It advises the model as drawn, never the what-if layer on top: the fixes it
/// offers are edits of that model, applied with pushModelEdits.
class LiveAdvisor : public QObject {
    Q_OBJECT

public:
    /// How long the edits must pause before the advisor runs again.
    static constexpr int kDebounceMs = 150;

    LiveAdvisor(Document* document, LiveSolver* solver, QObject* parent = nullptr);

    [[nodiscard]] const engine::AdvisorOptions& options() const { return m_options; }
    /// Sets the planning multiplier, the lag threshold, ...; advises again if they changed.
    /// Options the engine refuses (checkAdvisorOptions) are an error message instead.
    void setOptions(const engine::AdvisorOptions& options);

    /// Whether someone shows the advice: only then does a change start the timer (a
    /// hidden panel costs nothing; showing it again advises at once if outdated).
    void setActive(bool active);
    [[nodiscard]] bool isActive() const { return m_active; }

    /// Advises now if the advice is outdated (tests, the screenshot, Apply).
    void flush();
    /// Whether the document changed since the advice (it is being recomputed).
    [[nodiscard]] bool isOutdated() const { return m_outdated; }
    /// The last advice, if the model could be advised the last time round.
    [[nodiscard]] const std::optional<LiveAdvice>& advice() const { return m_advice; }
    /// Why there is no advice (the model has errors, the options are out of range).
    [[nodiscard]] const QString& problem() const { return m_problem; }
    [[nodiscard]] int runCount() const { return m_runCount; }

signals:
    /// The document changed: the advice shown no longer matches it.
    void outdated();
    /// advice() or problem() is new.
    void adviceChanged();

private:
    void markOutdated();
    void run();

    Document* m_document = nullptr;
    LiveSolver* m_solver = nullptr;
    engine::AdvisorOptions m_options;
    QTimer m_timer;
    std::optional<LiveAdvice> m_advice;
    QString m_problem;
    bool m_outdated = true;
    bool m_active = false;
    int m_runCount = 0;
};

} // namespace headroom::model
