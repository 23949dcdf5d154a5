// SPDX-License-Identifier: MIT
// The chart docks, offscreen: every series is the engine's analysis of the model with
// the what-if layer (loadCurve, tenX, poolSizing, replicaLag, loadShedding, the live
// percentiles), asked again here independently; charts follow the selection and the
// sliders; nothing infinite or NaN reaches a chart of a saturated model, whose
// saturated ranges are marked; hover, zoom, export and the visible-only computation.
#include "DocumentFixtures.h"
#include "WindowFixture.h"

#include "AnalysisDocks.h"
#include "DiagramScene.h"
#include "MainWindow.h"
#include "charts/LagChart.h"
#include "charts/LagPanel.h"
#include "charts/PercentileChart.h"
#include "charts/PercentilePanel.h"
#include "charts/PlanTableModel.h"
#include "charts/PoolChart.h"
#include "charts/PoolPanel.h"
#include "charts/SheddingChart.h"
#include "charts/SheddingPanel.h"
#include "charts/StaleReadChart.h"
#include "charts/TenXChart.h"
#include "charts/TenXPanel.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"
#include "engine/LoadShedding.h"
#include "engine/PoolSizing.h"
#include "engine/ReplicaLag.h"
#include "engine/TenX.h"
#include "engine/Validation.h"
#include "io/ModelJson.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLabel>

#include <cmath>

using namespace headroom;
using engine::Field;
using model::ComponentId;
using model::WhatIfKey;

namespace {

/// The model the charts are about, compiled here again: the document's model with its
/// what-if layer.
struct Expected {
    std::unique_ptr<engine::Solver> solver;
    double multiplier = 1.0;
};

Expected compile(const model::Document& doc)
{
    engine::ScenarioApplied applied = engine::applyScenario(doc.model(), doc.whatIf());
    applied.model.scenarios.clear();
    auto solver = engine::Solver::create(applied.model);
    if (!solver)
        qFatal("the model does not compile");
    return {std::make_unique<engine::Solver>(std::move(solver).value()), applied.multiplier};
}

/// A graph's points, checked finite on the way.
std::vector<std::pair<double, double>> points(const QCPGraph* graph)
{
    std::vector<std::pair<double, double>> out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out.emplace_back(it->key, it->value);
    return out;
}

/// The first values of an engine series up to the first infinite one.
template <typename Values>
void compareSeries(const QCPGraph* graph, const std::vector<double>& keys, const Values& values)
{
    const auto drawn = points(graph);
    std::size_t finite = 0;
    while (finite < values.size() && values[finite].has_value())
        ++finite;
    QCOMPARE(drawn.size(), finite);
    for (std::size_t k = 0; k < finite; ++k) {
        QCOMPARE(drawn[k].first, keys[k]);
        QCOMPARE(drawn[k].second, *values[k]);
    }
}

} // namespace

