// SPDX-License-Identifier: MIT
// File > Open Recent (RecentFiles): most recent first, no duplicates, at most ten, kept in
// QSettings; files that are gone are dropped with a note when the menu opens; "Clear Recent";
// opening and saving in the editor put the file first, and choosing one opens it.

#include "DocumentFixtures.h"
#include "ModelFiles.h"

#include "MainWindow.h"
#include "ProjectActions.h"
#include "RecentFiles.h"

#include "document/Document.h"
#include "io/ModelJson.h"

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QMenu>

#include <memory>

using namespace headroom;

class TestRecentFiles : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString touch(const QString& name)
    {
        return testing::writeModelFile(m_dir.filePath(name), testing::webModel());
    }

    static QStringList fileActions(QMenu* menu)
    {
        emit menu->aboutToShow();
        QStringList files;
        for (const QAction* action : menu->actions())
            if (!action->data().toString().isEmpty())
                files << action->data().toString();
        return files;
    }

private slots:
    void initTestCase()
    {
        // Never the user's own list: a test organisation, under the test-mode folders.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HeadroomTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_recent_files"));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        QSettings().clear();
    }

    void mostRecentFirstWithoutDuplicates_data()
    {
        QTest::addColumn<QStringList>("added");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("one") << QStringList{"a"} << QStringList{"a"};
        QTest::newRow("newest first") << QStringList{"a", "b", "c"} << QStringList{"c", "b", "a"};
        QTest::newRow("again moves it up") << QStringList{"a", "b", "a"} << QStringList{"a", "b"};
        QStringList twelve;
        for (int i = 1; i <= 12; ++i)
            twelve << QStringLiteral("f%1").arg(i);
        QStringList lastTen;
        for (int i = 12; i >= 3; --i)
            lastTen << QStringLiteral("f%1").arg(i);
        QTest::newRow("at most ten") << twelve << lastTen;
    }

    void mostRecentFirstWithoutDuplicates()
    {
        QFETCH(QStringList, added);
        QFETCH(QStringList, expected);
        ui::RecentFiles recent;
        for (const QString& name : added)
            recent.add(m_dir.filePath(name + QStringLiteral(".headroom")));
        QStringList names;
        for (const QString& file : recent.files())
            names << QFileInfo(file).completeBaseName();
        QCOMPARE(names, expected);
        QCOMPARE(ui::RecentFiles().files(), recent.files()); // in QSettings, shared by every window
    }

    void missingFilesAreDroppedWithANote()
    {
        const QString kept = touch(QStringLiteral("kept.json"));
        const QString gone = touch(QStringLiteral("gone.json"));
        ui::RecentFiles recent;
        recent.add(kept);
        recent.add(gone);
        QFile::remove(gone);
        QMenu menu;
        recent.attach(&menu);
        QCOMPARE(fileActions(&menu), QStringList{kept});
        const auto* note = menu.findChild<QAction*>(QStringLiteral("recentMissingNote"));
        QVERIFY(note);
        QVERIFY(!note->isEnabled());
        QVERIFY(note->text().contains(QStringLiteral("gone.json")));
        QCOMPARE(recent.files(), QStringList{kept});
        // Said once: the next time the menu opens there is nothing to say.
        QCOMPARE(fileActions(&menu), QStringList{kept});
        QVERIFY(!menu.findChild<QAction*>(QStringLiteral("recentMissingNote")));
    }

    void clearRecentEmptiesTheList()
    {
        ui::RecentFiles recent;
        recent.add(touch(QStringLiteral("a.json")));
        QMenu menu;
        recent.attach(&menu);
        emit menu.aboutToShow();
        auto* clear = menu.findChild<QAction*>(QStringLiteral("actionClearRecent"));
        QVERIFY(clear);
        QVERIFY(clear->isEnabled());
        clear->trigger();
        QVERIFY(recent.files().isEmpty());
        QVERIFY(fileActions(&menu).isEmpty());
        QVERIFY(!menu.findChild<QAction*>(QStringLiteral("actionClearRecent"))->isEnabled());
    }

    void theEditorListsWhatItOpensAndSavesAndOpensWhatIsChosen()
    {
        ui::MainWindow window;
        auto* menu = window.findChild<QMenu*>(QStringLiteral("recentMenu"));
        QVERIFY(menu);
        const QString first = touch(QStringLiteral("first.json"));
        QVERIFY(window.openFile(first));
        const QString saved = m_dir.filePath(QStringLiteral("saved.headroom"));
        QVERIFY(window.saveTo(saved));
        QCOMPARE(fileActions(menu), (QStringList{saved, first}));
        const QString example = QStringLiteral(":/examples/stage4-load-balancing.json");
        if (QFileInfo::exists(example)) {
            QVERIFY(window.openFile(example));
            QCOMPARE(fileActions(menu), (QStringList{saved, first})); // a bundled example is not a file to list
        }

        window.newDocument();
        for (QAction* action : menu->actions())
            if (action->data().toString() == first)
                action->trigger();
        QCOMPARE(window.currentFile(), first);
        QCOMPARE(window.document()->componentIds().size(), qsizetype(testing::webModel().components.size()));
        QCOMPARE(fileActions(menu), (QStringList{first, saved}));
    }

    void aRecentFileThatIsGoneIsDroppedWhenChosen()
    {
        ui::MainWindow window;
        QStringList errors;
        window.projectActions()->prompts().error = [&](const QString&, const QString& text) { errors << text; };
        const QString gone = touch(QStringLiteral("gone.json"));
        window.projectActions()->recentFiles()->add(gone);
        QFile::remove(gone);
        window.projectActions()->openRecent(gone);
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.front().contains(QStringLiteral("gone.json")));
        QVERIFY(window.projectActions()->recentFiles()->files().isEmpty());
        QVERIFY(window.currentFile().isEmpty());
    }
};

QTEST_MAIN(TestRecentFiles)
#include "tst_recent_files.moc"
