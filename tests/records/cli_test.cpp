// The progress store through the palpa CLI: score --student in batch, report with --html and
// --csv, exit codes, and an unreachable server: a clear error, the attempt kept in the pending
// folder, and `palpa records sync` storing it later.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "records_support.hpp"
#include "support/run.hpp"

namespace palpa::records::test {
namespace {

using palpa::test::run;

std::string unreachableUrl() {
    return "postgresql://palpa@127.0.0.1:" + std::to_string(closedPort()) + "/palpa";
}

std::string score(const std::string& args) {
    return palpaBin() + " score " + shellQuote(asset("good-left.jsonl")) + " " + args;
}

using RecordsCli = RecordsTest;

TEST_F(RecordsCli, ScoreBatchStoresEachAttemptAndReportShowsThem) {
    const auto r = run(palpaBin() + " score " + shellQuote(asset("good-left.jsonl")) + " " +
                       shellQuote(asset("hold-short.jsonl")) + " --student 'Ann Lee'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("stored attempt #1 for Ann Lee in sqlite:" +
                         (data() / "progress.sqlite3").string()),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("stored attempt #2 for Ann Lee"), std::string::npos) << r.out;

    const auto html = dir / "ann.html", csv = dir / "ann.csv";
    const auto rep = run(palpaBin() + " report --student 'Ann Lee' --html " +
                         shellQuote(html.string()) + " --csv " + shellQuote(csv.string()));
    ASSERT_EQ(rep.exit_code, 0) << rep.err;
    EXPECT_NE(rep.out.find("Attempts: 2 (1 passed), best 100, latest 80"), std::string::npos)
        << rep.out;
    EXPECT_NE(rep.out.find("hold_short"), std::string::npos);
    const std::string page = palpa::test::slurp(html);
    EXPECT_NE(page.find("<svg"), std::string::npos);
    EXPECT_EQ(page.find("http"), std::string::npos);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    const std::string table = palpa::test::slurp(csv);
    EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 3) << table;

    // --json keeps stdout pure JSON; the stored line goes to stderr.
    const auto json = run(score("--json --student 'Ann Lee'"));
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(json.out.find("stored attempt"), std::string::npos);
    EXPECT_NE(json.err.find("stored attempt #3"), std::string::npos) << json.err;
}