class TestCharts : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    model::Document* doc() const { return m_window->document(); }
    ui::AnalysisDocks* docks() const { return m_window->analysisDocks(); }
    ComponentId id(const char* name) const { return doc()->findComponent(name); }
    void show(const char* dock)
    {
        m_window->liveSolver()->flush();
        docks()->showDock(QString::fromLatin1(dock));
        QCoreApplication::processEvents();
        docks()->flush();
    }
    void setMultiplier(double value)
    {
        doc()->undoStack()->push(new model::SetWhatIfCommand(doc(), {WhatIfKey::multiplier()}, value));
        m_window->liveSolver()->flush();
        docks()->flush();
    }

    /// No value in any chart of any panel is NaN or infinite.
    void checkAllFinite()
    {
        for (ui::AnalysisPanel* panel : docks()->panels()) {
            for (ui::ChartView* chart : panel->charts()) {
                for (int i = 0; i < chart->plottableCount(); ++i) {
                    QCPPlottableInterface1D* data = chart->plottable(i)->interface1D();
                    for (int k = 0; k < data->dataCount(); ++k) {
                        QVERIFY2(std::isfinite(data->dataMainKey(k)) && std::isfinite(data->dataMainValue(k)),
                                 qPrintable(chart->objectName() + QLatin1Char(' ') + chart->plottable(i)->name()));
                    }
                }
                for (int i = 0; i < chart->itemCount(); ++i) {
                    for (QCPItemPosition* position : chart->item(i)->positions())
                        QVERIFY(std::isfinite(position->coords().x()) && std::isfinite(position->coords().y()));
                }
            }
        }
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_window = testing::windowOnModel(testing::webModel(), m_dir, error);
        QVERIFY2(m_window, qPrintable(error));
        m_window->liveSolver()->flush();
    }

    void cleanup() { m_window.reset(); }

    void tenXChartIsTheEnginesLoadCurve()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("db")));
        setMultiplier(1.5);
        show("tenx");
        ui::TenXPanel* panel = docks()->tenX();
        QVERIFY(panel->message().isEmpty());
        const Expected expected = compile(*doc());
        const engine::LoadCurve curve = engine::loadCurve(*expected.solver, panel->multipliers());
        const auto answer = engine::tenX(*expected.solver, 15.0, 0.7);
        QVERIFY(answer.ok());
        ui::TenXChart* chart = panel->chart();
        compareSeries(chart->responseGraph(), curve.multipliers, curve.responseMs);
        for (const std::size_t i : {std::size_t(2), std::size_t(4)}) {
            QVERIFY(chart->utilizationGraph(i));
            std::vector<std::optional<double>> utilization(curve.utilization[i].begin(), curve.utilization[i].end());
            compareSeries(chart->utilizationGraph(i), curve.multipliers, utilization);
        }
        QCOMPARE(chart->utilizationGraph(4)->pen().widthF(), 3.5); // the selected db
        QCOMPARE(chart->operatingPoint(), std::optional<double>(1.5));
        QCOMPARE(panel->multipliers().back(), 15.0);
        // The verdict and the plan are the engine's.
        QVERIFY(panel->summary()->text().contains(panel->verdict().toHtmlEscaped()));
        QCOMPARE(panel->verdict().toLower(), QString::fromStdString(answer->verdict).toLower());
        QCOMPARE(panel->planModel()->rowCount(), static_cast<int>(answer->plan.components.size()) + 1);
        QVERIFY(!answer->breaks.empty());
        QCOMPARE(*panel->planModel()->componentAt(0), answer->breaks.front().component);
        // The curve ends at the first saturation, which is marked.
        const double first = answer->breaks.front().saturatesAt;
        QCOMPARE(chart->saturatedRegions().size(), qsizetype(1));
        QCOMPARE(chart->saturatedRegions().front().lower, first);
        QVERIFY(points(chart->responseGraph()).back().first < first);
        QVERIFY(!chart->notes().isEmpty());
    }

    void poolChartIsTheEnginesPoolSizing()
    {
        const model::LinkId link = doc()->findLink(id("app"), id("db"));
        m_window->scene()->selectOnly({}, {link});
        show("pool");
        ui::PoolPanel* panel = docks()->pool();
        QVERIFY(panel->message().isEmpty());
        QCOMPARE(panel->link(), std::optional<std::size_t>(3));
        const Expected expected = compile(*doc());
        const auto sizing = engine::poolSizing(*expected.solver, 3, 1.0, panel->maxSize(), 0.05);
        QVERIFY(sizing.ok());
        const auto drawn = points(panel->chart()->waitProbabilityGraph());
        QCOMPARE(drawn.size(), sizing->series.size());
        for (std::size_t k = 0; k < drawn.size(); ++k) {
            QCOMPARE(drawn[k].first, static_cast<double>(sizing->series[k].poolSize));
            QCOMPARE(drawn[k].second, sizing->series[k].waitProbability);
        }
        const auto waits = points(panel->chart()->meanWaitGraph());
        std::size_t stable = 0;
        for (const engine::PoolSizePoint& p : sizing->series) {
            if (!p.meanWaitMs)
                continue;
            QCOMPARE(waits[stable].first, static_cast<double>(p.poolSize));
            QCOMPARE(waits[stable].second, *p.meanWaitMs);
            ++stable;
        }
        QCOMPARE(waits.size(), stable);
        QCOMPARE(panel->chart()->operatingPoint(), std::optional<double>(20.0));
        QVERIFY(panel->summary()->text().contains(QString::number(*sizing->recommendedPoolSize)));
        // Selecting the caller shows its pool too.
        QVERIFY(m_window->selectComponent(QStringLiteral("app")));
        docks()->flush();
        QCOMPARE(panel->link(), std::optional<std::size_t>(3));
    }

    void lagChartsAreTheEnginesReplicaLag()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("replica")));
        setMultiplier(2.0);
        show("lag");
        ui::LagPanel* panel = docks()->lag();
        QVERIFY(panel->message().isEmpty());
        QCOMPARE(panel->replica(), std::optional<std::size_t>(5));
        const Expected expected = compile(*doc());
        const engine::ReplicaLagAnswer lag = engine::replicaLag(*expected.solver, 5, panel->multipliers(), 2.0);
        std::vector<double> keys;
        std::vector<std::optional<double>> mean, p99;
        for (const engine::LagPoint& p : lag.series) {
            keys.push_back(p.multiplier);
            mean.push_back(p.lag.meanLagMs);
            p99.push_back(p.lag.p99LagMs);
        }
        compareSeries(panel->lagChart()->meanGraph(), keys, mean);
        compareSeries(panel->lagChart()->p99Graph(), keys, p99);
        const auto stale = points(panel->staleReadChart()->staleGraph());
        QCOMPARE(stale.size(), lag.staleRead.size());
        for (std::size_t k = 0; k < stale.size(); ++k) {
            QCOMPARE(stale[k].first, lag.staleRead[k].afterMs);
            QCOMPARE(stale[k].second, lag.staleRead[k].probability);
        }
        QCOMPARE(panel->lagChart()->operatingPoint(), std::optional<double>(2.0));
        // The primary leads to its replica.
        QVERIFY(m_window->selectComponent(QStringLiteral("db")));
        docks()->flush();
        QCOMPARE(panel->replica(), std::optional<std::size_t>(5));
    }

    void sheddingChartIsTheEnginesLoadShedding()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("db")));
        show("shedding");
        ui::SheddingPanel* panel = docks()->shedding();
        QVERIFY(panel->message().isEmpty());
        const Expected expected = compile(*doc());
        const engine::LoadSheddingAnswer answer =
            engine::loadShedding(*expected.solver, 4, std::nullopt, 1000.0, panel->multipliers());
        const auto bounded = points(panel->chart()->boundedGraph());
        const auto unbounded = points(panel->chart()->unboundedGraph());
        QCOMPARE(bounded.size(), answer.withShedding.size());
        QCOMPARE(unbounded.size(), answer.withoutShedding.size());
        for (std::size_t k = 0; k < bounded.size(); ++k) {
            QCOMPARE(bounded[k].first, answer.withShedding[k].offeredRps);
            QCOMPARE(bounded[k].second, answer.withShedding[k].goodputRps);
            QCOMPARE(unbounded[k].second, answer.withoutShedding[k].goodputRps);
        }
        // Collapse against flat goodput: past saturation the unbounded queue serves nothing.
        QCOMPARE(unbounded.back().second, 0.0);
        QVERIFY(bounded.back().second > 0.5 * bounded.back().first / SheddingPanelReach());
        QCOMPARE(panel->chart()->saturatedRegions().size(), qsizetype(1));
        QVERIFY(panel->chart()->boundedGraph()->name().contains(QString::number(answer.capacity)));
    }

    void percentilesAreTheLiveFigures()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("lb")));
        show("percentiles");
        ui::PercentileChart* chart = docks()->percentiles()->chart();
        const engine::SolveResult& result = m_window->liveSolver()->result()->result;
        const std::vector<std::size_t>& shown = chart->components();
        QCOMPARE(shown.size(), std::size_t(5)); // every component but the clients
        QVERIFY(std::find(shown.begin(), shown.end(), std::size_t(1)) != shown.end());
        for (const auto& [percentile, member] :
             {std::pair{50, &engine::ComponentResult::p50ResponseMs}, std::pair{95, &engine::ComponentResult::p95ResponseMs},
              std::pair{99, &engine::ComponentResult::p99ResponseMs}}) {
            QCPBars* bars = chart->bars(percentile);
            QCOMPARE(bars->data()->size(), static_cast<int>(shown.size()));
            for (std::size_t k = 0; k < shown.size(); ++k)
                QCOMPARE((bars->data()->constBegin() + static_cast<int>(k))->value, *(result.components[shown[k]].*member));
        }
        // Slowest p99 first.
        QVERIFY(*result.components[shown[0]].p99ResponseMs >= *result.components[shown[1]].p99ResponseMs);
    }

    void aSaturatedModelDrawsNoInfiniteValue()
    {
        QVERIFY(m_window->selectComponent(QStringLiteral("db")));
        setMultiplier(60.0);
        QVERIFY(!m_window->liveSolver()->result()->result.stable);
        for (const char* dock : {"tenx", "pool", "lag", "shedding", "percentiles"})
            show(dock);
        // The pool and lag panels follow the db to its pool and replica.
        QVERIFY(docks()->pool()->message().isEmpty());
        QVERIFY(docks()->lag()->message().isEmpty());
        checkAllFinite();
        QVERIFY(!docks()->tenX()->chart()->saturatedRegions().isEmpty());
        // At 60x the replica's apply thread is saturated at the current load (it saturates at
        // about 4.2x): the lag chart marks where, inside its range, and the stale-read chart
        // says that a read may miss any write.
        const engine::SolveResult& solved = m_window->liveSolver()->result()->result;
        QVERIFY(std::any_of(solved.replication.begin(), solved.replication.end(),
                            [](const engine::ReplicationResult& r) { return r.saturated; }));
        const QStringList lagNotes = docks()->lag()->lagChart()->notes();
        QCOMPARE(lagNotes.size(), qsizetype(1));
        QVERIFY2(lagNotes.front().contains(QStringLiteral("the lag grows without bound")),
                 qPrintable(lagNotes.front()));
        const QStringList staleNotes = docks()->lag()->staleReadChart()->notes();
        QCOMPARE(staleNotes.size(), qsizetype(1));
        QVERIFY2(staleNotes.front().contains(QStringLiteral("a read may miss any write")),
                 qPrintable(staleNotes.front()));
        QVERIFY(!docks()->percentiles()->chart()->saturatedRegions().isEmpty());
        QVERIFY(docks()->percentiles()->summary()->text().contains(QStringLiteral("saturated")));
        // The hover over a saturated range says so instead of a number.
        ui::TenXChart* chart = docks()->tenX()->chart();
        QVERIFY(chart->valuesAt(50.0).contains(QStringLiteral("unbounded (saturated)")));
    }

    void hoverShowsTheValuesUnderTheMouse()
    {
        show("tenx");
        ui::TenXChart* chart = docks()->tenX()->chart();
        chart->replot();
        const QRect plot = chart->axisRect()->rect();
        QTest::mouseMove(chart, plot.center());
        QVERIFY(!chart->hoverText().isEmpty());
        QVERIFY(chart->hoverText().startsWith(QStringLiteral("Traffic ")));
        QVERIFY(chart->hoverText().contains(QStringLiteral("End-to-end response: ")));
        QVERIFY(chart->hoverText().contains(QStringLiteral("app utilization: ")));
        QTest::mouseMove(chart, QPoint(2, 2));
        QVERIFY(chart->hoverText().isEmpty());
    }

    void wheelZoomsAndDoubleClickFits()
    {
        show("tenx");
        ui::TenXChart* chart = docks()->tenX()->chart();
        chart->replot();
        const QCPRange before = chart->xAxis->range();
        const QPoint centre = chart->axisRect()->rect().center();
        QWheelEvent wheel(centre, chart->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(chart, &wheel);
        QVERIFY(chart->xAxis->range().size() < before.size());
        QTest::mouseDClick(chart, Qt::LeftButton, Qt::NoModifier, centre);
        QCOMPARE(chart->xAxis->range().upper, before.upper);
        QCOMPARE(chart->xAxis->range().lower, before.lower);
    }

    void theTrafficAxisCanBeLogarithmic()
    {
        show("tenx");
        ui::TenXChart* chart = docks()->tenX()->chart();
        emit chart->logarithmicToggled(true);
        docks()->flush();
        QCOMPARE(chart->xAxis->scaleType(), QCPAxis::stLogarithmic);
        const std::vector<double>& m = docks()->tenX()->multipliers();
        QCOMPARE(m.front(), 0.1);
        QVERIFY(std::fabs(m[1] / m[0] - m[2] / m[1]) < 1e-9);
        checkAllFinite();
    }

    void exportsPngAndPdf()
    {
        show("tenx");
        ui::TenXChart* chart = docks()->tenX()->chart();
        const QString png = m_dir.filePath(QStringLiteral("tenx.png"));
        const QString pdf = m_dir.filePath(QStringLiteral("tenx.pdf"));
        QCOMPARE(chart->exportPng(png), std::nullopt);
        QCOMPARE(chart->exportPdf(pdf), std::nullopt);
        QFile pngFile(png);
        QVERIFY(pngFile.open(QIODevice::ReadOnly));
        QCOMPARE(pngFile.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
        QImage image(png);
        QCOMPARE(image.width(), chart->width() * 2);
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.size() > 1000);
        QCOMPARE(pdfFile.read(5), QByteArray("%PDF-"));
    }

    void onlyVisiblePanelsComputeOncePerTurn()
    {
        show("tenx");
        ui::TenXPanel* tenX = docks()->tenX();
        ui::PercentilePanel* hidden = docks()->percentiles();
        QVERIFY(!hidden->isShown());
        const int tenXBefore = tenX->refreshCount();
        const int hiddenBefore = hidden->refreshCount();
        // Three ticks in one turn: one solve, one refresh of the visible panel, none of the hidden one.
        const quint64 gesture = doc()->beginGesture();
        for (const double m : {1.2, 1.4, 1.6})
            doc()->undoStack()->push(new model::SetWhatIfCommand(doc(), {WhatIfKey::multiplier(), gesture}, m));
        QTRY_COMPARE(tenX->refreshCount(), tenXBefore + 1);
        QCoreApplication::processEvents();
        QCOMPARE(tenX->refreshCount(), tenXBefore + 1);
        QCOMPARE(tenX->chart()->operatingPoint(), std::optional<double>(1.6));
        QCOMPARE(hidden->refreshCount(), hiddenBefore);
        QVERIFY(hidden->isStale());
        docks()->showDock(QStringLiteral("percentiles"));
        QTRY_COMPARE(hidden->refreshCount(), hiddenBefore + 1);
        QVERIFY(!hidden->isStale());
    }

    void panelsSayWhatToSelect()
    {
        m_window->scene()->selectOnly({});
        for (const char* dock : {"pool", "lag", "shedding"})
            show(dock);
        QVERIFY(docks()->pool()->message().contains(QStringLiteral("pool")));
        QVERIFY(docks()->lag()->message().contains(QStringLiteral("replica")));
        QVERIFY(docks()->shedding()->message().contains(QStringLiteral("queueing component")));
        // The clients are no station.
        QVERIFY(m_window->selectComponent(QStringLiteral("users")));
        docks()->flush();
        QVERIFY(!docks()->shedding()->message().isEmpty());
    }

    void chartsSayWhenTheModelDoesNotSolve()
    {
        show("tenx");
        doc()->undoStack()->push(new model::SetWhatIfCommand(doc(), {WhatIfKey::of(id("db"), Field::Capacity)}, 2));
        m_window->liveSolver()->flush();
        docks()->flush();
        QVERIFY(docks()->tenX()->message().contains(QStringLiteral("errors")));
    }

private:
    static double SheddingPanelReach() { return ui::SheddingPanel::kReach; }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
