// Role: the progress store: every scored attempt, quiz result and walkthrough completion, per
// student, kept in SQLite (one user, the default) or PostgreSQL (a whole school) with the same
// versioned schema. Store is the one interface; openStore() picks the implementation from a
// URL. Every write is its own committed transaction; every statement is prepared with bound
// parameters. See docs/progress-store.md.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace palpa::records {

// One scored attempt at a technique.
struct AttemptRecord {
    std::int64_t id = 0;  // assigned by the store
    std::string uid;      // unique key (32 hex digits) so that storing twice stores once
    std::string student;
    std::string technique;         // technique id, e.g. "psoas-release"
    std::string side;              // the patient's side worked: "left" or "right"
    std::string started_at;        // ISO 8601 UTC, e.g. "2025-03-01T09:30:00.125Z"
    std::string recording_path;    // absolute path of the JSONL recording
    std::string recording_sha256;  // lowercase hex of its bytes
    std::int64_t recording_size = 0;
    int score = 0;  // 0-100
    bool passed = false;
    std::vector<std::string> faults;  // fault codes, e.g. "hold_short"
    std::string metrics_json;         // the scorer's metrics object, as JSON text
    std::string class_code;           // the class it was made in ("" outside a class)
};

// One quiz taken by a student.
struct QuizRecord {
    std::int64_t id = 0;
    std::string uid;
    std::string student;
    std::string quiz;  // quiz id
    double score = 0.0;
    double max_score = 0.0;
    std::string items_json;  // per-item results, a JSON array as text
    std::string taken_at;    // ISO 8601 UTC
    std::string class_code;  // the class it was taken in ("" outside a class)
};

// One walkthrough a student completed.
struct WalkthroughRecord {
    std::int64_t id = 0;
    std::string uid;
    std::string student;
    std::string walkthrough;   // walkthrough id
    std::string completed_at;  // ISO 8601 UTC
};

// The store could not be reached or opened (a PostgreSQL server down, a SQLite file that
// cannot be created). Exit code 1; callers keep what they meant to store in the pending folder.
class StoreUnavailable : public Error {
  public:
    using Error::Error;
};

// Runs `f` (a read that opens its own connection), trying again while the store is unavailable
// (a server restarting, every connection cut) for up to `seconds`; then throws what it threw.
template <class F>
auto retryWhileUnavailable(F&& f, double seconds = 10.0) -> decltype(f()) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    for (int wait_ms = 100;; wait_ms = std::min(1000, wait_ms * 2)) {
        try {
            return f();
        } catch (const StoreUnavailable&) {
            if (std::chrono::steady_clock::now() >= until) throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    }
}

// A progress database. Methods throw StoreUnavailable when the connection fails, InputError
// for a database that is not palpa's, palpa::Error otherwise.
class Store {
  public:
    virtual ~Store() = default;

    // The canonical URL ("sqlite:/abs/path" or the postgresql:// URL as given).
    virtual const std::string& url() const = 0;
    // The URL with any password masked, for messages.
    virtual std::string displayName() const = 0;
    // The schema version the database is at (after migrations: kSchemaVersion).
    virtual int schemaVersion() = 0;
    // Stores an attempt (adding its student when new) in one transaction; returns its id. An
    // attempt whose uid is already stored is not stored again: its existing id is returned.
    virtual std::int64_t addAttempt(const AttemptRecord& attempt) = 0;
    // Stores a quiz result like addAttempt; returns its id.
    virtual std::int64_t addQuizResult(const QuizRecord& quiz) = 0;
    // Stores a walkthrough completion like addAttempt; returns its id.
    virtual std::int64_t addWalkthroughCompletion(const WalkthroughRecord& completion) = 0;
    // Student names, sorted.
    virtual std::vector<std::string> students() = 0;
    // The student's attempts, oldest first (by started_at, then id).
    virtual std::vector<AttemptRecord> attempts(const std::string& student) = 0;
    // The student's quiz results, oldest first.
    virtual std::vector<QuizRecord> quizResults(const std::string& student) = 0;
    // The student's walkthrough completions, oldest first.
    virtual std::vector<WalkthroughRecord> walkthroughCompletions(const std::string& student) = 0;
};

// Opens (creating and migrating as needed) the store a URL names: "sqlite:PATH" or a plain path
// for SQLite, "postgresql://..." or "postgres://..." for PostgreSQL. A database whose schema is
// newer than this palpa knows is refused with InputError and left untouched. After opening,
// pending items meant for this store are stored (see pending.hpp) unless flushPending is false.
std::unique_ptr<Store> openStore(const std::string& url, bool flushPending = true);

// The canonical form of a store URL ("sqlite:" + absolute path, or the PostgreSQL URL).
std::string canonicalUrl(const std::string& url);
// A URL with any password replaced by "***".
std::string maskPassword(const std::string& url);

// palpa's data folder: $XDG_DATA_HOME/palpa, else ~/.local/share/palpa.
std::filesystem::path dataDir();
// The default store: $PALPA_DB, else the settings file's db, else "sqlite:" + dataDir()/progress.sqlite3.
std::string defaultStoreUrl();

// Now as ISO 8601 UTC with milliseconds, e.g. "2025-03-01T09:30:00.125Z".
std::string nowUtc();
// A fresh random uid (32 lowercase hex digits).
std::string newUid();

}  // namespace palpa::records
