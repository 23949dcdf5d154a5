// SPDX-License-Identifier: MIT
// Long text in the real window (issue 15): a 5 MB description (and megabyte names, labels,
// notes, scenario names and ids) opens in the editor without any widget laying the whole
// text out. A QLabel sized to 5 MB of wrapped text once took minutes and gigabytes: now
// every label, title, button, combo box, tool tip and diagram text holds a short,
// elided text, a long description is shown in a scrolling view of its start, and the
// document keeps every character. The time each case takes is printed, not asserted
// (timing belongs to benchmarks); a regression shows as a test that runs into its timeout.
#include "DocumentFixtures.h"
#include "UiTestSupport.h"

#include "DiagramScene.h"
#include "Format.h"
#include "Inspector.h"
#include "MainWindow.h"

#include "document/Document.h"
#include "io/ModelJson.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QAbstractButton>
#include <QtWidgets/QAbstractItemView>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QGraphicsItem>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QTextEdit>

using namespace headroom;

namespace {

constexpr qsizetype kFiveMegabytes = 5 * 1024 * 1024;
constexpr qsizetype kOneMegabyte = 1024 * 1024;

/// Text of `size` bytes that wraps like prose (words, no line breaks).
std::string prose(qsizetype size, char seed)
{
    std::string text;
    text.reserve(static_cast<std::size_t>(size));
    const std::string word = std::string("capacity ") + seed + "planning ";
    while (static_cast<qsizetype>(text.size()) + static_cast<qsizetype>(word.size()) <= size)
        text += word;
    text.resize(static_cast<std::size_t>(size), 'x');
    return text;
}

/// The most characters a widget may lay out: a short text, or rich text made of a few.
constexpr qsizetype kMostLaidOut = 4 * ui::format::kMostMessageCharacters;
/// What a scrolling view of a long description may hold.
constexpr qsizetype kMostInTheDescriptionView = 20'000 + 100;

} // namespace

