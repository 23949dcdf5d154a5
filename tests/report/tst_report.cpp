// SPDX-License-Identifier: MIT
// Capacity reports: each format from the bundled examples, read back the way
// a reader would: the PDF's text through pdftotext, the HTML as XML, the CSV's cells
// against the solver's figures.
#include "EngineTestSupport.h"
#include "ReportTestSupport.h"

#include "MainWindow.h"
#include "charts/ChartView.h"
#include "report/CsvExport.h"
#include "report/ExportMenu.h"
#include "report/HtmlReport.h"
#include "report/PdfReport.h"
#include "report/ReportCharts.h"
#include "report/ReportExport.h"

#include "document/Document.h"
#include "engine/Solver.h"
#include "project/AtomicReplace.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtCore/QXmlStreamReader>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtSvg/QSvgRenderer>
#include <QtTest/QTest>

#include <algorithm>
#include <cerrno>
#include <utility>

using namespace headroom;
using namespace headroom::testing;
namespace report = headroom::ui::report;

namespace {

const QString kHostile = QStringLiteral("<script>&\"'");

/// Every example the tests report on, with a multiplier that makes some of them saturate.
void addExamples()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<double>("multiplier");
    QTest::newRow("stage2 at 1x") << QStringLiteral("stage2-database-separation.json") << 1.0;
    QTest::newRow("stage3 at 4x, saturated") << QStringLiteral("stage3-caching.json") << 4.0;
    QTest::newRow("stage4 at 1x") << QStringLiteral("stage4-load-balancing.json") << 1.0;
    QTest::newRow("stage5 queues") << QStringLiteral("stage5-queues.json") << 1.0;
    QTest::newRow("stage6 sharding") << QStringLiteral("stage6-sharding.json") << 1.0;
    QTest::newRow("closed workload") << QStringLiteral("closed-load-test.json") << 1.0;
}

report::ReportContent contentFor(const QString& example, double multiplier)
{
    auto content = report::buildReport(requestFor(exampleModel(example), multiplier));
    if (!content)
        qFatal("no report: %s", content.issues().front().message.c_str());
    return std::move(content).value();
}

