// SPDX-License-Identifier: MIT
// Projects in the editor (ProjectActions through the main window): Save As a project and
// open it again gives the same model, layout, scenarios and settings; the title names the
// file and marks unsaved changes; a save that fails says so and keeps the changes; a bad
// file is refused by name and leaves the document alone; closing asks about unsaved changes;
// autosave copies the edits and the restore offer appears only for a copy a crash left;
// leftovers of a killed save go when the project is opened or saved. Every question is
// answered by a function (ProjectPrompts), so no test waits on a dialog.

#include "DocumentFixtures.h"
#include "ReadOnlyFolder.h"

#include "MainWindow.h"
#include "ProjectActions.h"
#include "ProjectSettingsDialog.h"
#include "AnalysisDocks.h"
#include "ModelDiff.h"
#include "ModelFiles.h"
#include "advisor/AdvisorPanel.h"
#include "charts/PoolPanel.h"
#include "charts/TenXPanel.h"
#include "document/LiveAdvisor.h"
#include "report/ExportMenu.h"
#include "whatif/ScenarioCompareDialog.h"

#include "document/Autosaver.h"
#include "document/ComponentCommands.h"
#include "document/Document.h"
#include "document/SetValueCommand.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"
#include "project/ProjectFile.h"
#include "project/RecoveryOffer.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QPushButton>

#include <memory>

using namespace headroom;
using namespace std::chrono_literals;
using model::ComponentId;

namespace {

QByteArray hashOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

bool writeAged(const QString& path, qint64 ageSeconds)
{
    QFile file(path);
    // Written out first: the write would otherwise set the time again when the file closes.
    return file.open(QIODevice::WriteOnly) && file.write("half a project") > 0 && file.flush() &&
           file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds), QFileDevice::FileModificationTime);
}

} // namespace

Q_DECLARE_METATYPE(headroom::ui::UnsavedChoice)
Q_DECLARE_METATYPE(headroom::model::RecoveryChoice)

