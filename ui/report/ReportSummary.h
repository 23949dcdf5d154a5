// SPDX-License-Identifier: MIT
#pragma once

#include "report/ReportContent.h"

#include <QtCore/QStringList>

#include <vector>

namespace headroom::ui::report {

/// The report's words, written from the engine's answers: plain sentences a team can
/// act on without the tool. Every figure is the engine's, formatted by ReportText.

/// What breaks first and at what multiplier, what surviving the planning multiplier
/// takes and costs, the N+1 status and the advisor's stage.
QStringList executiveSummary(const ReportContent& content);
/// The formulas behind the figures, approximations marked as such.
QStringList assumptions(const ReportContent& content);
/// One sentence per calibrated field: "db.service_ms 3.06, calibrated from SHOW STATS 'bench'
/// of 2026-... (mean_server_ms measured 3.09)." The assumptions end with them.
QStringList calibratedFields(const engine::Model& model);
QStringList poolSentences(const engine::Model& model, const engine::PoolSizing& sizing);
QStringList lagSentences(const engine::Model& model, const engine::ReplicaLagAnswer& lag);
QStringList sheddingSentences(const engine::Model& model, const engine::LoadSheddingAnswer& answer);
/// The findings in words, each with its verified fix (or advice).
std::vector<FindingText> findingTexts(const std::vector<engine::Finding>& findings);

} // namespace headroom::ui::report
