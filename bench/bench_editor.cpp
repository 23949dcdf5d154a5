// SPDX-License-Identifier: MIT
// What one edit costs in the editor on a 200-component model: the undo command
// through the document, the live solve, the diagram taking the new figures, and a
// repaint of the whole diagram into a window-sized image (offscreen). Results and
// how to read them: docs/performance.md, section "Editor".
#include "GeneratedModel.h"

#include "ComponentItem.h"
#include "DiagramScene.h"
#include "Resources.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"

#include <QtWidgets/QApplication>
#include <QtGui/QImage>
#include <QtGui/QPainter>

#include <benchmark/benchmark.h>

#include <stdexcept>

namespace {

using namespace headroom;

constexpr int kComponents = 200;

const QSize kFrame(1600, 1000); ///< the screenshot's window size

/// A document of a generated model with its live solver and diagram, wired as in
/// MainWindow.
struct Editor {
    model::Document document;
    model::LiveSolver solver{&document};
    ui::DiagramScene scene{&document, &solver};
    QImage frame{kFrame, QImage::Format_ARGB32_Premultiplied};
    model::ComponentId target;
    engine::Field field = engine::Field::ServiceMs;
    double base = 1.0;

    Editor()
    {
        document.load(bench::generateModel({kComponents, false, true, 42}));
        solver.flush();
        if (!solver.result())
            throw std::runtime_error("the generated model does not solve");
        // Edit a station in the middle of the diagram.
        for (qsizetype i = document.componentIds().size() / 2; i < document.componentIds().size(); ++i) {
            const model::ComponentId id = document.componentIds()[i];
            if (document.component(id).has(field)) {
                target = id;
                base = *document.component(id).get(field);
                break;
            }
        }
        if (!target.isValid())
            throw std::runtime_error("no station to edit");
    }

    /// One keystroke's worth of edit: a new service time, merged into the last step.
    void edit(std::int64_t step)
    {
        const double value = base * (1.0 + 0.001 * static_cast<double>(step % 50 + 1));
        document.undoStack()->push(new model::SetComponentFieldCommand(&document, {target, field}, value));
    }

    void repaint()
    {
        frame.fill(Qt::white);
        QPainter painter(&frame);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        scene.render(&painter, QRectF(QPointF(0, 0), kFrame), scene.diagramRect(), Qt::KeepAspectRatio);
    }
};

// The whole path of one edit: command, solve, figures onto the items, full repaint.
void BM_EditSolveRepaint200(benchmark::State& state)
{
    Editor editor;
    std::int64_t step = 0;
    for (auto _ : state) {
        editor.edit(++step);
        editor.solver.flush();
        editor.repaint();
        benchmark::DoNotOptimize(editor.frame.constBits());
    }
    state.counters["components"] = static_cast<double>(editor.document.componentIds().size());
    state.counters["links"] = static_cast<double>(editor.document.linkIds().size());
}
BENCHMARK(BM_EditSolveRepaint200)->Unit(benchmark::kMillisecond);

// The parts, to see where the time goes.
void BM_EditAndSolve200(benchmark::State& state)
{
    Editor editor;
    std::int64_t step = 0;
    for (auto _ : state) {
        editor.edit(++step);
        editor.solver.flush();
    }
}
BENCHMARK(BM_EditAndSolve200)->Unit(benchmark::kMillisecond);

void BM_Repaint200(benchmark::State& state)
{
    Editor editor;
    for (auto _ : state) {
        editor.repaint();
        benchmark::DoNotOptimize(editor.frame.constBits());
    }
}
BENCHMARK(BM_Repaint200)->Unit(benchmark::kMillisecond);

// Dragging a card: every mouse move reroutes its links and their labels.
void BM_DragStep200(benchmark::State& state)
{
    Editor editor;
    ui::ComponentItem* item = editor.scene.itemFor(editor.target);
    const QPointF start = item->pos();
    std::int64_t step = 0;
    for (auto _ : state) {
        ++step;
        item->setPos(start + QPointF(static_cast<qreal>(step % 40), static_cast<qreal>(step % 20)));
    }
}
BENCHMARK(BM_DragStep200)->Unit(benchmark::kMicrosecond);

} // namespace
