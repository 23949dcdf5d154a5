// SPDX-License-Identifier: MIT
#include "project/SqliteConnection.h"

#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <array>
#include <climits>

namespace headroom::model::sqlite {

namespace {

std::string_view codeName(int primary)
{
    switch (primary) {
    case SQLITE_ERROR:
        return "SQLITE_ERROR";
    case SQLITE_INTERNAL:
        return "SQLITE_INTERNAL";
    case SQLITE_PERM:
        return "SQLITE_PERM";
    case SQLITE_ABORT:
        return "SQLITE_ABORT";
    case SQLITE_BUSY:
        return "SQLITE_BUSY";
    case SQLITE_LOCKED:
        return "SQLITE_LOCKED";
    case SQLITE_NOMEM:
        return "SQLITE_NOMEM";
    case SQLITE_READONLY:
        return "SQLITE_READONLY";
    case SQLITE_INTERRUPT:
        return "SQLITE_INTERRUPT";
    case SQLITE_IOERR:
        return "SQLITE_IOERR";
    case SQLITE_CORRUPT:
        return "SQLITE_CORRUPT";
    case SQLITE_FULL:
        return "SQLITE_FULL";
    case SQLITE_CANTOPEN:
        return "SQLITE_CANTOPEN";
    case SQLITE_PROTOCOL:
        return "SQLITE_PROTOCOL";
    case SQLITE_SCHEMA:
        return "SQLITE_SCHEMA";
    case SQLITE_TOOBIG:
        return "SQLITE_TOOBIG";
    case SQLITE_CONSTRAINT:
        return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH:
        return "SQLITE_MISMATCH";
    case SQLITE_MISUSE:
        return "SQLITE_MISUSE";
    case SQLITE_AUTH:
        return "SQLITE_AUTH";
    case SQLITE_RANGE:
        return "SQLITE_RANGE";
    case SQLITE_NOTADB:
        return "SQLITE_NOTADB";
    default:
        return "SQLITE_ERROR";
    }
}

} // namespace

Failure Status::failure() const
{
    if (m_code == SQLITE_OK)
        return Failure::None;
    if (m_code == SQLITE_IOERR_NOMEM)
        return Failure::NoMemory;
    switch (m_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Failure::Busy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return Failure::ReadOnly;
    case SQLITE_FULL:
        return Failure::Full;
    case SQLITE_NOTADB:
        return Failure::NotADatabase;
    case SQLITE_CORRUPT:
        return Failure::Corrupt;
    case SQLITE_CANTOPEN:
        return Failure::CantOpen;
    case SQLITE_IOERR:
        return Failure::Io;
    case SQLITE_TOOBIG:
        return Failure::TooBig;
    case SQLITE_NOMEM:
        return Failure::NoMemory;
    default:
        return Failure::Other;
    }
}

std::string Status::describe() const
{
    const std::string name(codeName(m_code & 0xff));
    return (m_message.empty() ? std::string(sqlite3_errstr(m_code)) : m_message) + ", " + name;
}

std::string_view columnTypeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Integer:
        return "an integer";
    case ColumnType::Real:
        return "a number";
    case ColumnType::Text:
        return "text";
    case ColumnType::Blob:
        return "a blob";
    case ColumnType::Null:
        return "NULL";
    }
    return "unknown";
}

// ---- Statement -------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_statement(std::exchange(other.m_statement, nullptr)),
      m_error(std::move(other.m_error))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_error = std::move(other.m_error);
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

Status Statement::fail(int code)
{
    m_error = Status(code, m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code));
    return m_error;
}

Status Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(m_statement, index, value);
    return rc == SQLITE_OK ? Status() : fail(rc);
}

Status Statement::bind(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(m_statement, index, value);
    return rc == SQLITE_OK ? Status() : fail(rc);
}

Status Statement::bind(int index, std::string_view text)
{
    if (text.size() > static_cast<std::size_t>(INT_MAX))
        return fail(SQLITE_TOOBIG);
    // A null pointer would bind SQL NULL: an empty string must be bound as "".
    const char* data = text.empty() ? "" : text.data();
    const int rc = sqlite3_bind_text(m_statement, index, data, static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return rc == SQLITE_OK ? Status() : fail(rc);
}

Status Statement::bind(int index, std::optional<double> value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Status Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_statement, index);
    return rc == SQLITE_OK ? Status() : fail(rc);
}

Statement::Step Statement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return Step::Row;
    if (rc == SQLITE_DONE)
        return Step::Done;
    fail(rc);
    return Step::Failed;
}

