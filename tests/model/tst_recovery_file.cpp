// SPDX-License-Identifier: MIT
// Recovery files, the model-layer half of autosave: one slot per document, written as a
// project that records which document it copies, listed newest first, told apart as in
// use (a running editor holds its lock) or left by a crash (the lock's process is dead),
// and removed. The autosave policy says when the editor writes one.

#include "ProjectFixtures.h"
#include "ModelDiff.h"

#include "project/ProjectFile.h"
#include "project/RecoveryFile.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace headroom;
using testing::joined;
using namespace std::chrono_literals;

class TestRecoveryFile : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("headroom-recovery-test"));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.filePath(QStringLiteral("recovery"))).removeRecursively();
    }

    void defaultDirectoryIsUnderAppData()
    {
        const QString appData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QCOMPARE(model::RecoveryStore::defaultDirectory(), appData + QStringLiteral("/recovery"));
        QCOMPARE(model::RecoveryStore().directory(), appData + QStringLiteral("/recovery"));
    }

    void slotsFollowTheDocument()
    {
        const model::RecoveryStore store(m_dir.filePath(QStringLiteral("recovery")));
        const QString a = m_dir.filePath(QStringLiteral("work/Checkout plan.headroom"));
        const QString b = m_dir.filePath(QStringLiteral("other/Checkout plan.headroom"));
        QCOMPARE(store.slotFor(a), store.slotFor(a));
        QCOMPARE(store.slotFor(m_dir.filePath(QStringLiteral("work/../work/Checkout plan.headroom"))), store.slotFor(a));
        QVERIFY(store.slotFor(a) != store.slotFor(b)); // same name, another folder
        QVERIFY(QFileInfo(store.slotFor(a)).fileName().startsWith(QLatin1String("Checkout_plan-")));
        QVERIFY(store.slotFor(a).startsWith(store.directory() + u'/'));
        QVERIFY(store.slotFor(a).endsWith(QLatin1String(".headroom")));
        QCOMPARE(QFileInfo(store.slotFor(QString(), QStringLiteral("1f2e-3d"))).fileName(),
                 QStringLiteral("untitled-1f2e-3d.headroom"));
        QVERIFY(store.slotFor(QString(), QStringLiteral("one")) != store.slotFor(QString(), QStringLiteral("two")));
        // Names from other scripts and odd characters become safe file names.
        const QString odd = QFileInfo(store.slotFor(m_dir.filePath(QStringLiteral("план/../Plan: v2*?.headroom")))).fileName();
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+\\.headroom$")).match(odd).hasMatch(), qPrintable(odd));
    }

    void writeListAndRemove()
    {
        testing::ManualClock clock;
        const model::RecoveryStore store(m_dir.filePath(QStringLiteral("recovery")));
        QVERIFY(store.entries().empty());
        const QString document = m_dir.filePath(QStringLiteral("plan.headroom"));
        model::Project project;
        project.model = testing::generatedModel(30);
        project.model.name = "Autosaved plan";
        project.settings.viewState["zoom"] = "1.5";
        const auto written = store.write(project, document);
        QVERIFY2(written.ok(), testing::problems(written).constData());
        clock.advance();
        model::Project untitled;
        untitled.model = testing::generatedModel(3);
        untitled.model.name = "Untitled";
        QVERIFY(store.write(untitled, QString(), QStringLiteral("session-1")).ok());

        const std::vector<model::RecoveryEntry> entries = store.entries();
        QCOMPARE(entries.size(), std::size_t{2});
        // Newest first.
        QCOMPARE(entries[0].modelName, std::string("Untitled"));
        QVERIFY(entries[0].documentPath.isEmpty());
        QCOMPARE(entries[1].modelName, std::string("Autosaved plan"));
        QCOMPARE(entries[1].documentPath, QFileInfo(document).absoluteFilePath());
        QCOMPARE(entries[1].path, store.slotFor(document));
        QCOMPARE(entries[1].saved, written->modified);
        for (const model::RecoveryEntry& entry : entries) {
            QVERIFY(!entry.inUse);
            QVERIFY(entry.problems.empty());
        }
        // The recovery file is a project: it restores everything.
        const auto restored = model::loadProject(entries[1].path, model::ModelRules::Report);
        QVERIFY2(restored.ok(), testing::problems(restored).constData());
        HR_COMPARE_MODELS(restored->model, project.model);
        QCOMPARE(restored->settings, project.settings);

        // Writing again replaces the slot, it does not add one.
        project.model.name = "Autosaved plan, later";
        QVERIFY(store.write(project, document).ok());
        QCOMPARE(store.entries().size(), std::size_t{2});

        QVERIFY(store.remove(entries[1].path));
        QVERIFY(!QFileInfo::exists(entries[1].path));
        QCOMPARE(store.entries().size(), std::size_t{1});
        QVERIFY(store.remove(entries[1].path)); // removing what is gone is fine
    }

    void aDamagedRecoveryFileIsListedWithItsProblem()
    {
        const model::RecoveryStore store(m_dir.filePath(QStringLiteral("recovery")));
        QVERIFY(QDir().mkpath(store.directory()));
        QVERIFY(testing::writeAll(store.directory() + QStringLiteral("/broken-0123.headroom"), "half a file"));
        const auto entries = store.entries();
        QCOMPARE(entries.size(), std::size_t{1});
        QVERIFY(!entries[0].problems.empty());
        QVERIFY(entries[0].saved.isValid());
    }

    void aLiveEditorOwnsItsSlotAndACrashReleasesIt()
    {
        const model::RecoveryStore store(m_dir.filePath(QStringLiteral("recovery")));
        const QString document = m_dir.filePath(QStringLiteral("open.headroom"));
        model::Project project;
        project.model = testing::generatedModel(5);
        QVERIFY(store.write(project, document).ok());
        const QString slot = store.slotFor(document);

        // In this process: while the lock is held the slot is in use, and after it is released not.
        {
            const model::RecoveryLock lock(slot);
            QVERIFY(lock.isLocked());
            QVERIFY(QFileInfo::exists(model::RecoveryLock::lockPath(slot)));
        }
        QVERIFY(!store.entries().front().inUse);

        // Another process holds it, then dies: the stale lock no longer counts.
        QProcess editor;
        editor.start(QStringLiteral(HEADROOM_PROJECT_HELPER), {QStringLiteral("hold-lock"), slot});
        QVERIFY(editor.waitForStarted());
        QVERIFY(editor.waitForReadyRead(30'000));
        QCOMPARE(editor.readAllStandardOutput().trimmed(), QByteArray("locked"));
        QVERIFY(store.entries().front().inUse);
        QVERIFY(!model::RecoveryLock(slot).isLocked()); // a second editor cannot take it
        editor.kill();
        QVERIFY(editor.waitForFinished());
        const auto entries = store.entries();
        QCOMPARE(entries.size(), std::size_t{1});
        QVERIFY(!entries.front().inUse);
        QVERIFY(model::RecoveryLock(slot).isLocked()); // and the next editor can
    }

    void autosavePolicy_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<int>("edits");
        QTest::addColumn<bool>("due");
        QTest::newRow("nothing to save") << 3600 << 0 << false;
        QTest::newRow("one edit, just now") << 1 << 1 << false;
        QTest::newRow("one edit, interval passed") << 180 << 1 << true;
        QTest::newRow("many edits, just now") << 1 << 50 << true;
        QTest::newRow("49 edits, 179 s") << 179 << 49 << false;
    }

    void autosavePolicy()
    {
        QFETCH(int, seconds);
        QFETCH(int, edits);
        QFETCH(bool, due);
        const model::AutosavePolicy policy;
        QCOMPARE(policy.interval, 180s);
        QCOMPARE(policy.due(std::chrono::seconds(seconds), edits), due);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestRecoveryFile)
#include "tst_recovery_file.moc"
