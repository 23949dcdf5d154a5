// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Advisor.h"
#include "engine/Issue.h"
#include "engine/LoadShedding.h"
#include "engine/PoolSizing.h"
#include "engine/ReplicaLag.h"
#include "engine/Solver.h"
#include "engine/TenX.h"

#include <QtCore/QDateTime>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace headroom::ui::report {

/// What a report is about: a compiled model (a scenario already applied) and the
/// traffic its figures are taken at. The GUI passes its live solve; the CLI builds one.
struct ReportRequest {
    std::shared_ptr<const engine::Solver> solver;
    double multiplier = 1.0;         ///< absolute (a scenario's multiplier included)
    double planningMultiplier = engine::kDefaultPlanningMultiplier; ///< the "10x", relative to `multiplier`
    double targetUtilization = engine::kDefaultTargetUtilization;
    double targetWait = engine::kDefaultTargetWait; ///< acceptable chance of waiting for a pooled connection
    QString project;                  ///< the model's name, else the file's
    QString scenario;                 ///< empty: the base model
    QDateTime generated = QDateTime::currentDateTime();
};

/// One row of the components table: the engine's figures, unformatted.
struct ComponentRow {
    std::size_t component = 0;
    QString id;
    QString label;
    QString notes;                                ///< the author's, printed under the table
    QString kind;
    bool station = false;
    bool saturated = false;
    double arrivalRps = 0.0;
    double utilization = 0.0;                     ///< busiest instance (offered when saturated)
    std::optional<double> responseMs;             ///< empty: saturated
    std::optional<double> p99Ms;
    std::optional<double> headroom;               ///< empty: never saturates
    std::int64_t instances = 1;
    std::optional<std::int64_t> requiredInstances; ///< at the planning multiplier; empty: not planned / a hot spot
};

/// A titled analysis with its chart data and its findings in words.
struct PoolSection {
    QString title;
    engine::PoolSizing sizing;
    QStringList text;
};
struct LagSection {
    QString title;
    double multiplier = 1.0;
    engine::ReplicaLagAnswer lag;
    QStringList text;
};
struct SheddingSection {
    QString title;
    engine::LoadSheddingAnswer answer;
    std::optional<double> saturationRps;
    std::optional<double> currentRps;
    QStringList text;
};

/// One advisor finding, in words.
struct FindingText {
    QString severity; ///< "critical", "warning", "info"
    QString kind;
    QString component;
    QString message;
    QStringList actions; ///< the recommendation (and alternatives), or the advice
};

/// Everything a report says, as plain data from the engine's results: the PDF, the
/// HTML and the CSV writers only lay it out. Nothing in it is a widget.
struct ReportContent {
    ReportRequest request;
    engine::SolveResult result;      ///< at request.multiplier
    std::vector<ComponentRow> rows;  ///< every component, model order
    QStringList summary;             ///< the executive summary, plain sentences

    double planningAt = engine::kDefaultPlanningMultiplier; ///< absolute planning multiplier
    std::optional<engine::TenXAnswer> tenX; ///< empty for a closed workload
    engine::LoadCurve curve;                ///< the 10x chart's data
    std::vector<std::size_t> curveComponents; ///< the utilization lines drawn
    QString tenXNote;                       ///< why there is no 10x answer

    std::vector<PoolSection> pools;
    std::vector<LagSection> lags;
    std::vector<SheddingSection> shedding;

    QString stage;                   ///< "Stage 4 (load balancing): ..."
    std::vector<FindingText> findings;
    QStringList adviceNotes;          ///< skipped checks, or why there is no advice

    QStringList assumptions;
    QStringList warnings;

    [[nodiscard]] const engine::Model& model() const { return request.solver->model(); }
    [[nodiscard]] QString title() const;
    /// "2× today's traffic (scenario peak)", for the title page.
    [[nodiscard]] QString trafficLine() const;
};

/// Solves, asks the 10x question, sizes pools, charts lag and shedding, and runs the
/// advisor, all at the request's traffic. Fails only when the traffic is out of range.
engine::Checked<ReportContent> buildReport(ReportRequest request);

} // namespace headroom::ui::report