class TestProjectActions : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    // What the prompts answered and were asked.
    QString m_savePath;
    QString m_openPath;
    ui::UnsavedChoice m_unsavedAnswer = ui::UnsavedChoice::Cancel;
    model::RecoveryChoice m_recoveryAnswer = model::RecoveryChoice::Later;
    int m_unsavedAsked = 0;
    int m_recoveryAsked = 0;
    QStringList m_errors;

    model::Document* doc() const { return m_window->document(); }
    ui::ProjectActions* project() const { return m_window->projectActions(); }
    ComponentId id(const char* name) const { return doc()->findComponent(name); }
    QString at(const QString& name) const { return m_dir.filePath(name); }
    [[nodiscard]] model::RecoveryStore store() const { return model::RecoveryStore(at(QStringLiteral("recovery"))); }

    void edit(double servers = 12)
    {
        doc()->undoStack()->push(new model::SetComponentFieldCommand(doc(), {id("db"), engine::Field::Servers},
                                                                     servers));
    }

    QString writeJson(const engine::Model& model, const QString& name)
    {
        return testing::writeModelFile(at(name), model);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HeadroomTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_project_actions"));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        QSettings().clear();
        QDir(store().directory()).removeRecursively();
        m_errors.clear();
        m_unsavedAsked = m_recoveryAsked = 0;
        m_window = std::make_unique<ui::MainWindow>();
        ui::ProjectPrompts& prompts = project()->prompts();
        prompts.openPath = [this](const QString&) { return m_openPath; };
        prompts.savePath = [this](const QString&) { return m_savePath; };
        prompts.unsavedChanges = [this](const QString&) {
            ++m_unsavedAsked;
            return m_unsavedAnswer;
        };
        prompts.recovery = [this](const model::RecoveryEntry&) {
            ++m_recoveryAsked;
            return m_recoveryAnswer;
        };
        prompts.error = [this](const QString& title, const QString& text) { m_errors << title + u'\n' + text; };
        project()->autosaver()->setStore(store());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QString error;
        QVERIFY2(m_window->openFile(writeJson(testing::webModel(), QStringLiteral("web.json")), &error), qPrintable(error));
    }

    void cleanup() { m_window.reset(); }

    void saveAsProjectThenReopenGivesTheSameDocument_data()
    {
        QTest::addColumn<bool>("moveComponents");
        QTest::addColumn<QString>("scenarioShown");
        QTest::newRow("as opened") << false << QString();
        QTest::newRow("components moved") << true << QString();
        QTest::newRow("a scenario shown") << false << QStringLiteral("Peak");
        QTest::newRow("moved, with a scenario shown") << true << QStringLiteral("Peak");
    }

    void saveAsProjectThenReopenGivesTheSameDocument()
    {
        QFETCH(bool, moveComponents);
        QFETCH(QString, scenarioShown);
        edit();
        if (moveComponents)
            doc()->undoStack()->push(new model::MoveComponentsCommand(
                doc(), {{id("app"), QPointF(420.5, 333)}, {id("cache"), QPointF(-80, 12.25)}}));
        if (!scenarioShown.isEmpty())
            doc()->setWhatIf(*doc()->model().findScenario(scenarioShown.toStdString()));
        const engine::Model saved = doc()->model();

        m_savePath = at(QStringLiteral("shop.headroom"));
        QVERIFY(m_window->findChild<QAction*>(QStringLiteral("actionSaveAs")));
        m_window->findChild<QAction*>(QStringLiteral("actionSaveAs"))->trigger();
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(u'\n')));
        QVERIFY(model::isProjectFile(m_savePath));
        QCOMPARE(m_window->currentFile(), m_savePath);
        QVERIFY(!m_window->isWindowModified());

        m_window->newDocument();
        QVERIFY(doc()->componentIds().isEmpty());
        QString error;
        QVERIFY2(m_window->openFile(m_savePath, &error), qPrintable(error));
        HR_COMPARE_MODELS(doc()->model(), saved);
        QCOMPARE(doc()->position(id("app")), moveComponents ? QPointF(420.5, 333) : QPointF(400, 100));
        QCOMPARE(doc()->model().scenarios.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(doc()->whatIf().name), scenarioShown);
        QVERIFY(!m_window->isWindowModified());
    }

    void theProjectsSettingsAreKept()
    {
        model::Project original{testing::webModel(), {}, {}};
        original.settings.planningMultiplier = 25;
        original.settings.targetUtilization = 0.6;
        original.settings.currency = "EUR";
        original.settings.viewState = {{"zoom", "1.5"}};
        const QString path = at(QStringLiteral("settings.headroom"));
        QVERIFY(model::saveProject(path, original).ok());
        QVERIFY(m_window->openFile(path));
        edit();
        QVERIFY(m_window->saveTo(path));
        const auto back = model::loadProject(path);
        QVERIFY(back.ok());
        QCOMPARE(back->settings, original.settings);
        HR_COMPARE_MODELS(back->model, doc()->model());
    }

    // File > Project Settings: the analyses plan with what is set, the window marks it
    // unsaved (closing asks), a save keeps it, and opening the project brings it back.
    void projectSettingsReachTheAnalysesAndAreSaved()
    {
        model::ProjectSettings settings = project()->settings();
        settings.planningMultiplier = 4;
        settings.targetUtilization = 0.5;
        settings.targetWait = 0.1;
        QSignalSpy changed(project(), &ui::ProjectActions::settingsChanged);
        project()->setSettings(settings);
        QCOMPARE(changed.count(), 1);
        project()->setSettings(settings); // the same again: no change, no signal
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_window->isWindowModified());
        QVERIFY(doc()->undoStack()->isClean()); // the model itself is unchanged

        ui::AnalysisDocks* docks = m_window->analysisDocks();
        for (ui::AnalysisPanel* panel : docks->panels())
            QCOMPARE(panel->planningMultiplier(), 4.0);
        QCOMPARE(docks->pool()->targetWait(), 0.1);
        const engine::AdvisorOptions options = m_window->advisorPanel()->advisor()->options();
        QCOMPARE(options.multiplier, 4.0);
        QCOMPARE(options.targetUtilization, 0.5);
        QCOMPARE(options.targetWait, 0.1);

        // So do the scenario comparison's verdicts, open or opened later.
        ui::ScenarioCompareDialog* compare = docks->openCompare();
        QCOMPARE(compare->leftFigures().planningMultiplier, 4.0 * compare->leftFigures().multiplier);
        settings.planningMultiplier = 5;
        project()->setSettings(settings);
        QCOMPARE(compare->leftFigures().planningMultiplier, 5.0 * compare->leftFigures().multiplier);
        compare->close();
        settings.planningMultiplier = 4;
        project()->setSettings(settings);

        // The report plans with them.
        auto* exportMenu = m_window->findChild<ui::report::ExportMenu*>(QStringLiteral("exportMenu"));
        QVERIFY(exportMenu);
        const QString html = at(QStringLiteral("planned.html"));
        QCOMPARE(exportMenu->exportTo(ui::report::ExportFormat::Html, html), std::nullopt);
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(page.readAll());
        QVERIFY2(text.contains(QStringLiteral("The 4\u00d7 question")), "the report's 10x section plans for 4x");
        QVERIFY2(text.contains(QStringLiteral("at or under 50% utilization")), "the plan keeps to the target");

        // Unsaved: closing asks.
        m_unsavedAnswer = ui::UnsavedChoice::Cancel;
        QVERIFY(!m_window->close());
        QCOMPARE(m_unsavedAsked, 1);

        const QString path = at(QStringLiteral("planned.headroom"));
        QVERIFY(m_window->saveTo(path));
        QVERIFY(!m_window->isWindowModified());
        m_window->newDocument();
        QCOMPARE(docks->tenX()->planningMultiplier(), 10.0); // a new document has the defaults
        QVERIFY(m_window->openFile(path));
        QCOMPARE(project()->settings(), settings);
        QCOMPARE(docks->tenX()->planningMultiplier(), 4.0);
        QVERIFY(!m_window->isWindowModified());
    }

    // A JSON model holds the architecture only: saving one with planning settings says so.
    void jsonSaysItDropsTheSettings()
    {
        model::ProjectSettings settings = project()->settings();
        settings.planningMultiplier = 3;
        project()->setSettings(settings);
        QSignalSpy messages(project(), &ui::ProjectActions::message);
        QVERIFY(m_window->saveTo(at(QStringLiteral("plain.json"))));
        QCOMPARE(messages.count(), 1);
        QVERIFY(messages.front().front().toString().contains(QStringLiteral("holds the model only")));
        QVERIFY(!m_window->isWindowModified());
    }

    // The dialog shows the settings, gives back what is typed, and keeps what it does not show.
    void theSettingsDialogEditsThePlanningFigures()
    {
        model::ProjectSettings given;
        given.planningMultiplier = 25;
        given.targetUtilization = 0.6;
        given.targetWait = 0.02;
        given.currency = "EUR";
        given.viewState = {{"zoom", "1.5"}};
        ui::ProjectSettingsDialog dialog(given);
        auto* planning = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("planningMultiplier"));
        auto* target = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("targetUtilization"));
        auto* wait = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("targetWait"));
        QVERIFY(planning && target && wait);
        QCOMPARE(planning->value(), 25.0);
        QCOMPARE(target->value(), 60.0);
        QCOMPARE(wait->value(), 2.0);
        QCOMPARE(dialog.settings(), given);
        planning->setValue(5);
        target->setValue(80);
        wait->setValue(10);
        const model::ProjectSettings edited = dialog.settings();
        QCOMPARE(edited.planningMultiplier, 5.0);
        QCOMPARE(edited.targetUtilization, 0.8);
        QCOMPARE(edited.targetWait, 0.1);
        QCOMPARE(edited.currency, given.currency);
        QCOMPARE(edited.viewState, given.viewState);
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QVERIFY(buttons && buttons->button(QDialogButtonBox::Ok)->isEnabled());
        // Out of the rules' range cannot be typed: the boxes stop at their bounds.
        target->setValue(150);
        QCOMPARE(target->value(), 100.0);
        planning->setValue(0);
        QVERIFY(planning->value() > 0.0);
    }

    void jsonStillSavesTheModel()
    {
        edit();
        const QString path = at(QStringLiteral("export.json"));
        QVERIFY(m_window->saveTo(path));
        QVERIFY(!model::isProjectFile(path));
        const auto back = model::loadModelFile(path);
        QVERIFY(back.ok());
        HR_COMPARE_MODELS(*back, doc()->model());
    }

    void aNameWithoutSuffixSavesAProject_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("json");
        QTest::addColumn<QString>("saved");
        QTest::newRow("no suffix") << "plan" << false << "plan.headroom";
        QTest::newRow("no suffix, JSON chosen") << "plan" << true << "plan.json";
        QTest::newRow(".headroom") << "plan.headroom" << true << "plan.headroom";
        QTest::newRow(".json") << "plan.json" << false << "plan.json";
        QTest::newRow("a dot in the name") << "plan.v2" << false << "plan.v2.headroom";
    }

    void aNameWithoutSuffixSavesAProject()
    {
        QFETCH(QString, typed);
        QFETCH(bool, json);
        QFETCH(QString, saved);
        QCOMPARE(ui::withProjectSuffix(typed, json), saved);
    }

    void theTitleNamesTheFileAndMarksUnsavedChanges()
    {
        const QString path = at(QStringLiteral("title.headroom"));
        QVERIFY(model::saveProject(path, model::Project{testing::webModel(), {}, {}, {}}).ok());
        QVERIFY(m_window->openFile(path));
        QCOMPARE(m_window->windowFilePath(), path);
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("title.headroom[*]")));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("Web shop")));
        QVERIFY(!m_window->isWindowModified());
        edit();
        QVERIFY(m_window->isWindowModified());
        doc()->undoStack()->undo();
        QVERIFY(!m_window->isWindowModified());
        edit();
        QVERIFY(m_window->saveTo(path));
        QVERIFY(!m_window->isWindowModified());
        m_window->newDocument();
        QVERIFY(m_window->windowFilePath().isEmpty());
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("Untitled[*]")));
    }

    void aFailedSaveSaysSoAndKeepsTheChanges_data()
    {
        QTest::addColumn<bool>("existing");
        QTest::newRow("a new file in a read-only folder") << false;
        QTest::newRow("over a project in a read-only folder") << true;
    }

    void aFailedSaveSaysSoAndKeepsTheChanges()
    {
        QFETCH(bool, existing);
        testing::ReadOnlyFolder folder(at(QStringLiteral("read-only")));
        if (!folder.usable())
            QSKIP("root cannot be refused a write here: mounting a read-only tmpfs is not allowed");
        const QString path = folder.filePath(QStringLiteral("plan.headroom"));
        if (existing) {
            QVERIFY(model::saveProject(path, model::Project{testing::webModel(), {}, {}, {}}).ok());
            QVERIFY(m_window->openFile(path));
        }
        QVERIFY(folder.lock());
        const QByteArray before = hashOf(path);
        edit();
        const engine::Model edited = doc()->model();
        if (existing) {
            m_window->findChild<QAction*>(QStringLiteral("actionSave"))->trigger();
        } else {
            m_savePath = path;
            m_window->findChild<QAction*>(QStringLiteral("actionSaveAs"))->trigger();
        }
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.front().contains(QStringLiteral("plan.headroom was not saved")), qPrintable(m_errors.front()));
        QVERIFY2(m_errors.front().contains(QStringLiteral("the project was not saved")), qPrintable(m_errors.front()));
        QVERIFY(m_window->isWindowModified());
        HR_COMPARE_MODELS(doc()->model(), edited);
        QCOMPARE(hashOf(path), before); // empty when there was no file: still none
        QCOMPARE(m_window->currentFile(), existing ? path : at(QStringLiteral("web.json")));
    }

    void aBadFileIsRefusedByNameAndLeavesTheDocument_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not a project") << "bad.headroom" << QByteArray("{\"components\": []}") << "not an SQLite database";
        QTest::newRow("empty project") << "empty.headroom" << QByteArray() << "the file is empty";
        QTest::newRow("broken JSON") << "bad.json" << QByteArray("{\"components\": [") << "bad.json";
        QTest::newRow("missing") << "missing.headroom" << QByteArray("(none)") << "no such file";
    }

    void aBadFileIsRefusedByNameAndLeavesTheDocument()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        if (content != "(none)") {
            QFile file(at(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        edit();
        const engine::Model before = doc()->model();
        m_unsavedAnswer = ui::UnsavedChoice::Discard;
        m_openPath = at(name);
        m_window->findChild<QAction*>(QStringLiteral("actionOpen"))->trigger();
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.front().contains(name), qPrintable(m_errors.front()));
        QVERIFY2(m_errors.front().contains(at(name)), qPrintable(m_errors.front()));
        QVERIFY2(m_errors.front().contains(problem), qPrintable(m_errors.front()));
        HR_COMPARE_MODELS(doc()->model(), before);
        QCOMPARE(m_window->currentFile(), at(QStringLiteral("web.json")));
    }

    void closingWithUnsavedChangesAsks_data()
    {
        QTest::addColumn<ui::UnsavedChoice>("answer");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<bool>("written");
        QTest::newRow("save") << ui::UnsavedChoice::Save << true << true;
        QTest::newRow("discard") << ui::UnsavedChoice::Discard << true << false;
        QTest::newRow("cancel") << ui::UnsavedChoice::Cancel << false << false;
    }

    void closingWithUnsavedChangesAsks()
    {
        QFETCH(ui::UnsavedChoice, answer);
        QFETCH(bool, closed);
        QFETCH(bool, written);
        const QString path = at(QStringLiteral("close.headroom"));
        QVERIFY(model::saveProject(path, model::Project{testing::webModel(), {}, {}, {}}).ok());
        QVERIFY(m_window->openFile(path));
        QVERIFY(m_window->close()); // nothing unsaved: closes without a question
        QCOMPARE(m_unsavedAsked, 0);
        m_window->show();
        project()->autosaver()->setPolicy({3600s, 1});
        edit();
        const QString copy = project()->autosaver()->recoveryPath();
        QVERIFY(QFileInfo::exists(copy));
        m_unsavedAnswer = answer;
        QCOMPARE(m_window->close(), closed);
        QCOMPARE(m_unsavedAsked, 1);
        QCOMPARE(m_window->isVisible(), !closed);
        const auto onDisk = model::loadProject(path);
        QVERIFY(onDisk.ok());
        QCOMPARE(onDisk->model == doc()->model(), written);
        QCOMPARE(m_window->isWindowModified(), !written);
        // Kept while the changes are open and unsaved; gone once they are saved or discarded.
        QCOMPARE(QFileInfo::exists(copy), !closed);
    }

    void autosaveCopiesTheEditsAndASaveRemovesTheCopy()
    {
        project()->autosaver()->setPolicy({3600s, 3});
        doc()->undoStack()->push(new model::SetComponentFieldCommand(doc(), {id("app"), engine::Field::Servers}, 9));
        edit(10);
        QVERIFY(!QFileInfo::exists(project()->autosaver()->recoveryPath()));
        // Merged into the step before (typing "11" after "10"), it is still an edit to keep.
        edit(11);
        const QString copy = project()->autosaver()->recoveryPath();
        QVERIFY(QFileInfo::exists(copy));
        const auto back = model::loadProject(copy, model::ModelRules::Report);
        QVERIFY(back.ok());
        HR_COMPARE_MODELS(back->model, doc()->model());
        QCOMPARE(QString::fromStdString(back->metadata.recoveryOf.value_or("")), at(QStringLiteral("web.json")));
        QVERIFY(m_window->saveTo(at(QStringLiteral("web.json"))));
        QVERIFY(!QFileInfo::exists(copy));
    }

    void theRestoreOfferAppearsOnlyForACopyACrashLeft_data()
    {
        QTest::addColumn<bool>("copy");
        QTest::addColumn<bool>("ownedByThisWindow");
        QTest::addColumn<model::RecoveryChoice>("answer");
        QTest::addColumn<bool>("restored");
        using C = model::RecoveryChoice;
        QTest::newRow("no copy") << false << false << C::Restore << false;
        QTest::newRow("this window's own copy") << true << true << C::Restore << false;
        QTest::newRow("a crash's copy, restored") << true << false << C::Restore << true;
        QTest::newRow("a crash's copy, discarded") << true << false << C::Discard << false;
        QTest::newRow("a crash's copy, later") << true << false << C::Later << false;
    }

    void theRestoreOfferAppearsOnlyForACopyACrashLeft()
    {
        QFETCH(bool, copy);
        QFETCH(bool, ownedByThisWindow);
        QFETCH(model::RecoveryChoice, answer);
        QFETCH(bool, restored);
        const QString document = at(QStringLiteral("crashed.headroom"));
        QVERIFY(model::saveProject(document, model::Project{testing::webModel(), {}, {}, {}}).ok());
        engine::Model lost = testing::webModel();
        lost.name = "Work a crash nearly lost";
        lost.components[2].set(engine::Field::Servers, 33);
        if (ownedByThisWindow) {
            project()->autosaver()->setPolicy({3600s, 1});
            edit();
            QVERIFY(QFileInfo::exists(project()->autosaver()->recoveryPath()));
        } else if (copy) {
            model::Project crashed{lost, {}, {}, {}};
            QVERIFY(store().write(crashed, document).ok());
        }
        m_recoveryAnswer = answer;
        QCOMPARE(project()->offerRecovery(), restored);
        QCOMPARE(m_recoveryAsked, copy && !ownedByThisWindow ? 1 : 0);
        if (restored) {
            HR_COMPARE_MODELS(doc()->model(), lost);
            QCOMPARE(m_window->currentFile(), document);
            QVERIFY(m_window->isWindowModified()); // not in the file yet
            QVERIFY(m_window->windowTitle().contains(QStringLiteral("crashed.headroom")));
            // Now this window's copy: not offered again, and saved it goes.
            QVERIFY(model::RecoveryOffer(store()).pending().empty());
            QVERIFY(m_window->saveTo(document));
            QVERIFY(store().entries().empty());
            const auto onDisk = model::loadProject(document);
            QVERIFY(onDisk.ok());
            HR_COMPARE_MODELS(onDisk->model, lost);
        } else if (copy && !ownedByThisWindow) {
            QCOMPARE(model::RecoveryOffer(store()).pending().size(), std::size_t{answer == model::RecoveryChoice::Later ? 1u : 0u});
            HR_COMPARE_MODELS(doc()->model(), testing::webModel());
        }
    }

    void leftoversOfAKilledSaveGoOnOpenAndOnSave()
    {
        const QString path = at(QStringLiteral("kept.headroom"));
        const QString leftover = at(QStringLiteral(".kept.headroom.Xy12Zw.saving"));
        QVERIFY(model::saveProject(path, model::Project{testing::webModel(), {}, {}, {}}).ok());
        QVERIFY(writeAged(leftover, 3600));
        QVERIFY(m_window->openFile(path));
        QVERIFY(!QFileInfo::exists(leftover));
        QVERIFY(writeAged(leftover, 3600));
        edit();
        QVERIFY(m_window->saveTo(path));
        QVERIFY(!QFileInfo::exists(leftover));
        QVERIFY(QFileInfo::exists(path));
    }
};

QTEST_MAIN(TestProjectActions)
#include "tst_project_actions.moc"
