// SPDX-License-Identifier: MIT
// File > Import Measurements, driven the way a user drives it (issue 19): the captures of
// real servers (tests/measure/fixtures/calm) added, the pair's seconds typed in, the
// guessed mapping shown and changed with the keyboard, the residual table previewed, Apply
// clicked; then one undo step, the inspector's measured-beside-modelled note, and bad
// input that leaves the model alone.

#include "ImportMeasurementsDialog.h"
#include "Inspector.h"
#include "MainWindow.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "engine/Fields.h"

#include <QtCore/QTimer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtGui/QAction>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTableWidget>

using namespace headroom;

namespace {

QString calm(const QString& name)
{
    return QStringLiteral(HEADROOM_SOURCE_DIR "/tests/measure/fixtures/calm/") + name;
}

QStringList ratePhaseFiles()
{
    return {calm(QStringLiteral("rate-after-stats.txt")), calm(QStringLiteral("rate-before-stats.txt")),
            calm(QStringLiteral("rate-pgbench.txt")), calm(QStringLiteral("rate-replication.txt"))};
}

int rowOf(const QTableWidget* table, int column, const QString& text)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, column) && table->item(row, column)->text() == text)
            return row;
    }
    return -1;
}

QStringList columnTexts(const QTableWidget* table, int column)
{
    QStringList out;
    for (int row = 0; row < table->rowCount(); ++row)
        out << (table->item(row, column) ? table->item(row, column)->text() : QString());
    return out;
}

/// Types seconds into a spin box as a user does: select all, type, Enter.
void typeSeconds(QDoubleSpinBox* box, const QString& text)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

} // namespace

