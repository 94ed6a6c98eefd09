#pragma once
// A thin RAII layer over SQLite: one Database per connection, Statements that reset themselves.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <memory>
#include <string>
#include <string_view>

#include "app/core/message.hpp"

namespace caisse::db {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }
    bool busy() const { return (code_ & 0xFF) == SQLITE_BUSY || (code_ & 0xFF) == SQLITE_LOCKED; }

private:
    int code_;
};

// A write the disk refused (full, I/O error, sync not confirmed): the transaction was rolled back.
// Carries a message for the user (translated by the caller); what() is its English text.
class StorageError : public SqliteError {
public:
    StorageError(int code, Message message) : SqliteError(code, message.english()), message_(std::move(message)) {}
    const Message& message() const { return message_; }

private:
    Message message_;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, std::string_view v);  // as TEXT
    Statement& bind_blob(int i, const void* p, std::size_t n);
    Statement& bind_null(int i);
    bool step();  // true while a row is available
    void run();   // step to completion
    void reset();

    std::int64_t i64(int col) const { return sqlite3_column_int64(stmt_, col); }
    std::string_view text(int col) const;
    std::string str(int col) const { return std::string(text(col)); }
    std::string_view blob(int col) const;
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    int type(int col) const { return sqlite3_column_type(stmt_, col); }  // SQLITE_INTEGER, SQLITE_TEXT, ...
    // The column's value as SQLite holds it, valid until the next step or reset; read it with
    // sqlite3_value_* on this connection's thread only (SQLite's "unprotected" value).
    sqlite3_value* value(int col) const { return sqlite3_column_value(stmt_, col); }
    int columns() const { return sqlite3_column_count(stmt_); }          // of the result rows

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    // Immutable: read-only, no locks, no -wal/-shm (SQLite's immutable=1): only for a file nobody
    // can be writing (read-only media or directory, and no -wal left by a writer).
    enum class Mode { ReadWrite, Create, ReadOnly, Immutable };
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    std::int64_t scalar(std::string_view sql);
    sqlite3* handle() { return db_; }
    const std::string& path() const { return path_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when left by an exception.
class WriteTransaction {
public:
    explicit WriteTransaction(Database& db);
    // With prepared "BEGIN IMMEDIATE" and "COMMIT" statements: no SQL parsing on the sale path.
    WriteTransaction(Database& db, Statement& begin, Statement& commit);
    ~WriteTransaction();
    void commit();

private:
    Database& db_;
    Statement* commit_ = nullptr;
    bool done_ = false;
};

// Opens a ledger for reading only, leaving nothing behind (docs/ledger-format.md, "Reading"):
// read-write with query_only when the file and its directory are writable (SQLite removes its
// -wal/-shm when the last connection closes); else read-only through the writer's -wal when one
// exists; else immutable. Throws SqliteError when the file cannot be opened at all.
std::unique_ptr<Database> open_for_reading(const std::string& path);
// True when this process may create files beside `path` and write `path` itself.
bool writable_in_place(const std::string& path);

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view context);

}  // namespace caisse::db