Status Statement::run()
{
    Step result = step();
    while (result == Step::Row)
        result = step();
    reset();
    return result == Step::Done ? Status() : m_error;
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

ColumnType Statement::type(int column) const
{
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return ColumnType::Integer;
    case SQLITE_FLOAT:
        return ColumnType::Real;
    case SQLITE_TEXT:
        return ColumnType::Text;
    case SQLITE_BLOB:
        return ColumnType::Blob;
    default:
        return ColumnType::Null;
    }
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

std::string_view Statement::text(int column) const
{
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    const int size = sqlite3_column_bytes(m_statement, column);
    return bytes ? std::string_view(bytes, static_cast<std::size_t>(size)) : std::string_view();
}

// ---- Connection ------------------------------------------------------------------------

Result<Connection> Connection::open(const QString& path, Mode mode)
{
    int flags = SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_EXRESCODE;
    QByteArray name;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::Immutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        break;
    case Mode::Memory:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;
        name = ":memory:";
        break;
    }
    // An absolute path: a file called ":memory:" must not open an in-memory database.
    if (mode != Mode::Memory)
        name = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    // A URI escapes every byte that could end the path ('?', '#', '%') or is not ASCII.
    if (mode == Mode::Immutable)
        name = "file:" + name.toPercentEncoding("/") + "?immutable=1";
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(name.constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Status status(rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return status;
    }
    Connection connection(db);
    if (Status status = connection.configure(); !status.ok())
        return status;
    return connection;
}

Connection& Connection::operator=(Connection&& other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Connection::~Connection()
{
    // close_v2 defers the close until every statement is finalized, whatever the order.
    sqlite3_close_v2(m_db);
}

Status Connection::configure()
{
    sqlite3_extended_result_codes(m_db, 1);
    // SQLite's advice for databases from untrusted sources ("Defense Against The Dark Arts").
    constexpr std::array<std::pair<int, int>, 7> kConfig{{
        {SQLITE_DBCONFIG_DEFENSIVE, 1},
        {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0},
        {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
        {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0},
        {SQLITE_DBCONFIG_ENABLE_VIEW, 0},
        {SQLITE_DBCONFIG_DQS_DML, 0},
        {SQLITE_DBCONFIG_DQS_DDL, 0},
    }};
    for (const auto& [option, value] : kConfig) {
        int applied = -1;
        const int rc = sqlite3_db_config(m_db, option, value, &applied);
        if (rc != SQLITE_OK)
            return status(rc);
        if (applied != value)
            return Status(SQLITE_MISUSE, "SQLite refused a defensive setting (" + std::to_string(option) + ")");
    }
    constexpr std::array<std::pair<int, int>, 11> kLimits{{
        {SQLITE_LIMIT_LENGTH, kMaxValueBytes},
        {SQLITE_LIMIT_SQL_LENGTH, 1'000'000},
        {SQLITE_LIMIT_COLUMN, 100},
        {SQLITE_LIMIT_EXPR_DEPTH, 100},
        {SQLITE_LIMIT_COMPOUND_SELECT, 4},
        {SQLITE_LIMIT_VDBE_OP, 100'000},
        {SQLITE_LIMIT_FUNCTION_ARG, 8},
        {SQLITE_LIMIT_ATTACHED, 0},
        {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100},
        {SQLITE_LIMIT_VARIABLE_NUMBER, 32},
        {SQLITE_LIMIT_TRIGGER_DEPTH, 1},
    }};
    for (const auto& [limit, value] : kLimits)
        sqlite3_limit(m_db, limit, value);
    sqlite3_limit(m_db, SQLITE_LIMIT_WORKER_THREADS, 0);
    if (const int rc = sqlite3_busy_timeout(m_db, kBusyTimeoutMs); rc != SQLITE_OK)
        return status(rc);
    // Detect damaged b-tree cells early; never map a file from someone else into memory.
    return exec("PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0; PRAGMA trusted_schema = OFF;");
}

Status Connection::status(int code) const
{
    return Status(code, m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code));
}

Status Connection::exec(std::string_view sql)
{
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (rc == SQLITE_OK)
        return Status();
    Status status(rc, error ? error : sqlite3_errmsg(m_db));
    sqlite3_free(error);
    return status;
}

Result<Statement> Connection::prepare(std::string_view sql)
{
    if (sql.size() > static_cast<std::size_t>(INT_MAX))
        return Status(SQLITE_TOOBIG, "statement too long");
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), 0, &statement, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        return status(rc);
    }
    if (!statement)
        return Status(SQLITE_MISUSE, "empty statement");
    return Statement(m_db, statement);
}

Result<std::int64_t> Connection::queryInteger(std::string_view sql)
{
    auto statement = prepare(sql);
    if (!statement.ok())
        return statement.status();
    switch (statement->step()) {
    case Statement::Step::Row:
        return statement->integer(0);
    case Statement::Step::Done:
        return Status(SQLITE_ERROR, "the query returned no row: " + std::string(sql));
    case Statement::Step::Failed:
        break;
    }
    return statement->error();
}

bool Connection::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Status Connection::copyFrom(Connection& source)
{
    sqlite3_backup* backup = sqlite3_backup_init(m_db, "main", source.m_db, "main");
    if (!backup)
        return status(sqlite3_errcode(m_db));
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE)
        return Status(stepped, sqlite3_errstr(stepped));
    return finished == SQLITE_OK ? Status() : status(finished);
}

Result<QByteArray> Connection::serialize()
{
    sqlite3_int64 size = 0;
    unsigned char* data = sqlite3_serialize(m_db, "main", &size, 0);
    if (!data)
        return Status(SQLITE_NOMEM, "the database could not be serialized");
    QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    sqlite3_free(data);
    return bytes;
}

// ---- Transaction -----------------------------------------------------------------------

Transaction::~Transaction()
{
    if (m_open && m_connection.inTransaction())
        (void)m_connection.exec("ROLLBACK");
}

Status Transaction::begin(Kind kind)
{
    Status status = m_connection.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
    m_open = status.ok();
    return status;
}

Status Transaction::commit()
{
    Status status = m_connection.exec("COMMIT");
    if (!status.ok() && m_connection.inTransaction())
        (void)m_connection.exec("ROLLBACK");
    m_open = false;
    return status;
}

} // namespace headroom::model::sqlite
