// SPDX-License-Identifier: MIT
#include "ProfileJson.h"

#include "ModelFile.h"
#include "RegularFile.h"

#include "project/ProjectFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace headroom::model {

namespace {

/// The profile object's points, checked for shape; values are the engine's to check.
engine::Checked<engine::sim::LoadProfile> profileFrom(const QJsonValue& value, const engine::Subject& subject)
{
    if (!value.isObject())
        return engine::Issue{subject, "must be an object {\"points\": [[time_s, multiplier], ...]}"};
    const QJsonValue points = value.toObject().value(QLatin1String("points"));
    if (!points.isArray())
        return engine::Issue{subject.withField("points"),
                             points.isUndefined() ? "missing: a list of [time_s, multiplier] pairs"
                                                  : "must be a list of [time_s, multiplier] pairs"};
    std::vector<engine::sim::ProfilePoint> out;
    engine::Issues issues;
    const QJsonArray list = points.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonArray pair = list[i].toArray();
        if (!list[i].isArray() || pair.size() != 2 || !pair[0].isDouble() || !pair[1].isDouble()) {
            issues.push_back({subject.withField("points[" + std::to_string(i) + "]"),
                              "must be a pair of numbers [time_s, multiplier]"});
            if (issues.size() >= 20)
                break;
            continue;
        }
        out.push_back({pair[0].toDouble(), pair[1].toDouble()});
    }
    if (!issues.empty())
        return issues;
    return engine::sim::LoadProfile::create(std::move(out), subject);
}

engine::Checked<QByteArray> readSmallFile(const QString& path, const engine::Subject& subject)
{
    // The subject is what the user named the file by (the option, or the model's path).
    const auto bytes = readRegularFile(path, kMaxModelFileBytes, "profile file");
    if (!bytes)
        return engine::Issue{subject, bytes.issues().front().message + ": " + path.toStdString()};
    if (bytes->size() > kMaxModelFileBytes)
        return engine::Issue{subject, path.toStdString() + " is larger than 64 MiB"};
    return *bytes;
}

} // namespace

engine::Checked<engine::sim::LoadProfile> readProfileJson(const QByteArray& json, const engine::Subject& subject)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return engine::Issue{subject, "not valid JSON at byte " + std::to_string(error.offset) + ": " +
                                          error.errorString().toStdString()};
    return profileFrom(document.object(), subject);
}

engine::Checked<engine::sim::LoadProfile> readProfileFile(const QString& path)
{
    const engine::Subject option = engine::Subject::argument("--profile");
    const engine::Subject profile = engine::Subject::model("profile");
    auto bytes = readSmallFile(path, option);
    if (!bytes)
        return bytes.issues();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return engine::Issue{option, path.toStdString() + " is not valid JSON (byte " + std::to_string(error.offset) +
                                         ": " + error.errorString().toStdString() + ")"};
    if (!document.isObject())
        return engine::Issue{profile, "must be an object {\"points\": [[time_s, multiplier], ...]}"};
    // A model file with a "profile" key is a profile file too.
    const QJsonObject top = document.object();
    if (top.contains(QLatin1String("profile")) && !top.contains(QLatin1String("points")))
        return profileFrom(top.value(QLatin1String("profile")), profile);
    return profileFrom(top, profile);
}

std::optional<engine::Checked<engine::sim::LoadProfile>> readModelProfile(const QString& path)
{
    if (isProjectFile(path))
        return std::nullopt;
    auto bytes = readSmallFile(path, engine::Subject::file(path.toStdString()));
    if (!bytes)
        return std::nullopt; // the model reader has already said what is wrong with the file
    const QJsonDocument document = QJsonDocument::fromJson(*bytes);
    if (!document.isObject() || !document.object().contains(QLatin1String("profile")))
        return std::nullopt;
    return profileFrom(document.object().value(QLatin1String("profile")), engine::Subject::model("profile"));
}

} // namespace headroom::model
