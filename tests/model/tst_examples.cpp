// SPDX-License-Identifier: MIT
// Every bundled example in resources/examples, found at run time: it loads,
// validates cleanly, is laid out and described for the palette and the report,
// and tells the story the examples exist for: stable today, with a first
// component to break somewhere short of 20x.

#include "engine/Solver.h"
#include "engine/Validation.h"
#include "io/ModelFile.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtTest/QTest>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

using namespace headroom;

namespace {

// Two components whose centres are closer than this in both axes overlap on the diagram.
constexpr double kMinSpacingPx = 60.0;
// An example should break somewhere between "almost at once" and "never":
// below 1.2x it is not stable enough to learn from, above 20x the 10x question is dull.
constexpr double kLowestMaxMultiplier = 1.2;
constexpr double kHighestMaxMultiplier = 20.0;

QString examplesDir()
{
    return QStringLiteral(HEADROOM_SOURCE_DIR) + QStringLiteral("/resources/examples");
}

QStringList exampleFiles()
{
    const QDir dir(examplesDir());
    return dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

QByteArray joined(const engine::Issues& issues)
{
    QByteArray out;
    for (const engine::Issue& issue : issues)
        out += "\n  " + QByteArray::fromStdString(engine::issueText(issue));
    return out;
}


/// Loads the row's model or fails the test with the reader's messages.
engine::Model loadOrFail(const QString& path, bool& ok)
{
    auto loaded = model::loadModelFile(path);
    ok = loaded.ok();
    if (!ok) {
        QTest::qFail(("cannot load " + path.toUtf8() + ":" + joined(loaded.issues())).constData(), __FILE__,
                     __LINE__);
        return {};
    }
    return std::move(loaded).value();
}

} // namespace

class TestExamples : public QObject {
    Q_OBJECT

private slots:
    void examplesAreBundled();

    void loadsAndValidatesCleanly_data();
    void loadsAndValidatesCleanly();
    void isDescribedAndLaidOut_data();
    void isDescribedAndLaidOut();
    void solvesStableWithHeadroom_data();
    void solvesStableWithHeadroom();
    void scenariosApply_data();
    void scenariosApply();

private:
    static void addRows();
};

void TestExamples::addRows()
{
    QTest::addColumn<QString>("path");
    for (const QString& name : exampleFiles())
        QTest::newRow(name.toUtf8().constData()) << QDir(examplesDir()).filePath(name);
}

void TestExamples::examplesAreBundled()
{
    QVERIFY2(QFileInfo(examplesDir()).isDir(), qPrintable(examplesDir() + " is missing"));
    QVERIFY2(!exampleFiles().isEmpty(), qPrintable("no *.json example in " + examplesDir()));
}

void TestExamples::loadsAndValidatesCleanly_data()
{
    addRows();
}

void TestExamples::loadsAndValidatesCleanly()
{
    QFETCH(QString, path);
    bool ok = false;
    const engine::Model model = loadOrFail(path, ok);
    if (!ok)
        return;
    const engine::ValidationReport report = engine::validateModel(model);
    QVERIFY2(report.errors.empty(), "validation errors:" + joined(report.errors));
    QVERIFY2(report.warnings.empty(), "validation warnings:" + joined(report.warnings));
    // Compiling finds routing loops and adds the warnings that depend on the workload
    // (what `headroom-cli validate` prints).
    const auto solver = engine::Solver::create(model);
    if (!solver.ok())
        QFAIL("cannot compile:" + joined(solver.issues()));
    QVERIFY2(solver->validationWarnings().empty(), "warnings:" + joined(solver->validationWarnings()));
}

void TestExamples::isDescribedAndLaidOut_data()
{
    addRows();
}

void TestExamples::isDescribedAndLaidOut()
{
    QFETCH(QString, path);
    bool ok = false;
    const engine::Model model = loadOrFail(path, ok);
    if (!ok)
        return;
    QVERIFY2(!model.name.empty(), "the model has no name");
    QVERIFY2(!model.description.empty(), "the model has no top-level description");
    QVERIFY(!model.components.empty());
    for (const engine::Component& c : model.components) {
        const QByteArray id = QByteArray::fromStdString(c.id);
        QVERIFY2(!c.label.empty(), id + " has no label");
        QVERIFY2(c.has(engine::Field::X), id + " has no x position");
        QVERIFY2(c.has(engine::Field::Y), id + " has no y position");
    }
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        for (std::size_t j = i + 1; j < model.components.size(); ++j) {
            const engine::Component& a = model.components[i];
            const engine::Component& b = model.components[j];
            const double dx = std::fabs(a.valueOr(engine::Field::X, 0.0) - b.valueOr(engine::Field::X, 0.0));
            const double dy = std::fabs(a.valueOr(engine::Field::Y, 0.0) - b.valueOr(engine::Field::Y, 0.0));
            QVERIFY2(dx >= kMinSpacingPx || dy >= kMinSpacingPx,
                     QByteArray::fromStdString(a.id + " and " + b.id + " overlap on the diagram (") +
                         QByteArray::number(dx) + " px apart horizontally, " + QByteArray::number(dy) +
                         " px vertically)");
        }
    }
}

void TestExamples::solvesStableWithHeadroom_data()
{
    addRows();
}

void TestExamples::solvesStableWithHeadroom()
{
    QFETCH(QString, path);
    bool ok = false;
    const engine::Model model = loadOrFail(path, ok);
    if (!ok)
        return;
    const auto solved = engine::solve(model, {1.0, true});
    if (!solved.ok())
        QFAIL("cannot solve:" + joined(solved.issues()));
    const engine::SolveResult& result = solved.value();
    QVERIFY2(result.stable, "unstable at 1x:" + joined(result.warnings));
    // A pool at its limit or connections over a database's budget is not the story of a bundled example.
    QVERIFY2(result.warnings.empty(), "warnings at 1x:" + joined(result.warnings));
    QVERIFY2(result.meanResponseMs.has_value(), "the mean response at 1x is infinite");
    QVERIFY2(std::isfinite(*result.meanResponseMs) && *result.meanResponseMs > 0.0,
             "mean response " + QByteArray::number(*result.meanResponseMs));
    QVERIFY(result.bottleneck.has_value());
    if (result.workload == engine::Workload::Open) {
        QVERIFY2(result.maxMultiplier.has_value(), "no max_multiplier");
        const double headroom = *result.maxMultiplier;
        QVERIFY2(headroom >= kLowestMaxMultiplier && headroom <= kHighestMaxMultiplier,
                 QByteArray::fromStdString(model.components[*result.bottleneck].id) + " saturates first at " +
                     QByteArray::number(headroom, 'g', 4) + "x; an example should break between " +
                     QByteArray::number(kLowestMaxMultiplier) + "x and " + QByteArray::number(kHighestMaxMultiplier) +
                     "x");
    }
}

void TestExamples::scenariosApply_data()
{
    addRows();
}

void TestExamples::scenariosApply()
{
    QFETCH(QString, path);
    bool ok = false;
    const engine::Model model = loadOrFail(path, ok);
    if (!ok)
        return;
    for (const engine::Scenario& scenario : model.scenarios) {
        const QByteArray name = QByteArray::fromStdString(scenario.name);
        const auto applied = engine::applyScenario(model, scenario.name);
        if (!applied.ok())
            QFAIL("scenario " + name + ":" + joined(applied.issues()));
        const auto solved = engine::solve(applied->model, {applied->multiplier, false});
        if (!solved.ok())
            QFAIL("scenario " + name + ":" + joined(solved.issues()));
    }
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
