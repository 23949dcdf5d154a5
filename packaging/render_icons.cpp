// SPDX-License-Identifier: MIT
// headroom-render-icons: renders the application's SVG icon to the hicolor PNG sizes at build
// time, so that the package's PNGs always match the SVG and no binary is committed.
//   headroom-render-icons SVG OUTDIR NAME SIZE...
// writes OUTDIR/<SIZE>x<SIZE>/apps/NAME.png for every SIZE.
#include <QtCore/QDir>
#include <QtCore/QStringList>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtSvg/QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv)
{
    // No display at build time: the offscreen platform is enough for painting on an image.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: headroom-render-icons SVG OUTDIR NAME SIZE...\n");
        return 2;
    }
    const QString svg = args.at(1);
    const QString outDir = args.at(2);
    const QString name = args.at(3);

    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "error: %s: not a valid SVG\n", qPrintable(svg));
        return 2;
    }
    for (qsizetype i = 4; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size < 1 || size > 4096) {
            std::fprintf(stderr, "error: %s: not an icon size (1 to 4096)\n", qPrintable(args.at(i)));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(outDir).arg(size);
        if (!QDir().mkpath(dir)) {
            std::fprintf(stderr, "error: %s: cannot create the folder\n", qPrintable(dir));
            return 1;
        }
        const QString out = QStringLiteral("%1/%2.png").arg(dir, name);
        if (!image.convertToFormat(QImage::Format_ARGB32).save(out, "PNG")) {
            std::fprintf(stderr, "error: %s: cannot write the PNG\n", qPrintable(out));
            return 1;
        }
    }
    return 0;
}
