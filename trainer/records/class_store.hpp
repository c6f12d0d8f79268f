// Role: the shared state of a live class (docs/classroom.md) in the progress database: the
// class an instructor leads (its tour and quiz, the step, paused, released to practise, the
// structure pointed at), the students in it with their live state, and the channel that tells
// everyone of a change: PostgreSQL LISTEN/NOTIFY on a school's server, polling of the class's
// version number in SQLite on one machine. Each process (and each thread) opens its own.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "records/store.hpp"

namespace palpa::records {

enum class ClassMode { Tour, Practice, Quiz, Ended };
const char* modeName(ClassMode mode);  // "tour", "practice", "quiz", "ended"
std::optional<ClassMode> parseClassMode(const std::string& text);

// A class as stored. version grows by one with every change the instructor makes.
struct ClassRecord {
    std::string code;  // the join code, e.g. "K7QF2M"
    std::string title, instructor;
    std::string walkthrough;  // the tour's JSON text (every student reads the same)
    std::string quiz;         // the quiz's JSON text, "" for none
    int step = 0;             // 0-based tour step
    ClassMode mode = ClassMode::Tour;
    bool paused = false;
    std::string pointed;  // a structure pulsing for everyone, "" for none
    std::int64_t version = 1;
    std::string created_at, expires_at, updated_at;  // ISO 8601 UTC
    std::string console_at;  // the instructor's console last seen (ISO 8601 UTC, "" never)
};

// A student in a class, as last reported.
struct MemberRecord {
    std::string student;
    std::string joined_at, seen_at;  // ISO 8601 UTC
    std::int64_t version = 0;        // the class version the student shows
    int step = 0;                    // the step the student shows
    std::string live = "{}";         // practice state as JSON text (docs/classroom.md)
    bool unsafe = false;             // a safety fault live now
};

class ClassStore {
  public:
    virtual ~ClassStore() = default;
    virtual std::string displayName() const = 0;

    // Creates the class; throws Error when its code is taken.
    virtual void create(const ClassRecord& cls) = 0;
    // The class of `code` (as stored, upper case); nullopt when there is none.
    virtual std::optional<ClassRecord> find(const std::string& code) = 0;
    // All classes, newest first.
    virtual std::vector<ClassRecord> list() = 0;
    // Stores the instructor's change (step, mode, paused, pointed), bumping the version, and
    // tells every follower; returns the new version.
    virtual std::int64_t update(const ClassRecord& cls) = 0;
    // The instructor's console is alive now.
    virtual void consoleSeen(const std::string& code) = 0;

    // Adds or refreshes a student's row (joined_at kept from the first join).
    virtual void report(const std::string& code, const MemberRecord& member) = 0;
    // The class's students, by name.
    virtual std::vector<MemberRecord> members(const std::string& code) = 0;

    // Waits up to `timeout_ms` for the class's version to pass `version` (or a student's
    // report, when `members` is true); true when one came. Returns early on a change.
    virtual bool waitForChange(const std::string& code, std::int64_t version, int timeout_ms,
                               bool members = false) = 0;
};

// Opens the class store of a progress database URL (migrating it as openStore does). Throws
// StoreUnavailable when it cannot be reached.
std::unique_ptr<ClassStore> openClassStore(const std::string& url);

}  // namespace palpa::records
