// The PostgreSQL progress store (a school's shared server): the same schema and migrations as
// SQLite, applied under an advisory lock so concurrent palpas migrate once. Every statement
// goes through PQexecParams with its values as separate parameters, never in the SQL text.
#include <libpq-fe.h>

#include <charconv>
#include <optional>

#include "records/backends.hpp"
#include "records/pg_db.hpp"
#include "records/schema.hpp"

namespace palpa::records {
namespace {

// Any fixed number: the advisory lock key palpa's migrations take.
constexpr const char* kMigrationLock = "7046311962";

using pg::Connection;
using pg::number;
using pg::Rows;
using pg::Transaction;

// The recorded schema version; 0 when there is no schema_version table.
int versionOf(const Connection& db, const std::string& url) {
    if (db.exec("SELECT to_regclass($1) IS NOT NULL", {"schema_version"}).text(0, 0) != "t") {
        const Rows ours = db.exec(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = ANY($1::text[])",
            {"{students,attempts,quiz_results,walkthrough_completions}"});
        if (ours.integer(0, 0) > 0)
            throw InputError(maskPassword(url), "",
                             "palpa's tables exist but schema_version does not; not migrating");
        return 0;
    }
    return static_cast<int>(
        db.exec("SELECT coalesce(max(version), 0) FROM schema_version").integer(0, 0));
}

class PostgresStore final : public Store {
  public:
    explicit PostgresStore(const std::string& url) : db_(url), url_(url) {
        const int found = versionOf(db_, url_);  // read only: touches nothing
        if (found > knownSchemaVersion())
            throw InputError(db_.display(), "schema_version", newerSchemaProblem(found));
        if (found < knownSchemaVersion()) migrate();
    }

    const std::string& url() const override { return url_; }
    std::string displayName() const override { return db_.display(); }
    int schemaVersion() override { return versionOf(db_, url_); }

    std::int64_t addAttempt(const AttemptRecord& a) override {
        Transaction tx(db_);
        const std::string student = studentId(a.student);
        const std::int64_t id = insertedOrExisting(
            "INSERT INTO attempts (uid, student_id, technique, side, started_at, recording_path,"
            " recording_sha256, recording_size, score, passed, faults, metrics, class_code)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULLIF($13, ''))"
            " ON CONFLICT (uid) DO NOTHING RETURNING id",
            {a.uid, student, a.technique, a.side, a.started_at, a.recording_path,
             a.recording_sha256, std::to_string(a.recording_size), std::to_string(a.score),
             a.passed ? "1" : "0", joinFaults(a.faults), a.metrics_json, a.class_code},
            "attempts", a.uid);
        tx.commit();
        return id;
    }

    std::int64_t addQuizResult(const QuizRecord& q) override {
        Transaction tx(db_);
        const std::string student = studentId(q.student);
        const std::int64_t id = insertedOrExisting(
            "INSERT INTO quiz_results (uid, student_id, quiz, score, max_score, items, taken_at, class_code)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '')) ON CONFLICT (uid) DO NOTHING RETURNING id",
            {q.uid, student, q.quiz, number(q.score), number(q.max_score), q.items_json,
             q.taken_at, q.class_code},
            "quiz_results", q.uid);
        tx.commit();
        return id;
    }

    std::int64_t addWalkthroughCompletion(const WalkthroughRecord& w) override {
        Transaction tx(db_);
        const std::string student = studentId(w.student);
        const std::int64_t id = insertedOrExisting(
            "INSERT INTO walkthrough_completions (uid, student_id, walkthrough, completed_at)"
            " VALUES ($1, $2, $3, $4) ON CONFLICT (uid) DO NOTHING RETURNING id",
            {w.uid, student, w.walkthrough, w.completed_at}, "walkthrough_completions", w.uid);
        tx.commit();
        return id;
    }

    std::vector<std::string> students() override {
        const Rows rows = db_.exec("SELECT name FROM students ORDER BY name COLLATE \"C\"");
        std::vector<std::string> names;
        for (int r = 0; r < rows.size(); ++r) names.push_back(rows.text(r, 0));
        return names;
    }

