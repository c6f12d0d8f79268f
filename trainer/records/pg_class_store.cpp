// The PostgreSQL class store (a school's server): the class state in tables, and every
// change announced with NOTIFY in the same transaction, so that a follower that LISTENs
// hears of it the moment it is committed. Channels: palpa_class (payload "CODE VERSION", the
// instructor's changes) and palpa_class_live (payload "CODE", a student's report).
#include <sys/select.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sstream>

#include "records/class_store.hpp"
#include "records/pg_db.hpp"

namespace palpa::records {

namespace {

using pg::Connection;
using pg::Rows;
using pg::Transaction;

constexpr const char* kClassColumns =
    "code, title, instructor, walkthrough, quiz, step, mode, paused, pointed, version,"
    " created_at, expires_at, updated_at, console_at";

class PostgresClassStore final : public ClassStore {
  public:
    explicit PostgresClassStore(const std::string& url) : db_(url) {}

    std::string displayName() const override { return db_.display(); }

    void create(const ClassRecord& c) override {
        db_.exec(std::string("INSERT INTO classes (") + kClassColumns +
                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                 {c.code, c.title, c.instructor, c.walkthrough, c.quiz, std::to_string(c.step),
                  modeName(c.mode), c.paused ? "1" : "0", c.pointed, std::to_string(c.version),
                  c.created_at, c.expires_at, c.updated_at, c.console_at});
    }

    std::optional<ClassRecord> find(const std::string& code) override {
        const Rows r = db_.exec(std::string("SELECT ") + kClassColumns + " FROM classes WHERE code = $1", {code});
        if (r.size() == 0) return std::nullopt;
        return classFrom(r, 0);
    }

    std::vector<ClassRecord> list() override {
        const Rows r = db_.exec(std::string("SELECT ") + kClassColumns + " FROM classes ORDER BY created_at DESC, code");
        std::vector<ClassRecord> out;
        for (int i = 0; i < r.size(); ++i) out.push_back(classFrom(r, i));
        return out;
    }

    std::int64_t update(const ClassRecord& c) override {
        Transaction tx(db_);
        const std::string now = nowUtc();
        const Rows r = db_.exec(
            "UPDATE classes SET step = $1, mode = $2, paused = $3, pointed = $4,"
            " version = version + 1, updated_at = $5, console_at = $5 WHERE code = $6 RETURNING version",
            {std::to_string(c.step), modeName(c.mode), c.paused ? "1" : "0", c.pointed, now, c.code});
        if (r.size() == 0) throw Error(db_.display() + ": no class " + c.code);
        const std::int64_t version = r.integer(0, 0);
        db_.exec("SELECT pg_notify('palpa_class', $1)", {c.code + " " + std::to_string(version)});
        tx.commit();
        return version;
    }

    void consoleSeen(const std::string& code) override {
        db_.exec("UPDATE classes SET console_at = $1 WHERE code = $2", {nowUtc(), code});
    }

    void report(const std::string& code, const MemberRecord& m) override {
        const std::string now = nowUtc();
        Transaction tx(db_);
        db_.exec("INSERT INTO class_members (class_code, student, joined_at, seen_at, version, step, live, unsafe)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                 " ON CONFLICT (class_code, student) DO UPDATE SET seen_at = excluded.seen_at,"
                 " version = excluded.version, step = excluded.step, live = excluded.live,"
                 " unsafe = excluded.unsafe",
                 {code, m.student, m.joined_at.empty() ? now : m.joined_at, m.seen_at.empty() ? now : m.seen_at,
                  std::to_string(m.version), std::to_string(m.step), m.live, m.unsafe ? "1" : "0"});
        db_.exec("SELECT pg_notify('palpa_class_live', $1)", {code});
        tx.commit();
    }

    std::vector<MemberRecord> members(const std::string& code) override {
        const Rows r = db_.exec(
            "SELECT student, joined_at, seen_at, version, step, live, unsafe FROM class_members"
            " WHERE class_code = $1 ORDER BY student",
            {code});
        std::vector<MemberRecord> out;
        for (int i = 0; i < r.size(); ++i)
            out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.integer(i, 3),
                           static_cast<int>(r.integer(i, 4)), r.text(i, 5), r.text(i, 6) == "1"});
        return out;
    }

    bool waitForChange(const std::string& code, std::int64_t version, int timeout_ms,
                       bool members) override {
        if (!listening_) {
            db_.exec("LISTEN palpa_class");
            listening_ = true;
            // A change committed before LISTEN took effect is read, not heard; after it, every
            // change is heard on this connection (a new connection listens anew).
            const Rows now = db_.exec("SELECT version FROM classes WHERE code = $1", {code});
            if (now.size() > 0 && now.integer(0, 0) > version) return true;
        }
        if (members && !listeningLive_) {
            db_.exec("LISTEN palpa_class_live");
            listeningLive_ = true;
        }
        using Clock = std::chrono::steady_clock;
        const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
        PGconn* conn = db_.raw();
        for (;;) {
            if (PQconsumeInput(conn) == 0)
                throw StoreUnavailable("lost the connection to " + db_.display() + ": " + pg::firstLine(PQerrorMessage(conn)));
            bool heard = false;
            while (PGnotify* n = PQnotifies(conn)) {
                heard = heard || matches(n, code, version, members);
                PQfreemem(n);
            }
            if (heard) return true;
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - Clock::now());
            if (left.count() <= 0) return false;
            const int sock = PQsocket(conn);
            if (sock < 0) throw StoreUnavailable("lost the connection to " + db_.display());
            fd_set readable;
            FD_ZERO(&readable);
            FD_SET(sock, &readable);
            timeval tv{static_cast<time_t>(left.count() / 1000000), static_cast<suseconds_t>(left.count() % 1000000)};
            if (select(sock + 1, &readable, nullptr, nullptr, &tv) < 0 && errno != EINTR)
                throw StoreUnavailable("lost the connection to " + db_.display());
        }
    }

  private:
    static bool matches(const PGnotify* n, const std::string& code, std::int64_t version, bool members) {
        const std::string channel = n->relname ? n->relname : "";
        std::istringstream payload(n->extra ? n->extra : "");
        std::string who;
        std::int64_t v = 0;
        payload >> who >> v;
        if (who != code) return false;
        if (channel == "palpa_class") return v > version;
        return members && channel == "palpa_class_live";
    }

    ClassRecord classFrom(const Rows& r, int i) const {
        ClassRecord c;
        c.code = r.text(i, 0);
        c.title = r.text(i, 1);
        c.instructor = r.text(i, 2);
        c.walkthrough = r.text(i, 3);
        c.quiz = r.text(i, 4);
        c.step = static_cast<int>(r.integer(i, 5));
        const auto mode = parseClassMode(r.text(i, 6));
        if (!mode) throw InputError(db_.display(), "classes.mode", "tour, practice or ended (got \"" + r.text(i, 6) + "\")");
        c.mode = *mode;
        c.paused = r.text(i, 7) == "1";
        c.pointed = r.text(i, 8);
        c.version = r.integer(i, 9);
        c.created_at = r.text(i, 10);
        c.expires_at = r.text(i, 11);
        c.updated_at = r.text(i, 12);
        c.console_at = r.text(i, 13);
        return c;
    }

    Connection db_;
    bool listening_ = false, listeningLive_ = false;
};

}  // namespace

std::unique_ptr<ClassStore> openPostgresClassStore(const std::string& url) {
    return std::make_unique<PostgresClassStore>(url);
}

}  // namespace palpa::records
