// Durability: `palpa score` over several long recordings with --student is SIGKILLed once its
// first attempt is committed. The database must open, pass integrity_check, and hold every
// completed attempt intact; the attempt in progress is the most that may be lost.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "records/sha256.hpp"
#include "records_support.hpp"

namespace palpa::records::test {
namespace {

// good-left.jsonl played `repeats` times in a row (times shifted): a long, valid recording.
void writeLongRecording(const std::filesystem::path& out, int repeats) {
    std::ifstream in(asset("good-left.jsonl"));
    std::string header, line;
    std::getline(in, header);
    std::vector<std::pair<double, std::string>> frames;  // t, the rest of the line after it
    const std::string prefix = "{\"t\": ";
    while (std::getline(in, line)) {
        ASSERT_EQ(line.rfind(prefix, 0), 0u) << line.substr(0, 40);
        char* end = nullptr;
        const double t = std::strtod(line.c_str() + prefix.size(), &end);
        frames.push_back({t, std::string(end)});
    }
    ASSERT_FALSE(frames.empty());
    const double period = frames.back().first + 0.05;
    std::ofstream o(out, std::ios::binary);
    o << header << '\n';
    char t[32];
    for (int k = 0; k < repeats; ++k)
        for (const auto& [time, rest] : frames) {
            std::snprintf(t, sizeof t, "%.4f", time + k * period);
            o << prefix << t << rest << '\n';
        }
}

// Attempts committed so far, read through a separate read-only connection; -1 when unreadable.
int committedAttempts(const std::string& url) {
    if (!std::filesystem::exists(url.substr(7))) return -1;
    const std::string n = querySql(url, "SELECT count(*) FROM attempts");
    return n.empty() ? -1 : std::stoi(n);
}

using KillTest = RecordsTest;

TEST_F(KillTest, KilledMidBatchKeepsEveryCompletedAttempt) {
    const auto long_recording = dir / "long.jsonl";
    writeLongRecording(long_recording, 30);
    const std::string url = sqliteUrl();
    constexpr int kLong = 5;

    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<std::string> args = {PALPA_BINARY, "score", asset("good-left.jsonl")};
        for (int i = 0; i < kLong; ++i) args.push_back(long_recording);
        for (const char* a : {"--student", "Kai", "--db"}) args.push_back(a);
        args.push_back(url);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(PALPA_BINARY, argv.data());
        ::_exit(127);
    }

    // Wait for the first committed attempt, then kill at once (the next one is in progress).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    int seen = -1;
    while (std::chrono::steady_clock::now() < deadline) {
        // querySql reports errors as failures; the database may not exist yet, so look first.
        if (std::filesystem::exists(url.substr(7)) &&
            !querySql(url, "SELECT name FROM sqlite_master WHERE name = 'attempts'").empty())
            seen = committedAttempts(url);
        if (seen >= 1) break;
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, WNOHANG), 0) << "palpa ended before storing";
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_GE(seen, 1) << "no attempt was committed within 60 s";
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "palpa finished before the kill: the test proves nothing";

    EXPECT_EQ(querySql(url, "PRAGMA integrity_check"), "ok");
    auto store = openStore(url);
    const auto attempts = store->attempts("Kai");
    ASSERT_GE(attempts.size(), 1u);
    EXPECT_LT(attempts.size(), static_cast<size_t>(1 + kLong));
    const FileDigest first = digestFile(asset("good-left.jsonl"));
    EXPECT_EQ(attempts[0].recording_sha256, first.sha256);
    EXPECT_EQ(attempts[0].recording_size, first.size);
    EXPECT_EQ(attempts[0].score, 100);
    EXPECT_TRUE(attempts[0].passed);
    EXPECT_NE(attempts[0].metrics_json.find("\"frames\":855"), std::string::npos)
        << attempts[0].metrics_json;
    for (size_t i = 1; i < attempts.size(); ++i) {
        EXPECT_EQ(attempts[i].recording_path, long_recording.string());
        EXPECT_EQ(attempts[i].recording_sha256, digestFile(long_recording).sha256);
    }
    // The store takes the next attempt normally.
    EXPECT_GT(store->addAttempt({0,
                                 newUid(),
                                 "Kai",
                                 "psoas-release",
                                 "left",
                                 nowUtc(),
                                 "x",
                                 "y",
                                 1,
                                 50,
                                 false,
                                 {},
                                 "{}",
                                 ""}),
              attempts.back().id);
}

}  // namespace
}  // namespace palpa::records::test
