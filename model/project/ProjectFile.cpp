// SPDX-License-Identifier: MIT
#include "project/ProjectFile.h"

#include "io/RegularFile.h"
#include "project/AtomicReplace.h"
#include "project/ProjectErrors.h"
#include "project/ProjectMigration.h"
#include "project/ProjectReader.h"
#include "project/ProjectRules.h"
#include "project/ProjectSchema.h"
#include "project/ProjectWriter.h"
#include "project/SqliteConnection.h"

#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <thread>

namespace headroom::model {

namespace {

using sqlite::Connection;
using sqlite::Transaction;

/// "SQLite format 3" and its terminating zero: the first 16 bytes of every SQLite file.
constexpr char kMagic[] = "SQLite format 3";
constexpr qsizetype kMagicBytes = sizeof kMagic; // includes the '\0'
constexpr qsizetype kHeaderBytes = 100;

QByteArray magic()
{
    return QByteArray(kMagic, kMagicBytes);
}

std::string str(const QString& text)
{
    return text.toStdString();
}

quint32 bigEndian(const QByteArray& bytes, qsizetype at, int width)
{
    quint32 value = 0;
    for (int i = 0; i < width; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

/// What is wrong with the file before SQLite reads it: missing, not SQLite, truncated.
std::optional<std::string> checkFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return "no such file";
    if (info.isDir())
        return "is a folder, not a project file";
    if (!info.isFile())
        return "is not a regular file (a named pipe, a device or a socket), so it is not a project file";
    if (info.size() > kMaxProjectFileBytes)
        return "the file is " + std::to_string(info.size()) + " bytes; projects larger than " +
               std::to_string(kMaxProjectFileBytes) + " bytes (256 MiB) are refused";
    const auto read = readRegularFile(path, kHeaderBytes - 1, "project file");
    if (!read)
        return read.issues().front().message;
    const QByteArray& header = *read;
    if (header.isEmpty())
        return "the file is empty, so it is not a Headroom project";
    if (!header.startsWith(magic())) {
        if (header.size() < kMagicBytes && magic().startsWith(header))
            return "is truncated: it ends inside SQLite's header, so it is not a complete Headroom project";
        if (header.trimmed().startsWith('{'))
            return "is not a Headroom project: it is not an SQLite database (it looks like a JSON model; "
                   "give it the .json extension)";
        return "is not a Headroom project: it is not an SQLite database";
    }
    if (header.size() < kHeaderBytes)
        return "is truncated: only " + std::to_string(header.size()) +
               " bytes, less than SQLite's 100-byte header, so it is not a complete Headroom project";
    return std::nullopt;
}

/// Whether the file is shorter than its header says. Only meaningful once SQLite has rolled
/// back an interrupted save (in the middle of one the file may well be shorter, and the
/// journal holds what is missing), so it runs inside the reading transaction.
std::optional<std::string> checkLength(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "cannot be read: " + str(file.errorString());
    const QByteArray header = file.read(kHeaderBytes);
    if (header.size() < kHeaderBytes)
        return "is truncated: only " + std::to_string(header.size()) +
               " bytes, less than SQLite's 100-byte header, so it is not a complete Headroom project";
    const qint64 size = file.size();
    // The header's page count is valid when the change counter matches "version valid for".
    const quint32 rawPageSize = bigEndian(header, 16, 2);
    const qint64 pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    const bool powerOfTwo = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) == 0;
    if (!powerOfTwo)
        return "is damaged: its SQLite header gives an impossible page size (" + std::to_string(pageSize) + ")";
    const quint32 pages = bigEndian(header, 28, 4);
    if (pages > 0 && bigEndian(header, 24, 4) == bigEndian(header, 92, 4) && size < pages * pageSize)
        return "is truncated: its header promises " + std::to_string(pages * pageSize) + " bytes but the file has " +
               std::to_string(size) + ", so it is not a complete Headroom project";
    return std::nullopt;
}

/// What an existing SQLite file is, as far as projects go.
struct Inspection {
    enum class Verdict : std::uint8_t {
        Project, ///< a project of this format or an older one: `version`
        Newer,   ///< a project of a newer format: never written, refused with `issues`
        Foreign, ///< SQLite but not a project (or damaged beyond reading): `issues` say why
        Failed,  ///< SQLite failed (a lock, an I/O error): `issues` say why
    };
    Verdict verdict = Verdict::Failed;
    int version = 0;
    engine::Issues issues;
};

Inspection failedInspection(const sqlite::Status& status, const engine::Subject& where, FileOperation operation)
{
    const bool damaged =
        status.failure() == sqlite::Failure::Corrupt || status.failure() == sqlite::Failure::NotADatabase;
    return {damaged ? Inspection::Verdict::Foreign : Inspection::Verdict::Failed, 0,
            {{where, explainFailure(status, operation)}}};
}

bool hasTable(Connection& db, std::string_view table)
{
    auto count = db.queryInteger("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" +
                                 std::string(table) + "'");
    return count.ok() && count.value() > 0;
}

/// The version that wrote a newer project, for the message refusing it.
std::string newerWriter(Connection& db)
{
    auto statement = db.prepare("SELECT value FROM meta WHERE key = 'app_version'");
    if (!statement.ok() || statement->step() != sqlite::Statement::Step::Row ||
        statement->type(0) != sqlite::ColumnType::Text)
        return "a newer Headroom";
    const std::string_view version = statement->text(0);
    if (version.empty() || version.size() > 40 || !isValidUtf8(version))
        return "a newer Headroom";
    return "Headroom " + std::string(version);
}

/// Reads the header marks (application id, format version) and says what the file is.
/// Runs inside the caller's transaction.
Inspection inspect(Connection& db, const engine::Subject& where, FileOperation operation)
{
    auto applicationId = db.queryInteger("PRAGMA application_id");
    if (!applicationId.ok())
        return failedInspection(applicationId.status(), where, operation);
    auto userVersion = db.queryInteger("PRAGMA user_version");
    if (!userVersion.ok())
        return failedInspection(userVersion.status(), where, operation);
    const std::int64_t id = applicationId.value();
    const std::int64_t version = userVersion.value();
    const auto foreign = [&](std::string why) {
        return Inspection{Inspection::Verdict::Foreign, 0, {{where, std::move(why)}}};
    };
    if (id != 0 && id != kProjectApplicationId) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08x", static_cast<unsigned>(id));
        return foreign(std::string("is an SQLite database of another application (application id ") + hex +
                       "), not a Headroom project");
    }
    if (version > kProjectFormatVersion) {
        std::string message = "this project was written by " + newerWriter(db) + " with project format " +
                              std::to_string(version) + "; this version (Headroom " +
                              std::string(applicationVersion()) + ") reads format " +
                              std::to_string(kProjectFormatVersion) + " and older";
        if (operation == FileOperation::Save)
            message += "; it was not changed";
        return {Inspection::Verdict::Newer, static_cast<int>(std::min<std::int64_t>(version, std::numeric_limits<int>::max())),
                {{where, message}}};
    }
    if (version < 0)
        return foreign("has an unknown project format (" + std::to_string(version) + ")");
    if (version == 0 && !hasTable(db, schema::kVersion0Table)) {
        if (hasTable(db, "meta"))
            return foreign("is damaged: its project format (PRAGMA user_version) is missing");
        return foreign("is an SQLite database, but not a Headroom project (it has none of a project's tables)");
    }
    if (version == kProjectFormatVersion) {
        if (engine::Issues issues = checkProjectSchema(db, where); !issues.empty())
            return {Inspection::Verdict::Foreign, 0, std::move(issues)};
    }
    return {Inspection::Verdict::Project, static_cast<int>(version), {}};
}

/// SQLite's own check of the b-tree pages (PRAGMA quick_check), as issues.
engine::Issues quickCheck(Connection& db, const engine::Subject& where)
{
    auto statement = db.prepare("PRAGMA quick_check(1)");
    if (!statement.ok())
        return {{where, explainFailure(statement.status(), FileOperation::Open)}};
    const auto step = statement->step();
    if (step == sqlite::Statement::Step::Failed)
        return {{where, explainFailure(statement->error(), FileOperation::Open)}};
    if (step == sqlite::Statement::Step::Row && statement->text(0) != "ok")
        return {{where, "is damaged and cannot be read as a project (SQLite's check: " +
                            std::string(statement->text(0).substr(0, 200)) + ")"}};
    return {};
}

/// Reads a project of an older format: copies it into memory and migrates the copy there,
/// in one transaction; the file itself is not touched.
engine::Checked<Project> readMigrated(Connection& file, int version, const engine::Subject& where)
{
    auto opened = Connection::open(QString(), Connection::Mode::Memory);
    if (!opened.ok())
        return engine::Issue{where, explainFailure(opened.status(), FileOperation::Open)};
    Connection& memory = opened.value();
    if (auto status = memory.copyFrom(file); !status.ok())
        return engine::Issue{where, explainFailure(status, FileOperation::Open)};
    Transaction migration(memory);
    if (auto status = migration.begin(Transaction::Kind::Immediate); !status.ok())
        return engine::Issue{where, explainFailure(status, FileOperation::Open)};
    if (engine::Issues issues = migrateProject(memory, version, where); !issues.empty())
        return issues;
    if (auto status = migration.commit(); !status.ok())
        return engine::Issue{where, explainFailure(status, FileOperation::Open)};
    auto project = readProject(memory, where);
    if (!project.ok())
        return project.issues();
    project.value().metadata.migratedFrom = version;
    return project;
}

ProjectMetadata stamped(const ProjectMetadata& previous)
{
    ProjectMetadata metadata;
    const QDateTime now = projectTime();
    metadata.formatVersion = kProjectFormatVersion;
    metadata.appVersion = std::string(applicationVersion());
    metadata.created = previous.created.isValid() ? previous.created.toUTC() : now;
    metadata.modified = now;
    metadata.recoveryOf = previous.recoveryOf;
    return metadata;
}

engine::Issue saveFailure(const engine::Subject& where, const sqlite::Status& status)
{
    return {where, explainFailure(status, FileOperation::Save)};
}

/// The project as the bytes of an SQLite file: written into a private in-memory database
/// and serialized, so that the file itself is written by writeFileAtomically like every
/// other file Headroom writes.
sqlite::Result<QByteArray> projectBytes(const Project& project, const ProjectMetadata& metadata)
{
    auto opened = Connection::open(QString(), Connection::Mode::Memory);
    if (!opened.ok())
        return opened.status();
    Connection& db = opened.value();
    Transaction transaction(db);
    if (auto status = transaction.begin(Transaction::Kind::Immediate); !status.ok())
        return status;
    if (auto status = writeProject(db, project, metadata); !status.ok())
        return status;
    if (auto status = transaction.commit(); !status.ok())
        return status;
    return db.serialize();
}

/// Waits up to the busy timeout for other programs to release their SQLite locks on the
/// file: replacing a file another program is reading or writing would lose its changes or ours.
bool lockedAfterWaiting(const QString& path)
{
    constexpr auto kPoll = std::chrono::milliseconds(50);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(sqlite::kBusyTimeoutMs);
    while (lockedBySqlite(path)) {
        if (std::chrono::steady_clock::now() >= deadline)
            return true;
        std::this_thread::sleep_for(kPoll);
    }
    return false;
}

/// Whether the file is a project of a newer format, which is never overwritten. Read
/// without locks or journals (the caller has waited for other programs' locks).
engine::Issues newerProject(const QString& path, const engine::Subject& where)
{
    if (checkFile(path))
        return {}; // not a project at all: it is replaced
    auto opened = Connection::open(path, Connection::Mode::Immutable);
    if (!opened.ok())
        return {};
    Connection& db = opened.value();
    Inspection inspection = inspect(db, where, FileOperation::Save);
    if (inspection.verdict == Inspection::Verdict::Newer)
        return std::move(inspection.issues);
    return {};
}

/// Bytes 18 and 19 of SQLite's header: 2 when the database is in WAL mode.
constexpr qsizetype kWriteVersionByte = 18;
constexpr char kWalVersion = 2;

/// How the file can be read without changing it, or why it cannot. A journal or a
/// write-ahead log beside the file would be written into it by SQLite (rolled back,
/// checkpointed): those files are refused, saying what to do.
engine::Checked<Connection::Mode> readingMode(const QString& path, const engine::Subject& where)
{
    const QFileInfo wal(path + QStringLiteral("-wal"));
    if (wal.exists() && wal.size() > 0)
        return engine::Issue{where, pendingWalMessage(path)};
    QFile file(path);
    const QByteArray header = file.open(QIODevice::ReadOnly) ? file.read(kHeaderBytes) : QByteArray();
    const bool walMode = header.size() > kWriteVersionByte + 1 &&
                         (header[kWriteVersionByte] == kWalVersion || header[kWriteVersionByte + 1] == kWalVersion);
    // SQLite would open an empty write-ahead log left beside the file (and create its index);
    // the file holds every change, so it is read on its own.
    if (walMode || wal.exists()) {
        if (!walMode && hotJournalBeside(path))
            return engine::Issue{where, hotJournalMessage(path)};
        return Connection::Mode::Immutable;
    }
    // Read-only, SQLite's locks honoured: a hot journal fails with SQLITE_READONLY_ROLLBACK.
    return Connection::Mode::ReadOnly;
}

} // namespace

