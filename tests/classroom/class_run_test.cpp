// Classes between real palpa processes: the instructor's commands reach every student
// (polled in SQLite, notified in PostgreSQL), late joiners and students cut off catch up, a
// killed console leaves the class running for the next one to take over, codes expire, an
// unsafe press is flagged on the console, and attempts made in class are stored with its code.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include <libpq-fe.h>

#include "records_support.hpp"
#include "support/run.hpp"

namespace palpa::records::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

class ClassRun : public RecordsTest {
  protected:
    // Whatever a failed test left running goes with it.
    void TearDown() override {
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".pid") ::kill(std::stoi(palpa::test::slurp(e.path())), SIGKILL);
        RecordsTest::TearDown();
    }

    // Starts `args` (a palpa command line) in the background, its output in `name`.log.
    void background(const std::string& name, const std::string& args, const std::string& input = "",
                    const std::string& env = "") {
        const fs::path log = dir / (name + ".log");
        const std::string in = input.empty() ? "</dev/null" : "";
        // The input's own output goes nowhere, so that its sleep never holds the test's output open.
        const std::string cmd = (input.empty() ? "" : "(" + input + ") 2>/dev/null | ") + env + palpa::test::palpa() + " " + args + " " + in +
                                " >'" + log.string() + "' 2>&1 & echo $! >'" + (dir / (name + ".pid")).string() + "'";
        ASSERT_EQ(std::system(("sh -c \"" + escape(cmd) + "\"").c_str()), 0);
    }
    std::string log(const std::string& name) const { return palpa::test::slurp(dir / (name + ".log")); }
    // Waits up to `seconds` for `text` in a background command's log.
    bool waitFor(const std::string& name, const std::string& text, double seconds = 20.0) const {
        const auto until = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < until) {
            if (log(name).find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    pid_t pidOf(const std::string& name) const { return std::stoi(palpa::test::slurp(dir / (name + ".pid"))); }
    std::string palpaIn(const std::string& db, const std::string& args) const { return palpa::test::palpa() + " " + args + " --db '" + db + "'"; }
    // Creates a class (no console) and returns its code.
    std::string start(const std::string& db, const std::string& extra = "") {
        const auto r = palpa::test::run(palpaIn(db, "class start --no-console --instructor 'Dr Lee' --title Anatomy-1 " + extra));
        EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
        const std::size_t at = r.out.find("class: ");
        return at == std::string::npos ? "" : r.out.substr(at + 7, 6);
    }
    // A class quiz of two choice items: answering "a" twice gets q-a right and q-b wrong, in
    // either order. Returns the option that starts a class with it.
    std::string withQuiz() {
        std::ofstream(dir / "quiz.json") << R"({"palpa_quiz": 1, "id": "class-check", "title": "Check",
            "items": [{"id": "q-a", "type": "choice", "topic": "anatomy", "prompt": "A?", "choices": ["x", "y", "z"], "answer": 0, "explanation": "."},
                      {"id": "q-b", "type": "choice", "topic": "anatomy", "prompt": "B?", "choices": ["x", "y", "z"], "answer": 1, "explanation": "."}]})";
        return "--quiz '" + (dir / "quiz.json").string() + "'";
    }
    void control(const std::string& db, const std::string& code, const std::string& command) {
        const auto r = palpa::test::run(palpaIn(db, "class control " + code + " " + command));
        EXPECT_EQ(r.exit_code, 0) << command << ": " << r.out << r.err;
    }

  private:
    static std::string escape(const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
            out += c;
        }
        return out;
    }
};

