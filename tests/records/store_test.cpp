// The Store interface on both backends (SQLite and the PALPA_TEST_PG server): migrations from
// empty, data kept across reopening, injection attempts stored verbatim, quiz results and
// walkthrough completions, storing the same uid once, a pending class quiz keeping its class.
#include <gtest/gtest.h>

#include "records/pending.hpp"
#include "records/recorder.hpp"
#include "records/schema.hpp"
#include "records/sha256.hpp"
#include "records_support.hpp"

namespace palpa::records::test {
namespace {

class StoreTest : public RecordsTest, public ::testing::WithParamInterface<std::string> {
  protected:
    void SetUp() override {
        RecordsTest::SetUp();
        url = GetParam() == "sqlite" ? sqliteUrl() : freshPgDatabase();
        ASSERT_FALSE(url.empty());
    }
    std::string url;
};

TEST_P(StoreTest, MigratesFromEmpty) {
    auto store = openStore(url);
    EXPECT_EQ(store->schemaVersion(), knownSchemaVersion());
    EXPECT_EQ(querySql(url, "SELECT max(version) FROM schema_version"),
              std::to_string(knownSchemaVersion()));
    for (const char* table : {"students", "attempts", "quiz_results", "walkthrough_completions"})
        EXPECT_EQ(querySql(url, std::string("SELECT count(*) FROM ") + table), "0") << table;
    EXPECT_TRUE(store->students().empty());
    // Opening again applies nothing twice.
    store.reset();
    store = openStore(url);
    EXPECT_EQ(querySql(url, "SELECT count(*) FROM schema_version"),
              std::to_string(knownSchemaVersion()));
}

TEST_P(StoreTest, ReopenKeepsEverything) {
    const auto recording = asset("good-left.jsonl");
    std::int64_t first = 0, second = 0;
    {
        auto store = openStore(url);
        first = storeAttempt(*store, "Ada", recording, sampleResult(100, true));
        second = storeAttempt(*store, "Ada", recording,
                              sampleResult(60, false,
                                           scoring::bit(scoring::Fault::HoldShort) |
                                               scoring::bit(scoring::Fault::TooDeep)));
        store->addQuizResult({0, newUid(), "Ada", "psoas-anatomy", 7.5, 10, R"([{"q":1}])",
                              "2025-03-01T10:00:00.000Z", "K7QF2M"});
        store->addWalkthroughCompletion(
            {0, newUid(), "Ada", "psoas-layers", "2025-03-01T11:00:00.000Z"});
    }
    EXPECT_LT(first, second);
    auto store = openStore(url);
    ASSERT_EQ(store->students(), std::vector<std::string>{"Ada"});
    const auto attempts = store->attempts("Ada");
    ASSERT_EQ(attempts.size(), 2u);
    EXPECT_EQ(attempts[0].id, first);
    EXPECT_EQ(attempts[0].score, 100);
    EXPECT_TRUE(attempts[0].passed);
    EXPECT_TRUE(attempts[0].faults.empty());
    EXPECT_EQ(attempts[0].technique, "psoas-release");
    EXPECT_EQ(attempts[0].side, "left");
    EXPECT_EQ(attempts[0].recording_path, recording.string());
    const FileDigest digest = digestFile(recording);
    EXPECT_EQ(attempts[0].recording_sha256, digest.sha256);
    EXPECT_EQ(attempts[0].recording_size, digest.size);
    EXPECT_NE(attempts[0].metrics_json.find("\"hold_s\":2.5"), std::string::npos)
        << attempts[0].metrics_json;
    EXPECT_EQ(attempts[1].score, 60);
    EXPECT_FALSE(attempts[1].passed);
    EXPECT_EQ(attempts[1].faults, (std::vector<std::string>{"too_deep", "hold_short"}));
    const auto quizzes = store->quizResults("Ada");
    ASSERT_EQ(quizzes.size(), 1u);
    EXPECT_EQ(quizzes[0].quiz, "psoas-anatomy");
    EXPECT_DOUBLE_EQ(quizzes[0].score, 7.5);
    EXPECT_DOUBLE_EQ(quizzes[0].max_score, 10);
    EXPECT_EQ(quizzes[0].items_json, R"([{"q":1}])");
    EXPECT_EQ(quizzes[0].class_code, "K7QF2M");  // taken in a class
    const auto walks = store->walkthroughCompletions("Ada");
    ASSERT_EQ(walks.size(), 1u);
    EXPECT_EQ(walks[0].walkthrough, "psoas-layers");
    EXPECT_EQ(walks[0].completed_at, "2025-03-01T11:00:00.000Z");
}

TEST_P(StoreTest, InjectionAttemptsAreStoredVerbatim) {
    const std::vector<std::string> names = {"x'); DROP TABLE attempts;--",
                                            "Robert'); DROP TABLE students;--",
                                            "\"; DELETE FROM attempts; --", "O'Brien", "名前 ü"};
    {
        auto store = openStore(url);
        for (const std::string& name : names)
            storeAttempt(*store, name, asset("good-left.jsonl"), sampleResult(90, true));
        store->addQuizResult(
            {0, newUid(), names[0], "q'); DROP TABLE quiz_results;--", 1, 2, "[]", nowUtc(), ""});
    }
    auto store = openStore(url);
    auto stored = store->students();
    auto expected = names;
    std::sort(expected.begin(), expected.end());
    std::sort(stored.begin(), stored.end());
    EXPECT_EQ(stored, expected);
    for (const std::string& name : names) {
        const auto attempts = store->attempts(name);
        ASSERT_EQ(attempts.size(), 1u) << name;
        EXPECT_EQ(attempts[0].student, name);
    }
    EXPECT_EQ(querySql(url, "SELECT count(*) FROM attempts"), std::to_string(names.size()));
    ASSERT_EQ(store->quizResults(names[0]).size(), 1u);
    EXPECT_EQ(store->quizResults(names[0])[0].quiz, "q'); DROP TABLE quiz_results;--");
    EXPECT_TRUE(store->attempts("x' OR '1'='1").empty());
}

TEST_P(StoreTest, SameUidIsStoredOnce) {
    auto store = openStore(url);
    const AttemptRecord attempt =
        makeAttemptRecord("Ada", asset("good-left.jsonl"), sampleResult(80, false));
    const std::int64_t id = store->addAttempt(attempt);
    EXPECT_EQ(store->addAttempt(attempt), id);
    EXPECT_EQ(store->attempts("Ada").size(), 1u);
}

// A quiz taken in a class that could not be stored waits in the pending folder with its
// class, and is stored with it when the store is back.
TEST_P(StoreTest, APendingClassQuizKeepsItsClass) {
    const QuizRecord quiz{0, newUid(), "Ada", "psoas-anatomy", 1, 2, "[]", nowUtc(), "K7QF2M"};
    writePending(url, quiz);
    ASSERT_EQ(readPending().size(), 1u);
    EXPECT_EQ(std::get<QuizRecord>(readPending()[0].record).class_code, "K7QF2M");
    auto store = openStore(url);
    flushPending(*store, false);
    ASSERT_EQ(store->quizResults("Ada").size(), 1u);
    EXPECT_EQ(store->quizResults("Ada")[0].class_code, "K7QF2M");
    EXPECT_EQ(querySql(url, "SELECT class_code FROM quiz_results"), "K7QF2M");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace palpa::records::test
