// SPDX-License-Identifier: MIT
// The hidden ".saving" files a killed save leaves beside a project (removeLeftoverSiblings):
// removed once untouched for a while, with their journals; kept while another process holds
// SQLite's lock on one (a save still running) or while it is fresh; another file's are left
// alone, even when its name starts with this one's.

#include "ProjectFixtures.h"

#include "project/AtomicReplace.h"
#include "project/ProjectFile.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace headroom;
using namespace std::chrono_literals;

namespace {

/// A file with the given age (its modification time set back).
bool writeAged(const QString& path, qint64 ageSeconds)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    // Written out first: the write would otherwise set the time again when the file closes.
    if (file.write("half a project") < 0 || !file.flush())
        return false;
    return file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds), QFileDevice::FileModificationTime);
}

} // namespace

class TestLeftoverSaving : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    [[nodiscard]] QString at(const QString& name) const { return m_dir.filePath(name); }
    [[nodiscard]] QStringList names() const
    {
        return QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        for (const QString& name : names())
            QFile::remove(at(name));
    }

    void whichFilesAreLeftovers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("ageSeconds");
        QTest::addColumn<bool>("removed");
        QTest::newRow("a killed save's file") << ".plan.headroom.Ab12Cd.saving" << 3600 << true;
        QTest::newRow("just older than the limit") << ".plan.headroom.Ab12Cd.saving" << int(model::kLeftoverSavingAge.count()) + 5 << true;
        QTest::newRow("fresh: maybe a save running") << ".plan.headroom.Ab12Cd.saving" << 0 << false;
        QTest::newRow("another project's") << ".other.headroom.Ab12Cd.saving" << 3600 << false;
        QTest::newRow("a longer name's (plan.headroom.bak)") << ".plan.headroom.bak.Ab12Cd.saving" << 3600 << false;
        QTest::newRow("not hidden") << "plan.headroom.Ab12Cd.saving" << 3600 << false;
        QTest::newRow("not a saving file") << ".plan.headroom.Ab12Cd.tmp" << 3600 << false;
    }

    void whichFilesAreLeftovers()
    {
        QFETCH(QString, name);
        QFETCH(int, ageSeconds);
        QFETCH(bool, removed);
        QVERIFY(model::saveProject(at(QStringLiteral("plan.headroom")), model::Project{testing::generatedModel(3), {}, {}, {}}).ok());
        QVERIFY(writeAged(at(name), ageSeconds));
        QVERIFY(writeAged(at(name + QStringLiteral("-journal")), ageSeconds));
        const QStringList gone = model::removeLeftoverSiblings(at(QStringLiteral("plan.headroom")));
        QCOMPARE(gone, removed ? QStringList{QFileInfo(at(name)).absoluteFilePath()} : QStringList{});
        QCOMPARE(QFileInfo::exists(at(name)), !removed);
        QCOMPARE(QFileInfo::exists(at(name + QStringLiteral("-journal"))), !removed);
        QVERIFY(QFileInfo::exists(at(QStringLiteral("plan.headroom")))); // the project itself stays
        QVERIFY(model::loadProject(at(QStringLiteral("plan.headroom"))).ok());
    }

    void aFileAnotherProcessLocksIsASaveStillRunning()
    {
        const QString saving = at(QStringLiteral(".plan.headroom.Zz9Yy8.saving"));
        QVERIFY(writeAged(saving, 3600));
        // SQLite's unix VFS takes fcntl locks from byte 2^30 on; Python's lockf takes the same kind.
        QProcess saver;
        saver.start(QStringLiteral("python3"),
                    {QStringLiteral("-c"),
                     QStringLiteral("import fcntl, sys\n"
                                    "f = open(sys.argv[1], 'r+')\n"
                                    "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0x40000001)\n"
                                    "print('locked', flush=True)\n"
                                    "sys.stdin.read()\n"),
                     saving});
        if (!saver.waitForStarted())
            QSKIP("python3 is not available to hold the lock");
        QVERIFY(saver.waitForReadyRead(30'000));
        QCOMPARE(saver.readAllStandardOutput().trimmed(), QByteArray("locked"));
        QVERIFY(model::removeLeftoverSiblings(at(QStringLiteral("plan.headroom"))).isEmpty());
        QVERIFY(QFileInfo::exists(saving));
        saver.closeWriteChannel();
        QVERIFY(saver.waitForFinished(30'000));
        // The process is gone and so is its lock: now it is a leftover.
        QCOMPARE(model::removeLeftoverSiblings(at(QStringLiteral("plan.headroom"))),
                 QStringList{QFileInfo(saving).absoluteFilePath()});
    }

    void aSaveLeavesNoSavingFileAndTheAgeIsAParameter()
    {
        QVERIFY(model::saveProject(at(QStringLiteral("new.headroom")), model::Project{testing::generatedModel(3), {}, {}, {}}).ok());
        QCOMPARE(names(), QStringList{QStringLiteral("new.headroom")});
        QVERIFY(writeAged(at(QStringLiteral(".new.headroom.Qw3Er4.saving")), 0));
        QVERIFY(model::removeLeftoverSiblings(at(QStringLiteral("new.headroom"))).isEmpty());
        QCOMPARE(model::removeLeftoverSiblings(at(QStringLiteral("new.headroom")), 0s).size(), 1);
        QCOMPARE(names(), QStringList{QStringLiteral("new.headroom")});
    }
};

QTEST_GUILESS_MAIN(TestLeftoverSaving)
#include "tst_leftover_saving.moc"