// Every student sees each of the instructor's changes in order; a student who joins late
// starts on the instructor's step; released, a student practises, and the attempt is stored
// with the class's code; the class ends everywhere and nobody joins it after.
TEST_F(ClassRun, StudentsFollowTheInstructorAndKeepTheirAttempts) {
    const std::string db = sqliteUrl();
    const std::string code = start(db, withQuiz());
    ASSERT_EQ(code.size(), 6u);
    const std::string good = std::string(PALPA_TEST_ASSETS) + "/recordings/good-left.jsonl";
    // The students answer the class's quiz at their terminals when the instructor starts it
    // (ana: "a a", ben: "c c"): their input waits in the pipe until then.
    background("ana", "class join " + code + " --student ana --seed 7 --replay-speed 25 --replay '" + good + "' --db '" + db + "'",
               "printf 'a\\na\\n'; sleep 60");
    ASSERT_TRUE(waitFor("ana", "as ana; step 1/9")) << log("ana");
    control(db, code, "n");
    ASSERT_TRUE(waitFor("ana", "step 2/9 The abdominal wall (v2")) << log("ana");
    control(db, code, "g 5");
    control(db, code, "point psoas_major_left");
    ASSERT_TRUE(waitFor("ana", "pointing at psoas_major_left")) << log("ana");
    // Late: starts where the class is.
    background("ben", "class join " + code.substr(0, 3) + "-" + code.substr(3) + " --student ben --db '" + db + "'",
               "printf 'c\\nc\\n'; sleep 60");
    ASSERT_TRUE(waitFor("ben", "as ben; step 5/9")) << log("ben");
    control(db, code, "release");
    ASSERT_TRUE(waitFor("ana", "attempt judged: score 100, passed; stored attempt #1 for ana", 30)) << log("ana");
    control(db, code, "quiz");
    ASSERT_TRUE(waitFor("ana", "class: quiz done: 1/2 right")) << log("ana");
    ASSERT_TRUE(waitFor("ben", "class: quiz done: 0/2 right")) << log("ben");
    EXPECT_NE(log("ana").find("everyone takes the class's quiz"), std::string::npos) << log("ana");
    EXPECT_EQ(querySql(db, "SELECT count(*) FROM quiz_results WHERE class_code = '" + code + "'"), "2");
    control(db, code, "end");
    ASSERT_TRUE(waitFor("ana", "left " + code + " at step 5/9 (the class ended)")) << log("ana");
    ASSERT_TRUE(waitFor("ben", "left " + code + " at step 5/9 (the class ended)")) << log("ben");
    EXPECT_EQ(querySql(db, "SELECT count(*) FROM attempts WHERE class_code = '" + code + "'"), "1");
    const auto list = palpa::test::run(palpaIn(db, "class list"));
    EXPECT_NE(list.out.find(code + "  ended"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("2         5"), std::string::npos) << list.out;  // two students, step 5
    // The class's report: who came, the attempt made in class, the quiz's items by how often
    // they were missed.
    const auto report = palpa::test::run(palpaIn(db, "report --class " + code + " --csv '" + (dir / "class.csv").string() +
                                                      "' --html '" + (dir / "class.html").string() + "'"));
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(report.out.find("Attended: 2 student(s); 1 attempt(s) in class, 1 passed"), std::string::npos) << report.out;
    const std::size_t missed = report.out.find("q-b"), half = report.out.find("q-a");
    ASSERT_NE(missed, std::string::npos) << report.out;
    EXPECT_NE(report.out.find("q-b                      0/2 right"), std::string::npos) << report.out;
    EXPECT_NE(report.out.find("q-a                      1/2 right"), std::string::npos) << report.out;
    EXPECT_LT(missed, half) << report.out;  // the most missed first
    const std::string csv = palpa::test::slurp(dir / "class.csv");
    EXPECT_NE(csv.find(code + ",ana,"), std::string::npos) << csv;
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2) << csv;  // the header and ana's attempt
    EXPECT_NE(palpa::test::slurp(dir / "class.html").find("<svg"), std::string::npos);
    // The class is over: nobody joins it.
    const auto late = palpa::test::run(palpaIn(db, "class join " + code + " --student cy"));
    EXPECT_EQ(late.exit_code, 2);
    EXPECT_NE(late.err.find("has ended"), std::string::npos) << late.err;
}

