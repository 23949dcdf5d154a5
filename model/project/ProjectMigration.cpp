// SPDX-License-Identifier: MIT
#include "project/ProjectMigration.h"

#include "project/ProjectErrors.h"
#include "project/ProjectSchema.h"
#include "project/ProjectWriter.h"

#include "io/ModelJson.h"

#include <QByteArray>
#include <QDateTime>

#include <array>
#include <map>

namespace headroom::model {

namespace {

using MigrationStep = engine::Issues (*)(sqlite::Connection& db, const engine::Subject& subject);

engine::Issues failed(const sqlite::Status& status, const engine::Subject& subject)
{
    return {{subject, "migrating from an older project format: " + explainFailure(status, FileOperation::Open)}};
}

/// Format 0 kept the model as JSON in one key-value table, with the version that wrote it,
/// when, and the currency. Format 1 spreads it over tables, one row per set field.
engine::Issues migrate0to1(sqlite::Connection& db, const engine::Subject& subject)
{
    std::map<std::string, std::string, std::less<>> rows;
    {
        auto statement = db.prepare("SELECT key, value FROM " + std::string(schema::kVersion0Table));
        if (!statement.ok())
            return failed(statement.status(), subject);
        for (;;) {
            const auto step = statement->step();
            if (step == sqlite::Statement::Step::Failed)
                return failed(statement->error(), subject);
            if (step == sqlite::Statement::Step::Done)
                break;
            if (statement->type(0) != sqlite::ColumnType::Text || statement->type(1) != sqlite::ColumnType::Text)
                return {{subject, "format 0: the rows of " + std::string(schema::kVersion0Table) +
                                      " must hold text keys and values"}};
            rows[std::string(statement->text(0))] = std::string(statement->text(1));
        }
    }
    const auto model = rows.find("model");
    if (model == rows.end())
        return {{subject, "format 0: the 'model' row is missing, so there is no model to migrate"}};
    auto read = readModelJson(QByteArray::fromStdString(model->second), QString::fromStdString(subject.name));
    if (!read.ok()) {
        engine::Issues issues;
        for (const engine::Issue& issue : read.issues())
            issues.push_back({subject, "format 0: the model: " +
                                           (issue.subject == subject ? issue.message : engine::issueText(issue))});
        return issues;
    }
    Project project;
    project.model = std::move(read).value();
    if (const auto currency = rows.find("currency"); currency != rows.end())
        project.settings.currency = currency->second;
    ProjectMetadata metadata;
    const auto savedBy = rows.find("saved_by");
    metadata.appVersion = savedBy != rows.end() && !savedBy->second.empty() ? savedBy->second : "0.0.0";
    QDateTime saved;
    if (const auto savedAt = rows.find("saved_at"); savedAt != rows.end())
        saved = QDateTime::fromString(QString::fromStdString(savedAt->second), Qt::ISODateWithMs);
    if (!saved.isValid())
        saved = projectTime();
    metadata.created = saved.toUTC();
    metadata.modified = metadata.created;
    if (auto status = db.exec("DROP TABLE " + std::string(schema::kVersion0Table)); !status.ok())
        return failed(status, subject);
    if (auto status = writeProject(db, project, metadata); !status.ok())
        return failed(status, subject);
    return {};
}

/// Format 2 added the calibration marks and the measurements they came from: format 1
/// had neither, so the new tables start empty.
engine::Issues migrate1to2(sqlite::Connection& db, const engine::Subject& subject)
{
    if (auto status = db.exec(schema::addedInFormat2()); !status.ok())
        return failed(status, subject);
    if (auto status = db.exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'; PRAGMA user_version = 2;");
        !status.ok())
        return failed(status, subject);
    return {};
}

// Step i migrates format i to format i + 1.
constexpr std::array<MigrationStep, kProjectFormatVersion> kSteps{migrate0to1, migrate1to2};

} // namespace

engine::Issues migrateProject(sqlite::Connection& db, int fromVersion, const engine::Subject& subject)
{
    if (fromVersion < 0 || fromVersion >= kProjectFormatVersion)
        return {{subject, "no migration from project format " + std::to_string(fromVersion)}};
    for (int version = fromVersion; version < kProjectFormatVersion; ++version) {
        if (engine::Issues issues = kSteps[static_cast<std::size_t>(version)](db, subject); !issues.empty())
            return issues;
    }
    return {};
}

} // namespace headroom::model
