// SPDX-License-Identifier: MIT
#include "Examples.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace headroom::ui::examples {

namespace {

const QString kFolder = QStringLiteral(":/examples");
const QString kStartup = QStringLiteral("stage4-load-balancing.json");

} // namespace

QList<Example> bundled()
{
    QList<Example> out;
    const QDir dir(kFolder);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        Example example;
        example.path = dir.filePath(name);
        QFile file(example.path);
        if (file.open(QIODevice::ReadOnly))
            example.title = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("name")).toString();
        if (example.title.isEmpty())
            example.title = QFileInfo(name).completeBaseName();
        out.append(example);
    }
    return out;
}

QString startupExample()
{
    const QString preferred = QDir(kFolder).filePath(kStartup);
    if (QFileInfo::exists(preferred))
        return preferred;
    const QList<Example> all = bundled();
    return all.isEmpty() ? QString() : all.front().path;
}

} // namespace headroom::ui::examples
