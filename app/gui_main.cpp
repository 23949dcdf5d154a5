// SPDX-License-Identifier: MIT
// headroom: the diagram editor.
//   headroom [FILE]                     opens FILE, or a bundled example
//   headroom --screenshot OUT.png [FILE] renders the main window to a PNG and exits
//   --select ID                         selects a component first (for documentation shots)
//   --dock, --multiplier, --what-if ... the charts and the what-if layer (ui/AnalysisOptions.h)
#include "AnalysisOptions.h"
#include "Examples.h"
#include "IconLibrary.h"
#include "MainWindow.h"
#include "ProjectActions.h"

#include "project/AtomicReplace.h"
#include "project/Project.h"

#include <QtWidgets/QApplication>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtCore/QBuffer>
#include <QtCore/QCommandLineParser>
#include <QtGui/QImage>
#include <QtCore/QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Headroom"));
    QApplication::setOrganizationDomain(QStringLiteral("headroom.github.io"));
    QApplication::setApplicationName(QStringLiteral("headroom"));
    QApplication::setApplicationDisplayName(QStringLiteral("Headroom"));
    QApplication::setApplicationVersion(QString::fromStdString(std::string(headroom::model::applicationVersion())));
    // The installed desktop entry's id (packaging/), so that Wayland and the desktop match the
    // window to its entry, icon and file associations.
    QGuiApplication::setDesktopFileName(QStringLiteral(HEADROOM_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Draw an architecture and see every component's load as you edit."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the main window to <png> and exit."),
                                        QStringLiteral("png"));
    parser.addOption(screenshot);
    const QCommandLineOption select(QStringLiteral("select"),
                                    QStringLiteral("Select the component <id> (shown in the inspector)."),
                                    QStringLiteral("id"));
    parser.addOption(select);
    headroom::ui::addAnalysisOptions(parser);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A model (.json) or project (.headroom) to open."), QStringLiteral("[file]"));
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "error: one model file at most\n");
        return 2;
    }

    headroom::ui::MainWindow window;
    QApplication::setWindowIcon(headroom::ui::icons::appIcon());
    QMenu* help = window.menuBar()->addMenu(QApplication::translate("main", "&Help"));
    help->addAction(QApplication::translate("main", "&About Headroom"), &window, [&window, &parser] {
        QMessageBox::about(&window, QApplication::translate("main", "About Headroom"),
                           QStringLiteral("<h3>Headroom %1</h3><p>%2</p>")
                               .arg(QApplication::applicationVersion(), parser.applicationDescription().toHtmlEscaped()));
    });
    help->addAction(QApplication::translate("main", "About &Qt"), &window, [] { QApplication::aboutQt(); });
    const QString file = parser.positionalArguments().value(0, headroom::ui::examples::startupExample());
    if (!file.isEmpty()) {
        QString error;
        if (!window.openFile(file, &error)) {
            std::fprintf(stderr, "error: %s\n", qPrintable(error.replace(QLatin1Char('\n'), QStringLiteral("\nerror: "))));
            return 2;
        }
    }

    if (parser.isSet(select) && !window.selectComponent(parser.value(select))) {
        std::fprintf(stderr, "error: --select: no component '%s' in the model\n", qPrintable(parser.value(select)));
        return 2;
    }
    if (const auto problem = headroom::ui::applyAnalysisOptions(parser, window)) {
        std::fprintf(stderr, "error: %s\n", qPrintable(*problem));
        return 2;
    }

    if (parser.isSet(screenshot)) {
        window.resize(1600, 1000);
        window.show();
        const QImage image = headroom::ui::analysisScreenshot(parser, window);
        const QString out = parser.value(screenshot);
        QBuffer png;
        png.open(QIODevice::WriteOnly);
        if (!image.save(&png, "PNG")) {
            std::fprintf(stderr, "error: %s: cannot draw the screenshot\n", qPrintable(out));
            return 1;
        }
        if (const auto failure = headroom::model::writeFileAtomically(out, png.data())) {
            std::fprintf(stderr, "error: %s: %s\n", qPrintable(out), failure->c_str());
            return 1;
        }
        return 0;
    }

    window.show();
    // Once the window is up; never in --screenshot runs, which have returned above.
    QTimer::singleShot(0, &window, [&window] { window.projectActions()->offerRecovery(); });
    return app.exec();
}
