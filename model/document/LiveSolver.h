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

    /// Ties an engine subject ("app.servers", "link app -> db", "components[3].id")
    /// to the document's ids. Exposed for tests.
    [[nodiscard]] static LiveIssue locate(const Document& document, const std::string& subject,
                                          const std::string& message, LiveIssue::Severity severity);

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

} // namespace headroom::model
