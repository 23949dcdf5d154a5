// SPDX-License-Identifier: MIT
#include "IconLibrary.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtGui/QPainter>
#include <QtGui/QPixmap>
#include <QtCore/QPointer>
#include <QtSvg/QSvgRenderer>

namespace headroom::ui::icons {

namespace {

constexpr int kDiagramImageSize = 128;

QImage render(const QString& path, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(path);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    return image;
}

/// Rendered icons, owned by the application object so that they go before it does.
class Cache : public QObject {
public:
    using QObject::QObject;
    QHash<QString, QIcon> icons;
    QHash<QString, QImage> images;

    static Cache& instance()
    {
        static QPointer<Cache> cache;
        if (!cache)
            cache = new Cache(QCoreApplication::instance());
        return *cache;
    }
};

QIcon iconFrom(const QString& path)
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128})
        icon.addPixmap(QPixmap::fromImage(render(path, size)));
    return icon;
}

QIcon cachedIcon(const QString& path)
{
    auto& icons = Cache::instance().icons;
    auto it = icons.find(path);
    if (it == icons.end())
        it = icons.insert(path, iconFrom(path));
    return *it;
}

} // namespace

QString iconPath(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role)
{
    if (kind == engine::ComponentKind::Database && role == engine::DatabaseRole::Replica)
        return QStringLiteral(":/icons/database_replica.svg");
    const std::string_view name = engine::kindName(kind);
    return QStringLiteral(":/icons/%1.svg").arg(QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())));
}

QIcon icon(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role)
{
    return cachedIcon(iconPath(kind, role));
}

const QImage& diagramImage(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role)
{
    auto& images = Cache::instance().images;
    const QString path = iconPath(kind, role);
    auto it = images.find(path);
    if (it == images.end())
        it = images.insert(path, render(path, kDiagramImageSize));
    return *it;
}

QIcon appIcon()
{
    return cachedIcon(QStringLiteral(":/icons/headroom.svg"));
}

} // namespace headroom::ui::icons
