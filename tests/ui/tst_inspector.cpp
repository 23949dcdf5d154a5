// SPDX-License-Identifier: MIT
// The inspector typed into like a user: valid values apply at once and merge into
// one undo step; invalid ones are marked, explained and never reach the document
// (so never the solver); ids, kinds, roles, flags and link fields.
#include "DocumentFixtures.h"

#include "FieldEditor.h"
#include "FiguresLabel.h"
#include "Format.h"
#include "Inspector.h"
#include "Resources.h"
#include "ModelDiff.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/RemoveItemsCommand.h"

#include <QtGui/QClipboard>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>

#include <cmath>
#include <limits>

using namespace headroom;
using engine::Field;
using model::ComponentId;
using ui::FieldEditor;

namespace {

/// Replaces the text the way a user does: select all, type over it (or delete it).
void retype(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
}

} // namespace

class TestInspector : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<model::Document> m_doc;
    std::unique_ptr<ui::Inspector> m_inspector;

    ComponentId id(const char* name) const { return m_doc->findComponent(name); }
    QUndoStack* stack() const { return m_doc->undoStack(); }
    std::optional<double> value(const char* name, Field field) const { return m_doc->component(id(name)).get(field); }

private slots:
    void initTestCase() { ui::initResources(); }

    void init()
    {
        m_doc = std::make_unique<model::Document>();
        m_doc->load(testing::webModel());
        m_inspector = std::make_unique<ui::Inspector>(m_doc.get(), nullptr);
        m_inspector->resize(360, 900);
        m_inspector->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
        m_inspector->activateWindow();
    }

    void cleanup()
    {
        m_inspector.reset();
        m_doc.reset();
    }

    void theFormHasEveryFieldOfTheKindAndNoOther()
    {
        m_inspector->showSelection({id("app")}, {});
        for (const Field field : engine::allFields()) {
            const bool applies = engine::fieldApplies(field, engine::ComponentKind::AppServer, engine::DatabaseRole::Primary);
            const bool shown = m_inspector->editor(field) || m_inspector->flagEditor(field);
            QVERIFY2(shown == applies, engine::fieldRule(field).key.data());
        }
        QCOMPARE(m_inspector->editor(Field::Servers)->lineEdit()->text(), QStringLiteral("8"));
        QCOMPARE(m_inspector->editor(Field::ServiceCv)->lineEdit()->placeholderText(), QStringLiteral("default 1"));
        QVERIFY(!m_inspector->roleCombo());

        m_inspector->showSelection({id("replica")}, {});
        QVERIFY(m_inspector->roleCombo());
        QVERIFY(m_inspector->editor(Field::ApplyMs));
        QVERIFY(!m_inspector->editor(Field::WriteFraction)); // a primary's field
        m_inspector->showSelection({id("users")}, {});
        QVERIFY(m_inspector->editor(Field::RateRps));
        QVERIFY(!m_inspector->editor(Field::Servers));
    }

    void typingAValidValueAppliesItAsOneStep()
    {
        m_inspector->showSelection({id("app")}, {});
        QLineEdit* servers = m_inspector->editor(Field::Servers)->lineEdit();
        retype(servers, QStringLiteral("16"));
        QCOMPARE(value("app", Field::Servers), std::optional(16.0));
        QCOMPARE(stack()->count(), 1); // "", "1", "16": one step
        QVERIFY(!m_inspector->editor(Field::Servers)->isInvalid());
        stack()->undo();
        HR_COMPARE_MODELS(m_doc->model(), testing::webModel());
        QCOMPARE(servers->text(), QStringLiteral("8")); // the editor follows undo
        stack()->redo();
        QCOMPARE(servers->text(), QStringLiteral("16"));
    }

    void decimalsTypeThroughTheirIntermediateForms()
    {
        m_inspector->showSelection({id("app")}, {});
        retype(m_inspector->editor(Field::ServiceMs)->lineEdit(), QStringLiteral("0.25"));
        QCOMPARE(value("app", Field::ServiceMs), std::optional(0.25));
        QCOMPARE(stack()->count(), 1);
    }

    void invalidTextIsMarkedAndNeverApplied_data()
    {
        // Typing applies every valid prefix ("2" of "2.5"): the document holds the last
        // valid value typed, never the invalid one. Pasting applies the text at once.
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("paste");
        QTest::addColumn<double>("held"); ///< the value the document holds after, NaN: unchanged
        const double unchanged = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("not a number") << int(Field::Servers) << "lots" << "not a number" << false << unchanged;
        QTest::newRow("fractional count typed") << int(Field::Servers) << "2.5" << "integer" << false << 2.0;
        QTest::newRow("fractional count pasted") << int(Field::Servers) << "2.5" << "integer" << true << unchanged;
        QTest::newRow("zero servers") << int(Field::Servers) << "0" << "integer from 1" << false << unchanged;
        QTest::newRow("negative time") << int(Field::ServiceMs) << "-3" << "above 0" << false << unchanged;
        QTest::newRow("zero time") << int(Field::ServiceMs) << "0" << "above 0" << false << unchanged;
        QTest::newRow("required emptied") << int(Field::ServiceMs) << "" << "required" << false << unchanged;
        QTest::newRow("share above one pasted") << int(Field::HottestShare) << "1.5" << "at most 1" << true << unchanged;
        QTest::newRow("overflowing count typed") << int(Field::Instances) << "1e308" << "integer" << false << 1000.0;
        QTest::newRow("overflowing count pasted") << int(Field::Instances) << "1e308" << "integer" << true << unchanged;
        QTest::newRow("infinite") << int(Field::ServiceMs) << "inf" << "not a number" << false << unchanged;
    }

    void invalidTextIsMarkedAndNeverApplied()
    {
        QFETCH(int, field);
        QFETCH(QString, text);
        QFETCH(QString, message);
        QFETCH(bool, paste);
        QFETCH(double, held);
        const auto f = static_cast<Field>(field);
        model::LiveSolver solver(m_doc.get());
        solver.flush();
        const std::optional<double> before = value("app", f);
        m_inspector->showSelection({id("app")}, {});
        FieldEditor* editor = m_inspector->editor(f);
        QVERIFY(editor);
        if (paste) {
            QGuiApplication::clipboard()->setText(text);
            editor->lineEdit()->setFocus();
            editor->lineEdit()->selectAll();
            QTest::keyClick(editor->lineEdit(), Qt::Key_V, Qt::ControlModifier);
        } else {
            retype(editor->lineEdit(), text);
        }
        QVERIFY(editor->isInvalid());
        QVERIFY2(editor->message().contains(message), qPrintable(editor->message()));
        QVERIFY(editor->lineEdit()->styleSheet().contains(QStringLiteral("#c62828")));
        QCOMPARE(editor->lineEdit()->text(), text); // left as typed, for the user to fix
        QCOMPARE(value("app", f), std::isnan(held) ? before : std::optional(held));
        if (std::isnan(held)) {
            HR_COMPARE_MODELS(m_doc->model(), testing::webModel());
            QCOMPARE(stack()->count(), 0);
        }
        // What the solver sees is the document, which holds only valid values.
        solver.flush();
        QVERIFY(solver.result());
        // Fixing the text applies it.
        const double fixed = f == Field::HottestShare ? 0.5 : 3.0;
        retype(editor->lineEdit(), QString::number(fixed));
        QVERIFY(!editor->isInvalid());
        QVERIFY(editor->message().isEmpty());
        QCOMPARE(value("app", f), std::optional(fixed));
    }

    void clearingAnOptionalFieldGoesBackToTheDefault()
    {
        m_inspector->showSelection({id("app")}, {});
        retype(m_inspector->editor(Field::Instances)->lineEdit(), QString());
        QVERIFY(!value("app", Field::Instances));
        QVERIFY(!m_inspector->editor(Field::Instances)->isInvalid());
    }

    void ruleBetweenFieldsIsShownButApplied()
    {
        // capacity below servers: applied (the fix may be to raise servers next), shown,
        // and the live solver reports it instead of solving.
        m_inspector->showSelection({id("db")}, {});
        retype(m_inspector->editor(Field::Capacity)->lineEdit(), QStringLiteral("4"));
        QCOMPARE(value("db", Field::Capacity), std::optional(4.0));
        QVERIFY(m_inspector->editor(Field::Capacity)->message().contains(QStringLiteral("at least servers")));
        retype(m_inspector->editor(Field::Servers)->lineEdit(), QStringLiteral("4"));
        QVERIFY(m_inspector->editor(Field::Capacity)->message().isEmpty());
    }

    void renameValidatesAndCarriesTheLinks()
    {
        m_inspector->showSelection({id("db")}, {});
        QLineEdit* edit = m_inspector->idEdit();
        retype(edit, QStringLiteral("app"));
        QVERIFY(m_inspector->idMessage()->isVisible());
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(stack()->count(), 0);
        QVERIFY(id("db").isValid());
        retype(edit, QStringLiteral("bad id"));
        QVERIFY(m_inspector->idMessage()->isVisible());
        retype(edit, QStringLiteral("orders"));
        QVERIFY(!m_inspector->idMessage()->isVisible());
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(stack()->count(), 1);
        QVERIFY(id("orders").isValid());
        QCOMPARE(m_doc->link(m_doc->findLink(id("app"), id("orders"))).to, std::string("orders"));
        stack()->undo();
        HR_COMPARE_MODELS(m_doc->model(), testing::webModel());
    }

    void labelTypingIsOneStep()
    {
        m_inspector->showSelection({id("db")}, {});
        retype(m_inspector->labelEdit(), QStringLiteral("Orders DB"));
        QCOMPARE(m_doc->component(id("db")).label, std::string("Orders DB"));
        QCOMPARE(stack()->count(), 1);
    }

    void notesTypingIsOneStep()
    {
        m_inspector->showSelection({id("db")}, {});
        QPlainTextEdit* notes = m_inspector->notesEdit();
        notes->setFocus();
        QTest::keyClicks(notes, QStringLiteral("Sized for Black Friday."));
        QCOMPARE(m_doc->component(id("db")).notes, std::string("Sized for Black Friday."));
        QCOMPARE(stack()->count(), 1);
        stack()->undo();
        QVERIFY(notes->toPlainText().isEmpty());
        QCOMPARE(stack()->count(), 1); // filling the form from the document is not an edit
    }

    void kindChangeRebuildsTheForm()
    {
        m_inspector->showSelection({id("app")}, {});
        QComboBox* kinds = m_inspector->kindCombo();
        kinds->setFocus();
        QTest::keyClick(kinds, Qt::Key_Down); // the kind after App server: Worker
        QCOMPARE(m_doc->component(id("app")).kind, engine::ComponentKind::Worker);
        QTRY_VERIFY(!m_inspector->isRebuildPending());
        QCOMPARE(m_inspector->kindCombo()->currentData().toInt(), int(engine::ComponentKind::Worker));
        stack()->undo();
        HR_COMPARE_MODELS(m_doc->model(), testing::webModel());

        m_inspector->showSelection({id("db")}, {});
        QComboBox* roles = m_inspector->roleCombo();
        roles->setFocus();
        QTest::keyClick(roles, Qt::Key_Down);
        QCOMPARE(m_doc->component(id("db")).role, std::optional(engine::DatabaseRole::Replica));
        QTRY_VERIFY(m_inspector->editor(Field::ApplyMs));
        QVERIFY(!m_inspector->editor(Field::WriteFraction));
    }

    void flagsToggle()
    {
        m_inspector->showSelection({id("app")}, {});
        QCheckBox* stateful = m_inspector->flagEditor(Field::Stateful);
        QVERIFY(stateful);
        stateful->setFocus();
        QTest::keyClick(stateful, Qt::Key_Space);
        QCOMPARE(value("app", Field::Stateful), std::optional(1.0));
        stack()->undo();
        QVERIFY(!stateful->isChecked());
    }

    void positionFieldsMove()
    {
        m_inspector->showSelection({id("app")}, {});
        retype(m_inspector->editor(Field::X)->lineEdit(), QStringLiteral("480"));
        QCOMPARE(m_doc->position(id("app")), QPointF(480, 100));
        QCOMPARE(stack()->count(), 1);
    }

    void linkFields()
    {
        const model::LinkId pooled = m_doc->findLink(id("app"), id("db"));
        m_inspector->showSelection({}, {pooled});
        QVERIFY(m_inspector->linkKindCombo());
        retype(m_inspector->editor(engine::LinkField::Calls)->lineEdit(), QStringLiteral("1.5"));
        QCOMPARE(m_doc->link(pooled).calls(), 1.5);
        retype(m_inspector->editor(engine::LinkField::PoolSize)->lineEdit(), QStringLiteral("0"));
        QVERIFY(m_inspector->editor(engine::LinkField::PoolSize)->isInvalid());
        QCOMPARE(*m_doc->link(pooled).get(engine::LinkField::PoolSize), 20.0);
        retype(m_inspector->editor(engine::LinkField::PoolSize)->lineEdit(), QStringLiteral("32"));
        QCOMPARE(*m_doc->link(pooled).get(engine::LinkField::PoolSize), 32.0);
        QCOMPARE(stack()->count(), 2);

        // Pools belong to links into a database.
        m_inspector->showSelection({}, {m_doc->findLink(id("app"), id("cache"))});
        QVERIFY(!m_inspector->editor(engine::LinkField::PoolSize)->isEnabled());

        QComboBox* kinds = m_inspector->linkKindCombo();
        kinds->setFocus();
        QTest::keyClick(kinds, Qt::Key_End); // replication
        QCOMPARE(m_doc->link(m_doc->findLink(id("app"), id("cache"))).kind, std::optional(engine::LinkKind::Replication));
    }

    void manyOrNothingSelected()
    {
        m_inspector->showSelection({id("app"), id("db")}, {});
        QVERIFY(!m_inspector->component().isValid());
        QVERIFY(!m_inspector->editor(Field::Servers));
        m_inspector->showSelection({}, {});
        QVERIFY(!m_inspector->idEdit());
    }

    void theFiguresFollowEverySolve()
    {
        model::LiveSolver solver(m_doc.get());
        solver.flush();
        QVERIFY(solver.result());
        m_inspector->setSolver(&solver);
        m_inspector->showSelection({id("app")}, {});
        const engine::ComponentResult* first = solver.result()->find(id("app"));
        QVERIFY(first);
        const double before = first->utilization;
        QVERIFY2(m_inspector->figuresText().contains(ui::format::percent(before)),
                 qPrintable(m_inspector->figuresText()));

        // Half the servers: the figures shown are the new solve's, laid out again.
        const double servers = *value("app", Field::Servers);
        retype(m_inspector->editor(Field::Servers)->lineEdit(), QString::number(servers / 2));
        solver.flush();
        const engine::ComponentResult* after = solver.result()->find(id("app"));
        QVERIFY(after && after->utilization > before);
        QVERIFY2(m_inspector->figuresText().contains(ui::format::percent(after->utilization)),
                 qPrintable(m_inspector->figuresText()));
        QVERIFY(m_inspector->findChild<ui::FiguresLabel*>()->heightForWidth(300) > 20);
    }

    void removingTheShownComponentEmptiesTheForm()
    {
        m_inspector->showSelection({id("cache")}, {});
        stack()->push(new model::RemoveItemsCommand(m_doc.get(), {id("cache")}, {}));
        QTRY_VERIFY(!m_inspector->component().isValid());
        QTRY_VERIFY(!m_inspector->idEdit());
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
