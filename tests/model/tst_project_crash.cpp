// SPDX-License-Identifier: MIT
// A save is atomic: a child process saves a project over and over (a counter in its
// settings, a model that changes with the counter) and reports "begin N" before and
// "done N" after each save; it is killed with SIGKILL at random moments, 200 times.
// After a kill the file must open, pass the model's rules and hold exactly one complete
// save: the last one reported done, or one in flight if its commit got through before
// the kill. Every fourth kill the file is not opened: the next child saves over what the
// kill left. Every tenth the file is removed first, so that the kill also lands in the
// first save of a new file. Every save writes a new file beside the target and renames it
// over the target, so no journal is ever left beside the project.

#include "ProjectFixtures.h"

#include "project/ProjectFile.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <chrono>
#include <set>
#include <thread>

using namespace headroom;
using testing::joined;

namespace {

constexpr int kKills = 200;
/// Every this many kills the file is removed first: the next save creates it.
constexpr int kFreshFileEvery = 10;
/// Every this many kills the file is not opened: the next save meets what the kill left.
constexpr int kOpenEvery = 4;
/// The longest random wait after the reported saves before the kill: a few saves' worth.
constexpr int kMostDelayMicroseconds = 40'000;
constexpr int kMostSavesBeforeKill = 3;
constexpr int kPipeTimeoutMs = 30'000;

struct Reports {
    std::optional<long long> lastDone;
    std::optional<long long> lastBegin;
    int done = 0;
};

void parse(const QByteArray& text, Reports& reports)
{
    for (const QByteArray& line : text.split('\n')) {
        if (line.startsWith("done ")) {
            reports.lastDone = line.mid(5).toLongLong();
            ++reports.done;
        } else if (line.startsWith("begin ")) {
            reports.lastBegin = line.mid(6).toLongLong();
        }
    }
}

} // namespace

class TestProjectCrash : public QObject {
    Q_OBJECT

private slots:
    void killedSavesLeaveTheLastCompleteSave()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("crash.headroom"));
        const quint32 seed = qEnvironmentVariableIsSet("HEADROOM_CRASH_SEED")
                                 ? qEnvironmentVariable("HEADROOM_CRASH_SEED").toUInt()
                                 : 20240501u;
        qInfo("seed %u (set HEADROOM_CRASH_SEED to repeat a run)", seed);
        QRandomGenerator random(seed);

        QVERIFY(model::saveProject(path, testing::crashProject(0)).ok());
        // The saves the file may hold: the last one reported done, and any save in flight
        // since, whose commit may have got through before its kill. Empty: no file.
        std::set<long long> possible{0};
        long long next = 1;
        int killedInFlight = 0;
        int inFlightLanded = 0;
        int freshFiles = 0;
        int unopened = 0;
        for (int kill = 0; kill < kKills; ++kill) {
            if (kill % kFreshFileEvery == kFreshFileEvery - 1) {
                QVERIFY(QFile::remove(path));
                possible.clear();
                ++freshFiles;
            }
            QProcess child;
            child.start(QStringLiteral(HEADROOM_PROJECT_HELPER),
                        {QStringLiteral("save-loop"), path, QString::number(next)});
            QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
            Reports reports;
            QByteArray output;
            const int savesBeforeKill = static_cast<int>(random.bounded(kMostSavesBeforeKill + 1));
            while (reports.done < savesBeforeKill) {
                QVERIFY2(child.waitForReadyRead(kPipeTimeoutMs),
                         qPrintable(QStringLiteral("the helper stopped reporting: ") +
                                    QString::fromUtf8(child.readAllStandardError())));
                output += child.readAllStandardOutput();
                reports = {};
                parse(output, reports);
            }
            std::this_thread::sleep_for(std::chrono::microseconds(random.bounded(kMostDelayMicroseconds)));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(kPipeTimeoutMs));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            output += child.readAllStandardOutput();
            reports = {};
            parse(output, reports);

            if (reports.lastDone)
                possible = {*reports.lastDone};
            std::optional<long long> inFlight;
            if (reports.lastBegin && reports.lastBegin != reports.lastDone) {
                inFlight = reports.lastBegin;
                possible.insert(*reports.lastBegin);
                ++killedInFlight;
            }
            next = reports.lastBegin.value_or(next - 1) + 1;
            const QByteArray where = "kill " + QByteArray::number(kill) + ": ";
            if (!QFileInfo::exists(path)) {
                // Only a new file's first save, killed before its rename, leaves no file.
                const bool onlyInFlight = inFlight && !reports.lastDone && possible == std::set<long long>{*inFlight};
                QVERIFY2(possible.empty() || onlyInFlight, where + "a complete save is missing");
                possible.clear();
                continue;
            }
            // Now and then the next save starts on what the kill left, without opening it first.
            if (kill % kOpenEvery == kOpenEvery - 1) {
                ++unopened;
                continue;
            }
            const QString journal = path + QStringLiteral("-journal");
            QVERIFY2(!QFileInfo::exists(journal), where + "a journal was left beside the project");
            const auto loaded = model::loadProject(path);
            QVERIFY2(loaded.ok(), where + testing::problems(loaded));
            const auto counter = loaded->settings.viewState.find("counter");
            QVERIFY2(counter != loaded->settings.viewState.end(), where + "no counter");
            const long long found = std::stoll(counter->second);
            QByteArray expectedSaves;
            for (const long long save : possible)
                expectedSaves += " " + QByteArray::number(save);
            QVERIFY2(possible.count(found) == 1,
                     where + "the file holds save " + QByteArray::number(found) + ", not one of" + expectedSaves);
            if (found == inFlight)
                ++inFlightLanded;
            // Not a mix: everything else in the file is that one save's.
            const model::Project expected = testing::crashProject(found);
            QVERIFY2(loaded->model == expected.model, where + "the model is not save " + QByteArray::number(found));
            QCOMPARE(loaded->settings, expected.settings);
            possible = {found};
        }
        qInfo("%d kills, %d in the middle of a save (%d of those found committed), %d in a new file's first save, "
              "%d followed by a save without opening",
              kKills, killedInFlight, inFlightLanded, freshFiles, unopened);
        // The test means something only if many kills hit a save in progress.
        QVERIFY2(killedInFlight >= kKills / 4, "too few kills landed inside a save");
        // A kill before the rename may leave the save's hidden temporary file (the next save
        // removes those a minute old); nothing else is left.
        for (const QString& name : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden))
            QVERIFY2(name == QLatin1String("crash.headroom") || name.endsWith(QLatin1String(".saving")),
                     qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestProjectCrash)
#include "tst_project_crash.moc"
