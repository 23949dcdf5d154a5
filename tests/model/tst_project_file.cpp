// SPDX-License-Identifier: MIT
// Saving and opening projects: every bundled example survives JSON -> project -> JSON
// byte for byte, settings and view state survive, text in any script survives exactly,
// a 5,000-component model survives, saving over a project replaces it whole, and
// what could not be read back is refused before anything is written.

#include "ProjectFixtures.h"
#include "ModelDiff.h"

#include "engine/Validation.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"
#include "project/ProjectFile.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <limits>

#include <sys/stat.h>

using namespace headroom;
using testing::joined;

namespace {

/// Byte 18 and 19 of an SQLite header: 1 for a rollback journal, 2 for WAL.
constexpr char kRollbackJournal = 1;

ino_t inode(const QString& path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
}

engine::Model readExample(const QString& path)
{
    auto model = model::readModelJson(testing::readAll(path), path);
    if (!model)
        qFatal("cannot read %s:%s", qPrintable(path), testing::problems(model).constData());
    return std::move(model).value();
}

} // namespace

class TestProjectFile : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("project.headroom"));
        for (const QString& name : QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden))
            QVERIFY(QFile::remove(m_dir.filePath(name)));
    }

    void examplesRoundTripByteForByte_data()
    {
        QTest::addColumn<QString>("example");
        const QStringList examples = testing::exampleFiles();
        QVERIFY2(!examples.isEmpty(), "no examples found in resources/examples");
        for (const QString& path : examples)
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void examplesRoundTripByteForByte()
    {
        QFETCH(QString, example);
        const engine::Model original = readExample(example);
        model::Project project;
        project.model = original;
        const auto saved = model::saveProject(m_path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        HR_COMPARE_MODELS(loaded->model, original);
        QCOMPARE(model::writeModelJson(loaded->model), model::writeModelJson(original));
        QCOMPARE(loaded->metadata, *saved);
        QCOMPARE(loaded->settings, model::ProjectSettings());
    }

    void settingsViewStateAndMetadataSurvive()
    {
        testing::ManualClock clock;
        model::Project project;
        project.model = testing::generatedModel(40);
        project.settings.planningMultiplier = 12.5;
        project.settings.targetUtilization = 0.65;
        project.settings.targetWait = 0.01;
        project.settings.currency = "€ EUR";
        project.settings.activeScenario = "Black Friday";
        project.settings.viewState = {
            {"zoom", "1.25"},
            {"scroll", "-120,48"},
            {"dock_layout", QByteArray("\x00\xff binary \x01", 12).toBase64().toStdString()},
            {"empty", ""},
            {"ключ", "значение ✓"},
        };
        const auto first = model::saveProject(m_path, project);
        QVERIFY2(first.ok(), testing::problems(first).constData());
        auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->settings, project.settings);
        HR_COMPARE_MODELS(loaded->model, project.model);
        QCOMPARE(loaded->metadata.formatVersion, model::kProjectFormatVersion);
        QCOMPARE(loaded->metadata.appVersion, std::string(model::applicationVersion()));
        QVERIFY(!loaded->metadata.migratedFrom);
        QVERIFY(loaded->metadata.created.isValid());
        QCOMPARE(loaded->metadata.created, loaded->metadata.modified);

        // A second save keeps the creation time and moves the modification time.
        clock.advance();
        project = std::move(loaded).value();
        project.settings.viewState["zoom"] = "2";
        const auto second = model::saveProject(m_path, project);
        QVERIFY2(second.ok(), testing::problems(second).constData());
        QCOMPARE(second->created, first->created);
        QVERIFY(second->modified > first->modified);
        const auto again = model::loadProject(m_path);
        QVERIFY2(again.ok(), testing::problems(again).constData());
        QCOMPARE(again->settings.viewState.at("zoom"), std::string("2"));
        QCOMPARE(again->metadata, *second);
    }

    void textSurvivesExactly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("emoji") << QStringLiteral("Checkout 🛒 at 10× 🚀");
        QTest::newRow("CJK") << QStringLiteral("決済サービス、データベース");
        QTest::newRow("right to left") << QStringLiteral("خدمة الدفع");
        QTest::newRow("combining marks") << QStringLiteral("Cafe\u0301 e\u0308");
        QTest::newRow("SQL and quotes") << QStringLiteral("'); DROP TABLE components; -- \"quoted\" \\");
        QTest::newRow("newlines and tabs") << QStringLiteral("line one\nline two\r\n\ttabbed");
        QTest::newRow("empty") << QString();
        QTest::newRow("100 KB") << QString(100'000, QChar(u'é'));
        QTest::newRow("embedded NUL") << QString::fromUtf16(u"before\u0000after", 12);
    }

    void textSurvivesExactly()
    {
        QFETCH(QString, text);
        const std::string utf8 = text.toStdString();
        model::Project project;
        project.model = testing::generatedModel(5);
        project.model.name = utf8;
        project.model.description = utf8 + utf8;
        project.model.components[1].label = utf8;
        project.model.components[2].notes = utf8;
        project.model.scenarios[0].name = utf8.empty() ? "unnamed" : utf8;
        project.settings.activeScenario = project.model.scenarios[0].name;
        project.settings.viewState[utf8.empty() ? "key" : utf8] = utf8;
        const auto saved = model::saveProject(m_path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.name.size(), utf8.size());
        HR_COMPARE_MODELS(loaded->model, project.model);
        QCOMPARE(loaded->settings, project.settings);
    }

    void fiveThousandComponentsSurvive()
    {
        model::Project project;
        project.model = testing::generatedModel(5000);
        QVERIFY2(engine::validateModel(project.model).ok(), "the generated model must be valid");
        QElapsedTimer timer;
        timer.start();
        const auto saved = model::saveProject(m_path, project);
        const qint64 saveMs = timer.restart();
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto loaded = model::loadProject(m_path);
        const qint64 loadMs = timer.elapsed();
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        QCOMPARE(loaded->model.components.size(), std::size_t{5000});
        HR_COMPARE_MODELS(loaded->model, project.model);
        QCOMPARE(model::writeModelJson(loaded->model), model::writeModelJson(project.model));
        // Timing is the benchmark's job (bench_project); this only shows it.
        qInfo("5,000 components: saved in %lld ms, opened in %lld ms, %lld bytes", saveMs, loadMs,
              QFileInfo(m_path).size());
    }

    void savingOverAProjectReplacesItWhole()
    {
        model::Project first;
        first.model = testing::generatedModel(300);
        QVERIFY(model::saveProject(m_path, first).ok());
        QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        const ino_t before = inode(m_path);
        model::Project second;
        second.model = testing::generatedModel(20, 7);
        second.settings.currency = "GBP";
        const auto saved = model::saveProject(m_path, second);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        HR_COMPARE_MODELS(loaded->model, second.model);
        QCOMPARE(loaded->settings.currency, std::string("GBP"));
        // A new file renamed over the old one (never rewritten page by page, so that no
        // journal is ever left beside it), with the old one's permissions; nothing else left.
        QVERIFY(inode(m_path) != before);
        QCOMPARE(QFile::permissions(m_path),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser |
                     QFileDevice::ReadGroup);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"project.headroom"});
        const QByteArray header = testing::readAll(m_path).left(100);
        QCOMPARE(header[18], kRollbackJournal);
        QCOMPARE(header[19], kRollbackJournal);
    }

    void headerMarksTheFileAsAProject()
    {
        model::Project project;
        project.model = testing::generatedModel(3);
        QVERIFY(model::saveProject(m_path, project).ok());
        QVERIFY(model::isProjectFile(m_path));
        const QByteArray header = testing::readAll(m_path).left(100);
        const auto word = [&](int at) {
            return (static_cast<quint32>(static_cast<unsigned char>(header[at])) << 24) |
                   (static_cast<quint32>(static_cast<unsigned char>(header[at + 1])) << 16) |
                   (static_cast<quint32>(static_cast<unsigned char>(header[at + 2])) << 8) |
                   static_cast<quint32>(static_cast<unsigned char>(header[at + 3]));
        };
        QCOMPARE(word(60), quint32(model::kProjectFormatVersion)); // user_version
        QCOMPARE(word(68), quint32(model::kProjectApplicationId)); // application_id
        // A new file gets the usual permissions, not the temporary file's 0600.
        QVERIFY(QFileInfo(m_path).permissions() & QFileDevice::ReadOwner);
        QVERIFY(QFileInfo(m_path).permissions() & QFileDevice::WriteOwner);
    }

    void isProjectFileLooksAtTheHeaderNotTheName_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("project");
        QTest::newRow("JSON named .headroom") << QByteArray("{\"components\": []}") << "a.headroom" << false;
        QTest::newRow("empty") << QByteArray() << "a.headroom" << false;
        QTest::newRow("magic without its zero") << QByteArray("SQLite format 3") << "a.headroom" << false;
        QTest::newRow("magic named .json") << QByteArray("SQLite format 3\0rest", 20) << "a.json" << true;
    }

    void isProjectFileLooksAtTheHeaderNotTheName()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(bool, project);
        const QString path = m_dir.filePath(name);
        QVERIFY(testing::writeAll(path, bytes));
        QCOMPARE(model::isProjectFile(path), project);
        QVERIFY(!model::isProjectFile(m_dir.filePath(QStringLiteral("missing.headroom"))));
    }

    void aProjectNamedJsonIsStillReadAsAProject()
    {
        model::Project project;
        project.model = readExample(testing::exampleFiles().first());
        const QString path = m_dir.filePath(QStringLiteral("actually-a-project.json"));
        QVERIFY(model::saveProject(path, project).ok());
        const auto loaded = model::loadModelFile(path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        HR_COMPARE_MODELS(*loaded, project.model);
    }

    void loadModelFileReadsProjects()
    {
        for (const QString& example : testing::exampleFiles()) {
            model::Project project;
            project.model = readExample(example);
            QVERIFY(model::saveProject(m_path, project).ok());
            const auto viaProject = model::loadModelFile(m_path);
            QVERIFY2(viaProject.ok(), testing::problems(viaProject).constData());
            const auto viaJson = model::loadModelFile(example);
            QVERIFY2(viaJson.ok(), testing::problems(viaJson).constData());
            HR_COMPARE_MODELS(*viaProject, *viaJson);
        }
    }

    void workInProgressIsSavedAndReopenedForTheEditor()
    {
        // The editor saves models that break the rules (a component just added, without a
        // service time); the command line refuses them, the editor reopens them.
        model::Project project;
        project.model = testing::generatedModel(4);
        project.model.components[1].set(engine::Field::Servers, 0.0);
        project.model.components[2].set(engine::Field::ServiceMs, std::nullopt);
        project.model.links.push_back({"c3", "nowhere", std::nullopt, {}});
        const auto saved = model::saveProject(m_path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());

        const auto enforced = model::loadProject(m_path, model::ModelRules::Enforce);
        QVERIFY(!enforced.ok());
        const std::string where = m_path.toStdString();
        const engine::Issues& issues = enforced.issues();
        const auto has = [&](const std::string& message) {
            return std::find(issues.begin(), issues.end(), engine::Issue{engine::Subject::file(where), message}) !=
                   issues.end();
        };
        QVERIFY2(has("component 'c1': servers: must be an integer from 1 to 10000000, got 0"), joined(issues).constData());
        QVERIFY2(has("component 'c2': service_ms: required: the mean service time of one visit, in ms (above 0)"),
                 joined(issues).constData());
        QVERIFY2(has("link c3 -> nowhere: 'nowhere' is not a component of this model"), joined(issues).constData());

        const auto reported = model::loadProject(m_path, model::ModelRules::Report);
        QVERIFY2(reported.ok(), testing::problems(reported).constData());
        HR_COMPARE_MODELS(reported->model, project.model);
    }

    void whatCouldNotBeReadBackIsNotSaved_data()
    {
        QTest::addColumn<int>("defect");
        QTest::addColumn<QString>("message");
        QTest::newRow("NaN field") << 0 << "component 'c1': service_ms: must be a finite number, got not a number";
        QTest::newRow("infinite field") << 1 << "component 'c1': x: must be a finite number, got infinity";
        QTest::newRow("label not UTF-8") << 2 << "component 'c2': label: is not valid UTF-8 text";
        QTest::newRow("target utilization 0")
            << 3 << "settings: target_utilization: must be a number above 0 and at most 1, got 0";
        QTest::newRow("empty currency") << 4 << "settings: currency: must be 1 to 16 printable characters, such as USD";
        QTest::newRow("infinite link calls") << 5 << "links row 0: calls: must be a finite number, got infinity";
        QTest::newRow("view state not UTF-8") << 6 << "view_state: zoom: is not valid UTF-8 text";
    }

    void whatCouldNotBeReadBackIsNotSaved()
    {
        QFETCH(int, defect);
        QFETCH(QString, message);
        model::Project project;
        project.model = testing::generatedModel(4);
        constexpr double kInf = std::numeric_limits<double>::infinity();
        switch (defect) {
        case 0:
            project.model.components[1].set(engine::Field::ServiceMs, std::nan(""));
            break;
        case 1:
            project.model.components[1].set(engine::Field::X, kInf);
            break;
        case 2:
            project.model.components[2].label = "\xff\xfe";
            break;
        case 3:
            project.settings.targetUtilization = 0.0;
            break;
        case 4:
            project.settings.currency.clear();
            break;
        case 5:
            project.model.links[0].set(engine::LinkField::Calls, kInf);
            break;
        default:
            project.settings.viewState["zoom"] = "\xc3";
            break;
        }
        const auto saved = model::saveProject(m_path, project);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.issues().size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(saved.issues().front().message), message);
        QCOMPARE(engine::subjectText(saved.issues().front().subject), m_path.toStdString());
        QVERIFY(!QFileInfo::exists(m_path));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void savingOverAFileThatIsNotAProjectReplacesIt()
    {
        QVERIFY(testing::writeAll(m_path, "not a project, but the user chose to replace it"));
        QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ReadGroup));
        model::Project project;
        project.model = testing::generatedModel(10);
        const auto saved = model::saveProject(m_path, project);
        QVERIFY2(saved.ok(), testing::problems(saved).constData());
        const auto loaded = model::loadProject(m_path);
        QVERIFY2(loaded.ok(), testing::problems(loaded).constData());
        HR_COMPARE_MODELS(loaded->model, project.model);
        QCOMPARE(QFileInfo(m_path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions(QFileDevice::ReadGroup));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"project.headroom"});
    }

    void savingToAFolderIsRefused()
    {
        const auto saved = model::saveProject(m_dir.path(), model::Project{});
        QVERIFY(!saved.ok());
        QCOMPARE(saved.issues().front().message, std::string("is a folder: the project was not saved"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestProjectFile)
#include "tst_project_file.moc"
