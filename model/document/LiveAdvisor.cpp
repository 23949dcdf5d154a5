// SPDX-License-Identifier: MIT
#include "document/LiveAdvisor.h"

#include "document/Document.h"
#include "document/IssueText.h"
#include "document/LiveSolver.h"

#include <QtGui/QUndoStack>

namespace headroom::model {

LiveAdvisor::LiveAdvisor(Document* document, LiveSolver* solver, QObject* parent)
    : QObject(parent), m_document(document), m_solver(solver)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDebounceMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveAdvisor::run);
    // Every change that can alter a figure reaches the solver, which publishes a result
    // or a failure. An undo step marks the advice outdated at once, before that solve
    // (one event-loop turn later), so that a stale fix can never be applied.
    connect(solver, &LiveSolver::resultsReady, this, &LiveAdvisor::markOutdated);
    connect(solver, &LiveSolver::failed, this, &LiveAdvisor::markOutdated);
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &LiveAdvisor::markOutdated);
}

void LiveAdvisor::setOptions(const engine::AdvisorOptions& options)
{
    const auto same = [](const engine::AdvisorOptions& a, const engine::AdvisorOptions& b) {
        return a.multiplier == b.multiplier && a.targetUtilization == b.targetUtilization &&
               a.targetWait == b.targetWait && a.lagThresholdMs == b.lagThresholdMs;
    };
    if (same(options, m_options))
        return;
    m_options = options;
    markOutdated();
}

void LiveAdvisor::setActive(bool active)
{
    m_active = active;
    if (m_active && m_outdated && !m_timer.isActive())
        m_timer.start();
}

void LiveAdvisor::markOutdated()
{
    m_outdated = true;
    emit outdated();
    if (m_active)
        m_timer.start(); // restarted by every change: runs once they pause
}

void LiveAdvisor::flush()
{
    m_solver->flush();
    if (m_outdated)
        run();
}

void LiveAdvisor::run()
{
    m_solver->flush(); // the advice needs the solve of the model as it is now...
    m_timer.stop();    // ...which must not start another run
    ++m_runCount;
    m_outdated = false;
    m_advice.reset();
    m_problem.clear();
    if (const engine::Issues bad = engine::checkAdvisorOptions(m_options); !bad.empty()) {
        m_problem = issuesText(bad);
    } else if (!m_solver->result()) {
        m_problem = tr("The model has errors: the advisor needs a model that solves.");
    } else {
        const engine::Model& model = m_document->model();
        // The live solve is of the what-if model when a what-if is on; the advisor wants
        // the model as drawn, and compiles it itself then.
        auto advice = m_document->whatIfChangesModel() ? engine::advise(model, m_options)
                                                       : engine::advise(*m_solver->result()->solver, m_options);
        if (advice)
            m_advice = LiveAdvice{std::move(advice).value(), model};
        else
            m_problem = issuesText(advice.issues());
    }
    emit adviceChanged();
}

} // namespace headroom::model
