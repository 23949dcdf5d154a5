// SPDX-License-Identifier: MIT
#include "ModelFile.h"

#include "ModelJson.h"
#include "RegularFile.h"

#include "project/ProjectFile.h"

#include <QFileInfo>

namespace headroom::model {

engine::Checked<engine::Model> loadModelFile(const QString& path)
{
    auto project = loadModelOrProject(path, ModelRules::Enforce);
    if (!project)
        return project.issues();
    return std::move(project).value().model;
}

engine::Checked<Project> loadModelOrProject(const QString& path, ModelRules rules)
{
    const engine::Subject where = engine::Subject::file(path.toStdString());
    const QFileInfo info(path);
    if (!info.exists())
        return engine::Issue{where, "no such file"};
    if (info.isDir())
        return engine::Issue{where, "is a folder, not a model file"};
    // A project is recognised by SQLite's header, whatever its name; a .headroom file that is
    // not one gets the project reader's words for what it is instead.
    if (isProjectFile(path) || info.suffix().compare(QLatin1String("headroom"), Qt::CaseInsensitive) == 0) {
        return loadProject(path, rules);
    }
    if (info.isFile() && info.size() > kMaxModelFileBytes)
        return engine::Issue{where, "the file is " + std::to_string(info.size()) + " bytes; models larger than " +
                                        std::to_string(kMaxModelFileBytes) + " bytes (64 MiB) are refused"};
    const auto bytes = readRegularFile(path, kMaxModelFileBytes, "model file");
    if (!bytes)
        return bytes.issues();
    if (bytes->size() > kMaxModelFileBytes)
        return engine::Issue{where, "the file is larger than " + std::to_string(kMaxModelFileBytes) +
                                        " bytes (64 MiB); models that large are refused"};
    auto model = readModelJson(*bytes, path);
    if (!model)
        return model.issues();
    return Project{std::move(model).value(), {}, {}, {}};
}

} // namespace headroom::model
