#include "db/sqlite.hpp"

#include <unistd.h>

#include <cctype>

namespace caisse::db {

void throw_sqlite(sqlite3* db, int rc, std::string_view context) {
    std::string msg = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    throw SqliteError(db ? sqlite3_extended_errcode(db) : rc, msg);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) throw_sqlite(db, rc, "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::int64_t v) {
    if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) throw_sqlite(db_, rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        throw_sqlite(db_, rc, "bind");
    return *this;
}
Statement& Statement::bind_blob(int i, const void* p, std::size_t n) {
    if (int rc = sqlite3_bind_blob(stmt_, i, p, static_cast<int>(n), SQLITE_TRANSIENT); rc != SQLITE_OK)
        throw_sqlite(db_, rc, "bind");
    return *this;
}
Statement& Statement::bind_null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    throw_sqlite(db_, rc, "step");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string_view();
}

std::string_view Statement::blob(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string_view();
}

Database::Database(const std::string& path, Mode mode) : path_(path) {
    int flags = mode == Mode::ReadOnly || mode == Mode::Immutable ? SQLITE_OPEN_READONLY
                : mode == Mode::Create                         ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                               : SQLITE_OPEN_READWRITE;
    std::string name = path;
    if (mode == Mode::Immutable) {
        // A URI, so every byte of the path that URIs reserve is escaped.
        name = "file:";
        static const char* hex = "0123456789ABCDEF";
        for (unsigned char c : path) {
            if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') name += static_cast<char>(c);
            else (name += '%', name += hex[c >> 4]) += hex[c & 15];
        }
        name += "?immutable=1";
        flags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(rc, "cannot open " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 3000);
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError(sqlite3_extended_errcode(db_), msg);
    }
}

std::int64_t Database::scalar(std::string_view sql) {
    Statement st(db_, sql);
    return st.step() ? st.i64(0) : 0;
}

bool writable_in_place(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    return ::access(path.c_str(), W_OK) == 0 && ::access(dir.c_str(), W_OK) == 0;
}

std::unique_ptr<Database> open_for_reading(const std::string& path) {
    if (writable_in_place(path)) {
        try {
            auto db = std::make_unique<Database>(path, Database::Mode::ReadWrite);
            db->exec("PRAGMA query_only=ON");
            db->scalar("SELECT count(*) FROM sqlite_master");  // opens the WAL now, or fails here
            return db;
        } catch (const SqliteError&) {
            // A read-only mount that access() did not see: read without writing below.
        }
    }
    // A writer's -wal holds committed records the main file lacks: read through it.
    if (::access((path + "-wal").c_str(), F_OK) == 0) return std::make_unique<Database>(path, Database::Mode::ReadOnly);
    return std::make_unique<Database>(path, Database::Mode::Immutable);
}

WriteTransaction::WriteTransaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction() {
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

WriteTransaction::WriteTransaction(Database& db, Statement& begin, Statement& commit) : db_(db), commit_(&commit) {
    begin.run();
}

void WriteTransaction::commit() {
    if (commit_) commit_->run();
    else db_.exec("COMMIT");
    done_ = true;
}

}  // namespace caisse::db
