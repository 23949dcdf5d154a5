// SPDX-License-Identifier: MIT
// buildReport: every figure of a report, asked of the engine once. The analyses are
// taken over the same ranges as the GUI's docks (their constants and grids), so a
// report's chart is the chart the team saw in the tool.
#include "report/ReportContent.h"
#include "report/ReportSummary.h"
#include "report/ReportText.h"

#include "Format.h"
#include "charts/AnalysisPanel.h"
#include "charts/LagPanel.h"
#include "charts/SheddingPanel.h"
#include "charts/TenXPanel.h"

#include "engine/StageDetection.h"

#include "io/ResultText.h"

#include <algorithm>
#include <numeric>

namespace headroom::ui::report {

namespace {

QString linkName(const engine::Link& link)
{
    return format::text(link.from) + QStringLiteral(" \u2192 ") + format::text(link.to);
}

std::vector<ComponentRow> componentRows(const engine::Solver& solver, const engine::SolveResult& result,
                                        const std::optional<engine::TenXAnswer>& tenX)
{
    const engine::Model& model = solver.model();
    std::vector<ComponentRow> rows;
    rows.reserve(model.components.size());
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const engine::Component& c = model.components[i];
        const engine::ComponentResult& r = result.components[i];
        ComponentRow row;
        row.component = i;
        row.id = format::text(c.id);
        row.label = format::text(c.label);
        row.notes = format::text(c.notes);
        row.kind = format::kindTitle(c.kind, c.role);
        row.station = solver.params(i).queueing();
        row.saturated = r.saturated;
        row.arrivalRps = r.arrivalRps;
        row.utilization = r.saturated ? r.offeredUtilization : r.utilization;
        row.responseMs = r.meanResponseMs;
        row.p99Ms = r.p99ResponseMs;
        row.headroom = r.headroomMultiplier;
        row.instances = solver.params(i).instances;
        if (tenX) {
            for (const engine::InstancePlan& plan : tenX->plan.components) {
                if (plan.component == i)
                    row.requiredInstances = plan.requiredInstances;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

/// The lines of the 10x chart: what breaks by the planning multiplier, then the busiest.
std::vector<std::size_t> chartedComponents(const engine::Solver& solver, const engine::TenXAnswer& answer,
                                           const engine::LoadCurve& curve)
{
    std::vector<std::size_t> lines;
    for (const engine::Break& b : answer.breaks) {
        if (static_cast<int>(lines.size()) < TenXPanel::kLines)
            lines.push_back(b.component);
    }
    std::vector<std::size_t> busiest;
    for (std::size_t i = 0; i < solver.model().components.size(); ++i) {
        if (solver.params(i).queueing() && std::find(lines.begin(), lines.end(), i) == lines.end())
            busiest.push_back(i);
    }
    std::stable_sort(busiest.begin(), busiest.end(), [&](std::size_t a, std::size_t b) {
        return curve.utilization[a].back() > curve.utilization[b].back();
    });
    for (const std::size_t i : busiest) {
        if (static_cast<int>(lines.size()) >= TenXPanel::kLines)
            break;
        lines.push_back(i);
    }
    return lines;
}

void addTenX(ReportContent& content)
{
    const engine::Solver& solver = *content.request.solver;
    if (solver.workload() != engine::Workload::Open) {
        content.tenXNote = QStringLiteral("The 10x question and the capacity plan need an open workload (clients "
                                          "with a request rate); in a closed workload the load follows the response.");
        return;
    }
    if (const engine::Issues issues = solver.checkMagnitudes(content.planningAt); !issues.empty()) {
        content.tenXNote = sentence(issues.front().message);
        return;
    }
    auto answer = engine::tenX(solver, content.planningAt, content.request.targetUtilization);
    if (!answer) {
        content.tenXNote = sentence(answer.issues().front().message);
        return;
    }
    std::optional<double> first;
    for (const auto& s : answer->saturatesAt) {
        if (s && (!first || *s < *first))
            first = *s;
    }
    std::vector<double> extra = first ? AnalysisPanel::approach(*first) : std::vector<double>{};
    extra.push_back(content.request.multiplier);
    const std::vector<double> keys =
        AnalysisPanel::grid(content.planningAt / 50.0, content.planningAt, TenXPanel::kPoints, false, extra);
    content.curve = engine::loadCurve(solver, keys);
    content.curveComponents = chartedComponents(solver, *answer, content.curve);
    content.tenX = std::move(answer).value();
}

void addPools(ReportContent& content)
{
    const engine::Solver& solver = *content.request.solver;
    const double now = content.request.multiplier;
    for (const engine::PoolResult& pool : content.result.pools) {
        auto sizing = engine::poolSizing(solver, pool.link, now, std::nullopt, content.request.targetWait);
        if (!sizing)
            continue;
        // Reach today's size, so its marker sits on the curve (unless it is far beyond any
        // curve worth drawing: the text gives it).
        const std::int64_t end = sizing->series.empty() ? 1 : sizing->series.back().poolSize;
        if (sizing->currentPoolSize + 2 > end && sizing->currentPoolSize + 2 <= engine::kMostPoolSizes) {
            auto wider =
                engine::poolSizing(solver, pool.link, now, sizing->currentPoolSize + 2, content.request.targetWait);
            if (wider)
                sizing = std::move(wider);
        }
        PoolSection section{QStringLiteral("Pool ") + linkName(solver.model().links[pool.link]),
                            std::move(sizing).value(), {}};
        section.text = poolSentences(solver.model(), section.sizing);
        content.pools.push_back(std::move(section));
    }
}

void addLags(ReportContent& content)
{
    const engine::Solver& solver = *content.request.solver;
    const double now = content.request.multiplier;
    if (!solver.checkMagnitudes(content.planningAt).empty())
        return;
    for (const engine::ReplicationResult& replication : content.result.replication) {
        std::vector<double> keys = AnalysisPanel::grid(content.planningAt / 50.0, content.planningAt,
                                                       LagPanel::kPoints, false, {now});
        engine::ReplicaLagAnswer lag = engine::replicaLag(solver, replication.replica, keys, now);
        if (lag.saturatesAt && *lag.saturatesAt < content.planningAt) {
            std::vector<double> extra = AnalysisPanel::approach(*lag.saturatesAt);
            extra.push_back(now);
            keys = AnalysisPanel::grid(content.planningAt / 50.0, content.planningAt, LagPanel::kPoints, false, extra);
            lag = engine::replicaLag(solver, replication.replica, keys, now);
        }
        LagSection section{QStringLiteral("Replica ") + format::text(solver.model().components[replication.replica].id),
                           now, std::move(lag), {}};
        section.text = lagSentences(solver.model(), section.lag);
        content.lags.push_back(std::move(section));
    }
}

/// Stations with a bounded queue (a capacity): how their goodput holds past saturation.
void addShedding(ReportContent& content)
{
    const engine::Solver& solver = *content.request.solver;
    if (solver.workload() != engine::Workload::Open)
        return;
    const double now = content.request.multiplier;
    for (std::size_t i = 0; i < solver.model().components.size(); ++i) {
        const std::optional<double> headroom = content.result.components[i].headroomMultiplier;
        if (!solver.params(i).queueing() || !solver.params(i).capacity || !headroom || !(*headroom > 0.0))
            continue;
        const double saturation = now * *headroom;
        const double to = std::max(SheddingPanel::kReach * saturation, 1.2 * now);
        if (!solver.checkMagnitudes(to).empty())
            continue;
        std::vector<double> extra = AnalysisPanel::approach(saturation);
        for (const double beyond : {1.001, 1.01, 1.05})
            extra.push_back(saturation * beyond);
        extra.push_back(now);
        const std::vector<double> keys =
            AnalysisPanel::grid(to / SheddingPanel::kPoints, to, SheddingPanel::kPoints, false, extra);
        SheddingSection section;
        section.title = QStringLiteral("Bounded queue ") + format::text(solver.model().components[i].id);
        section.answer = engine::loadShedding(solver, i, std::nullopt, SheddingPanel::kTimeoutMs, keys);
        for (const engine::ShedPoint& p : section.answer.withShedding) {
            if (std::fabs(p.multiplier - saturation) <= 1e-9 * saturation)
                section.saturationRps = p.offeredRps;
            if (std::fabs(p.multiplier - now) <= 1e-9 * now)
                section.currentRps = p.offeredRps;
        }
        section.text = sheddingSentences(solver.model(), section.answer);
        content.shedding.push_back(std::move(section));
    }
}

QString stageText(const engine::StageAssessment& stage)
{
    return QStringLiteral("Stage %1 (%2): %3.").arg(stage.stage).arg(sentence(stage.name), sentence(stage.reason));
}

void addAdvice(ReportContent& content)
{
    const engine::Solver& solver = *content.request.solver;
    engine::AdvisorOptions options;
    options.multiplier = content.planningAt;
    options.targetUtilization = content.request.targetUtilization;
    options.targetWait = content.request.targetWait;
    const auto advice = engine::advise(solver, options);
    if (!advice) {
        content.adviceNotes << sentence(advice.issues().front().message);
        return;
    }
    content.stage = stageText(advice->stage);
    content.findings = findingTexts(advice->findings);
    for (const std::string& skipped : advice->skippedChecks)
        content.adviceNotes << QStringLiteral("Skipped: ") + sentence(skipped);
}

} // namespace

QString ReportContent::title() const
{
    return request.project.isEmpty() ? QStringLiteral("Capacity report")
                                     : QStringLiteral("Capacity report: ") + request.project;
}

QString ReportContent::trafficLine() const
{
    QString line = multiplier(request.multiplier) + QStringLiteral(" today's traffic");
    if (!request.scenario.isEmpty())
        line += QStringLiteral(" (scenario \u201c%1\u201d)").arg(request.scenario);
    return line;
}

namespace {

/// Every analysis the report draws whose iteration did not settle, said in its warnings
/// (the solve at today's traffic says so through its own warnings): a figure is never
/// shown unsettled without a flag.
void addUnsettled(ReportContent& content)
{
    const auto flag = [&content](engine::Status status, const QString& what) {
        if (status == engine::Status::NotConverged)
            content.warnings << what + QStringLiteral(": ") + sentence(std::string(model::kNotConvergedNote));
    };
    if (content.tenX)
        flag(content.tenX->status, QStringLiteral("The 10x answer"));
    flag(std::accumulate(content.curve.status.begin(), content.curve.status.end(), engine::Status::Ok, engine::worse),
         QStringLiteral("The 10x chart"));
    for (const PoolSection& pool : content.pools)
        flag(pool.sizing.status, pool.title);
    for (const LagSection& lag : content.lags)
        flag(lag.lag.status, lag.title);
    for (const SheddingSection& shedding : content.shedding)
        flag(shedding.answer.status, shedding.title);
}

} // namespace

engine::Checked<ReportContent> buildReport(ReportRequest request)
{
    const engine::Solver& solver = *request.solver;
    if (engine::Issues issues = solver.checkMagnitudes(request.multiplier); !issues.empty())
        return issues;
    ReportContent content;
    content.planningAt = request.planningMultiplier * request.multiplier;
    content.request = std::move(request);
    content.result = solver.solve({content.request.multiplier, true});
    addTenX(content);
    content.rows = componentRows(solver, content.result, content.tenX);
    addPools(content);
    addLags(content);
    addShedding(content);
    addAdvice(content);
    content.summary = executiveSummary(content);
    content.assumptions = assumptions(content);
    for (const engine::Issue& warning : solver.validationWarnings())
        content.warnings << sentence(engine::issueText(warning));
    for (const engine::Issue& warning : content.result.warnings)
        content.warnings << sentence(engine::issueText(warning));
    addUnsettled(content);
    return content;
}

} // namespace headroom::ui::report
