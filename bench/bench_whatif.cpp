// SPDX-License-Identifier: MIT
// What one what-if slider tick costs on a 200-component model in the editor's window
// with the chart docks open: the SetWhatIfCommand through the document, the live solve
// of the model with the layer, the visible analysis panels' engine analyses and charts,
// the queued replots, and the window's repaint (the diagram's cards, the charts, the
// what-if panel), all offscreen. Results and how to read them: docs/performance.md,
// section "What-if and charts".
#include "GeneratedModel.h"

#include "AnalysisDocks.h"
#include "DiagramScene.h"
#include "DiagramView.h"
#include "MainWindow.h"
#include "charts/AnalysisPanel.h"
#include "charts/ChartView.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"

#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDockWidget>

#include <benchmark/benchmark.h>

#include <ctime>
#include <stdexcept>

namespace {

using namespace headroom;

constexpr int kComponents = 200;
const QSize kWindow(1600, 1000);   ///< the screenshots' window
const QSize kChartDock(1100, 340); ///< a chart dock floated out of that window

/// CPU time of this thread, in milliseconds: the phases of a tick are timed with it.
double threadMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// Counts paint events of a widget (the diagram's viewport), to be sure a tick repaints it.
class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

/// The editor's window with a generated model, the what-if panel open and a service's
/// primary database selected (the charts follow it: its pool, its replica, its queue).
/// `allCharts`: every chart dock floated out and visible at once, the worst case; else
/// the default layout, where the 10x tab is the chart on screen.
struct Editor {
    ui::MainWindow window;
    model::Document& document = *window.document();
    ui::AnalysisDocks& docks = *window.analysisDocks();
    model::ComponentId primary;
    quint64 gesture = 0;
    int replots = 0;
    PaintCounter viewportPaints;

    explicit Editor(bool allCharts)
    {
        window.resize(kWindow);
        window.show();
        document.load(bench::generateModel({kComponents, false, true, 42}));
        window.liveSolver()->flush();
        if (!window.liveSolver()->result())
            throw std::runtime_error("the generated model does not solve");
        for (const model::ComponentId id : document.componentIds()) {
            const engine::Component& c = document.component(id);
            if (c.kind == engine::ComponentKind::Database && c.effectiveRole() == engine::DatabaseRole::Primary) {
                primary = id;
                if (document.componentIds().indexOf(id) > document.componentIds().size() / 2)
                    break;
            }
        }
        window.scene()->selectOnly({primary});
        docks.showDock(QStringLiteral("whatif"));
        docks.showDock(QStringLiteral("tenx"));
        if (allCharts) {
            for (const QString name : {"tenx", "pool", "lag", "shedding", "percentiles"}) {
                QDockWidget* dock = docks.dock(name);
                dock->setFloating(true);
                dock->resize(kChartDock);
                dock->show();
            }
        }
        for (ui::AnalysisPanel* panel : docks.panels()) {
            for (ui::ChartView* chart : panel->charts())
                QObject::connect(chart, &QCustomPlot::afterReplot, [this] { ++replots; });
        }
        window.view()->viewport()->installEventFilter(&viewportPaints);
        QCoreApplication::processEvents();
        window.view()->fitDiagram();
        settle();
        for (ui::AnalysisPanel* panel : docks.panels()) {
            if (panel->isShown() && !panel->message().isEmpty())
                throw std::runtime_error("a panel shows no chart: " + panel->message().toStdString());
        }
    }

    /// One slider tick: a command of the drag in progress, as the what-if slider pushes it.
    void tick(const model::WhatIfKey& key, double value)
    {
        if (gesture == 0)
            gesture = document.beginGesture();
        document.undoStack()->push(new model::SetWhatIfCommand(&document, {key, gesture}, value));
    }

