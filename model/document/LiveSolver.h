// SPDX-License-Identifier: MIT
#pragma once

#include "document/LiveResult.h"

#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <optional>

namespace headroom::model {

class Document;

/// Re-solves the document after every edit that can change a figure: the model with
/// the what-if layer on top (Document::whatIf), at the layer's multiplier. A burst of
/// edits (a macro, a paste, a load, a slider tick) costs one solve: changes only schedule it, and
/// it runs when control returns to the event loop (a zero timer). Solving a
/// 200-component model takes well under a millisecond (bench/bench_editor.cpp), so it
/// runs on the GUI thread and never holds a frame back.
class LiveSolver : public QObject {
    Q_OBJECT

public:
    explicit LiveSolver(Document* document, QObject* parent = nullptr);

    /// Solves at once if an edit is waiting (benchmarks, the screenshot, tests).
    void flush();
    [[nodiscard]] bool isPending() const { return m_timer.isActive(); }
    /// The last successful solve, if the model solved the last time round.
    [[nodiscard]] const std::optional<LiveResult>& result() const { return m_result; }
    /// The errors of the last attempt (empty when it solved).
    [[nodiscard]] const QList<LiveIssue>& issues() const { return m_issues; }
    [[nodiscard]] int solveCount() const { return m_solveCount; }

    /// Ties an engine issue to the document's ids through its structured subject: the
    /// component or link at the subject's index (by id or ends when it has none), and its field.
    [[nodiscard]] static LiveIssue locate(const Document& document, const engine::Issue& issue,
                                          LiveIssue::Severity severity);

signals:
    void resultsReady(const headroom::model::LiveResult& result);
    void failed(const QList<headroom::model::LiveIssue>& issues);

private:
    void schedule();
    void solve();

    Document* m_document = nullptr;
    QTimer m_timer;
    std::optional<LiveResult> m_result;
    QList<LiveIssue> m_issues;
    int m_solveCount = 0;
};

/// Makes `receiver` show the figures of `solver`: `held` (the receiver's pointer to its
/// solver) is set, and `refresh` is called now, after every solve (published or failed)
/// and when the solver goes (with `held` null by then). This is the one way results reach
/// a view: it reads them from the solver's result() and issues() and keeps no copy. A
/// previous solver is let go.
template <typename Receiver>
void followSolver(const LiveSolver*& held, const LiveSolver* solver, Receiver* receiver, void (Receiver::*refresh)())
{
    if (held)
        QObject::disconnect(held, nullptr, receiver, nullptr);
    held = solver;
    if (solver) {
        QObject::connect(solver, &LiveSolver::resultsReady, receiver, refresh);
        QObject::connect(solver, &LiveSolver::failed, receiver, refresh);
        QObject::connect(solver, &QObject::destroyed, receiver, [&held, receiver, refresh] {
            held = nullptr;
            (receiver->*refresh)();
        });
    }
    (receiver->*refresh)();
}

} // namespace headroom::model