    std::vector<AttemptRecord> attempts(const std::string& student) override {
        const Rows rows = db_.exec(
            "SELECT a.id, a.uid, a.technique, a.side, a.started_at, a.recording_path,"
            " a.recording_sha256, a.recording_size, a.score, a.passed, a.faults, a.metrics,"
            " coalesce(a.class_code, '') FROM attempts a JOIN students s ON s.id = a.student_id"
            " WHERE s.name = $1 ORDER BY a.started_at, a.id",
            {student});
        std::vector<AttemptRecord> out;
        for (int r = 0; r < rows.size(); ++r) {
            AttemptRecord a;
            a.id = rows.integer(r, 0);
            a.uid = rows.text(r, 1);
            a.student = student;
            a.technique = rows.text(r, 2);
            a.side = rows.text(r, 3);
            a.started_at = rows.text(r, 4);
            a.recording_path = rows.text(r, 5);
            a.recording_sha256 = rows.text(r, 6);
            a.recording_size = rows.integer(r, 7);
            a.score = static_cast<int>(rows.integer(r, 8));
            a.passed = rows.integer(r, 9) != 0;
            a.faults = splitFaults(rows.text(r, 10));
            a.metrics_json = rows.text(r, 11);
            a.class_code = rows.text(r, 12);
            out.push_back(std::move(a));
        }
        return out;
    }

    std::vector<QuizRecord> quizResults(const std::string& student) override {
        const Rows rows = db_.exec(
            "SELECT q.id, q.uid, q.quiz, q.score, q.max_score, q.items, q.taken_at, coalesce(q.class_code, '')"
            " FROM quiz_results q JOIN students s ON s.id = q.student_id"
            " WHERE s.name = $1 ORDER BY q.taken_at, q.id",
            {student});
        std::vector<QuizRecord> out;
        for (int r = 0; r < rows.size(); ++r)
            out.push_back({rows.integer(r, 0), rows.text(r, 1), student, rows.text(r, 2),
                           rows.real(r, 3), rows.real(r, 4), rows.text(r, 5), rows.text(r, 6), rows.text(r, 7)});
        return out;
    }

    std::vector<WalkthroughRecord> walkthroughCompletions(const std::string& student) override {
        const Rows rows = db_.exec(
            "SELECT w.id, w.uid, w.walkthrough, w.completed_at"
            " FROM walkthrough_completions w JOIN students s ON s.id = w.student_id"
            " WHERE s.name = $1 ORDER BY w.completed_at, w.id",
            {student});
        std::vector<WalkthroughRecord> out;
        for (int r = 0; r < rows.size(); ++r)
            out.push_back(
                {rows.integer(r, 0), rows.text(r, 1), student, rows.text(r, 2), rows.text(r, 3)});
        return out;
    }

  private:
    void migrate() {
        Transaction tx(db_);
        db_.exec("SELECT pg_advisory_xact_lock($1::bigint)", {kMigrationLock});
        const int found = versionOf(db_, url_);  // again, under the lock
        if (found > knownSchemaVersion())
            throw InputError(db_.display(), "schema_version", newerSchemaProblem(found));
        db_.exec(kCreateSchemaVersion);
        for (int v = found + 1; v <= knownSchemaVersion(); ++v) {
            for (const std::string& sql : migrationStatements(v, Dialect::Postgres)) db_.exec(sql);
            db_.exec("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
                     {std::to_string(v), nowUtc()});
        }
        tx.commit();
    }

    std::string studentId(const std::string& name) {
        db_.exec(
            "INSERT INTO students (name, created_at) VALUES ($1, $2)"
            " ON CONFLICT (name) DO NOTHING",
            {name, nowUtc()});
        const Rows rows = db_.exec("SELECT id FROM students WHERE name = $1", {name});
        if (rows.size() != 1) throw Error(db_.display() + ": student \"" + name + "\" vanished");
        return rows.text(0, 0);
    }

    // Runs an INSERT ... ON CONFLICT (uid) DO NOTHING RETURNING id: the new row's id, else the
    // existing row's.
    std::int64_t insertedOrExisting(const std::string& sql, const std::vector<std::string>& params,
                                    const std::string& table, const std::string& uid) {
        const Rows inserted = db_.exec(sql, params);
        if (inserted.size() == 1) return inserted.integer(0, 0);
        // The table name is one of ours, never user input.
        const Rows existing = db_.exec("SELECT id FROM " + table + " WHERE uid = $1", {uid});
        if (existing.size() != 1) throw Error(db_.display() + ": " + table + " row vanished");
        return existing.integer(0, 0);
    }

    Connection db_;
    std::string url_;
};

}  // namespace

std::unique_ptr<Store> openPostgresStore(const std::string& url) {
    return std::make_unique<PostgresStore>(url);
}

}  // namespace palpa::records
