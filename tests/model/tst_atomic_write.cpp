// SPDX-License-Identifier: MIT
// The one writer (writeFileAtomically): a full disk, a failing fsync, close or rename,
// injected or real (a 64 KiB tmpfs), leave the old file byte for byte and nothing beside
// it, and say which step failed and why in the system's words; permissions, owners and
// symbolic links survive a write; folders, pipes and read-only files are refused before
// anything is written; and hidden files of killed saves are cleaned up by the next write.

#include "ProjectFixtures.h"

#include "project/AtomicReplace.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cerrno>

#include <sys/stat.h>
#include <unistd.h>

using namespace headroom;
using Call = model::InjectedWriteFault::Call;

Q_DECLARE_METATYPE(Call)

namespace {

QStringList namesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

mode_t modeOf(const QString& path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? (info.st_mode & 07777) : 0;
}

QByteArray payload(qsizetype size)
{
    QByteArray bytes(size, 'x');
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = static_cast<char>('a' + i % 26);
    return bytes;
}

} // namespace

class TestAtomicWrite : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        for (const QString& name : namesIn(m_dir.path()))
            QFile::remove(m_dir.filePath(name));
        m_path = m_dir.filePath(QStringLiteral("out.json"));
    }

    void writesAndReplacesWhole()
    {
        QCOMPARE(model::writeFileAtomically(m_path, QByteArray("first")), std::nullopt);
        QCOMPARE(testing::readAll(m_path), QByteArray("first"));
        QCOMPARE(model::writeFileAtomically(m_path, payload(100'000)), std::nullopt);
        QCOMPARE(testing::readAll(m_path), payload(100'000));
        QCOMPARE(namesIn(m_dir.path()), QStringList{"out.json"});
    }

    void injectedFailureLeavesTheOldFile_data()
    {
        QTest::addColumn<Call>("call");
        QTest::addColumn<int>("error");
        QTest::addColumn<qint64>("afterBytes");
        QTest::addColumn<QString>("expected"); // the step and the system's reason

        QTest::newRow("disk full at once") << Call::Write << ENOSPC << qint64(0)
                                           << "cannot be written: the disk is full (No space left on device)";
        QTest::newRow("disk full after 4 KiB") << Call::Write << ENOSPC << qint64(4096)
                                               << "cannot be written: the disk is full (No space left on device)";
        QTest::newRow("quota used up") << Call::Write << EDQUOT << qint64(100)
                                       << "cannot be written: the disk quota is used up (Disk quota exceeded)";
        QTest::newRow("input/output error") << Call::Write << EIO << qint64(8192)
                                            << "cannot be written: an input/output error occurred (Input/output error)";
        QTest::newRow("fsync fails") << Call::Fsync << EIO << qint64(0)
                                     << "cannot be written (flushing it to disk): an input/output error occurred";
        QTest::newRow("close fails (late NFS error)") << Call::Close << ENOSPC << qint64(0)
                                                      << "cannot be written (closing it): the disk is full";
        QTest::newRow("rename fails") << Call::Rename << EXDEV << qint64(0)
                                      << "cannot replace the file: Invalid cross-device link";
    }

    void injectedFailureLeavesTheOldFile()
    {
        QFETCH(Call, call);
        QFETCH(int, error);
        QFETCH(qint64, afterBytes);
        QFETCH(QString, expected);
        const QByteArray old = payload(3000);
        QVERIFY(testing::writeAll(m_path, old));
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.csv"));
        {
            const model::ScopedWriteFault fault({call, error, afterBytes});
            const auto replacing = model::writeFileAtomically(m_path, payload(20'000));
            QVERIFY(replacing);
            QVERIFY2(QString::fromStdString(*replacing).startsWith(expected), replacing->c_str());
            QVERIFY2(replacing->find("; the file on disk is unchanged") != std::string::npos, replacing->c_str());
            QVERIFY2(replacing->find("Unknown error") == std::string::npos, replacing->c_str());
            const auto creating = model::writeFileAtomically(fresh, payload(20'000));
            QVERIFY(creating);
            QVERIFY2(QString::fromStdString(*creating).startsWith(expected), creating->c_str());
            QVERIFY2(creating->find("; no file was created") != std::string::npos, creating->c_str());
        }
        QCOMPARE(testing::readAll(m_path), old);
        QVERIFY(!QFileInfo::exists(fresh));
        QCOMPARE(namesIn(m_dir.path()), QStringList{"out.json"});
        // Without the fault the same write goes through.
        QCOMPARE(model::writeFileAtomically(m_path, payload(20'000)), std::nullopt);
        QCOMPARE(testing::readAll(m_path), payload(20'000));
    }

    void aFullDiskLeavesTheOldFile()
    {
        if (::geteuid() != 0)
            QSKIP("a full disk needs a small tmpfs, which needs root; injectedFailureLeavesTheOldFile covers this user");
        const QString folder = m_dir.filePath(QStringLiteral("small"));
        testing::SmallTmpfs tmpfs(folder, "64k");
        if (!tmpfs.mounted())
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1); injectedFailureLeavesTheOldFile covers "
                                            "the writer")
                                 .arg(QString::fromStdString(tmpfs.error()))));
        const QString path = folder + QStringLiteral("/model.json");
        const QByteArray old = payload(20'000);
        QCOMPARE(model::writeFileAtomically(path, old), std::nullopt);
        // Larger than what is left: the write runs out of room part way.
        const auto failure = model::writeFileAtomically(path, payload(60'000));
        QVERIFY(failure);
        QCOMPARE(QString::fromStdString(*failure),
                 QStringLiteral("cannot be written: the disk is full (No space left on device); "
                                "the file on disk is unchanged"));
        QCOMPARE(testing::readAll(path), old);
        QCOMPARE(namesIn(folder), QStringList{"model.json"});
        // A new file that does not fit is not created at all.
        const QString fresh = folder + QStringLiteral("/new.json");
        QVERIFY(model::writeFileAtomically(fresh, payload(60'000)));
        QVERIFY(!QFileInfo::exists(fresh));
        QCOMPARE(namesIn(folder), QStringList{"model.json"});
    }

    void permissionsAndLinksSurvive()
    {
        QVERIFY(testing::writeAll(m_path, "old"));
        QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        QCOMPARE(model::writeFileAtomically(m_path, QByteArray("new")), std::nullopt);
        QCOMPARE(modeOf(m_path), mode_t(0640));
        // A link is followed: the file it names is replaced and the link stays a link.
        const QString link = m_dir.filePath(QStringLiteral("link.json"));
        QVERIFY(QFile::link(m_path, link));
        QCOMPARE(model::writeFileAtomically(link, QByteArray("through the link")), std::nullopt);
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(testing::readAll(m_path), QByteArray("through the link"));
        // A new file gets the umask's permissions.
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.json"));
        const mode_t mask = ::umask(022);
        ::umask(mask);
        QCOMPARE(model::writeFileAtomically(fresh, QByteArray("x")), std::nullopt);
        QCOMPARE(modeOf(fresh), mode_t(0666 & ~mask));
    }

    void refusesWhatItMustNotReplace()
    {
        const QString folder = m_dir.filePath(QStringLiteral("folder.json"));
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(model::writeFileAtomically(folder, QByteArray("x")),
                 std::optional<std::string>("is a folder; the file on disk is unchanged"));
        QVERIFY(QDir().rmdir(folder));
        const QString pipe = m_dir.filePath(QStringLiteral("pipe.json"));
        QVERIFY(::mkfifo(QFile::encodeName(pipe).constData(), 0600) == 0);
        QCOMPARE(model::writeFileAtomically(pipe, QByteArray("x")),
                 std::optional<std::string>("is not a regular file (a pipe, a device or a socket); choose another "
                                            "name; the file on disk is unchanged"));
        QVERIFY(QFile::remove(pipe));
        if (::geteuid() != 0) {
            QVERIFY(testing::writeAll(m_path, "old"));
            QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner));
            QCOMPARE(model::writeFileAtomically(m_path, QByteArray("new")),
                     std::optional<std::string>("is read-only; the file on disk is unchanged"));
            QCOMPARE(testing::readAll(m_path), QByteArray("old"));
            QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
    }

    void anSqliteJournalOfTheReplacedFileGoes()
    {
        QVERIFY(testing::writeAll(m_path, "old"));
        for (const char* suffix : {"-journal", "-wal", "-shm"})
            QVERIFY(testing::writeAll(m_path + QLatin1String(suffix), "stale"));
        QCOMPARE(model::writeFileAtomically(m_path, QByteArray("new")), std::nullopt);
        QCOMPARE(namesIn(m_dir.path()), QStringList{"out.json"});
    }

    void leftoversOfKilledSavesAreRemovedByTheNextWrite()
    {
        // Two killed saves of this file, one of another, and one too recent to be a leftover.
        const auto plant = [&](const QString& name, int ageSeconds) {
            const QString path = m_dir.filePath(name);
            QVERIFY(testing::writeAll(path, "half"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds),
                                     QFileDevice::FileModificationTime));
        };
        plant(QStringLiteral(".out.json.abc123.saving"), 3600);
        plant(QStringLiteral(".out.json.def456.saving"), 120);
        plant(QStringLiteral(".other.json.abc123.saving"), 3600);
        plant(QStringLiteral(".out.json.xyz789.saving"), 0);
        QCOMPARE(model::writeFileAtomically(m_path, QByteArray("new")), std::nullopt);
        QCOMPARE(namesIn(m_dir.path()),
                 (QStringList{".other.json.abc123.saving", ".out.json.xyz789.saving", "out.json"}));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestAtomicWrite)
#include "tst_atomic_write.moc"