TEST_F(RecordsCli, ExitCodesAndHelp) {
    for (const char* help :
         {" report --help", " records --help", " records sync --help", " score --help"})
        EXPECT_EQ(run(palpaBin() + help).exit_code, 0) << help;
    EXPECT_NE(run(palpaBin() + " score --help").out.find("--student"), std::string::npos);
    // No store yet, then an unknown student: bad input, one line.
    auto r = run(palpaBin() + " report --student Nobody");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.errLines(), 1) << r.err;
    ASSERT_EQ(run(score("--student Ann")).exit_code, 0);
    r = run(palpaBin() + " report --student Nobody");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no student named \"Nobody\""), std::string::npos) << r.err;
    // --db needs --student.
    EXPECT_EQ(run(score("--db " + shellQuote(sqliteUrl()))).exit_code, 2);
    // PALPA_DB chooses the default store.
    r = run("PALPA_DB=" + shellQuote(sqliteUrl()) + " " + score("--student Bo"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(querySql(sqliteUrl(), "SELECT name FROM students"), "Bo");
}

// Unreachable: exit 1 with one line naming the server and the pending folder; then sync.
void unreachableThenSync(const std::string& later) {
    const std::string down = unreachableUrl();
    const auto r = run(score("--student Eve --db " + shellQuote(down)));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.errLines(), 1) << r.err;
    EXPECT_NE(r.err.find("cannot reach " + down), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("pending"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("Verdict:"), std::string::npos) << "the score is still shown";

    // Its own store is still down: sync keeps it and says so.
    auto sync = run(palpaBin() + " records sync");
    EXPECT_EQ(sync.exit_code, 1) << sync.err;
    EXPECT_NE(sync.err.find("still pending"), std::string::npos) << sync.err;

    sync = run(palpaBin() + " records sync --db " + shellQuote(later));
    EXPECT_EQ(sync.exit_code, 0) << sync.err;
    EXPECT_NE(sync.out.find("stored 1 pending item"), std::string::npos) << sync.out;
    auto store = openStore(later);
    const auto attempts = store->attempts("Eve");
    ASSERT_EQ(attempts.size(), 1u);
    EXPECT_EQ(attempts[0].score, 100);
    EXPECT_TRUE(attempts[0].passed);
    sync = run(palpaBin() + " records sync");
    EXPECT_EQ(sync.exit_code, 0) << sync.err;
    EXPECT_NE(sync.out.find("nothing pending"), std::string::npos) << sync.out;
    EXPECT_EQ(store->attempts("Eve").size(), 1u);
}

TEST_F(RecordsCli, UnreachablePostgresKeepsTheAttemptAndSyncStoresItInPostgres) {
    const std::string later = freshPgDatabase();
    ASSERT_FALSE(later.empty());
    unreachableThenSync(later);
    EXPECT_EQ(pendingCount(), 0);
}

TEST_F(RecordsCli, UnreachablePostgresKeepsTheAttemptAndSyncStoresItInSqlite) {
    unreachableThenSync(sqliteUrl());
    EXPECT_EQ(pendingCount(), 0);
}

TEST_F(RecordsCli, PendingItemsAreStoredWhenTheirStoreNextOpens) {
    // A SQLite store that cannot be created (its folder is a file) keeps the attempt pending.
    { std::ofstream(dir / "blocker") << "x"; }
    const std::string blocked = "sqlite:" + (dir / "blocker" / "progress.sqlite3").string();
    auto r = run(score("--student Kim --db " + shellQuote(blocked)));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(pendingCount(), 1);
    std::filesystem::remove(dir / "blocker");
    r = run(palpaBin() + " records students --db " + shellQuote(blocked));
    EXPECT_EQ(r.exit_code, 2) << "no database there yet: " << r.err;
    r = run(score("--student Lee --db " + shellQuote(blocked)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(pendingCount(), 0);
    auto store = openStore(blocked);
    EXPECT_EQ(store->students(), (std::vector<std::string>{"Kim", "Lee"}));
}

// The settings file names a default student: commands given no --student store for them,
// and a quiz played in the terminal shows up in their report.
TEST_F(RecordsCli, TheSettingsDefaultStudentIsStoredForWhenNoneIsGiven) {
    const auto set = run(palpaBin() + " settings --student 'Cy Ng'");
    ASSERT_EQ(set.exit_code, 0) << set.err;
    EXPECT_NE(set.out.find((dir / "config" / "palpa" / "config.json").string()), std::string::npos) << set.out;
    const auto scored = run(score(""));
    ASSERT_EQ(scored.exit_code, 0) << scored.err;
    EXPECT_NE(scored.out.find("stored attempt #1 for Cy Ng"), std::string::npos) << scored.out;
    // --student still wins.
    const auto other = run(score("--student Di"));
    EXPECT_NE(other.out.find("stored attempt #2 for Di"), std::string::npos) << other.out;
    const auto report = run(palpaBin() + " report --student 'Cy Ng'");
    EXPECT_NE(report.out.find("Attempts: 1"), std::string::npos) << report.out;
    // Cleared: nothing is stored.
    ASSERT_EQ(run(palpaBin() + " settings --clear").exit_code, 0);
    EXPECT_EQ(run(score("")).out.find("stored"), std::string::npos);
}

TEST_F(RecordsCli, SettingsRefuseAPasswordAndABrokenFileIsNamed) {
    const auto pw = run(palpaBin() + " settings --db postgresql://ann:secret@db.school/palpa");
    EXPECT_EQ(pw.exit_code, 2);
    EXPECT_NE(pw.err.find("without a password"), std::string::npos) << pw.err;
    // Nor on any other command line: every --db is checked before anything runs.
    for (const char* command : {"records students", "report --student ann", "class list", "score x.jsonl --student ann"}) {
        const auto r = run(palpaBin() + " " + std::string(command) + " --db 'postgresql://db.school/palpa?user=ann&password=secret'");
        EXPECT_EQ(r.exit_code, 2) << command;
        EXPECT_NE(r.err.find("--db: db: a database URL without a password"), std::string::npos) << command << ": " << r.err;
        EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
    }
    std::filesystem::create_directories(dir / "config" / "palpa");
    std::ofstream(dir / "config" / "palpa" / "config.json") << "{\"student\": 3}";
    const auto broken = run(score(""));
    EXPECT_EQ(broken.exit_code, 2);
    EXPECT_NE(broken.err.find("config.json: student: expected a non-empty string"), std::string::npos) << broken.err;
    std::ofstream(dir / "config" / "palpa" / "config.json") << "{\"stduent\": \"Ann\"}";
    const auto typo = run(score(""));
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("stduent: an unknown setting"), std::string::npos) << typo.err;
}

// The settings keep the patient's size: every command given no --bmi or --model uses that
// patient (generated once into the cache), until it is cleared; a bad size is refused.
TEST_F(RecordsCli, TheSettingsBmiPicksThePatientForEveryCommand) {
    ASSERT_EQ(run(palpaBin() + " settings --bmi 30").exit_code, 0);
    const auto shown = run(palpaBin() + " settings");
    EXPECT_NE(shown.out.find("bmi:     30.0"), std::string::npos) << shown.out;
    const auto info = run(palpaBin() + " info");
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("patient-bmi30.0.glb"), std::string::npos) << info.out;
    // --bmi on the command line still wins.
    EXPECT_NE(run(palpaBin() + " --bmi 24 info").out.find("patient-bmi24.0.glb"), std::string::npos);
    const auto bad = run(palpaBin() + " settings --bmi 55");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("a body-mass index from 17 to 40"), std::string::npos) << bad.err;
    ASSERT_EQ(run(palpaBin() + " settings --bmi ''").exit_code, 0);
    EXPECT_NE(run(palpaBin() + " info").out.find("psoas-region.glb"), std::string::npos);
    std::ofstream(dir / "config" / "palpa" / "config.json") << "{\"bmi\": 12}";
    const auto broken = run(palpaBin() + " info");
    EXPECT_EQ(broken.exit_code, 2);
    EXPECT_NE(broken.err.find("config.json: bmi: a body-mass index from 17 to 40"), std::string::npos) << broken.err;
}

}  // namespace
}  // namespace palpa::records::test
