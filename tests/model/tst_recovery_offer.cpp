// SPDX-License-Identifier: MIT
// The restore offer at start (RecoveryOffer): only recovery files that no running editor owns
// are offered, newest first; the answer comes from a function, so no dialog is involved:
// Restore stops at that entry, Discard deletes the file, Later keeps it for the next start,
// and a file that cannot be read is never restored.

#include "ProjectFixtures.h"

#include "project/RecoveryOffer.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <memory>

using namespace headroom;
using model::RecoveryChoice;

namespace {

/// How the recovery file of the test's document is held when the offer runs.
enum class Owner { Nobody, ThisEditor, DeadEditor };

} // namespace

Q_DECLARE_METATYPE(Owner)
Q_DECLARE_METATYPE(headroom::model::RecoveryChoice)

class TestRecoveryOffer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    [[nodiscard]] model::RecoveryStore store() const { return model::RecoveryStore(m_dir.filePath(QStringLiteral("recovery"))); }
    QString document(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QString writeCopy(const char* name, int salt)
    {
        model::Project project;
        project.model = testing::generatedModel(4, salt);
        const auto written = store().write(project, document(name));
        return written.ok() ? store().slotFor(document(name)) : QString();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir(store().directory()).removeRecursively();
    }

    void onlyCopiesNoEditorOwnsAreOffered_data()
    {
        QTest::addColumn<bool>("copy");
        QTest::addColumn<Owner>("owner");
        QTest::addColumn<bool>("offered");
        QTest::newRow("no recovery file") << false << Owner::Nobody << false;
        QTest::newRow("left without a lock") << true << Owner::Nobody << true;
        QTest::newRow("owned by a running editor") << true << Owner::ThisEditor << false;
        QTest::newRow("owned by an editor that crashed") << true << Owner::DeadEditor << true;
    }

    void onlyCopiesNoEditorOwnsAreOffered()
    {
        QFETCH(bool, copy);
        QFETCH(Owner, owner);
        QFETCH(bool, offered);
        const QString slot = copy ? writeCopy("plan.headroom", 1) : store().slotFor(document("plan.headroom"));
        QVERIFY(!slot.isEmpty());
        std::unique_ptr<model::RecoveryLock> lock;
        QProcess editor;
        if (owner == Owner::ThisEditor) {
            lock = std::make_unique<model::RecoveryLock>(slot);
            QVERIFY(lock->isLocked());
        } else if (owner == Owner::DeadEditor) {
            editor.start(QStringLiteral(HEADROOM_PROJECT_HELPER), {QStringLiteral("hold-lock"), slot});
            QVERIFY(editor.waitForStarted());
            QVERIFY(editor.waitForReadyRead(30'000));
            editor.kill();
            QVERIFY(editor.waitForFinished());
            QVERIFY(QFileInfo::exists(model::RecoveryLock::lockPath(slot))); // the crash left its lock
        }

        QList<model::RecoveryEntry> asked;
        const model::RecoveryOffer offer(store());
        const auto restored = offer.run([&](const model::RecoveryEntry& entry) {
            asked << entry;
            return RecoveryChoice::Restore;
        });
        QCOMPARE(asked.size(), offered ? 1 : 0);
        for (const model::RecoveryEntry& entry : asked) {
            QCOMPARE(entry.path, slot);
            QCOMPARE(entry.documentPath, QFileInfo(document("plan.headroom")).absoluteFilePath());
        }
        QCOMPARE(restored.has_value(), offered);
        QCOMPARE(offer.pending().size(), std::size_t{offered ? 1u : 0u});
    }

    void answersDecideWhatHappensToEachCopy_data()
    {
        QTest::addColumn<QList<RecoveryChoice>>("answers"); // newest first
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("restoredIndex"); // -1: none
        QTest::addColumn<int>("left");          // recovery files still there
        using C = RecoveryChoice;
        QTest::newRow("restore the newest") << QList<C>{C::Restore, C::Restore, C::Restore} << 1 << 0 << 3;
        QTest::newRow("discard, then restore") << QList<C>{C::Discard, C::Restore, C::Later} << 2 << 1 << 2;
        QTest::newRow("later for all") << QList<C>{C::Later, C::Later, C::Later} << 3 << -1 << 3;
        QTest::newRow("discard all") << QList<C>{C::Discard, C::Discard, C::Discard} << 3 << -1 << 0;
    }

    void answersDecideWhatHappensToEachCopy()
    {
        QFETCH(QList<RecoveryChoice>, answers);
        QFETCH(int, asked);
        QFETCH(int, restoredIndex);
        QFETCH(int, left);
        // Written oldest first, a second apart on the project clock.
        testing::ManualClock clock;
        const QStringList names{QStringLiteral("c.headroom"), QStringLiteral("b.headroom"), QStringLiteral("a.headroom")};
        for (qsizetype i = 0; i < names.size(); ++i) {
            model::Project project;
            project.model = testing::generatedModel(3, int(i));
            QVERIFY(store().write(project, m_dir.filePath(names[i])).ok());
            clock.advance();
        }
        QStringList seen;
        const auto restored = model::RecoveryOffer(store()).run([&](const model::RecoveryEntry& entry) {
            seen << QFileInfo(entry.documentPath).fileName();
            return answers.value(seen.size() - 1, RecoveryChoice::Later);
        });
        QCOMPARE(seen.size(), asked);
        QCOMPARE(seen.first(), QStringLiteral("a.headroom")); // newest first
        QCOMPARE(restored.has_value(), restoredIndex >= 0);
        if (restored)
            QCOMPARE(QFileInfo(restored->documentPath).fileName(), seen.at(restoredIndex));
        QCOMPARE(int(store().entries().size()), left);
    }

    void aCopyThatCannotBeReadIsNeverRestored()
    {
        QDir().mkpath(store().directory());
        QFile damaged(store().directory() + QStringLiteral("/damaged-0123456789abcdef.headroom"));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("not a project at all");
        damaged.close();
        QList<model::RecoveryEntry> asked;
        const model::RecoveryOffer offer(store());
        const auto restored = offer.run([&](const model::RecoveryEntry& entry) {
            asked << entry;
            return RecoveryChoice::Restore;
        });
        QCOMPARE(asked.size(), 1);
        QVERIFY(!asked.front().problems.empty());
        QVERIFY(!restored);
        QCOMPARE(offer.pending().size(), std::size_t{1}); // kept, as "later": the user may look at it
    }
};

QTEST_GUILESS_MAIN(TestRecoveryOffer)
#include "tst_recovery_offer.moc"