class TestLongText : public QObject {
    Q_OBJECT

private slots:
    void opensWithoutLayingOutTheWholeText_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("a 5 MB description") << "description" << kFiveMegabytes;
        QTest::newRow("a 1 MB model name") << "name" << kOneMegabyte;
        QTest::newRow("a 1 MB label") << "label" << kOneMegabyte;
        QTest::newRow("a 1 MB note") << "notes" << kOneMegabyte;
        QTest::newRow("a 1 MB scenario name") << "scenario" << kOneMegabyte;
        QTest::newRow("a 1 MB id (invalid: shown with its error)") << "id" << kOneMegabyte;
        QTest::newRow("all of them at once") << "all" << kOneMegabyte;
    }

    void opensWithoutLayingOutTheWholeText()
    {
        QFETCH(QString, field);
        QFETCH(qsizetype, size);
        const bool all = field == QLatin1String("all");
        engine::Model model = testing::webModel();
        const std::string text = prose(size, 'a');
        if (all || field == QLatin1String("description"))
            model.description = prose(all ? kFiveMegabytes : size, 'd');
        if (all || field == QLatin1String("name"))
            model.name = text;
        if (all || field == QLatin1String("label"))
            model.components[2].label = prose(size, 'l');
        if (all || field == QLatin1String("notes"))
            model.components[2].notes = prose(size, 'n');
        if (all || field == QLatin1String("scenario"))
            model.scenarios.push_back({prose(size, 's'), 2.0, {}, {}});
        std::string longId;
        if (all || field == QLatin1String("id")) {
            longId = std::string(static_cast<std::size_t>(size), 'i');
            for (engine::Link& link : model.links) {
                if (link.from == model.components[1].id)
                    link.from = longId;
                if (link.to == model.components[1].id)
                    link.to = longId;
            }
            model.components[1].id = longId;
        }

        QElapsedTimer timer;
        timer.start();
        auto window = std::make_unique<ui::MainWindow>();
        window->resize(1366, 768);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QString path = m_dir.filePath(QStringLiteral("long.json"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray json = model::writeModelJson(model);
            QCOMPARE(file.write(json), json.size());
        }
        QString error;
        QVERIFY2(window->openFile(path, &error), qPrintable(error));
        QCoreApplication::processEvents();
        const qint64 opened = timer.elapsed();
        // Every character is kept.
        QCOMPARE(window->document()->model(), model);

        checkNothingLong(window.get(), "after opening");
        // The component with the long label and notes, then the one with the long id, in the inspector.
        timer.restart();
        QVERIFY(window->selectComponent(QString::fromStdString(model.components[2].id)));
        QCoreApplication::processEvents();
        checkNothingLong(window.get(), "with the long label selected");
        if (!longId.empty()) {
            QVERIFY(window->selectComponent(QString::fromStdString(longId)));
            QCoreApplication::processEvents();
            checkNothingLong(window.get(), "with the long id selected");
        }
        window->scene()->clearSelection();
        QCoreApplication::processEvents();
        checkNothingLong(window.get(), "with nothing selected");
        if (field == QLatin1String("description") || all) {
            const auto* view = window->findChild<QPlainTextEdit*>(QStringLiteral("descriptionView"));
            QVERIFY(view);
            QVERIFY(view->toPlainText().startsWith(QString::fromStdString(model.description.substr(0, 1000))));
            QVERIFY(window->findChild<QLabel*>(QStringLiteral("descriptionNote")));
        }
        qInfo("%s: opened in %lld ms, selections shown in %lld ms", QTest::currentDataTag(), opened, timer.elapsed());
    }

private:
    /// Fails when a widget, a tool tip or a diagram item holds more text than a short one.
    void checkNothingLong(ui::MainWindow* window, const char* when)
    {
        const auto tooLong = [&](const QString& what, const QString& text, qsizetype most) {
            if (text.size() > most)
                QFAIL(qPrintable(QStringLiteral("%1: %2 holds %3 characters").arg(QLatin1String(when), what).arg(text.size())));
        };
        tooLong(QStringLiteral("the window title"), window->windowTitle(), kMostLaidOut);
        for (const QWidget* widget : window->findChildren<QWidget*>()) {
            const QString name = QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName();
            tooLong(name + QStringLiteral(" tool tip"), widget->toolTip(), kMostLaidOut);
            if (const auto* label = qobject_cast<const QLabel*>(widget))
                tooLong(name, label->text(), kMostLaidOut);
            if (const auto* button = qobject_cast<const QAbstractButton*>(widget))
                tooLong(name, button->text(), kMostLaidOut);
            if (const auto* combo = qobject_cast<const QComboBox*>(widget)) {
                for (int i = 0; i < combo->count(); ++i)
                    tooLong(name + QStringLiteral(" item"), combo->itemText(i), kMostLaidOut);
            }
            if (const auto* view = qobject_cast<const QPlainTextEdit*>(widget); view && view->isReadOnly())
                tooLong(name, view->toPlainText(), kMostInTheDescriptionView);
            if (const auto* edit = qobject_cast<const QTextEdit*>(widget))
                tooLong(name, edit->toPlainText(), kMostLaidOut);
            if (const auto* view = qobject_cast<const QAbstractItemView*>(widget); view && view->model()) {
                const QAbstractItemModel* model = view->model();
                for (int row = 0; row < model->rowCount(); ++row) {
                    for (int column = 0; column < model->columnCount(); ++column) {
                        const QModelIndex index = model->index(row, column);
                        tooLong(name + QStringLiteral(" cell"), index.data(Qt::DisplayRole).toString(), kMostLaidOut);
                        tooLong(name + QStringLiteral(" cell tool tip"), index.data(Qt::ToolTipRole).toString(),
                                kMostLaidOut);
                    }
                }
            }
        }
        for (const QGraphicsItem* item : window->scene()->items())
            tooLong(QStringLiteral("a diagram item's tool tip"), item->toolTip(), kMostLaidOut);
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestLongText)
#include "tst_long_text.moc"
