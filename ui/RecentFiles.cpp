// SPDX-License-Identifier: MIT
#include "RecentFiles.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QSettings>
#include <QtGui/QAction>
#include <QtWidgets/QMenu>

namespace headroom::ui {

namespace {

const QLatin1String kKey("recentFiles");

QString absolute(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

RecentFiles::RecentFiles(QObject* parent) : QObject(parent)
{
}

QStringList RecentFiles::files() const
{
    return QSettings().value(kKey).toStringList().mid(0, kMaximum);
}

void RecentFiles::add(const QString& path)
{
    const QString file = absolute(path);
    QStringList list = files();
    list.removeAll(file);
    list.prepend(file);
    store(list.mid(0, kMaximum));
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = files();
    list.removeAll(absolute(path));
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

QStringList RecentFiles::removeMissing()
{
    QStringList kept;
    QStringList missing;
    for (const QString& file : files())
        (QFileInfo::exists(file) ? kept : missing) << file;
    if (!missing.isEmpty())
        store(kept);
    return missing;
}

void RecentFiles::attach(QMenu* menu)
{
    // Filled when it opens (only then), so that a file deleted meanwhile is noticed and said
    // there, not on clicking it.
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fill(menu); });
}

void RecentFiles::fill(QMenu* menu)
{
    menu->clear();
    const QStringList missing = removeMissing();
    const QStringList list = files();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString& file = list[i];
        // &1 ... &9, then 1&0: the usual mnemonics of a recent-files menu.
        const QString number = i < 9 ? QStringLiteral("&%1").arg(i + 1) : QStringLiteral("1&0");
        QAction* action = menu->addAction(QStringLiteral("%1  %2").arg(number, QFileInfo(file).fileName()));
        action->setData(file);
        action->setToolTip(QDir::toNativeSeparators(file));
        action->setStatusTip(QDir::toNativeSeparators(file));
        connect(action, &QAction::triggered, this, [this, file] { emit openRequested(file); });
    }
    if (!missing.isEmpty()) {
        QStringList names;
        for (const QString& file : missing)
            names << QFileInfo(file).fileName();
        QAction* note = menu->addAction(tr("Removed, no longer found: %1").arg(names.join(QLatin1String(", "))));
        note->setObjectName(QStringLiteral("recentMissingNote"));
        note->setEnabled(false);
    }
    if (list.isEmpty() && missing.isEmpty())
        menu->addAction(tr("No recent files"))->setEnabled(false);
    menu->addSeparator();
    QAction* clearAction = menu->addAction(tr("&Clear Recent"));
    clearAction->setObjectName(QStringLiteral("actionClearRecent"));
    clearAction->setEnabled(!list.isEmpty());
    connect(clearAction, &QAction::triggered, this, &RecentFiles::clear);
}

void RecentFiles::store(const QStringList& files)
{
    QSettings().setValue(kKey, files);
}

} // namespace headroom::ui