QString writeTemp(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

/// The example's report as a PDF in `dir`, and its content.
std::pair<QString, report::ReportContent> examplePdf(const QTemporaryDir& dir)
{
    QFETCH(QString, example);
    QFETCH(double, multiplier);
    report::ReportContent content = contentFor(example, multiplier);
    return {writeTemp(dir, QStringLiteral("report.pdf"), report::pdfReport(content)), std::move(content)};
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT

private slots:
    void pdfReadsBack_data() { addExamples(); }
    void pdfReadsBack()
    {
        const QTemporaryDir dir;
        const auto [pdf, content] = examplePdf(dir);
        const auto text = pdfText(pdf);
        QVERIFY2(text, "pdftotext could not read the PDF");
        const QStringList pages = text->split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QVERIFY(pages.size() >= 4);
        QVERIFY(text->contains(QStringLiteral("Capacity report")));
        QVERIFY(pages[1].contains(QStringLiteral("Contents")));
        for (qsizetype p = 0; p < pages.size(); ++p)
            QVERIFY2(pages[p].contains(QStringLiteral("Page %1 of %2").arg(p + 1).arg(pages.size())),
                     qPrintable(QStringLiteral("page %1 has no page number").arg(p + 1)));
        for (const engine::Component& c : content.model().components)
            QVERIFY2(text->contains(QString::fromStdString(c.id)), c.id.c_str());
        // The executive summary, in sentences.
        for (const QString& sentence : content.summary) {
            const QString start = sentence.left(24);
            QVERIFY2(text->simplified().contains(start.simplified()), qPrintable(start));
        }
        if (content.tenX) {
            QVERIFY(text->contains(QStringLiteral("What breaks first")) || text->contains(QStringLiteral("Nothing saturates")));
            QVERIFY(text->contains(QStringLiteral("N+1:")));
        }
        QVERIFY(text->contains(QStringLiteral("Assumptions")));
        QVERIFY2(forbiddenWords(*text).isEmpty(), qPrintable(forbiddenWords(*text).join(QLatin1Char(' '))));
    }

    /// Each entry of the contents names the page its heading is on.
    void pdfContentsPages_data() { addExamples(); }
    void pdfContentsPages()
    {
        const QTemporaryDir dir;
        const auto [pdf, content] = examplePdf(dir);
        const QStringList pages = pdfText(pdf, PdfLayout::Physical).value_or(QString()).split(QLatin1Char('\f'));
        QVERIFY(pages.size() > 3);
        static const QRegularExpression entry(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)*)\\s+(.+?)\\s+(\\d+)\\s*$"),
                                              QRegularExpression::MultilineOption);
        int entries = 0;
        for (auto it = entry.globalMatch(pages[1]); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const int page = m.captured(3).toInt();
            QVERIFY(page >= 3 && page <= pages.size());
            const QString heading = m.captured(1) + QStringLiteral("  ") + m.captured(2);
            QVERIFY2(pages[page - 1].simplified().contains(heading.simplified()),
                     qPrintable(QStringLiteral("%1 is not on page %2").arg(heading).arg(page)));
            ++entries;
        }
        QVERIFY2(entries >= 7, "the contents list every section");
    }

    void htmlIsWellFormedAndEscaped_data() { addExamples(); }
    void htmlIsWellFormedAndEscaped()
    {
        QFETCH(QString, example);
        QFETCH(double, multiplier);
        engine::Model model = exampleModel(example);
        model.name = "Shop " + kHostile.toStdString();
        model.components[1].label = kHostile.toStdString();
        model.components[2].notes = "notes " + kHostile.toStdString() + "</li></ul>";
        auto content = report::buildReport(requestFor(model, multiplier));
        QVERIFY(content);
        const QByteArray html = report::htmlReport(*content);
        QVERIFY(!html.contains("<script>"));
        QVERIFY(html.contains("&lt;script&gt;&amp;"));
        QXmlStreamReader reader(html);
        QString text;
        QStringList ids;
        int svgs = 0;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isCharacters())
                text += reader.text();
            if (reader.isStartElement() && reader.attributes().hasAttribute(QStringLiteral("id")))
                ids << reader.attributes().value(QStringLiteral("id")).toString();
            if (reader.isStartElement() && reader.name() == QLatin1String("img") &&
                reader.attributes().value(QStringLiteral("src")).startsWith(QLatin1String("data:image/svg+xml;base64,")))
                ++svgs;
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QVERIFY(text.contains(kHostile));
        QVERIFY(text.contains(QStringLiteral("notes ") + kHostile + QStringLiteral("</li></ul>")));
        QVERIFY(ids.contains(QStringLiteral("summary")) && ids.contains(QStringLiteral("components")));
        QVERIFY(svgs >= (content->tenX ? 2 : 1));
        for (const engine::Component& c : content->model().components)
            QVERIFY(text.contains(QString::fromStdString(c.id)));
        QVERIFY2(forbiddenWords(text).isEmpty(), qPrintable(forbiddenWords(text).join(QLatin1Char(' '))));
    }

    /// A calibrated field says where it came from, in the PDF and the HTML (issue 19).
    void calibratedFieldsAreMarked()
    {
        engine::Model model = exampleModel(QStringLiteral("stage2-database-separation.json"));
        const auto db = std::find_if(model.components.begin(), model.components.end(),
                                     [](const engine::Component& c) { return c.kind == engine::ComponentKind::Database; });
        QVERIFY(db != model.components.end());
        db->set(engine::Field::ServiceMs, 4.2);
        db->calibrated.push_back({"service_ms", 4.2, "pgbouncer-stats", "2026-12-07T20:00:00Z", "before.txt,after.txt",
                                  "shop", "mean_server_ms", 4.35});
        // A mark whose field was edited by hand since says so.
        db->set(engine::Field::Servers, 8.0);
        db->calibrated.push_back({"servers", 4.0, "prometheus", "2026-12-07T20:00:00Z", "m.txt", "cpu_seconds_total",
                                  "rate_per_s", 1.2});
        auto content = report::buildReport(requestFor(model));
        QVERIFY(content);
        const QString expected = QString::fromStdString(db->id) +
                                 QStringLiteral(".service_ms 4.200, calibrated from SHOW STATS 'shop' of "
                                                "2026-12-07T20:00:00Z (mean_server_ms measured 4.350).");
        QVERIFY2(content->assumptions.contains(expected), qPrintable(content->assumptions.join('\n')));
        const QString edited = QString::fromStdString(db->id) +
                               QStringLiteral(".servers 4.000, calibrated from Prometheus 'cpu_seconds_total' of "
                                              "2026-12-07T20:00:00Z (rate_per_s measured 1.200); edited since, now "
                                              "8.000.");
        QVERIFY2(content->assumptions.contains(edited), qPrintable(content->assumptions.join('\n')));
        QVERIFY(QString::fromUtf8(report::htmlReport(*content)).contains(expected));
        const QTemporaryDir dir;
        const auto text = pdfText(writeTemp(dir, QStringLiteral("calibrated.pdf"), report::pdfReport(*content)));
        QVERIFY2(text, "pdftotext could not read the PDF");
        QVERIFY2(text->simplified().contains(expected), qPrintable(text->simplified().right(3000)));
    }

    void hostileNameInPdf()
    {
        engine::Model model = exampleModel(QStringLiteral("stage2-database-separation.json"));
        model.components[1].label = kHostile.toStdString();
        auto content = report::buildReport(requestFor(model));
        QVERIFY(content);
        QTemporaryDir dir;
        const auto text = pdfText(writeTemp(dir, QStringLiteral("r.pdf"), report::pdfReport(*content)));
        QVERIFY(text && text->contains(kHostile));
    }

    /// One row per component, with the solver's figures exactly (shortest round-trip decimals).
    void csvMatchesSolver_data() { addExamples(); }
    void csvMatchesSolver()
    {
        QFETCH(QString, example);
        QFETCH(double, multiplier);
        engine::Model model = exampleModel(example);
        model.components[0].label = "a, \"quoted\" label";
        const report::ReportContent content = contentFor(example, multiplier);
        auto hostile = report::buildReport(requestFor(model, multiplier));
        QVERIFY(hostile);
        const QString csv = QString::fromUtf8(report::resultsCsv(*hostile));
        const QList<QStringList> rows = parseCsv(csv);
        const engine::SolveResult solved = engine::solve(model, {multiplier, true}).value();
        QCOMPARE(rows.size(), static_cast<qsizetype>(model.components.size()) + 1);
        const QStringList header = rows.front();
        QCOMPARE(header.front(), QStringLiteral("id"));
        const auto column = [&header](const char* name) { return header.indexOf(QLatin1String(name)); };
        QCOMPARE(rows[1][column("label")], QStringLiteral("a, \"quoted\" label"));
        for (std::size_t i = 0; i < model.components.size(); ++i) {
            const QStringList& row = rows[static_cast<qsizetype>(i) + 1];
            const engine::ComponentResult& r = solved.components[i];
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row[column("id")], QString::fromStdString(model.components[i].id));
            QCOMPARE(row[column("arrival_rps")].toDouble(), r.arrivalRps);
            QCOMPARE(row[column("saturated")], r.saturated ? QStringLiteral("true") : QStringLiteral("false"));
            if (!row[column("utilization")].isEmpty())
                QCOMPARE(row[column("utilization")].toDouble(), r.saturated ? r.offeredUtilization : r.utilization);
            const QString response = row[column("mean_response_ms")];
            if (r.saturated)
                QCOMPARE(response, QStringLiteral("saturated"));
            else if (!response.isEmpty())
                QCOMPARE(response.toDouble(), *r.meanResponseMs);
        }
        QVERIFY(forbiddenWords(csv).isEmpty());
        Q_UNUSED(content);
    }

    /// A wide model's report carries the advisor's verified fixes too (they once cost too
    /// much above 80 components and were left out).
    void aWideModelCarriesVerifiedFixes()
    {
        engine::Model model;
        model.name = "wide";
        engine::Component clients;
        clients.id = "users";
        clients.kind = engine::ComponentKind::Clients;
        clients.set(engine::Field::RateRps, 100.0);
        model.components.push_back(clients);
        for (std::size_t i = 0; i <= 120; ++i) {
            engine::Component station;
            station.id = "web" + std::to_string(i);
            station.kind = engine::ComponentKind::WebServer;
            station.set(engine::Field::ServiceMs, 5.0 + static_cast<double>(i % 4));
            model.components.push_back(station);
            model.links.push_back({"users", station.id, std::nullopt, {}});
        }
        auto content = report::buildReport(requestFor(model));
        QVERIFY(content);
        QVERIFY(!content->findings.empty());
        // Every web tier saturates at 10x; each finding comes with its verified fix.
        for (const report::FindingText& f : content->findings) {
            if (f.kind == QStringLiteral("saturates"))
                QVERIFY2(!f.actions.isEmpty() && f.actions.front().startsWith(QStringLiteral("Do: ")),
                         qPrintable(f.component));
        }
        QVERIFY(content->adviceNotes.isEmpty());
        QVERIFY(!content->stage.isEmpty());
    }

    /// Figures an iteration did not settle are flagged in the report, never printed bare:
    /// the retry loop of tst_solver's statusOnEveryPath, whose fixed point stops at its
    /// last iterate, in the solve's warnings and in the analyses drawn from it.
    void unsettledFiguresAreFlagged()
    {
        using testing::ComponentBuilder;
        engine::Model model;
        model.name = "unsettled";
        model.components = {testing::openClients("users", 5.5760496790417937),
                            ComponentBuilder(testing::station("api", 0.048959549472738624, 340))
                                .set(engine::Field::Capacity, 794)
                                .set(engine::Field::Instances, 10)};
        model.links = {testing::route("users", "api"), testing::route("api", "api", 0.99993193343277464)};
        auto content = report::buildReport(requestFor(model));
        QVERIFY(content);
        QCOMPARE(content->result.status, engine::Status::NotConverged);
        const QString warnings = content->warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("did not settle")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("The 10x chart: an iteration did not settle")), qPrintable(warnings));
    }

    // The printed 10x chart stacks the labels on its saturation line (each component's
    // saturation point and the line's own label) as the dock does: no two overlap. The
    // report draws charts that are never shown, so it must lay them out itself.
    void printedTenXLabelsDoNotOverlap_data() { addExamples(); }
    void printedTenXLabelsDoNotOverlap()
    {
        QFETCH(QString, example);
        QFETCH(double, multiplier);
        const report::ReportContent content = contentFor(example, multiplier);
        const report::ReportCharts charts(content);
        if (!charts.tenX())
            QSKIP("no 10x chart (a closed workload)");
        QImage page(800, 400, QImage::Format_ARGB32);
        QPainter painter(&page);
        report::ReportCharts::render(charts.tenX(), &painter, QRectF(0, 0, 800, 400));
        painter.end();
        QList<QRectF> boxes;
        for (int i = 0; i < charts.tenX()->itemCount(); ++i) {
            auto* text = qobject_cast<QCPItemText*>(charts.tenX()->item(i));
            if (!text || text->position->valueAxis() != charts.tenX()->yAxis2 ||
                text->position->coords().y() != 1.0)
                continue;
            // The drawn box: anchored at its position, raised by its bottom padding.
            const QPointF anchor = text->position->pixelPosition();
            const QFontMetricsF metrics(text->font());
            const double width = metrics.horizontalAdvance(text->text());
            const double left = text->positionAlignment() & Qt::AlignRight ? anchor.x() - width : anchor.x();
            boxes << QRectF(left, anchor.y() - text->padding().bottom() - metrics.height(), width, metrics.height());
        }
        for (qsizetype a = 0; a < boxes.size(); ++a) {
            for (qsizetype b = a + 1; b < boxes.size(); ++b)
                QVERIFY2(!boxes[a].adjusted(1, 1, -1, -1).intersects(boxes[b].adjusted(1, 1, -1, -1)),
                         qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(a).arg(b)));
        }
    }

    void diagramSvgAndPng()
    {
        const report::ReportContent content = contentFor(QStringLiteral("stage4-load-balancing.json"), 1.0);
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("d.svg"));
        const QString png = dir.filePath(QStringLiteral("d.png"));
        QVERIFY(!report::writeExport(content, report::ExportFormat::Svg, svg));
        QVERIFY(!report::writeExport(content, report::ExportFormat::Png, png));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgBytes = svgFile.readAll();
        // Each card's name (its label's first word: labels wrap onto two lines).
        for (const engine::Component& c : content.model().components) {
            const QString name = QString::fromStdString(c.label.empty() ? c.id : c.label).section(QLatin1Char(' '), 0, 0);
            QVERIFY2(svgBytes.contains(name.toUtf8()), c.id.c_str());
        }
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 200 && image.height() > 100);
    }

    void formatsByExtension()
    {
        QCOMPARE(report::formatForPath(QStringLiteral("a/b.PDF")), report::ExportFormat::Pdf);
        QCOMPARE(report::formatForPath(QStringLiteral("b.htm")), report::ExportFormat::Html);
        QCOMPARE(report::formatForPath(QStringLiteral("b.csv")), report::ExportFormat::Csv);
        QVERIFY(!report::formatForPath(QStringLiteral("b.docx")));
        QVERIFY(!report::formatForPath(QStringLiteral("pdf")));
    }

    void unwritableOutputIsAnError()
    {
        const report::ReportContent content = contentFor(QStringLiteral("stage2-database-separation.json"), 1.0);
        const auto problem =
            report::writeExport(content, report::ExportFormat::Csv, QStringLiteral("/nonexistent-dir/x.csv"));
        QVERIFY(problem);
        QCOMPARE(*problem, QStringLiteral("cannot create a file in the folder /nonexistent-dir: No such file or "
                                          "directory; no file was created"));
    }

    /// A disk that fills up part way: every format leaves the old file and says why (once a
    /// .csv was left truncated with exit status 0).
    void aFullDiskLeavesTheOldExport()
    {
        const report::ReportContent content = contentFor(QStringLiteral("stage2-database-separation.json"), 1.0);
        QTemporaryDir dir;
        for (const auto& [name, format] : {std::pair{"r.pdf", report::ExportFormat::Pdf}, {"r.html", report::ExportFormat::Html},
                                           {"r.csv", report::ExportFormat::Csv}, {"r.svg", report::ExportFormat::Svg},
                                           {"r.png", report::ExportFormat::Png}}) {
            const QString path = dir.filePath(QLatin1String(name));
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the old export");
            old.close();
            const model::ScopedWriteFault full({model::InjectedWriteFault::Call::Write, ENOSPC, 100});
            const auto problem = report::writeExport(content, format, path);
            QVERIFY(problem);
            QCOMPARE(*problem, QStringLiteral("cannot be written: the disk is full (No space left on device); the file "
                                              "on disk is unchanged"));
            QVERIFY(old.open(QIODevice::ReadOnly));
            QCOMPARE(old.readAll(), QByteArray("the old export"));
            old.close();
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 5);
    }

    /// File > Export in the editor writes what the CLI writes, from the live result.
    void exportMenuWritesEachFormat()
    {
        ui::MainWindow window;
        window.document()->load(exampleModel(QStringLiteral("stage4-load-balancing.json")));
        auto* menu = window.findChild<report::ExportMenu*>(QStringLiteral("exportMenu"));
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 6); // five exports and a separator
        QTemporaryDir dir;
        for (const auto& [name, format] :
             std::initializer_list<std::pair<QString, report::ExportFormat>>{{QStringLiteral("r.pdf"), report::ExportFormat::Pdf},
                                                                            {QStringLiteral("r.html"), report::ExportFormat::Html},
                                                                            {QStringLiteral("r.csv"), report::ExportFormat::Csv},
                                                                            {QStringLiteral("d.svg"), report::ExportFormat::Svg},
                                                                            {QStringLiteral("d.png"), report::ExportFormat::Png}}) {
            const auto problem = menu->exportTo(format, dir.filePath(name));
            QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
            QVERIFY(QFileInfo(dir.filePath(name)).size() > 100);
        }
        const auto text = pdfText(dir.filePath(QStringLiteral("r.pdf")));
        QVERIFY(text && text->contains(QStringLiteral("Executive summary")));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
