// SPDX-License-Identifier: MIT
// What a capacity report of a 200-component model costs: the engine's answers (solve,
// 10x, plan, pools, lag, shedding, advisor), then each writer (PDF with its charts and
// vector diagram, HTML with embedded SVG, CSV), offscreen. The issue's budget is 3 s
// for the whole report. Results: docs/performance.md, section "Reports".
#include "GeneratedModel.h"

#include "report/CsvExport.h"
#include "report/HtmlReport.h"
#include "report/PdfReport.h"
#include "report/ReportContent.h"

#include "engine/Advisor.h"
#include "engine/Solver.h"

#include <QtWidgets/QApplication>

#include <benchmark/benchmark.h>

#include <memory>
#include <stdexcept>

namespace {

using namespace headroom;

constexpr int kComponents = 200;

/// A report request for a generated model of at least 200 components.
ui::report::ReportRequest request200()
{
    auto solver = engine::Solver::create(bench::generateModel({kComponents, true, true, 42}));
    if (!solver)
        throw std::runtime_error(solver.issues().front().message);
    ui::report::ReportRequest request;
    request.project = QStringLiteral("generated");
    request.solver = std::make_shared<const engine::Solver>(std::move(solver).value());
    return request;
}

ui::report::ReportContent content200()
{
    auto content = ui::report::buildReport(request200());
    if (!content)
        throw std::runtime_error(content.issues().front().message);
    return std::move(content).value();
}

void BM_ReportContent200(benchmark::State& state)
{
    const ui::report::ReportRequest request = request200();
    for (auto _ : state)
        benchmark::DoNotOptimize(ui::report::buildReport(request));
    state.counters["components"] = static_cast<double>(request.solver->model().components.size());
}
BENCHMARK(BM_ReportContent200)->Unit(benchmark::kMillisecond);

/// The advisor's share: its findings alone, and with every fix verified by re-solving.
void BM_AdvisorFindings200(benchmark::State& state)
{
    const ui::report::ReportRequest request = request200();
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::detectFindings(*request.solver, {}));
}
BENCHMARK(BM_AdvisorFindings200)->Unit(benchmark::kMillisecond);

void BM_AdvisorVerified200(benchmark::State& state)
{
    const ui::report::ReportRequest request = request200();
    for (auto _ : state)
        benchmark::DoNotOptimize(engine::advise(*request.solver, {}));
}
BENCHMARK(BM_AdvisorVerified200)->Unit(benchmark::kMillisecond);

/// The whole PDF export: the engine's answers and the PDF (what File > Export does).
void BM_PdfReport200(benchmark::State& state)
{
    const ui::report::ReportRequest request = request200();
    for (auto _ : state) {
        const auto content = ui::report::buildReport(request);
        benchmark::DoNotOptimize(ui::report::pdfReport(content.value()));
    }
}
BENCHMARK(BM_PdfReport200)->Unit(benchmark::kMillisecond);

void BM_HtmlReport200(benchmark::State& state)
{
    const ui::report::ReportRequest request = request200();
    for (auto _ : state) {
        const auto content = ui::report::buildReport(request);
        benchmark::DoNotOptimize(ui::report::htmlReport(content.value()));
    }
}
BENCHMARK(BM_HtmlReport200)->Unit(benchmark::kMillisecond);

/// The writers alone, on answers computed once.
void BM_PdfWriterOnly200(benchmark::State& state)
{
    const ui::report::ReportContent content = content200();
    for (auto _ : state)
        benchmark::DoNotOptimize(ui::report::pdfReport(content));
}
BENCHMARK(BM_PdfWriterOnly200)->Unit(benchmark::kMillisecond);

void BM_Csv200(benchmark::State& state)
{
    const ui::report::ReportContent content = content200();
    for (auto _ : state)
        benchmark::DoNotOptimize(ui::report::resultsCsv(content));
}
BENCHMARK(BM_Csv200)->Unit(benchmark::kMicrosecond);

} // namespace
