// SPDX-License-Identifier: MIT
// File > New from Template: one architecture per playbook stage, in stage order, each
// with the stage's note and a preview; Create opens a document equal to the example
// model, Cancel leaves the document alone.
#include "Examples.h"
#include "MainWindow.h"
#include "ModelDiff.h"
#include "advisor/TemplateGallery.h"

#include "document/Document.h"
#include "engine/StageDetection.h"
#include "io/ModelFile.h"
#include "io/ModelJson.h"

#include <QtCore/QTimer>
#include <QtGui/QAction>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenu>
#include <QtWidgets/QPushButton>

using namespace headroom;

class TestTemplateGallery : public QObject {
    Q_OBJECT

private:
    /// Runs File > New from Template and, inside its modal loop, picks row `index`
    /// and presses Create (or Cancel).
    static void chooseTemplate(ui::MainWindow& window, int index, bool create)
    {
        QTimer::singleShot(0, [index, create] {
            auto* gallery = qobject_cast<ui::TemplateGallery*>(QApplication::activeModalWidget());
            QVERIFY(gallery);
            gallery->select(index);
            if (create)
                QTest::mouseClick(gallery->createButton(), Qt::LeftButton);
            else
                gallery->reject();
        });
        window.findChild<QAction*>(QStringLiteral("actionNewFromTemplate"))->trigger();
    }

private slots:
    void oneTemplatePerStageInOrder()
    {
        ui::TemplateGallery gallery;
        const auto& templates = gallery.templates();
        QCOMPARE(templates.size(), ui::examples::bundled().size());
        QVERIFY(templates.size() >= engine::kLastStage + 1);
        for (int stage = 0; stage <= engine::kLastStage; ++stage) {
            const auto& t = templates[stage];
            QVERIFY2(t.stageExample, qPrintable(t.path));
            QCOMPARE(t.stage, stage);
            QVERIFY(t.title.startsWith(QStringLiteral("Stage %1 \u00b7 ").arg(stage)));
            QVERIFY(!t.description.isEmpty());
            gallery.select(stage);
            const QString details = gallery.findChild<QLabel*>(QStringLiteral("templateDetails"))->text();
            QVERIFY(details.contains(QStringLiteral("What to watch")));
            QVERIFY(!gallery.findChild<QLabel*>(QStringLiteral("templatePreview"))->pixmap().isNull());
        }
        for (qsizetype i = engine::kLastStage + 1; i < templates.size(); ++i)
            QVERIFY(!templates[i].stageExample); // the load test comes after the stages
    }

    void createMakesADocumentEqualToTheExample()
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const ui::TemplateGallery gallery;
        for (int i = 0; i < gallery.templates().size(); ++i) {
            const QString path = gallery.templates()[i].path;
            chooseTemplate(window, i, true);
            const auto example = model::loadModelFile(path);
            QVERIFY(example.ok());
            QCOMPARE(model::writeModelJson(window.document()->model()), model::writeModelJson(*example));
            HR_COMPARE_MODELS(window.document()->model(), *example);
            QVERIFY(window.currentFile().isEmpty()); // saved under a new name
            QVERIFY(window.document()->undoStack()->isClean());
        }
    }

    void cancelLeavesTheDocumentAlone()
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QByteArray before = model::writeModelJson(window.document()->model());
        chooseTemplate(window, 3, false);
        QCOMPARE(model::writeModelJson(window.document()->model()), before);
    }

    void theExamplesMenuIsGone()
    {
        // One way to start from an example: the gallery replaces the old submenu.
        ui::MainWindow window;
        QVERIFY(!window.findChild<QMenu*>(QStringLiteral("examplesMenu")));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("actionNewFromTemplate")));
    }
};

QTEST_MAIN(TestTemplateGallery)
#include "tst_template_gallery.moc"
