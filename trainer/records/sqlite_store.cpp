// The SQLite progress store: one file, WAL journal, synchronous=FULL (a committed transaction
// is on disk before COMMIT returns, so a killed palpa loses at most the attempt in progress).
// Every statement goes through sqlite3_prepare_v2 with bound parameters.
#include <sqlite3.h>

#include <system_error>

#include "records/backends.hpp"
#include "records/schema.hpp"
#include "records/sqlite_db.hpp"

namespace palpa::records {
namespace {

using sqlite::Connection;
using sqlite::run;
using sqlite::Statement;
using sqlite::Transaction;

// The schema version recorded in the database; 0 when it has no schema_version table.
int versionOf(const Connection& db) {
    Statement has(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    has.bind(std::string("schema_version"));
    if (!has.step() || has.integer(0) == 0) {
        Statement tables(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        if (tables.step() && tables.integer(0) > 0)
            throw InputError(db.path().string(), "",
                             "not a palpa progress database (it has tables but no schema_version)");
        return 0;
    }
    Statement max(db, "SELECT coalesce(max(version), 0) FROM schema_version");
    return max.step() ? static_cast<int>(max.integer(0)) : 0;
}

class SqliteStore final : public Store {
  public:
    explicit SqliteStore(const std::filesystem::path& path)
        : db_(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX),
          url_("sqlite:" + path.string()) {
        {
            Statement wal(db_, "PRAGMA journal_mode = WAL");
            if (!wal.step() || wal.text(0) != "wal")
                throw Error(url_ + ": cannot switch the database to WAL mode");
        }
        run(db_, "PRAGMA synchronous = FULL");
        run(db_, "PRAGMA foreign_keys = ON");
        migrate();
    }

    const std::string& url() const override { return url_; }
    std::string displayName() const override { return url_; }
    int schemaVersion() override { return versionOf(db_); }

    std::int64_t addAttempt(const AttemptRecord& a) override {
        Transaction tx(db_);
        const std::int64_t student = studentId(a.student);
        Statement insert(db_,
                         "INSERT INTO attempts (uid, student_id, technique, side, started_at,"
                         " recording_path, recording_sha256, recording_size, score, passed,"
                         " faults, metrics, class_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''))"
                         " ON CONFLICT (uid) DO NOTHING");
        insert.bind(a.uid).bind(student).bind(a.technique).bind(a.side).bind(a.started_at);
        insert.bind(a.recording_path).bind(a.recording_sha256).bind(a.recording_size);
        insert.bind(std::int64_t{a.score}).bind(std::int64_t{a.passed ? 1 : 0});
        insert.bind(joinFaults(a.faults)).bind(a.metrics_json).bind(a.class_code);
        const std::int64_t id = insertedOrExisting(insert, "attempts", a.uid);
        tx.commit();
        return id;
    }

    std::int64_t addQuizResult(const QuizRecord& q) override {
        Transaction tx(db_);
        const std::int64_t student = studentId(q.student);
        Statement insert(db_,
                         "INSERT INTO quiz_results (uid, student_id, quiz, score, max_score,"
                         " items, taken_at, class_code) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''))"
                         " ON CONFLICT (uid) DO NOTHING");
        insert.bind(q.uid).bind(student).bind(q.quiz).bind(q.score).bind(q.max_score);
        insert.bind(q.items_json).bind(q.taken_at).bind(q.class_code);
        const std::int64_t id = insertedOrExisting(insert, "quiz_results", q.uid);
        tx.commit();
        return id;
    }

    std::int64_t addWalkthroughCompletion(const WalkthroughRecord& w) override {
        Transaction tx(db_);
        const std::int64_t student = studentId(w.student);
        Statement insert(db_,
                         "INSERT INTO walkthrough_completions (uid, student_id, walkthrough,"
                         " completed_at) VALUES (?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING");
        insert.bind(w.uid).bind(student).bind(w.walkthrough).bind(w.completed_at);
        const std::int64_t id = insertedOrExisting(insert, "walkthrough_completions", w.uid);
        tx.commit();
        return id;
    }

    std::vector<std::string> students() override {
        Statement s(db_, "SELECT name FROM students ORDER BY name");
        std::vector<std::string> names;
        while (s.step()) names.push_back(s.text(0));
        return names;
    }

    std::vector<AttemptRecord> attempts(const std::string& student) override {
        Statement s(db_,
                    "SELECT a.id, a.uid, a.technique, a.side, a.started_at, a.recording_path,"
                    " a.recording_sha256, a.recording_size, a.score, a.passed, a.faults,"
                    " a.metrics, coalesce(a.class_code, '') FROM attempts a JOIN students s ON s.id = a.student_id"
                    " WHERE s.name = ? ORDER BY a.started_at, a.id");
        s.bind(student);
        std::vector<AttemptRecord> out;
        while (s.step()) {
            AttemptRecord a;
            a.id = s.integer(0);
            a.uid = s.text(1);
            a.student = student;
            a.technique = s.text(2);
            a.side = s.text(3);
            a.started_at = s.text(4);
            a.recording_path = s.text(5);
            a.recording_sha256 = s.text(6);
            a.recording_size = s.integer(7);
            a.score = static_cast<int>(s.integer(8));
            a.passed = s.integer(9) != 0;
            a.faults = splitFaults(s.text(10));
            a.metrics_json = s.text(11);
            a.class_code = s.text(12);
            out.push_back(std::move(a));
        }
        return out;
    }

    std::vector<QuizRecord> quizResults(const std::string& student) override {
        Statement s(db_,
                    "SELECT q.id, q.uid, q.quiz, q.score, q.max_score, q.items, q.taken_at,"
                    " coalesce(q.class_code, '')"
                    " FROM quiz_results q JOIN students s ON s.id = q.student_id"
                    " WHERE s.name = ? ORDER BY q.taken_at, q.id");
        s.bind(student);
        std::vector<QuizRecord> out;
        while (s.step())
            out.push_back({s.integer(0), s.text(1), student, s.text(2), s.real(3), s.real(4),
                           s.text(5), s.text(6), s.text(7)});
        return out;
    }

    std::vector<WalkthroughRecord> walkthroughCompletions(const std::string& student) override {
        Statement s(db_,
                    "SELECT w.id, w.uid, w.walkthrough, w.completed_at"
                    " FROM walkthrough_completions w JOIN students s ON s.id = w.student_id"
                    " WHERE s.name = ? ORDER BY w.completed_at, w.id");
        s.bind(student);
        std::vector<WalkthroughRecord> out;
        while (s.step()) out.push_back({s.integer(0), s.text(1), student, s.text(2), s.text(3)});
        return out;
    }

  private:
    void migrate() {
        if (versionOf(db_) == knownSchemaVersion()) return;  // no write lock needed
        Transaction tx(db_);
        const int found = versionOf(db_);
        if (found > knownSchemaVersion())
            throw InputError(db_.path().string(), "schema_version", newerSchemaProblem(found));
        if (found == knownSchemaVersion()) return;  // another process migrated meanwhile
        run(db_, kCreateSchemaVersion);
        for (int v = found + 1; v <= knownSchemaVersion(); ++v) {
            for (const std::string& sql : migrationStatements(v, Dialect::Sqlite)) run(db_, sql);
            Statement mark(db_, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
            mark.bind(std::int64_t{v}).bind(nowUtc());
            mark.step();
        }
        tx.commit();
    }

    std::int64_t studentId(const std::string& name) {
        Statement insert(db_,
                         "INSERT INTO students (name, created_at) VALUES (?, ?)"
                         " ON CONFLICT (name) DO NOTHING");
        insert.bind(name).bind(nowUtc());
        insert.step();
        Statement find(db_, "SELECT id FROM students WHERE name = ?");
        find.bind(name);
        if (!find.step()) throw Error(url_ + ": student \"" + name + "\" vanished");
        return find.integer(0);
    }

    // After an INSERT ... ON CONFLICT (uid) DO NOTHING: the new row's id, else the existing one.
    std::int64_t insertedOrExisting(Statement& insert, const std::string& table,
                                    const std::string& uid) {
        insert.step();
        if (sqlite3_changes(db_.get()) > 0) return sqlite3_last_insert_rowid(db_.get());
        // The table name is one of ours, never user input.
        Statement find(db_, "SELECT id FROM " + table + " WHERE uid = ?");
        find.bind(uid);
        if (!find.step()) throw Error(url_ + ": " + table + " row " + uid + " vanished");
        return find.integer(0);
    }

    Connection db_;
    std::string url_;
};

// Reads an existing file's schema version without writing anything (read-only connection),
// refusing a newer schema or a file that is not a palpa database.
void checkExisting(const std::filesystem::path& path) {
    Connection db(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    const int found = versionOf(db);
    if (found > knownSchemaVersion())
        throw InputError(path.string(), "schema_version", newerSchemaProblem(found));
}

}  // namespace

std::unique_ptr<Store> openSqliteStore(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        checkExisting(path);
    } else if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec)
            throw StoreUnavailable("cannot create the folder of sqlite:" + path.string() + ": " +
                                   ec.message());
    }
    return std::make_unique<SqliteStore>(path);
}

}  // namespace palpa::records
