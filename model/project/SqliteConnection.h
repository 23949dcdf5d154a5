// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

struct sqlite3;
struct sqlite3_stmt;

namespace headroom::model::sqlite {

/// How long a connection waits for another one's lock before giving up with SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 2000;
/// The largest text or blob a project may hold (SQLITE_LIMIT_LENGTH).
inline constexpr int kMaxValueBytes = 64 * 1024 * 1024;

/// What an SQLite failure means for the user, from its result code.
enum class Failure : std::uint8_t {
    None,
    Busy,         ///< SQLITE_BUSY, SQLITE_LOCKED: another connection holds a lock
    ReadOnly,     ///< SQLITE_READONLY and its extended codes
    Full,         ///< SQLITE_FULL: the disk (or the file size limit) is full
    NotADatabase, ///< SQLITE_NOTADB: not an SQLite file, or its header is damaged
    Corrupt,      ///< SQLITE_CORRUPT: the file is damaged (truncated, overwritten)
    CantOpen,     ///< SQLITE_CANTOPEN: the file or its journal cannot be opened or created
    Io,           ///< SQLITE_IOERR: the operating system reported an input/output error
    TooBig,       ///< SQLITE_TOOBIG: a value above kMaxValueBytes
    NoMemory,     ///< SQLITE_NOMEM
    Other,
};

/// The outcome of one SQLite call: fine, or an (extended) result code and SQLite's message.
class Status {
public:
    Status() = default;
    Status(int code, std::string message) : m_code(code), m_message(std::move(message)) {}

    [[nodiscard]] bool ok() const { return m_code == 0; }
    [[nodiscard]] int code() const { return m_code; }
    [[nodiscard]] const std::string& message() const { return m_message; }
    [[nodiscard]] Failure failure() const;
    /// "database is locked, SQLITE_BUSY" and the like, for messages and logs.
    [[nodiscard]] std::string describe() const;

private:
    int m_code = 0;
    std::string m_message;
};

/// A value, or the SQLite failure that prevented it.
template <typename T>
class Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Status status) : m_state(std::move(status)) {}

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    [[nodiscard]] T& value() & { return std::get<T>(m_state); }
    [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(m_state)); }
    [[nodiscard]] T* operator->() { return &value(); }
    [[nodiscard]] const Status& status() const { return std::get<Status>(m_state); }

private:
    std::variant<T, Status> m_state;
};

enum class ColumnType : std::uint8_t { Integer, Real, Text, Blob, Null };

std::string_view columnTypeName(ColumnType type);

/// One prepared statement; finalized when it goes out of scope.
class Statement {
public:
    enum class Step : std::uint8_t { Row, Done, Failed };

    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* statement) : m_db(db), m_statement(statement) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    /// Parameters count from 1, as in SQLite.
    Status bind(int index, double value);
    Status bind(int index, std::int64_t value);
    Status bind(int index, std::string_view text);
    Status bind(int index, std::optional<double> value);
    Status bindNull(int index);

    /// The next row, the end, or a failure (then see error()).
    Step step();
    /// Steps a statement that returns no rows, then resets it for the next use.
    Status run();
    /// Resets the statement and clears its bindings.
    void reset();
    [[nodiscard]] const Status& error() const { return m_error; }

    /// Columns count from 0, as in SQLite.
    [[nodiscard]] ColumnType type(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] std::int64_t integer(int column) const;
    /// The column's bytes as stored (valid until the next step or reset).
    [[nodiscard]] std::string_view text(int column) const;

private:
    Status fail(int code);

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    Status m_error;
};

/// One connection to an SQLite database, opened with the settings for files that come from
/// other people: no extension loading, defensive mode, untrusted schema, no triggers or
/// views, tight limits, cell size checks and a busy timeout. Closed when it goes out of scope.
class Connection {
public:
    enum class Mode : std::uint8_t {
        ReadOnly,  ///< never writes; a hot journal beside the file fails with SQLITE_READONLY_ROLLBACK
        Immutable, ///< never writes, locks or looks beside the file (SQLite's immutable=1): for a
                   ///< file checked to have no journal and no write-ahead log to apply
        Memory,    ///< a private in-memory database
    };

    static Result<Connection> open(const QString& path, Mode mode);

    Connection(Connection&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    /// Runs SQL that returns no rows (one or more statements).
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    /// The first column of the first row of a query returning an integer.
    Result<std::int64_t> queryInteger(std::string_view sql);
    /// Whether a transaction is open (SQLite rolls some back by itself after a failure).
    [[nodiscard]] bool inTransaction() const;
    /// Copies every page of `source` into this database (the backup API).
    Status copyFrom(Connection& source);
    /// The main database as the bytes of an SQLite file (sqlite3_serialize).
    Result<QByteArray> serialize();
    /// The status for a result code, with this connection's last message.
    [[nodiscard]] Status status(int code) const;

private:
    explicit Connection(sqlite3* db) : m_db(db) {}
    Status configure();

    sqlite3* m_db = nullptr;
};

/// An open transaction, rolled back when it goes out of scope uncommitted.
class Transaction {
public:
    enum class Kind : std::uint8_t {
        Deferred,  ///< locks on first use (reads)
        Immediate, ///< takes the write lock at once, so a busy file fails before any work
    };

    explicit Transaction(Connection& connection) : m_connection(connection) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status begin(Kind kind);
    /// Commits; after a failure (a full disk, a lock) the transaction is rolled back.
    Status commit();

private:
    Connection& m_connection;
    bool m_open = false;
};

} // namespace headroom::model::sqlite
