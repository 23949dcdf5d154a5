// SPDX-License-Identifier: MIT
// headroom-cli convert IN OUT, and every command reading a .headroom project, run in
// process: JSON -> project -> JSON gives the same bytes for every example, project ->
// JSON -> project keeps the model (and says the settings were left out), the input is
// never overwritten, and bad input fails with the contract's exit code and error lines. A
// write that fails (a full disk, injected or a real 64 KiB tmpfs) leaves the old file and
// says why; hidden files of killed saves are removed, and said so.

#include "ProjectFixtures.h"
#include "ModelDiff.h"

#include "cli/Cli.h"
#include "io/ModelJson.h"
#include "project/AtomicReplace.h"
#include "project/ProjectFile.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cerrno>

#include <unistd.h>

using namespace headroom;
using testing::joined;

namespace {

cli::CliRun run(const QStringList& words)
{
    std::vector<std::string> args;
    for (const QString& word : words)
        args.push_back(word.toStdString());
    return cli::runCli(args);
}

QByteArray describe(const cli::CliRun& result)
{
    return "exit " + QByteArray::number(result.exitCode) + "\nstdout: " + QByteArray::fromStdString(result.out) +
           "\nstderr: " + QByteArray::fromStdString(result.err);
}

} // namespace

class TestConvertCommand : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        for (const QString& name : QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden))
            QFile::remove(m_dir.filePath(name));
    }

    void examples_data()
    {
        QTest::addColumn<QString>("example");
        for (const QString& path : testing::exampleFiles())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void examples()
    {
        QFETCH(QString, example);
        const QString project = m_dir.filePath(QStringLiteral("example.headroom"));
        const QString back = m_dir.filePath(QStringLiteral("back.json"));
        const QString again = m_dir.filePath(QStringLiteral("again.headroom"));

        auto result = run({QStringLiteral("convert"), example, project});
        QVERIFY2(result.exitCode == cli::kExitOk && result.out.empty() && result.err.empty(), describe(result));
        QVERIFY(model::isProjectFile(project));
        result = run({QStringLiteral("convert"), project, back});
        QVERIFY2(result.exitCode == cli::kExitOk && result.out.empty() && result.err.empty(), describe(result));
        // JSON -> project -> JSON: the same bytes as writing the example's model directly.
        const auto original = model::readModelJson(testing::readAll(example));
        QVERIFY(original.ok());
        QCOMPARE(testing::readAll(back), model::writeModelJson(*original));
        // And once more round: the written JSON converts to the same project model.
        result = run({QStringLiteral("convert"), back, again});
        QVERIFY2(result.exitCode == cli::kExitOk, describe(result));
        const engine::Model reread = model::loadProject(again)->model;
        const engine::Model first = model::loadProject(project)->model;
        HR_COMPARE_MODELS(reread, first);

        // Every command reads the project as it reads the JSON.
        for (const QStringList& command : {QStringList{QStringLiteral("validate")},
                                           QStringList{QStringLiteral("solve"), QStringLiteral("--json")},
                                           QStringList{QStringLiteral("tenx"), QStringLiteral("--json")}}) {
            QStringList viaJson = command;
            viaJson.insert(1, example);
            QStringList viaProject = command;
            viaProject.insert(1, project);
            const cli::CliRun fromJson = run(viaJson);
            const cli::CliRun fromProject = run(viaProject);
            QVERIFY2(fromProject.exitCode == fromJson.exitCode, describe(fromProject));
            QCOMPARE(fromProject.out, fromJson.out);
        }
    }

    void projectToJsonAndBackKeepsTheModelAndSaysWhatWasLeftOut()
    {
        const QString project = m_dir.filePath(QStringLiteral("p.headroom"));
        const QString json = m_dir.filePath(QStringLiteral("p.json"));
        const QString back = m_dir.filePath(QStringLiteral("back.headroom"));
        model::Project original;
        original.model = testing::generatedModel(60);
        original.settings.currency = "EUR";
        original.settings.viewState["zoom"] = "2";
        QVERIFY(model::saveProject(project, original).ok());

        auto result = run({QStringLiteral("convert"), project, json});
        QCOMPARE(result.exitCode, cli::kExitOk);
        QCOMPARE(result.out, std::string());
        QCOMPARE(result.err, "warning: " + project.toStdString() +
                                 ": the project's settings and view state have no place in a JSON model and were left out\n");
        result = run({QStringLiteral("convert"), json, back});
        QVERIFY2(result.exitCode == cli::kExitOk && result.err.empty(), describe(result));
        const auto loaded = model::loadProject(back);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        HR_COMPARE_MODELS(loaded->model, original.model);
        QCOMPARE(loaded->settings, model::ProjectSettings());

        // Project to project keeps everything, settings included.
        const QString copy = m_dir.filePath(QStringLiteral("copy.headroom"));
        result = run({QStringLiteral("convert"), project, copy});
        QVERIFY2(result.exitCode == cli::kExitOk && result.err.empty(), describe(result));
        const auto copied = model::loadProject(copy);
        QVERIFY(copied.ok());
        HR_COMPARE_MODELS(copied->model, original.model);
        QCOMPARE(copied->settings, original.settings);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("error");
        QTest::newRow("the same file") << "model.json" << "model.json"
                                       << "error: %OUT: is the input file; convert writes a new file and never "
                                          "overwrites its input\n";
        QTest::newRow("the same file through a link")
            << "model.json" << "link.json"
            << "error: %OUT: is the input file; convert writes a new file and never overwrites its input\n";
        QTest::newRow("an unknown output format") << "model.json" << "model.yaml"
                                                  << "error: %OUT: name the output .json (a JSON model) or .headroom "
                                                     "(a project)\n";
        QTest::newRow("a model that breaks a rule")
            << "invalid.json" << "out.headroom" << "error: app.servers: must be an integer from 1 to 10000000, got 0\n";
        QTest::newRow("a project that breaks a rule")
            << "invalid.headroom" << "out.json"
            << "error: %IN: component 'app': servers: must be an integer from 1 to 10000000, got 0\n";
        QTest::newRow("a missing input") << "missing.json" << "out.headroom" << "error: %IN: no such file\n";
        QTest::newRow("not a project") << "text.headroom" << "out.json"
                                       << "error: %IN: is not a Headroom project: it is not an SQLite database\n";
    }

    void refusals()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QFETCH(QString, error);
        const QString inPath = m_dir.filePath(in);
        const QString outPath = m_dir.filePath(out);
        const QByteArray valid = R"({"components": [{"id": "users", "kind": "clients", "rate_rps": 10},
            {"id": "app", "kind": "app_server", "servers": 2, "service_ms": 5}],
            "links": [{"from": "users", "to": "app"}]})";
        QVERIFY(testing::writeAll(m_dir.filePath(QStringLiteral("model.json")), valid));
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("model.json")), m_dir.filePath(QStringLiteral("link.json"))));
        QByteArray invalid = valid;
        invalid.replace("\"servers\": 2", "\"servers\": 0");
        QVERIFY(testing::writeAll(m_dir.filePath(QStringLiteral("invalid.json")), invalid));
        model::Project broken;
        broken.model = *model::readModelJson(invalid);
        QVERIFY(model::saveProject(m_dir.filePath(QStringLiteral("invalid.headroom")), broken).ok());
        QVERIFY(testing::writeAll(m_dir.filePath(QStringLiteral("text.headroom")), "plain text\n"));
        const QByteArray before = testing::fileHash(inPath);
        const bool outExisted = QFileInfo::exists(outPath);

        const cli::CliRun result = run({QStringLiteral("convert"), inPath, outPath});
        QCOMPARE(result.exitCode, cli::kExitInvalid);
        QCOMPARE(result.out, std::string());
        QString expected = error;
        expected.replace(QLatin1String("%IN"), inPath).replace(QLatin1String("%OUT"), outPath);
        QCOMPARE(QString::fromStdString(result.err), expected);
        QCOMPARE(testing::fileHash(inPath), before);
        QCOMPARE(QFileInfo::exists(outPath), outExisted);
    }

    void aFailedWriteLeavesTheOldFileAndSaysWhy_data()
    {
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("error");
        // Once: exit 0, and an empty or truncated file in place of the old one.
        QTest::newRow("a JSON model") << "out.json"
                                      << "error: %OUT: cannot be written: the disk is full (No space left on device); "
                                         "the file on disk is unchanged\n";
        QTest::newRow("a project") << "out.headroom"
                                   << "error: %OUT: cannot be written: the disk is full (No space left on device); "
                                      "the file on disk is unchanged; the project was not saved\n";
    }

    void aFailedWriteLeavesTheOldFileAndSaysWhy()
    {
        QFETCH(QString, out);
        QFETCH(QString, error);
        const QString in = m_dir.filePath(QStringLiteral("in.json"));
        const QString outPath = m_dir.filePath(out);
        QVERIFY(testing::writeAll(in, model::writeModelJson(testing::generatedModel(200))));
        QVERIFY(testing::writeAll(outPath, "the old file"));
        {
            // The disk fills up after the first 4 KiB.
            const model::ScopedWriteFault full({model::InjectedWriteFault::Call::Write, ENOSPC, 4096});
            const cli::CliRun result = run({QStringLiteral("convert"), in, outPath});
            QCOMPARE(result.exitCode, cli::kExitInvalid);
            QCOMPARE(result.out, std::string());
            QCOMPARE(QString::fromStdString(result.err), QString(error).replace(QLatin1String("%OUT"), outPath));
        }
        QCOMPARE(testing::readAll(outPath), QByteArray("the old file"));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), (QStringList{"in.json", out}));
    }

    void aFullDiskLeavesTheOldFile()
    {
        if (::geteuid() != 0)
            QSKIP("a full disk needs a small tmpfs, which needs root; aFailedWriteLeavesTheOldFileAndSaysWhy injects it");
        const QString folder = m_dir.filePath(QStringLiteral("small"));
        testing::SmallTmpfs tmpfs(folder, "64k");
        if (!tmpfs.mounted())
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1); aFailedWriteLeavesTheOldFileAndSaysWhy "
                                            "injects the failure")
                                 .arg(QString::fromStdString(tmpfs.error()))));
        const QString small = m_dir.filePath(QStringLiteral("small.json"));
        const QString big = m_dir.filePath(QStringLiteral("big.json"));
        QVERIFY(testing::writeAll(small, model::writeModelJson(testing::generatedModel(20))));
        QVERIFY(testing::writeAll(big, model::writeModelJson(testing::generatedModel(600))));
        QVERIFY(QFileInfo(big).size() > 64 * 1024);
        for (const QString& name : {QStringLiteral("out.json"), QStringLiteral("out.headroom")}) {
            const QString out = folder + u'/' + name;
            QCOMPARE(run({QStringLiteral("convert"), small, out}).exitCode, cli::kExitOk);
            const QByteArray before = testing::readAll(out);
            const cli::CliRun result = run({QStringLiteral("convert"), big, out});
            QCOMPARE(result.exitCode, cli::kExitInvalid);
            QVERIFY2(result.err.find("error: " + out.toStdString() + ": ") == 0, describe(result));
            QVERIFY2(result.err.find("the disk is full (No space left on device)") != std::string::npos, describe(result));
            QCOMPARE(testing::readAll(out), before);
            QVERIFY(QFile::remove(out));
        }
        // A new file larger than the room left is not created at all.
        const QString fresh = folder + QStringLiteral("/fresh.json");
        QCOMPARE(run({QStringLiteral("convert"), big, fresh}).exitCode, cli::kExitInvalid);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void leftoversOfKilledSavesAreRemovedAndReported()
    {
        const QString in = m_dir.filePath(QStringLiteral("in.json"));
        QVERIFY(testing::writeAll(in, model::writeModelJson(testing::generatedModel(20))));
        for (const QString& out : {QStringLiteral("out.json"), QStringLiteral("out.headroom")}) {
            const QString leftover = m_dir.filePath(QStringLiteral(".%1.Ab12Cd.saving").arg(out));
            QVERIFY(testing::writeAll(leftover, "half a save"));
            QFile file(leftover);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600), QFileDevice::FileModificationTime));
            file.close();
            const QString outPath = m_dir.filePath(out);
            const cli::CliRun result = run({QStringLiteral("convert"), in, outPath});
            QCOMPARE(result.exitCode, cli::kExitOk);
            QCOMPARE(QString::fromStdString(result.err),
                     QStringLiteral("warning: %1: removed 1 temporary file left beside it by an interrupted save\n")
                         .arg(outPath));
            QVERIFY(!QFileInfo::exists(leftover));
        }
    }

    void wrongNumberOfArguments()
    {
        auto result = run({QStringLiteral("convert"), m_dir.filePath(QStringLiteral("a.json"))});
        QCOMPARE(result.exitCode, cli::kExitInvalid);
        QVERIFY2(result.err.find("usage: headroom-cli convert IN OUT") != std::string::npos, describe(result));
        result = run({QStringLiteral("convert"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QCOMPARE(result.exitCode, cli::kExitInvalid);
        QVERIFY(result.out.empty());
        result = run({QStringLiteral("convert"), QStringLiteral("--help")});
        QCOMPARE(result.exitCode, cli::kExitOk);
        QVERIFY(result.out.find("convert IN OUT") != std::string::npos);
    }

    void badProjectsFailWithOneLineEach()
    {
        const QString path = m_dir.filePath(QStringLiteral("truncated.headroom"));
        model::Project project;
        project.model = testing::generatedModel(200);
        QVERIFY(model::saveProject(path, project).ok());
        QByteArray bytes = testing::readAll(path);
        bytes.truncate(bytes.size() / 2);
        QVERIFY(testing::writeAll(path, bytes));
        for (const QString& command : {QStringLiteral("validate"), QStringLiteral("solve")}) {
            const cli::CliRun result = run({command, path});
            QCOMPARE(result.exitCode, cli::kExitInvalid);
            QCOMPARE(result.out, std::string());
            QVERIFY2(result.err.rfind("error: " + path.toStdString() + ": is truncated: ", 0) == 0, describe(result));
            QCOMPARE(std::count(result.err.begin(), result.err.end(), '\n'), 1);
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestConvertCommand)
#include "tst_convert_command.moc"