TEST_F(ClassRun, CodesExpireAndUnknownCodesAreNamed) {
    const std::string db = sqliteUrl();
    const std::string code = start(db, "--code-hours 0.0004");  // 1.44 s
    background("ana", "class join " + code + " --student ana --db '" + db + "'");
    ASSERT_TRUE(waitFor("ana", "as ana;")) << log("ana");
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));
    const auto expired = palpa::test::run(palpaIn(db, "class join " + code + " --student ben"));
    EXPECT_EQ(expired.exit_code, 2) << expired.out;
    EXPECT_NE(expired.err.find("expired at"), std::string::npos) << expired.err;
    // Someone already in the class may come back.
    ::kill(pidOf("ana"), SIGTERM);
    const auto back = palpa::test::run("timeout -s INT 2 " + palpaIn(db, "class join " + code + " --student ana"));
    EXPECT_NE(back.out.find("as ana;"), std::string::npos) << back.out << back.err;
    const auto unknown = palpa::test::run(palpaIn(db, "class join ZZZZZZ --student ben"));
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("there is no class ZZZZZZ"), std::string::npos) << unknown.err;
    const auto typo = palpa::test::run(palpaIn(db, "class join K7Q --student ben"));
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("a 6-character join code"), std::string::npos) << typo.err;
}