    /// What the event loop does next: the solve, the visible panels' analyses and charts,
    /// the queued replots and the repaint of the window.
    void settle()
    {
        window.liveSolver()->flush();
        docks.flush();
        QCoreApplication::processEvents();
    }
};

/// The traffic slider moving between 1x and 3x: every figure of the model changes.
double trafficAt(std::int64_t step)
{
    return 1.0 + 2.0 * static_cast<double>(step % 100) / 100.0;
}

/// One tick per iteration; the counters split its CPU time (milliseconds per tick) into
/// the solve, the analyses, and the replots and repaints.
void runTicks(benchmark::State& state, Editor& editor, const model::WhatIfKey& key,
              const std::function<double(std::int64_t)>& valueAt)
{
    const int replotsBefore = editor.replots;
    const int paintsBefore = editor.viewportPaints.paints;
    std::int64_t step = 0;
    double solve = 0.0, analyses = 0.0, paint = 0.0;
    for (auto _ : state) {
        const double t0 = threadMs();
        editor.tick(key, valueAt(++step));
        editor.window.liveSolver()->flush();
        const double t1 = threadMs();
        editor.docks.flush();
        const double t2 = threadMs();
        QCoreApplication::processEvents();
        const double t3 = threadMs();
        solve += t1 - t0;
        analyses += t2 - t1;
        paint += t3 - t2;
    }
    const double ticks = static_cast<double>(std::max<std::int64_t>(step, 1));
    state.counters["components"] = static_cast<double>(editor.document.componentIds().size());
    state.counters["solve_ms"] = solve / ticks;
    state.counters["analyses_ms"] = analyses / ticks;
    state.counters["paint_ms"] = paint / ticks;
    state.counters["replots"] = static_cast<double>(editor.replots - replotsBefore) / ticks;
    state.counters["diagram_paints"] = static_cast<double>(editor.viewportPaints.paints - paintsBefore) / ticks;
}

// The editor as it opens: the 10x chart on screen, the what-if panel, the diagram.
void BM_WhatIfTick200(benchmark::State& state)
{
    Editor editor(false);
    runTicks(state, editor, model::WhatIfKey::multiplier(), trafficAt);
}
BENCHMARK(BM_WhatIfTick200)->Unit(benchmark::kMillisecond);

// Every chart dock floated out and on screen at once: all five analyses and six charts per tick.
void BM_WhatIfTickAllCharts200(benchmark::State& state)
{
    Editor editor(true);
    runTicks(state, editor, model::WhatIfKey::multiplier(), trafficAt);
}
BENCHMARK(BM_WhatIfTickAllCharts200)->Unit(benchmark::kMillisecond);

// A component's slider (the primary's servers) with every chart on screen.
void BM_WhatIfServersTickAllCharts200(benchmark::State& state)
{
    Editor editor(true);
    const double base = editor.document.component(editor.primary).valueOr(engine::Field::Servers, 1.0);
    runTicks(state, editor, model::WhatIfKey::of(editor.primary, engine::Field::Servers),
             [base](std::int64_t step) { return base + static_cast<double>(step % 16 + 1); });
}
BENCHMARK(BM_WhatIfServersTickAllCharts200)->Unit(benchmark::kMillisecond);

// The parts, to see where the time goes: one panel's analysis and chart data (no replot).
void BM_PanelRefresh200(benchmark::State& state)
{
    Editor editor(true);
    ui::AnalysisPanel* panel = editor.docks.panels()[static_cast<qsizetype>(state.range(0))];
    std::int64_t step = 0;
    for (auto _ : state) {
        state.PauseTiming();
        editor.tick(model::WhatIfKey::multiplier(), trafficAt(++step));
        editor.window.liveSolver()->flush();
        state.ResumeTiming();
        panel->flush();
    }
    state.SetLabel(panel->objectName().toStdString());
}
BENCHMARK(BM_PanelRefresh200)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);

// Replotting and repainting every chart once.
void BM_ReplotAllCharts200(benchmark::State& state)
{
    Editor editor(true);
    for (auto _ : state) {
        for (ui::AnalysisPanel* panel : editor.docks.panels()) {
            for (ui::ChartView* chart : panel->charts())
                chart->replot(QCustomPlot::rpImmediateRefresh);
        }
    }
}
BENCHMARK(BM_ReplotAllCharts200)->Unit(benchmark::kMillisecond);

} // namespace
