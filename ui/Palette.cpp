// SPDX-License-Identifier: MIT
#include "Palette.h"

#include "Format.h"
#include "IconLibrary.h"

#include "document/Clipboard.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtGui/QKeyEvent>
#include <QtCore/QMimeData>

namespace headroom::ui {

namespace {

constexpr int kKindRole = Qt::UserRole + 1;
constexpr int kDbRole = Qt::UserRole + 2; ///< -1 none, else engine::DatabaseRole

struct Entry {
    engine::ComponentKind kind;
    std::optional<engine::DatabaseRole> role;
    const char* hint;
};

// The order a system is usually drawn in: traffic enters on the left.
const Entry kEntries[] = {
    {engine::ComponentKind::Clients, {}, QT_TR_NOOP("Where traffic comes from: a request rate, or users with a think time")},
    {engine::ComponentKind::Cdn, {}, QT_TR_NOOP("Edge cache: answers its hit ratio, passes the rest on")},
    {engine::ComponentKind::LoadBalancer, {}, QT_TR_NOOP("Spreads requests over the next tier")},
    {engine::ComponentKind::WebServer, {}, QT_TR_NOOP("Serves pages and static files")},
    {engine::ComponentKind::AppServer, {}, QT_TR_NOOP("Runs the application: servers are its worker threads or cores")},
    {engine::ComponentKind::Cache, {}, QT_TR_NOOP("Redis, Memcached: answers its hit ratio, passes misses on")},
    {engine::ComponentKind::Database, engine::DatabaseRole::Primary, QT_TR_NOOP("Takes every write; replicates to replicas")},
    {engine::ComponentKind::Database, engine::DatabaseRole::Replica, QT_TR_NOOP("Serves reads; applies the primary's writes")},
    {engine::ComponentKind::Queue, {}, QT_TR_NOOP("Asynchronous jobs: its servers are the workers")},
    {engine::ComponentKind::Worker, {}, QT_TR_NOOP("Background processing")},
    {engine::ComponentKind::External, {}, QT_TR_NOOP("A third-party API with a fixed latency; never queues")},
    {engine::ComponentKind::Station, {}, QT_TR_NOOP("A generic queueing station")},
};

} // namespace

Palette::Palette(QWidget* parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("palette"));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(32, 32));
    setSpacing(1);
    setUniformItemSizes(true);
    for (const Entry& entry : kEntries) {
        auto* item = new QListWidgetItem(icons::icon(entry.kind, entry.role), format::kindTitle(entry.kind, entry.role), this);
        if (entry.kind != engine::ComponentKind::Database)
            item->setText(format::text(engine::kindTitle(entry.kind)));
        item->setData(kKindRole, static_cast<int>(entry.kind));
        item->setData(kDbRole, entry.role ? static_cast<int>(*entry.role) : -1);
        item->setToolTip(tr(entry.hint) + tr("\nDrag onto the canvas, or double-click to add."));
        item->setSizeHint(QSize(0, 40));
    }
    connect(this, &QListWidget::itemActivated, this, &Palette::requestAdd);
}

int Palette::rowOf(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role) const
{
    for (int row = 0; row < count(); ++row) {
        const QListWidgetItem* it = item(row);
        const int dbRole = it->data(kDbRole).toInt();
        if (it->data(kKindRole).toInt() == static_cast<int>(kind) &&
            (kind != engine::ComponentKind::Database ||
             dbRole == static_cast<int>(role.value_or(engine::DatabaseRole::Primary))))
            return row;
    }
    return -1;
}

std::unique_ptr<QMimeData> Palette::mimeDataForRow(int row) const
{
    const QListWidgetItem* it = item(row);
    if (!it)
        return nullptr;
    QJsonObject payload;
    const auto kind = static_cast<engine::ComponentKind>(it->data(kKindRole).toInt());
    payload.insert(QStringLiteral("kind"), format::text(engine::kindName(kind)));
    if (const int role = it->data(kDbRole).toInt(); role >= 0)
        payload.insert(QStringLiteral("role"), format::text(engine::roleName(static_cast<engine::DatabaseRole>(role))));
    auto mime = std::make_unique<QMimeData>();
    mime->setData(QString::fromLatin1(model::kComponentMimeType), QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return mime;
}

QStringList Palette::mimeTypes() const
{
    return {QString::fromLatin1(model::kComponentMimeType)};
}

QMimeData* Palette::mimeData(const QList<QListWidgetItem*>& items) const
{
    // QAbstractItemView::startDrag hands this to the QDrag, which owns it.
    if (items.isEmpty())
        return nullptr;
    return mimeDataForRow(row(items.front())).release();
}

void Palette::requestAdd(QListWidgetItem* item)
{
    const auto kind = static_cast<engine::ComponentKind>(item->data(kKindRole).toInt());
    const int role = item->data(kDbRole).toInt();
    emit addRequested(kind, role >= 0 ? std::optional(static_cast<engine::DatabaseRole>(role)) : std::nullopt);
}

} // namespace headroom::ui
