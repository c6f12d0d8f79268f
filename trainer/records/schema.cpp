#include "records/schema.hpp"

#include <string_view>

namespace palpa::records {
namespace {

// Migration texts; "{id}" stands for the dialect's auto-increment primary key column.
const std::vector<std::vector<std::string_view>>& migrations() {
    static const std::vector<std::vector<std::string_view>> all = {
        // 1: students, attempts, quiz results, walkthrough completions.
        {
            "CREATE TABLE students ("
            "id {id}, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)",
            "CREATE TABLE attempts ("
            "id {id}, uid TEXT NOT NULL UNIQUE,"
            " student_id BIGINT NOT NULL REFERENCES students(id),"
            " technique TEXT NOT NULL,"
            " side TEXT NOT NULL CHECK (side IN ('left', 'right')),"
            " started_at TEXT NOT NULL,"
            " recording_path TEXT NOT NULL, recording_sha256 TEXT NOT NULL,"
            " recording_size BIGINT NOT NULL,"
            " score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),"
            " passed INTEGER NOT NULL CHECK (passed IN (0, 1)),"
            " faults TEXT NOT NULL, metrics TEXT NOT NULL)",
            "CREATE INDEX attempts_by_student ON attempts (student_id, started_at)",
            "CREATE TABLE quiz_results ("
            "id {id}, uid TEXT NOT NULL UNIQUE,"
            " student_id BIGINT NOT NULL REFERENCES students(id),"
            " quiz TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,"
            " max_score DOUBLE PRECISION NOT NULL, items TEXT NOT NULL, taken_at TEXT NOT NULL)",
            "CREATE INDEX quiz_results_by_student ON quiz_results (student_id, taken_at)",
            "CREATE TABLE walkthrough_completions ("
            "id {id}, uid TEXT NOT NULL UNIQUE,"
            " student_id BIGINT NOT NULL REFERENCES students(id),"
            " walkthrough TEXT NOT NULL, completed_at TEXT NOT NULL)",
            "CREATE INDEX walkthroughs_by_student"
            " ON walkthrough_completions (student_id, completed_at)",
        },
        // 2: classes (docs/classroom.md): the class an instructor leads, its state, the
        // students in it and their live state; attempts and quiz results name their class.
        {
            "CREATE TABLE classes ("
            "code TEXT PRIMARY KEY, title TEXT NOT NULL, instructor TEXT NOT NULL,"
            " walkthrough TEXT NOT NULL, quiz TEXT NOT NULL,"
            " step INTEGER NOT NULL CHECK (step >= 0),"
            " mode TEXT NOT NULL CHECK (mode IN ('tour', 'practice', 'quiz', 'ended')),"
            " paused INTEGER NOT NULL CHECK (paused IN (0, 1)),"
            " pointed TEXT NOT NULL, version BIGINT NOT NULL,"
            " created_at TEXT NOT NULL, expires_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
            " console_at TEXT NOT NULL)",
            "CREATE TABLE class_members ("
            "class_code TEXT NOT NULL REFERENCES classes(code), student TEXT NOT NULL,"
            " joined_at TEXT NOT NULL, seen_at TEXT NOT NULL,"
            " version BIGINT NOT NULL, step INTEGER NOT NULL, live TEXT NOT NULL,"
            " unsafe INTEGER NOT NULL CHECK (unsafe IN (0, 1)),"
            " PRIMARY KEY (class_code, student))",
            "ALTER TABLE attempts ADD COLUMN class_code TEXT",
            "ALTER TABLE quiz_results ADD COLUMN class_code TEXT",
        },
        // 3 (PostgreSQL only; docs/classroom.md, "Who may see what"): the roles a school's
        // logins join, palpa_student and palpa_instructor, their rights, and row-level security
        // so that a student's connection reads and writes only that student's records. The
        // tables' owner (who migrates) is not bound by the policies. Without the right to
        // create roles the migration leaves a notice and the database as it was.
        {
            "pg:DO $palpa$\n"
            "DECLARE s text := quote_ident(current_schema());\n"
            "BEGIN\n"
            "  BEGIN CREATE ROLE palpa_student NOLOGIN;\n"
            "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\n"
            "    WHEN insufficient_privilege THEN RAISE NOTICE 'palpa: no right to create roles'; END;\n"
            "  BEGIN CREATE ROLE palpa_instructor NOLOGIN;\n"
            "  EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL; END;\n"
            "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'palpa_student')\n"
            "     OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'palpa_instructor') THEN RETURN; END IF;\n"
            "  EXECUTE 'GRANT USAGE ON SCHEMA ' || s || ' TO palpa_student, palpa_instructor';\n"
            "  EXECUTE 'GRANT USAGE ON ALL SEQUENCES IN SCHEMA ' || s || ' TO palpa_student, palpa_instructor';\n"
            "  GRANT SELECT ON schema_version TO palpa_student, palpa_instructor;\n"
            "  GRANT SELECT, INSERT ON students, attempts, quiz_results, walkthrough_completions\n"
            "    TO palpa_student, palpa_instructor;\n"
            "  GRANT SELECT ON classes TO palpa_student;\n"
            "  GRANT SELECT, INSERT, UPDATE ON classes TO palpa_instructor;\n"
            "  GRANT SELECT, INSERT, UPDATE ON class_members TO palpa_student, palpa_instructor;\n"
            "  ALTER TABLE students ENABLE ROW LEVEL SECURITY;\n"
            "  ALTER TABLE attempts ENABLE ROW LEVEL SECURITY;\n"
            "  ALTER TABLE quiz_results ENABLE ROW LEVEL SECURITY;\n"
            "  ALTER TABLE walkthrough_completions ENABLE ROW LEVEL SECURITY;\n"
            "  ALTER TABLE class_members ENABLE ROW LEVEL SECURITY;\n"
            "  CREATE POLICY student_own ON students TO palpa_student\n"
            "    USING (name = current_user) WITH CHECK (name = current_user);\n"
            "  CREATE POLICY student_own ON attempts TO palpa_student\n"
            "    USING (student_id IN (SELECT id FROM students WHERE name = current_user))\n"
            "    WITH CHECK (student_id IN (SELECT id FROM students WHERE name = current_user));\n"
            "  CREATE POLICY student_own ON quiz_results TO palpa_student\n"
            "    USING (student_id IN (SELECT id FROM students WHERE name = current_user))\n"
            "    WITH CHECK (student_id IN (SELECT id FROM students WHERE name = current_user));\n"
            "  CREATE POLICY student_own ON walkthrough_completions TO palpa_student\n"
            "    USING (student_id IN (SELECT id FROM students WHERE name = current_user))\n"
            "    WITH CHECK (student_id IN (SELECT id FROM students WHERE name = current_user));\n"
            "  CREATE POLICY student_own ON class_members TO palpa_student\n"
            "    USING (student = current_user) WITH CHECK (student = current_user);\n"
            "  CREATE POLICY instructor_all ON students TO palpa_instructor USING (true) WITH CHECK (true);\n"
            "  CREATE POLICY instructor_all ON attempts TO palpa_instructor USING (true) WITH CHECK (true);\n"
            "  CREATE POLICY instructor_all ON quiz_results TO palpa_instructor USING (true) WITH CHECK (true);\n"
            "  CREATE POLICY instructor_all ON walkthrough_completions TO palpa_instructor USING (true) WITH CHECK (true);\n"
            "  CREATE POLICY instructor_all ON class_members TO palpa_instructor USING (true) WITH CHECK (true);\n"
            "END $palpa$",
        },
    };
    return all;
}

}  // namespace

int knownSchemaVersion() {
    return static_cast<int>(migrations().size());
}

std::vector<std::string> migrationStatements(int version, Dialect dialect) {
    const std::string_view id = dialect == Dialect::Sqlite
                                    ? "INTEGER PRIMARY KEY"
                                    : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    std::vector<std::string> out;
    if (version < 1 || version > knownSchemaVersion()) return out;
    for (std::string_view text : migrations()[static_cast<size_t>(version - 1)]) {
        if (text.substr(0, 3) == "pg:") {  // PostgreSQL only (roles, policies)
            if (dialect != Dialect::Postgres) continue;
            text.remove_prefix(3);
        }
        std::string s(text);
        for (size_t at = s.find("{id}"); at != std::string::npos; at = s.find("{id}"))
            s.replace(at, 4, id);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace palpa::records
