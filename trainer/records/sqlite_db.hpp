// Role: the SQLite backends' shared plumbing (the progress store and the class store): an
// open connection that names its file in errors, prepared statements with bound parameters,
// and BEGIN IMMEDIATE transactions. Internal to trainer/records.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "records/store.hpp"

namespace palpa::records::sqlite {

// An open connection; closes on destruction.
class Connection {
  public:
    Connection(const std::filesystem::path& path, int flags) : path_(path) {
        const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw StoreUnavailable("cannot open sqlite:" + path.string() + ": " + why);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, 10000);
    }
    ~Connection() { sqlite3_close(db_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* get() const { return db_; }
    const std::filesystem::path& path() const { return path_; }

    // Throws for a failed call: InputError for a file that is not a (sound) database.
    [[noreturn]] void fail(int rc) const {
        const std::string why = sqlite3_errmsg(db_);
        const int primary = rc & 0xff;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
            throw InputError(path_.string(), "", "not a usable SQLite database (" + why + ")");
        throw Error("sqlite:" + path_.string() + ": " + why);
    }

  private:
    std::filesystem::path path_;
    sqlite3* db_ = nullptr;
};

// A prepared statement with bound parameters (1-based, in order of bind calls).
class Statement {
  public:
    Statement(const Connection& db, std::string_view sql) : db_(db) {
        const int rc =
            sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
        if (rc != SQLITE_OK) db.fail(rc);
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(const std::string& text) {
        check(sqlite3_bind_text(stmt_, ++next_, text.data(), static_cast<int>(text.size()),
                                SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(std::int64_t value) {
        check(sqlite3_bind_int64(stmt_, ++next_, value));
        return *this;
    }
    Statement& bind(double value) {
        check(sqlite3_bind_double(stmt_, ++next_, value));
        return *this;
    }
    // Advances; true while a row is available.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        db_.fail(rc);
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    double real(int column) const { return sqlite3_column_double(stmt_, column); }
    bool isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::string text(int column) const {
        const auto* p = sqlite3_column_text(stmt_, column);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                 : std::string();
    }

  private:
    void check(int rc) const {
        if (rc != SQLITE_OK) db_.fail(rc);
    }
    const Connection& db_;
    sqlite3_stmt* stmt_ = nullptr;
    int next_ = 0;
};

inline void run(const Connection& db, std::string_view sql) {
    Statement s(db, sql);
    while (s.step()) {
    }
}

// BEGIN IMMEDIATE ... COMMIT; rolls back when left without commit().
class Transaction {
  public:
    explicit Transaction(const Connection& db) : db_(db) { run(db_, "BEGIN IMMEDIATE"); }
    ~Transaction() {
        if (!done_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
        run(db_, "COMMIT");
        done_ = true;
    }

  private:
    const Connection& db_;
    bool done_ = false;
};

}  // namespace palpa::records::sqlite
