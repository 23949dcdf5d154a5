// SPDX-License-Identifier: MIT
// Autosave (Autosaver): after the policy's number of edits, or its interval, the document
// is copied to its recovery slot and the copy loads back to the edited model; the copy goes
// when the document is clean again, when another document takes its place and at a clean
// exit; while it exists this editor owns it, so that it is not offered back.

#include "DocumentFixtures.h"
#include "ModelDiff.h"

#include "document/Autosaver.h"
#include "document/Document.h"
#include "document/DocumentProject.h"
#include "document/SetValueCommand.h"
#include "project/ProjectFile.h"
#include "project/RecoveryOffer.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace headroom;
using namespace std::chrono_literals;

class TestAutosaver : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<model::Document> m_document;
    std::unique_ptr<model::Autosaver> m_autosaver;

    [[nodiscard]] model::RecoveryStore store() const { return model::RecoveryStore(m_dir.filePath(QStringLiteral("recovery"))); }
    [[nodiscard]] QString documentPath() const { return m_dir.filePath(QStringLiteral("shop.headroom")); }

    /// An edit that never merges with the one before: each changes another component.
    void edit(int i)
    {
        const auto& ids = m_document->componentIds();
        const model::ComponentId target = ids.at(1 + i % (ids.size() - 1));
        m_document->undoStack()->push(
            new model::SetComponentFieldCommand(m_document.get(), {target, engine::Field::ServiceMs}, 1.0 + i));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir(store().directory()).removeRecursively();
        m_document = std::make_unique<model::Document>();
        m_document->load(testing::webModel());
        model::ProjectSettings settings;
        settings.planningMultiplier = 4;
        m_autosaver = std::make_unique<model::Autosaver>(
            m_document->undoStack(), [this, settings] { return model::projectOf(*m_document, settings); });
        m_autosaver->setStore(store());
        m_autosaver->setPolicy({3600s, 5});
        m_autosaver->setDocumentPath(documentPath());
    }

    void cleanup()
    {
        m_autosaver.reset();
        m_document.reset();
    }

    void afterNEditsTheCopyLoadsBackToTheEditedModel_data()
    {
        QTest::addColumn<int>("edits");
        QTest::newRow("every edit") << 1;
        QTest::newRow("every 3 edits") << 3;
        QTest::newRow("every 5 edits") << 5;
    }

    void afterNEditsTheCopyLoadsBackToTheEditedModel()
    {
        QFETCH(int, edits);
        m_autosaver->setPolicy({3600s, edits});
        QSignalSpy autosaved(m_autosaver.get(), &model::Autosaver::autosaved);
        for (int i = 0; i < edits - 1; ++i)
            edit(i);
        QCOMPARE(autosaved.count(), 0);
        QVERIFY(!QFileInfo::exists(m_autosaver->recoveryPath()));
        edit(edits);
        QCOMPARE(autosaved.count(), 1);
        QCOMPARE(autosaved.at(0).at(0).toString(), m_autosaver->recoveryPath());
        QCOMPARE(m_autosaver->recoveryPath(), store().slotFor(documentPath()));

        const auto copy = model::loadProject(m_autosaver->recoveryPath(), model::ModelRules::Report);
        QVERIFY(copy.ok());
        HR_COMPARE_MODELS(copy->model, m_document->model());
        QVERIFY(!(copy->model == testing::webModel()));
        QCOMPARE(copy->settings.planningMultiplier, 4.0);
        QCOMPARE(copy->metadata.recoveryOf.value_or(""), QFileInfo(documentPath()).absoluteFilePath().toStdString());
        // This editor owns it: it is not offered as a crash's leftover.
        QVERIFY(model::RecoveryOffer(store()).pending().empty());
    }

    void theIntervalAutosavesEditsBelowTheCount()
    {
        m_autosaver->setPolicy({1s, 1000});
        QSignalSpy autosaved(m_autosaver.get(), &model::Autosaver::autosaved);
        edit(0);
        QCOMPARE(autosaved.count(), 0);
        QVERIFY(autosaved.wait(10'000));
        QVERIFY(QFileInfo::exists(m_autosaver->recoveryPath()));
    }

    void nothingIsWrittenWithoutUnsavedEdits()
    {
        QVERIFY(!m_autosaver->autosaveNow());
        QVERIFY(!QFileInfo::exists(m_autosaver->recoveryPath()));
        QVERIFY(!QDir(store().directory()).exists()); // an untouched window leaves no trace
    }

    void theCopyGoesWhenTheDocumentIsCleanAgain_data()
    {
        QTest::addColumn<bool>("undo");
        QTest::newRow("saved") << false;
        QTest::newRow("undone back to the saved state") << true;
    }

    void theCopyGoesWhenTheDocumentIsCleanAgain()
    {
        QFETCH(bool, undo);
        m_autosaver->setPolicy({3600s, 1});
        edit(0);
        QVERIFY(QFileInfo::exists(m_autosaver->recoveryPath()));
        if (undo)
            m_document->undoStack()->undo();
        else
            m_document->undoStack()->setClean();
        QVERIFY(!QFileInfo::exists(m_autosaver->recoveryPath()));
    }

    void anotherDocumentTakesTheSlotAndTheOldCopyGoes()
    {
        m_autosaver->setPolicy({3600s, 1});
        edit(0);
        const QString before = m_autosaver->recoveryPath();
        QVERIFY(QFileInfo::exists(before));
        m_autosaver->setDocumentPath({}); // File > New
        QVERIFY(!QFileInfo::exists(before));
        QVERIFY(QFileInfo(m_autosaver->recoveryPath()).fileName().startsWith(QLatin1String("untitled-")));
        edit(1);
        QVERIFY(QFileInfo::exists(m_autosaver->recoveryPath()));
        const auto copy = model::loadProject(m_autosaver->recoveryPath(), model::ModelRules::Report);
        QVERIFY(copy.ok());
        QCOMPARE(copy->metadata.recoveryOf.value_or("?"), std::string());
    }

    void aCleanExitRemovesTheCopy()
    {
        m_autosaver->setPolicy({3600s, 1});
        edit(0);
        const QString copy = m_autosaver->recoveryPath();
        QVERIFY(QFileInfo::exists(copy));
        m_autosaver.reset();
        QVERIFY(!QFileInfo::exists(copy));
        QVERIFY(store().entries().empty());
    }
};

QTEST_GUILESS_MAIN(TestAutosaver)
#include "tst_autosaver.moc"