class TestImportMeasurements : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_window = std::make_unique<ui::MainWindow>();
        m_window->resize(1366, 768);
        QString error;
        QVERIFY2(m_window->openFile(calm(QStringLiteral("model.json")), &error), qPrintable(error));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void menuOpensTheDialog()
    {
        auto* action = m_window->findChild<QAction*>(QStringLiteral("actionImportMeasurements"));
        QVERIFY(action);
        bool seen = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<ui::ImportMeasurementsDialog*>(QApplication::activeModalWidget());
            seen = dialog != nullptr;
            if (dialog)
                QTest::keyClick(dialog, Qt::Key_Escape);
        });
        action->trigger();
        QVERIFY(seen);
        QCOMPARE(m_window->document()->undoStack()->count(), 0);
    }

    void importsTheRatePhaseAsOneUndoStep()
    {
        model::Document* document = m_window->document();
        const engine::Model before = document->model();
        ui::ImportMeasurementsDialog dialog(document, m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.addFiles(ratePhaseFiles());

        // What was recognised: the two snapshots as one pair, waiting for their seconds.
        QTableWidget* inputs = dialog.inputsTable();
        QCOMPARE(inputs->rowCount(), 3);
        QVERIFY(columnTexts(inputs, 1).join('|').contains(QStringLiteral("SHOW STATS")));
        QVERIFY(columnTexts(inputs, 1).join('|').contains(QStringLiteral("pgbench")));
        QVERIFY(columnTexts(inputs, 1).join('|').contains(QStringLiteral("pg_stat_replication")));
        QDoubleSpinBox* interval = dialog.intervalEditor(0);
        QVERIFY(interval);
        typeSeconds(interval, QStringLiteral("8.163"));
        QVERIFY2(dialog.inputsTable()->item(0, 3)->text().contains(QStringLiteral("bench")),
                 qPrintable(dialog.inputsTable()->item(0, 3)->text()));

        // The guesses: the PgBouncer database onto the pool into db, the replica by its name.
        QTableWidget* mapping = dialog.mappingTable();
        const int bench = rowOf(mapping, 0, QStringLiteral("bench"));
        const int replica = rowOf(mapping, 0, QStringLiteral("replica1"));
        const int pgbench = rowOf(mapping, 0, QStringLiteral("pgbench"));
        QVERIFY(bench >= 0 && replica >= 0 && pgbench >= 0);
        QCOMPARE(dialog.targetCombo(bench)->currentText(), QStringLiteral("pgbench->db"));
        QCOMPARE(dialog.targetCombo(replica)->currentText(), QStringLiteral("replica"));
        QCOMPARE(dialog.targetCombo(pgbench)->currentText(), QStringLiteral("pgbench"));

        // The preview: the fields it sets and every residual within 10%.
        QVERIFY2(dialog.applyButton()->isEnabled(), qPrintable(dialog.problemLabel()->text()));
        const QStringList fields = columnTexts(dialog.changesTable(), 0);
        QVERIFY2(fields.contains(QStringLiteral("db.service_ms")), qPrintable(fields.join(' ')));
        QVERIFY(fields.contains(QStringLiteral("replica.apply_ms")));
        QVERIFY(dialog.residualTable()->rowCount() >= 7);
        for (const QString& note : columnTexts(dialog.residualTable(), 5))
            QVERIFY2(!note.startsWith(QStringLiteral("FLAG")), qPrintable(note));
        QVERIFY(columnTexts(dialog.residualTable(), 1).contains(QStringLiteral("mean_server_ms")));
        // Nothing has changed yet.
        QCOMPARE(document->model(), before);
        // HEADROOM_SCREENSHOTS=DIR keeps a picture of the dialog, to look at it as a user would.
        if (const QString dir = qEnvironmentVariable("HEADROOM_SCREENSHOTS"); !dir.isEmpty())
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/import-measurements.png")));

        QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(document->undoStack()->count(), 1);
        const engine::Component& db = document->model().components[*document->model().indexOf("db")];
        QVERIFY(db.get(engine::Field::ServiceMs) != before.components[*before.indexOf("db")].get(engine::Field::ServiceMs));
        QCOMPARE(db.calibrated.size(), std::size_t(1));
        QCOMPARE(document->measurements().size(), std::size_t(3));

        // The inspector, beside service_ms: where it came from, measured against modelled.
        QVERIFY(m_window->selectComponent(QStringLiteral("db")));
        m_window->liveSolver()->flush();
        QLabel* note = m_window->inspector()->findChild<QLabel*>(QStringLiteral("calibrated_service_ms"));
        QTRY_VERIFY(note = m_window->inspector()->findChild<QLabel*>(QStringLiteral("calibrated_service_ms")));
        QTRY_VERIFY2(note->text().contains(QStringLiteral("modelled 3.")), qPrintable(note->text()));
        QVERIFY(note->text().contains(QStringLiteral("calibrated from SHOW STATS 'bench'")));
        QVERIFY(note->text().contains(QStringLiteral("mean_server_ms: measured 3.")));

        // One undo gives the model back, marks and measurements too.
        document->undoStack()->undo();
        QCOMPARE(document->model(), before);
        QVERIFY(document->measurements().empty());
    }

    void mappingChangedWithTheKeyboard()
    {
        ui::ImportMeasurementsDialog dialog(m_window->document(), m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.addFiles(ratePhaseFiles());
        typeSeconds(dialog.intervalEditor(0), QStringLiteral("8.163"));
        const int replica = rowOf(dialog.mappingTable(), 0, QStringLiteral("replica1"));
        QComboBox* combo = dialog.targetCombo(replica);
        // A replica's lag onto the primary: the preview names the problem, Apply is off.
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Home);
        QCOMPARE(combo->currentText(), QStringLiteral("(not mapped)"));
        const int db = combo->findText(QStringLiteral("db"));
        QVERIFY(db > 0);
        for (int i = 0; i < db; ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentText(), QStringLiteral("db"));
        QVERIFY(!dialog.applyButton()->isEnabled());
        QVERIFY2(dialog.problemLabel()->text().startsWith(QStringLiteral("error: ")),
                 qPrintable(dialog.problemLabel()->text()));
        QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("replica")));
        // Not mapped at all: the rest still calibrates.
        QTest::keyClick(combo, Qt::Key_Home);
        QVERIFY2(dialog.applyButton()->isEnabled(), qPrintable(dialog.problemLabel()->text()));
        QVERIFY(!columnTexts(dialog.changesTable(), 0).contains(QStringLiteral("replica.apply_ms")));
        QVERIFY2(m_window->document()->undoStack()->count() == 0,
                 qPrintable(m_window->document()->undoStack()->undoText()));
    }

    void badInputIsNamedAndChangesNothing()
    {
        const engine::Model before = m_window->document()->model();
        ui::ImportMeasurementsDialog dialog(m_window->document(), m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // A model is not a measurement; pasted prose neither; a missing file is named.
        dialog.addFiles({calm(QStringLiteral("model.json"))});
        dialog.addText(QStringLiteral("pasted text 1"), QStringLiteral("hello\nworld\n"));
        QCOMPARE(dialog.inputsTable()->rowCount(), 2);
        QVERIFY(dialog.inputsTable()->item(0, 3)->text().startsWith(QStringLiteral("error: ")));
        QVERIFY(dialog.inputsTable()->item(0, 3)->text().contains(QStringLiteral("model.json")));
        QVERIFY(dialog.inputsTable()->item(1, 3)->text().contains(QStringLiteral("pasted text 1")));
        QCOMPARE(dialog.mappingTable()->rowCount(), 0);
        QVERIFY(!dialog.applyButton()->isEnabled());
        QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("nothing to calibrate")));
        dialog.addFiles({QStringLiteral("/nonexistent/stats.txt")});
        QVERIFY2(dialog.problemLabel()->text().startsWith(QStringLiteral("error: /nonexistent/stats.txt: ")),
                 qPrintable(dialog.problemLabel()->text()));
        QCOMPARE(dialog.inputsTable()->rowCount(), 2);
        // Two snapshots without their seconds say so, in the row of the pair.
        dialog.addFiles({calm(QStringLiteral("rate-before-stats.txt")), calm(QStringLiteral("rate-after-stats.txt"))});
        const int pair = dialog.inputsTable()->rowCount() - 1;
        QVERIFY(dialog.intervalEditor(pair));
        QVERIFY2(dialog.inputsTable()->item(pair, 3)->text().contains(QStringLiteral("seconds between them")),
                 qPrintable(dialog.inputsTable()->item(pair, 3)->text()));
        QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
        QCOMPARE(m_window->document()->model(), before);
        QCOMPARE(m_window->document()->undoStack()->count(), 0);
    }

private:
    std::unique_ptr<ui::MainWindow> m_window;
};

QTEST_MAIN(TestImportMeasurements)
#include "tst_import_measurements.moc"
