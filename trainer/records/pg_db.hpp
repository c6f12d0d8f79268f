// Role: the PostgreSQL backends' shared plumbing (the progress store and the class store): a
// libpq connection that masks the password in errors and turns a lost connection into
// StoreUnavailable, statements with their values as separate parameters, query results that
// free themselves, and transactions. Internal to trainer/records.
#pragma once

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "records/store.hpp"

namespace palpa::records::pg {

inline std::string firstLine(const char* text) {
    std::string s = text ? text : "";
    const size_t nl = s.find('\n');
    if (nl != std::string::npos) s.resize(nl);
    return s;
}

inline std::string number(double value) {
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

// A query result; cleared on destruction.
class Rows {
  public:
    explicit Rows(PGresult* result) : result_(result) {}
    ~Rows() { PQclear(result_); }
    Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    int size() const { return PQntuples(result_); }
    std::string text(int row, int column) const { return PQgetvalue(result_, row, column); }
    std::int64_t integer(int row, int column) const { return std::stoll(text(row, column)); }
    double real(int row, int column) const { return std::stod(text(row, column)); }

  private:
    PGresult* result_;
};

class Connection {
  public:
    explicit Connection(const std::string& url) : display_(maskPassword(url)) {
        // connect_timeout comes first so that one in the URL overrides it.
        const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
        const char* values[] = {"10", "palpa", url.c_str(), nullptr};
        conn_ = PQconnectdbParams(keys, values, 1);
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            const std::string why = conn_ ? firstLine(PQerrorMessage(conn_)) : "out of memory";
            PQfinish(conn_);
            conn_ = nullptr;
            throw StoreUnavailable("cannot reach " + display_ + ": " + why);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
    }
    ~Connection() { PQfinish(conn_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    const std::string& display() const { return display_; }
    PGconn* raw() const { return conn_; }

    // Runs one statement with text parameters ($1, $2, ...); throws on failure.
    Rows exec(const std::string& sql, const std::vector<std::string>& params = {}) const {
        std::vector<const char*> values;
        for (const std::string& p : params) values.push_back(p.c_str());
        PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()),
                                        nullptr, values.data(), nullptr, nullptr, 0);
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
        const std::string why =
            firstLine(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
        const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const bool refused = state && std::string(state) == "42501";  // insufficient_privilege (and row-level security)
        PQclear(result);
        if (PQstatus(conn_) != CONNECTION_OK)
            throw StoreUnavailable("lost the connection to " + display_ + ": " + why);
        if (refused)  // not kept pending: trying again would be refused again
            throw InputError(display_, "", "a login allowed to do this (" + why +
                                               "; a student's login stores and reads only that student's records: docs/classroom.md)");
        throw Error(display_ + ": " + why);
    }

  private:
    std::string display_;
    PGconn* conn_ = nullptr;
};

// BEGIN ... COMMIT; rolls back when left without commit().
class Transaction {
  public:
    explicit Transaction(const Connection& db) : db_(db) { db_.exec("BEGIN"); }
    ~Transaction() {
        if (done_) return;
        try {
            db_.exec("ROLLBACK");
        } catch (const std::exception&) {  // the connection is gone: nothing to roll back
        }
    }
    void commit() {
        db_.exec("COMMIT");
        done_ = true;
    }

  private:
    const Connection& db_;
    bool done_ = false;
};

}  // namespace palpa::records::pg