// The console is typed at; killed, it leaves the class where it was, and a new console takes
// it over (told that another was live a moment ago).
TEST_F(ClassRun, AKilledConsoleLeavesTheClassForTheNextOne) {
    const std::string db = sqliteUrl();
    const std::string code = start(db);
    background("console", "class console " + code + " --terminal --db '" + db + "'", "echo n; sleep 0.5; echo 'g 3'; sleep 30");
    ASSERT_TRUE(waitFor("console", "console: step 3/9")) << log("console");
    ::kill(pidOf("console"), SIGKILL);
    const auto second = palpa::test::run("((echo n; echo pause; echo nonsense; echo quit) | " +
                                         palpaIn(db, "class console " + code) + " --terminal --stats)");
    EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
    EXPECT_NE(second.out.find("takes the class over"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("console: step 4/9"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("console: paused"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("console: console: one of: n(ext)"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("the class goes on"), std::string::npos) << second.out;
    EXPECT_EQ(querySql(db, "SELECT step || ' ' || paused FROM classes WHERE code = '" + code + "'"), "3 1");
}

// On a school's server: students are told of changes by NOTIFY within milliseconds; their
// connections cut by the server come back and catch up; an unsafe press reaches the console
// at once; and every student ends on the instructor's last step.
TEST_F(ClassRun, OnPostgresStudentsCutOffCatchUpAndUnsafePressesAreFlagged) {
    const std::string db = freshPgDatabase();
    ASSERT_FALSE(db.empty());
    const std::string code = start(db);
    ASSERT_EQ(code.size(), 6u);
    const fs::path recordings = dir / "recordings";
    ASSERT_EQ(palpa::test::run(palpa::test::palpa() + " recording generate too-deep -o '" + recordings.string() + "'").exit_code, 0);
    background("console", "class console " + code + " --terminal --refresh 0.2 --db '" + db + "'", "sleep 60");
    const std::vector<std::string> students = {"ana", "ben", "cy"};
    for (const std::string& s : students)
        background(s, "class join " + code + " --student " + s + " --replay-speed 8 --replay '" + (recordings / "too-deep.jsonl").string() +
                          "' --db '" + db + "'");
    for (const std::string& s : students) ASSERT_TRUE(waitFor(s, "as " + s + ";")) << log(s);
    control(db, code, "n");
    for (const std::string& s : students) {
        ASSERT_TRUE(waitFor(s, "step 2/9")) << log(s);
        const std::size_t at = log(s).find("step 2/9");
        int ms = -1;
        ASSERT_EQ(std::sscanf(log(s).c_str() + log(s).find("after ", at), "after %d ms", &ms), 1);
        EXPECT_LT(ms, 1000) << log(s);
    }
    // The server drops every palpa connection (a network cut, as the server sees it).
    querySql(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'palpa'");
    control(db, code, "g 6");
    for (const std::string& s : students) ASSERT_TRUE(waitFor(s, "step 6/9")) << log(s);
    control(db, code, "release");
    ASSERT_TRUE(waitFor("console", "is pressing unsafely", 40)) << log("console");
    for (const std::string& s : students) ASSERT_TRUE(waitFor(s, "attempt judged", 60)) << log(s);
    control(db, code, "end");
    for (const std::string& s : students) ASSERT_TRUE(waitFor(s, "at step 6/9 (the class ended)")) << log(s);
    ASSERT_TRUE(waitFor("console", "the class has ended")) << log("console");
    EXPECT_EQ(querySql(db, "SELECT count(*) FROM attempts WHERE class_code = '" + code + "' AND passed = 0"), "3");
    EXPECT_EQ(querySql(db, "SELECT count(*) FROM class_members WHERE class_code = '" + code + "' AND step = 5"), "3");
}

// The headset joins with --class: the tour follows the instructor (steps, pause, a pointed
// structure) and the class's end ends the session; released, the student practises on the
// headset's patient and the attempt is stored with the class's code.
TEST_F(ClassRun, TheHeadsetFollowsTheClassAndPractisesWhenReleased) {
    const std::string db = sqliteUrl();
    const std::string sim = std::string("XR_RUNTIME_JSON='") + PALPA_SIM_RUNTIME_JSON +
                            "' PALPA_SIM_FPS=30 PALPA_SIM_VIEW=128x128 PALPA_SIM_RENDER_EVERY=30 ";
    const std::string code = start(db, withQuiz());
    background("tour", "--validation xr --class " + code + " --student ana --db '" + db + "'", "", sim);
    ASSERT_TRUE(waitFor("tour", "class: joined " + code)) << log("tour");
    ASSERT_TRUE(waitFor("tour", "walkthrough: step 1/9")) << log("tour");
    control(db, code, "g 3");
    ASSERT_TRUE(waitFor("tour", "walkthrough: step 3/9")) << log("tour");
    control(db, code, "point psoas_major_left");
    ASSERT_TRUE(waitFor("tour", "class: pointing at psoas_major_left")) << log("tour");
    control(db, code, "pause");
    ASSERT_TRUE(waitFor("tour", "class: paused")) << log("tour");
    // The class's quiz plays on the panel; the class moving on ends it (nothing answered).
    control(db, code, "quiz");
    ASSERT_TRUE(waitFor("tour", "class: the class's quiz")) << log("tour");
    control(db, code, "tour");
    ASSERT_TRUE(waitFor("tour", "quiz: 0/0 right")) << log("tour");
    ASSERT_TRUE(waitFor("tour", "class: back to the tour")) << log("tour");
    control(db, code, "end");
    ASSERT_TRUE(waitFor("tour", "class: left " + code + " at step 3/9 (the class ended)", 30)) << log("tour");
    EXPECT_EQ(log("tour").find("validation"), std::string::npos) << log("tour");

    // Released before this student joins: the practice starts at once, on the recorded hands.
    const std::string practice = start(db);
    control(db, practice, "release");
    background("practice", "--validation xr --class " + practice + " --student ben --record '" + (dir / "ben.jsonl").string() +
                               "' --db '" + db + "'", "",
               sim + "PALPA_SIM_HANDS='" + std::string(PALPA_TEST_ASSETS) + "/recordings/good-left.jsonl' ");
    ASSERT_TRUE(waitFor("practice", "class: released to practise")) << log("practice");
    ASSERT_TRUE(waitFor("practice", "headset: step rest", 90)) << log("practice");
    control(db, practice, "end");
    ASSERT_TRUE(waitFor("practice", "class: left " + practice, 30)) << log("practice");
    EXPECT_NE(log("practice").find("stored attempt #1 for ben"), std::string::npos) << log("practice");
    EXPECT_EQ(querySql(db, "SELECT count(*) FROM attempts WHERE passed = 1 AND class_code = '" + practice + "'"), "1");
}

// The desktop window joins with --class: its tour follows the instructor, released it opens
// the mouse simulator's practice (reporting live), back on the tour it shows the tour again,
// on the class's quiz it plays the quiz (reported as "quiz"), and the class's end closes it.
TEST_F(ClassRun, TheDesktopWindowFollowsTheClass) {
    const std::string db = sqliteUrl();
    const std::string code = start(db, withQuiz());
    background("desk", "--validation desktop --class " + code + " --student cy --db '" + db + "'", "",
               "xvfb-run -a -s '-screen 0 1024x700x24' ");
    ASSERT_TRUE(waitFor("desk", "class: joined " + code)) << log("desk");
    ASSERT_TRUE(waitFor("desk", "desktop window on", 30)) << log("desk");
    control(db, code, "g 4");
    ASSERT_TRUE(waitFor("desk", "class: step 4/9")) << log("desk");
    control(db, code, "release");
    ASSERT_TRUE(waitFor("desk", "class: released to practise")) << log("desk");
    // The simulator's practice reports live to the console.
    const auto until = Clock::now() + std::chrono::seconds(30);
    std::string live;
    while (Clock::now() < until && live.find("\"activity\":\"practice\"") == std::string::npos) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        live = querySql(db, "SELECT live FROM class_members WHERE student = 'cy'");
    }
    EXPECT_NE(live.find("\"activity\":\"practice\""), std::string::npos) << live << log("desk");
    control(db, code, "tour");
    ASSERT_TRUE(waitFor("desk", "class: back to the tour")) << log("desk");
    control(db, code, "quiz");
    ASSERT_TRUE(waitFor("desk", "class: the class's quiz")) << log("desk");
    const auto quizUntil = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < quizUntil && live.find("\"activity\":\"quiz\"") == std::string::npos) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        live = querySql(db, "SELECT live FROM class_members WHERE student = 'cy'");
    }
    EXPECT_NE(live.find("\"activity\":\"quiz\""), std::string::npos) << live << log("desk");
    control(db, code, "tour");
    ASSERT_TRUE(waitFor("desk", "quiz: 0/0 right")) << log("desk");  // nothing answered: nothing stored
    ASSERT_TRUE(waitFor("desk", "class: back to the tour")) << log("desk");
    control(db, code, "end");
    ASSERT_TRUE(waitFor("desk", "class: the instructor ended the class", 30)) << log("desk");
    EXPECT_EQ(log("desk").find("validation"), std::string::npos) << log("desk");
}

// The console in a window, driven by real key presses (xdotool under a virtual X server):
// N steps, K pauses, a digit goes to a step, R releases, Q starts the quiz and brings the class
// back, E twice ends the class.
TEST_F(ClassRun, TheConsoleWindowLeadsTheClassFromTheKeyboard) {
    const std::string db = sqliteUrl();
    const std::string code = start(db, withQuiz());
    const fs::path log = dir / "window.log";
    const auto r = palpa::test::run("xvfb-run -a -s '-screen 0 1280x800x24' '" + std::string(PALPA_TEST_SOURCE) +
                                    "/tests/input/drive_window.sh' '" + log.string() + "' -- " + palpa::test::palpa() +
                                    " --validation class console " + code + " --db '" + db +
                                    "' -- key:n 'wait:step 2/9' key:k wait:paused key:4 'wait:step 4/9' key:r wait:released "
                                    "key:q 'wait:takes the class' key:q 'wait:back to the tour' key:e key:e 'wait:the class has ended'");
    const std::string out = palpa::test::slurp(log);
    ASSERT_EQ(r.exit_code, 0) << out << r.err;
    EXPECT_NE(out.find("end the class for everyone? E again ends it"), std::string::npos) << out;
    EXPECT_EQ(out.find("validation"), std::string::npos) << out;
    EXPECT_EQ(querySql(db, "SELECT step || ' ' || mode FROM classes WHERE code = '" + code + "'"), "3 ended");
}

// The error a statement gets on a connection ("" when it runs), and its first value.
std::string pgError(const std::string& url, const std::string& sql, std::string* value = nullptr) {
    PGconn* conn = PQconnectdb(url.c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    std::string error;
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        error = PQresultErrorMessage(r);
    else if (value)
        *value = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    PQclear(r);
    PQfinish(conn);
    return error;
}

// A school's database: students log in as their own role (a member of palpa_student), an
// instructor as a member of palpa_instructor. A student's connection stores and reads only
// that student's records, through palpa and through hand-written SQL alike; the instructor's
// reads the class.
TEST_F(ClassRun, OnPostgresAStudentConnectionSeesOnlyTheirOwnRecords) {
    const std::string db = freshPgDatabase();
    ASSERT_FALSE(db.empty());
    ASSERT_EQ(palpa::test::run(palpa::test::palpa() + " records students --db '" + db + "'").exit_code, 0);  // migrates
    const std::string tag = std::to_string(::getpid());
    const std::string ana = "ana_" + tag, ben = "ben_" + tag, lee = "lee_" + tag;
    // Roles are the cluster's: made here for this test, dropped at its end.
    for (const auto& [who, group] : {std::pair<std::string, std::string>{ana, "palpa_student"}, {ben, "palpa_student"}, {lee, "palpa_instructor"}})
        ASSERT_EQ(pgError(db, "CREATE ROLE " + who + " LOGIN IN ROLE " + group), "");
    const auto as = [&](const std::string& who) {
        std::string url = db;
        url.replace(url.find("://") + 3, url.find('@') - url.find("://") - 3, who);
        return url;
    };
    const std::string good = std::string(PALPA_TEST_ASSETS) + "/recordings/good-left.jsonl";
    for (const std::string& who : {ana, ben}) {
        const auto stored = palpa::test::run(palpa::test::palpa() + " score '" + good + "' --student " + who + " --db '" + as(who) + "'");
        EXPECT_EQ(stored.exit_code, 0) << stored.out << stored.err;
    }
    // Through palpa: ana cannot store for ben, nor read his report.
    const auto forged = palpa::test::run(palpa::test::palpa() + " score '" + good + "' --student " + ben + " --db '" + as(ana) + "'");
    EXPECT_EQ(forged.exit_code, 2) << forged.out;  // refused, not kept to try again
    EXPECT_NE(forged.err.find("row-level security"), std::string::npos) << forged.err;
    const auto peek = palpa::test::run(palpa::test::palpa() + " report --student " + ben + " --db '" + as(ana) + "'");
    EXPECT_EQ(peek.exit_code, 2) << peek.out;
    // Through SQL: only her own rows; no updates or deletes at all.
    std::string n;
    EXPECT_EQ(pgError(as(ana), "SELECT count(*) FROM attempts", &n), "");
    EXPECT_EQ(n, "1");
    EXPECT_EQ(pgError(as(ana), "SELECT count(*) FROM students WHERE name = '" + ben + "'", &n), "");
    EXPECT_EQ(n, "0");
    EXPECT_EQ(pgError(as(ana), "SELECT count(*) FROM attempts a JOIN students s ON s.id = a.student_id WHERE s.name <> current_user", &n), "");
    EXPECT_EQ(n, "0");
    EXPECT_NE(pgError(as(ana), "UPDATE attempts SET score = 0"), "");
    EXPECT_NE(pgError(as(ana), "DELETE FROM attempts"), "");
    const std::string benId = querySql(db, "SELECT id FROM students WHERE name = '" + ben + "'");
    EXPECT_NE(pgError(as(ana), "INSERT INTO attempts (uid, student_id, technique, side, started_at, recording_path, recording_sha256,"
                              " recording_size, score, passed, faults, metrics) VALUES ('x', " + benId +
                                  ", 't', 'left', '', '', '', 0, 100, 1, '', '{}')")
                  .find("row-level security"),
              std::string::npos);
    EXPECT_EQ(querySql(db, "SELECT count(*) FROM attempts"), "2");  // the owner sees both, untouched
    // Classes: a student reads the class but cannot move it; the instructor reads every student.
    const auto started = palpa::test::run(palpa::test::palpa() + " class start --no-console --instructor " + lee + " --db '" + as(lee) + "'");
    ASSERT_EQ(started.exit_code, 0) << started.err;
    const std::string code = started.out.substr(started.out.find("class: ") + 7, 6);
    EXPECT_NE(palpa::test::run(palpa::test::palpa() + " class control " + code + " n --db '" + as(ana) + "'").exit_code, 0);
    EXPECT_EQ(pgError(as(lee), "SELECT count(*) FROM attempts", &n), "");
    EXPECT_EQ(n, "2");
    const auto report = palpa::test::run(palpa::test::palpa() + " report --student " + ben + " --db '" + as(lee) + "'");
    EXPECT_EQ(report.exit_code, 0) << report.err;
    dropPgDatabases();
    for (const std::string& who : {ana, ben, lee}) pgError(pgServer(), "DROP ROLE IF EXISTS " + who);
}

}  // namespace
}  // namespace palpa::records::test
