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

constexpr std::string_view kWhatIfSubject = "what-if";

/// The model with the what-if layer on top, compiled. The layer is checked as a
/// scenario of the base model (subjects "what-if..."), and the saved scenarios against
/// the base, not the layer.
engine::Checked<engine::Solver> compile(const Document& document, double& multiplier)
{
    const engine::Model& base = document.model();
    if (!document.whatIfChangesModel())
        return engine::Solver::create(base);
    engine::Issues issues = engine::validateModel(base).errors;
    for (engine::Issue& issue : engine::validateScenario(base, document.whatIf(), kWhatIfSubject))
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

/// Ties an issue to the document; one about the what-if names what it overrides after
/// the prefix ("what-if.app.servers").
LiveIssue locateIssue(const Document& document, const std::string& subject, const std::string& message,
                      LiveIssue::Severity severity)
{
    const std::string prefix = std::string(kWhatIfSubject) + ".";
    if (subject.rfind(prefix, 0) != 0)
        return LiveSolver::locate(document, subject, message, severity);
    LiveIssue issue = LiveSolver::locate(document, subject.substr(prefix.size()), "what-if: " + message, severity);
    issue.subject = QString::fromStdString(subject);
    return issue;
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
            m_issues.append(locateIssue(*m_document, issue.subject, issue.message, LiveIssue::Severity::Error));
        emit failed(m_issues);
        return;
    }
    LiveResult live;
    live.solver = std::make_shared<const engine::Solver>(std::move(solver).value());
    live.result = live.solver->solve({multiplier, true});
    live.components = m_document->componentIds();
    live.links = m_document->linkIds();
    for (const std::string& warning : live.result.warnings) {
        // Warnings read "subject: what"; the subject is a component id, a link or a pool.
        const std::size_t colon = warning.find(": ");
        const std::string subject = colon == std::string::npos ? std::string() : warning.substr(0, colon);
        const std::string message = colon == std::string::npos ? warning : warning.substr(colon + 2);
        live.warnings.append(locate(*m_document, subject, message, LiveIssue::Severity::Warning));
    }
    live.index();
    m_issues.clear();
    m_result = std::move(live);
    emit resultsReady(*m_result);
}

LiveIssue LiveSolver::locate(const Document& document, const std::string& subject, const std::string& message,
                             LiveIssue::Severity severity)
{
    LiveIssue issue;
    issue.severity = severity;
    issue.subject = QString::fromStdString(subject);
    issue.message = QString::fromStdString(message);
    const auto linkBetween = [&](const std::string& from, const std::string& to) {
        return document.findLink(document.findComponent(from), document.findComponent(to));
    };

    // "link A -> B" and "pool A -> B" (pool warnings), maybe followed by ".field".
    for (const std::string prefix : {"link ", "pool "}) {
        if (subject.rfind(prefix, 0) != 0)
            continue;
        const std::string rest = subject.substr(prefix.size());
        const std::size_t arrow = rest.find(" -> ");
        if (arrow == std::string::npos)
            break;
        const std::string from = rest.substr(0, arrow);
        std::string to = rest.substr(arrow + 4);
        LinkId link = linkBetween(from, to);
        if (!link.isValid()) {
            const std::size_t dot = to.rfind('.');
            if (dot != std::string::npos) {
                issue.field = QString::fromStdString(to.substr(dot + 1));
                to = to.substr(0, dot);
                link = linkBetween(from, to);
            }
        }
        issue.link = link;
        issue.component = document.linkSource(link);
        return issue;
    }

    // "components[3]" or "components[3].id": the component at that index.
    if (subject.rfind("components[", 0) == 0) {
        const std::size_t close = subject.find(']');
        if (close != std::string::npos) {
            bool ok = false;
            const qsizetype index = QString::fromStdString(subject.substr(11, close - 11)).toLongLong(&ok);
            if (ok && index >= 0 && index < document.componentIds().size())
                issue.component = document.componentIds()[index];
            if (close + 2 <= subject.size() && subject[close + 1] == '.')
                issue.field = QString::fromStdString(subject.substr(close + 2));
        }
        return issue;
    }

    // "id" or "id.field". Ids may contain dots, so try the longest prefix that names a
    // component.
    std::size_t end = subject.size();
    while (true) {
        const ComponentId id = document.findComponent(subject.substr(0, end));
        if (id.isValid()) {
            issue.component = id;
            if (end + 1 < subject.size())
                issue.field = QString::fromStdString(subject.substr(end + 1));
            return issue;
        }
        const std::size_t dot = subject.rfind('.', end == 0 ? 0 : end - 1);
        if (dot == std::string::npos || dot == 0)
            break;
        end = dot;
    }
    return issue;
}

} // namespace headroom::model
