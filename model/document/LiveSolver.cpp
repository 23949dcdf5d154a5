// SPDX-License-Identifier: MIT
#include "document/LiveSolver.h"

#include "document/Document.h"
#include "engine/Solver.h"
#include "engine/Validation.h"

namespace headroom::model {

LiveSolver::LiveSolver(Document* document, QObject* parent) : QObject(parent), m_document(document)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &LiveSolver::solve);

    // Positions, labels and notes never change a figure: no solve for them.
    connect(document, &Document::modelReset, this, &LiveSolver::schedule);
    connect(document, &Document::componentAdded, this, &LiveSolver::schedule);
    connect(document, &Document::componentRemoved, this, &LiveSolver::schedule);
    connect(document, &Document::componentChanged, this, &LiveSolver::schedule);
    connect(document, &Document::componentKindChanged, this, &LiveSolver::schedule);
    connect(document, &Document::componentTextChanged, this, [this](ComponentId, ComponentText which) {
        if (which == ComponentText::Id)
            schedule();
    });
    connect(document, &Document::linkAdded, this, &LiveSolver::schedule);
    connect(document, &Document::linkRemoved, this, &LiveSolver::schedule);
    connect(document, &Document::linkChanged, this, &LiveSolver::schedule);
    connect(document, &Document::scenariosChanged, this, &LiveSolver::schedule);
    connect(document, &Document::whatIfChanged, this, &LiveSolver::schedule);
    schedule();
}

void LiveSolver::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void LiveSolver::flush()
{
    if (m_timer.isActive()) {
        m_timer.stop();
        solve();
    }
}

namespace {

/// The model with the what-if layer on top, compiled. The layer is checked as a
/// scenario of the base model (subjects in the what-if layer), and the saved scenarios
/// against the base, not the layer.
engine::Checked<engine::Solver> compile(const Document& document, double& multiplier)
{
    const engine::Model& base = document.model();
    if (!document.whatIfChangesModel())
        return engine::Solver::create(base);
    engine::Issues issues = engine::validateModel(base).errors;
    for (engine::Issue& issue : engine::validateScenario(base, document.whatIf(), engine::Subject::whatIf()))
        issues.push_back(std::move(issue));
    if (!issues.empty())
        return issues;
    engine::ScenarioApplied applied = engine::applyScenario(base, document.whatIf());
    applied.model.scenarios.clear();
    multiplier = applied.multiplier;
    auto solver = engine::Solver::create(std::move(applied.model));
    if (solver) {
        issues = solver->checkMagnitudes(multiplier);
        if (!issues.empty())
            return issues;
    }
    return solver;
}

} // namespace

void LiveSolver::solve()
{
    ++m_solveCount;
    double multiplier = 1.0;
    auto solver = compile(*m_document, multiplier);
    if (!solver) {
        m_result.reset();
        m_issues.clear();
        for (const engine::Issue& issue : solver.issues())
            m_issues.append(locate(*m_document, issue, LiveIssue::Severity::Error));
        emit failed(m_issues);
        return;
    }
    LiveResult live;
    live.solver = std::make_shared<const engine::Solver>(std::move(solver).value());
    live.result = live.solver->solve({multiplier, true});
    live.components = m_document->componentIds();
    live.links = m_document->linkIds();
    for (const engine::Issue& warning : live.result.warnings)
        live.warnings.append(locate(*m_document, warning, LiveIssue::Severity::Warning));
    live.index();
    m_issues.clear();
    m_result = std::move(live);
    emit resultsReady(*m_result);
}

LiveIssue LiveSolver::locate(const Document& document, const engine::Issue& source, LiveIssue::Severity severity)
{
    using engine::Subject;
    const Subject& subject = source.subject;
    LiveIssue issue;
    issue.severity = severity;
    issue.source = source;
    issue.field = QString::fromStdString(subject.field);
    issue.subject = QString::fromStdString(engine::subjectText(subject));
    issue.message = QString::fromStdString(source.message);
    if (subject.layer == Subject::Layer::WhatIf)
        issue.message.prepend(QStringLiteral("what-if: "));
    // Indices are into the document's lists (the engine solved its model, in its order).
    const auto at = [](const auto& ids, const std::optional<std::size_t>& index) {
        using Id = std::decay_t<decltype(ids.front())>;
        return index && *index < static_cast<std::size_t>(ids.size()) ? ids[static_cast<qsizetype>(*index)] : Id{};
    };
    switch (subject.kind) {
    case Subject::Kind::Component:
        issue.component = subject.index ? at(document.componentIds(), subject.index)
                                        : document.findComponent(subject.name);
        break;
    case Subject::Kind::Link:
    case Subject::Kind::Pool:
        issue.link = subject.index ? at(document.linkIds(), subject.index)
                                   : document.findLink(document.findComponent(subject.name),
                                                       document.findComponent(subject.to));
        issue.component = document.linkSource(issue.link);
        break;
    default:
        break;
    }
    return issue;
}

} // namespace headroom::model