bool isProjectFile(const QString& path)
{
    // Only regular files: reading a pipe could wait for ever.
    const auto header = readRegularFile(path, kMagicBytes - 1, "project file");
    return header.ok() && *header == magic();
}

engine::Checked<Project> loadProject(const QString& path, ModelRules rules)
{
    const engine::Subject where = engine::Subject::file(str(path));
    if (auto problem = checkFile(path))
        return engine::Issue{where, *problem};
    // Opening never changes the file: it is read only, and never through a journal or a
    // write-ahead log that SQLite would write into it.
    const auto mode = readingMode(path, where);
    if (!mode)
        return mode.issues();
    auto opened = Connection::open(path, *mode);
    if (!opened.ok())
        return engine::Issue{where, explainFailure(opened.status(), FileOperation::Open)};
    Connection& db = opened.value();
    if (auto status = db.exec("PRAGMA query_only = ON"); !status.ok())
        return engine::Issue{where, explainFailure(status, FileOperation::Open)};
    // One read transaction: every table is read from the same save.
    Transaction reading(db);
    if (auto status = reading.begin(Transaction::Kind::Deferred); !status.ok())
        return engine::Issue{where, explainFailure(status, FileOperation::Open)};
    // The first read takes the shared lock and looks for a hot journal.
    if (auto first = db.queryInteger("PRAGMA user_version"); !first.ok()) {
        if (first.status().code() == SQLITE_READONLY_ROLLBACK)
            return engine::Issue{where, hotJournalMessage(path)};
        // A short file reads as damaged; say that it is short. (Not while it is busy: in the
        // middle of another program's save the file may be short for a moment.)
        const auto failure = first.status().failure();
        const bool damaged = failure == sqlite::Failure::Corrupt || failure == sqlite::Failure::NotADatabase;
        const auto truncated = damaged ? checkLength(path) : std::nullopt;
        return engine::Issue{where, truncated ? *truncated : explainFailure(first.status(), FileOperation::Open)};
    }
    if (auto problem = checkLength(path))
        return engine::Issue{where, *problem};
    Inspection inspection = inspect(db, where, FileOperation::Open);
    if (inspection.verdict != Inspection::Verdict::Project)
        return inspection.issues;
    if (engine::Issues issues = quickCheck(db, where); !issues.empty())
        return issues;
    auto project = inspection.version == kProjectFormatVersion ? readProject(db, where)
                                                                : readMigrated(db, inspection.version, where);
    if (!project.ok())
        return project.issues();
    if (rules == ModelRules::Enforce) {
        if (engine::Issues issues = checkModelRules(project.value(), where); !issues.empty())
            return issues;
    }
    return project;
}

engine::Checked<ProjectMetadata> saveProject(const QString& path, const Project& project)
{
    const engine::Subject where = engine::Subject::file(str(path));
    if (engine::Issues issues = checkStorable(project, where); !issues.empty())
        return issues;
    const ProjectMetadata metadata = stamped(project.metadata);
    const QFileInfo info(path);
    if (info.isDir())
        return engine::Issue{where, "is a folder: the project was not saved"};
    if (info.exists()) {
        if (!info.isWritable())
            return engine::Issue{where, "is read-only: the project was not saved and the file on disk is unchanged"};
        if (lockedAfterWaiting(path))
            return engine::Issue{where, "is locked by another program (still busy after " +
                                            std::to_string(sqlite::kBusyTimeoutMs) +
                                            " ms); close the project there, or wait, and try again: the project "
                                            "was not saved and the file on disk is unchanged"};
        if (engine::Issues newer = newerProject(path, where); !newer.empty())
            return newer;
    }
    const auto bytes = projectBytes(project, metadata);
    if (!bytes.ok())
        return saveFailure(where, bytes.status());
    if (const auto failure = writeFileAtomically(path, bytes.value()))
        return engine::Issue{where, *failure + "; the project was not saved"};
    return metadata;
}

} // namespace headroom::model
