// The class store's factory and the SQLite implementation: one file on one machine, where
// followers poll the class's version (a cheap indexed read) instead of being notified.
#include "records/class_store.hpp"

#include <chrono>
#include <thread>

#include "records/backends.hpp"
#include "records/sqlite_db.hpp"

namespace palpa::records {

const char* modeName(ClassMode mode) {
    switch (mode) {
        case ClassMode::Tour: return "tour";
        case ClassMode::Practice: return "practice";
        case ClassMode::Quiz: return "quiz";
        case ClassMode::Ended: return "ended";
    }
    return "tour";
}

std::optional<ClassMode> parseClassMode(const std::string& text) {
    if (text == "tour") return ClassMode::Tour;
    if (text == "quiz") return ClassMode::Quiz;
    if (text == "practice") return ClassMode::Practice;
    if (text == "ended") return ClassMode::Ended;
    return std::nullopt;
}

namespace {

using sqlite::Connection;
using sqlite::run;
using sqlite::Statement;
using sqlite::Transaction;

constexpr const char* kClassColumns =
    "code, title, instructor, walkthrough, quiz, step, mode, paused, pointed, version,"
    " created_at, expires_at, updated_at, console_at";

ClassRecord classFrom(const Statement& s, const std::string& where) {
    ClassRecord c;
    c.code = s.text(0);
    c.title = s.text(1);
    c.instructor = s.text(2);
    c.walkthrough = s.text(3);
    c.quiz = s.text(4);
    c.step = static_cast<int>(s.integer(5));
    const auto mode = parseClassMode(s.text(6));
    if (!mode) throw InputError(where, "classes.mode", "tour, practice or ended (got \"" + s.text(6) + "\")");
    c.mode = *mode;
    c.paused = s.integer(7) != 0;
    c.pointed = s.text(8);
    c.version = s.integer(9);
    c.created_at = s.text(10);
    c.expires_at = s.text(11);
    c.updated_at = s.text(12);
    c.console_at = s.text(13);
    return c;
}

class SqliteClassStore final : public ClassStore {
  public:
    explicit SqliteClassStore(const std::filesystem::path& path)
        : db_(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX), name_("sqlite:" + path.string()) {
        // Live state is replaced a few times a second: NORMAL is durable enough for it (WAL
        // keeps the database sound); attempts go through the progress store with FULL.
        run(db_, "PRAGMA synchronous = NORMAL");
        run(db_, "PRAGMA foreign_keys = ON");
    }

    std::string displayName() const override { return name_; }

    void create(const ClassRecord& c) override {
        Statement s(db_, std::string("INSERT INTO classes (") + kClassColumns +
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(c.code).bind(c.title).bind(c.instructor).bind(c.walkthrough).bind(c.quiz)
            .bind(std::int64_t{c.step}).bind(std::string(modeName(c.mode)))
            .bind(std::int64_t{c.paused}).bind(c.pointed).bind(c.version).bind(c.created_at)
            .bind(c.expires_at).bind(c.updated_at).bind(c.console_at);
        s.step();
    }

    std::optional<ClassRecord> find(const std::string& code) override {
        Statement s(db_, std::string("SELECT ") + kClassColumns + " FROM classes WHERE code = ?");
        s.bind(code);
        if (!s.step()) return std::nullopt;
        return classFrom(s, name_);
    }

    std::vector<ClassRecord> list() override {
        Statement s(db_, std::string("SELECT ") + kClassColumns +
                             " FROM classes ORDER BY created_at DESC, code");
        std::vector<ClassRecord> out;
        while (s.step()) out.push_back(classFrom(s, name_));
        return out;
    }

    std::int64_t update(const ClassRecord& c) override {
        Transaction tx(db_);
        Statement s(db_,
                    "UPDATE classes SET step = ?, mode = ?, paused = ?, pointed = ?,"
                    " version = version + 1, updated_at = ?, console_at = ? WHERE code = ?"
                    " RETURNING version");
        s.bind(std::int64_t{c.step}).bind(std::string(modeName(c.mode))).bind(std::int64_t{c.paused})
            .bind(c.pointed).bind(nowUtc()).bind(nowUtc()).bind(c.code);
        if (!s.step()) throw Error(name_ + ": no class " + c.code);
        const std::int64_t version = s.integer(0);
        while (s.step()) {
        }
        tx.commit();
        return version;
    }

    void consoleSeen(const std::string& code) override {
        Statement s(db_, "UPDATE classes SET console_at = ? WHERE code = ?");
        s.bind(nowUtc()).bind(code);
        s.step();
    }

    void report(const std::string& code, const MemberRecord& m) override {
        Statement s(db_,
                    "INSERT INTO class_members (class_code, student, joined_at, seen_at, version,"
                    " step, live, unsafe) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (class_code, student) DO UPDATE SET seen_at = excluded.seen_at,"
                    " version = excluded.version, step = excluded.step, live = excluded.live,"
                    " unsafe = excluded.unsafe");
        const std::string now = nowUtc();
        s.bind(code).bind(m.student).bind(m.joined_at.empty() ? now : m.joined_at)
            .bind(m.seen_at.empty() ? now : m.seen_at).bind(m.version)
            .bind(std::int64_t{m.step}).bind(m.live).bind(std::int64_t{m.unsafe});
        s.step();
    }

    std::vector<MemberRecord> members(const std::string& code) override {
        Statement s(db_,
                    "SELECT student, joined_at, seen_at, version, step, live, unsafe"
                    " FROM class_members WHERE class_code = ? ORDER BY student");
        s.bind(code);
        std::vector<MemberRecord> out;
        while (s.step())
            out.push_back({s.text(0), s.text(1), s.text(2), s.integer(3),
                           static_cast<int>(s.integer(4)), s.text(5), s.integer(6) != 0});
        return out;
    }

    bool waitForChange(const std::string& code, std::int64_t version, int timeout_ms,
                       bool members) override {
        using Clock = std::chrono::steady_clock;
        const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
        const std::string seen = members ? latestSeen(code) : std::string();
        for (;;) {
            Statement s(db_, "SELECT version FROM classes WHERE code = ?");
            s.bind(code);
            if (s.step() && s.integer(0) > version) return true;
            if (members && latestSeen(code) != seen) return true;
            if (Clock::now() >= until) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
        }
    }

  private:
    static constexpr int kPollMs = 20;  // one indexed read each: cheap for one machine's class

    std::string latestSeen(const std::string& code) {
        Statement s(db_, "SELECT coalesce(max(seen_at), '') FROM class_members WHERE class_code = ?");
        s.bind(code);
        return s.step() ? s.text(0) : std::string();
    }

    Connection db_;
    std::string name_;
};

}  // namespace

std::unique_ptr<ClassStore> openPostgresClassStore(const std::string& url);

std::unique_ptr<ClassStore> openClassStore(const std::string& url) {
    // Through the progress store first: it creates, checks and migrates the database.
    const std::unique_ptr<Store> store = openStore(url, false);
    const std::string canonical = store->url();
    if (canonical.rfind("sqlite:", 0) == 0)
        return std::make_unique<SqliteClassStore>(canonical.substr(7));
    return openPostgresClassStore(canonical);
}

}  // namespace palpa::records
