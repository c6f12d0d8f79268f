// `palpa score` and `palpa recording generate` as a user runs them: exit codes, one-line
// errors naming the line, the JSON report.
#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <fstream>
#include <cstdio>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace palpa::scoring {
namespace {

struct CliRun {
    int code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

CliRun run(const std::string& args) {
    const auto dir = std::filesystem::temp_directory_path();
    const auto err_path = dir / ("palpa-cli-test-" + std::to_string(::getpid()) + ".err");
    const std::string command =
        std::string("\"") + PALPA_BINARY + "\" " + args + " 2>\"" + err_path.string() + "\"";
    CliRun r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (FILE* f = std::fopen(err_path.string().c_str(), "r")) {
        while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) r.err.append(buf.data(), n);
        std::fclose(f);
    }
    std::filesystem::remove(err_path);
    return r;
}

std::string data(const std::string& name) {
    return "\"" + (std::filesystem::path(PALPA_TEST_DATA) / "recordings" / name).string() + "\"";
}

std::string asset(const std::string& name) {
    return "\"" + (std::filesystem::path(PALPA_TEST_ASSETS) / "recordings" / name).string() + "\"";
}

TEST(ScoreCli, BadInputExitsTwoWithOneLineNamingTheLine) {
    const std::pair<const char*, const char*> cases[] = {
        {"truncated.jsonl", ": line 4: "},
        {"nan.jsonl", ": line 3: "},
        {"joint-count.jsonl", ": line 4: hands.left.joints: "},
        {"joint-values.jsonl", ": line 3: hands.left.joints[3]: "},
        {"time-backwards.jsonl", ": line 4: t: "},
        {"time-repeats.jsonl", ": line 4: t: "},
        {"bad-version.jsonl", ": line 1: palpa_recording: "},
        {"empty.jsonl", ": line 1: "},
        {"header-only.jsonl", ": line 2: "},
        {"bad-frame.jsonl", ": line 1: frame: "},
    };
    for (const auto& [file, place] : cases) {
        for (const char* flags : {"", " --json"}) {
            const CliRun r = run("score " + data(file) + flags);
            EXPECT_EQ(r.code, 2) << file;
            EXPECT_TRUE(r.out.empty()) << file << ": " << r.out;
            ASSERT_FALSE(r.err.empty()) << file;
            EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << file << ": " << r.err;  // one line
            EXPECT_EQ(r.err.rfind("palpa: error: ", 0), 0u) << r.err;
            EXPECT_NE(r.err.find(std::string(file) + place), std::string::npos) << r.err;
        }
    }
    EXPECT_EQ(run("score /nonexistent/recording.jsonl").code, 2);
    EXPECT_EQ(run("score").code, 2);  // usage error
}

TEST(ScoreCli, ScoreJsonReport) {
    const CliRun good = run("score " + asset("good-left.jsonl") + " --json");
    ASSERT_EQ(good.code, 0) << good.err;
    const auto j = nlohmann::json::parse(good.out);
    EXPECT_EQ(j["passed"], true);
    EXPECT_GE(j["score"].get<int>(), 80);
    EXPECT_EQ(j["faults"], nlohmann::json::array());
    EXPECT_EQ(j["side"], "left");
    EXPECT_EQ(j["steps"].size(), 7u);
    EXPECT_TRUE(j["metrics"].contains("hold_s"));

    const CliRun shortHold = run("score " + asset("hold-short.jsonl") + " --json");
    EXPECT_EQ(shortHold.code, 0);  // a failed attempt is not an error
    const auto k = nlohmann::json::parse(shortHold.out);
    EXPECT_EQ(k["passed"], false);
    EXPECT_EQ(k["faults"], nlohmann::json::array({"hold_short"}));
    EXPECT_EQ(k["side"], "right");
}

TEST(ScoreCli, ScoreHumanReportAndCues) {
    const CliRun r = run("score " + asset("hold-short.jsonl") + " --cues");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("NOT PASSED"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("fault: hold_short"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("advice: Hold at a gentle depth"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hold: Hold gently;"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Faults: hold_short"), std::string::npos) << r.out;
}

// The attempt is measured on the model given: a BMI 32 body (generated with its layer map
// beside it) gives other depths, and palpa says on one line that the recording was made on
// another model; the report names the patient it measured.
TEST(ScoreCli, ScoresOnTheModelGivenAndWarnsWhenItIsAnother) {
    const auto dir = testing::tempDir("cli-model");
    const auto heavy = dir / "bmi32.glb";
    const CliRun gen = run("-q model generate --bmi 32 --out \"" + heavy.string() + "\"");
    ASSERT_EQ(gen.code, 0) << gen.err;
    std::filesystem::copy_file(std::filesystem::path(PALPA_TEST_ASSETS) / "models" / "psoas-region.layers.json",
                               dir / "bmi32.layers.json");
    const CliRun bundled = run("score --json " + asset("good-left.jsonl"));
    const CliRun other = run("score --json " + asset("good-left.jsonl") + " --model \"" + heavy.string() + "\"");
    ASSERT_EQ(bundled.code, 0) << bundled.err;
    ASSERT_EQ(other.code, 0) << other.err;
    EXPECT_TRUE(bundled.err.empty()) << bundled.err;
    EXPECT_NE(other.err.find("was recorded on psoas-region.glb"), std::string::npos) << other.err;
    EXPECT_NE(other.err.find("scoring it against bmi32.glb"), std::string::npos) << other.err;
    EXPECT_EQ(std::count(other.err.begin(), other.err.end(), '\n'), 1) << other.err;
    const auto a = nlohmann::json::parse(bundled.out), b = nlohmann::json::parse(other.out);
    EXPECT_NE(a["metrics"]["max_depth_cm"], b["metrics"]["max_depth_cm"]);
    // The heavier body's vessels lie deeper: the thumbs are further from them.
    EXPECT_GT(b["metrics"]["vessel_clearance_cm"].get<double>(), a["metrics"]["vessel_clearance_cm"].get<double>() + 1.0);
    const CliRun human = run("score " + asset("good-left.jsonl") + " --model \"" + heavy.string() + "\"");
    EXPECT_NE(human.out.find("Patient:   bmi32.glb (waist"), std::string::npos) << human.out;
    std::filesystem::remove_all(dir);
}

TEST(ScoreCli, GenerateWritesScenariosThatScore) {
    const auto dir = testing::tempDir("cli");
    const CliRun g = run("-q recording generate too-deep --out \"" + dir.string() + "\"");
    ASSERT_EQ(g.code, 0) << g.err;
    const CliRun s = run("score \"" + (dir / "too-deep.jsonl").string() + "\" --json");
    ASSERT_EQ(s.code, 0) << s.err;
    EXPECT_EQ(nlohmann::json::parse(s.out)["faults"], nlohmann::json::array({"too_deep"}));
    EXPECT_EQ(run("recording generate no-such-scenario --out \"" + dir.string() + "\"").code, 1);
    std::filesystem::remove_all(dir);
}

// `palpa technique list` and `check` as a user runs them: the bundled technique listed and
// passing against the bundled model; a broken file gets one line per problem and exit 2; a
// file that does not read gets the loader's line and exit 2.
TEST(TechniqueCli, ListsAndChecksTechniques) {
    const CliRun list = run("technique list");
    EXPECT_EQ(list.code, 0) << list.err;
    EXPECT_NE(list.out.find("psoas-release"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("technique(s) in"), std::string::npos) << list.out;

    const std::string bundled = std::string(PALPA_TEST_ASSETS) + "/techniques/psoas-release.json";
    const CliRun ok = run("technique check '" + bundled + "'");
    EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
    EXPECT_NE(ok.out.find("ok; 2 target(s) on the skin for either side worked"), std::string::npos) << ok.out;

    const auto dir = testing::tempDir("technique-cli");
    nlohmann::json j = nlohmann::json::parse(std::ifstream(bundled));
    j["targets"][0]["landmark"] = "navel";
    j["cues"].erase("too_deep");
    std::ofstream(dir / "broken.json") << j.dump(2);
    const CliRun broken = run("technique check '" + (dir / "broken.json").string() + "'");
    EXPECT_EQ(broken.code, 2) << broken.out << broken.err;
    EXPECT_NE(broken.out.find("targets[0].landmark: a landmark of the model (there is no \"navel\""), std::string::npos) << broken.out;
    EXPECT_NE(broken.out.find("cues.too_deep: a text for the live cue"), std::string::npos) << broken.out;
    EXPECT_NE(broken.out.find("technique check: 2 problem(s)"), std::string::npos) << broken.out;

    j = nlohmann::json::parse(std::ifstream(bundled));
    j["steps"][0]["acceptable_max_cm"] = 1.0;  // below good_max_cm: bands out of order
    std::ofstream(dir / "bands.json") << j.dump(2);
    const CliRun bands = run("technique check '" + (dir / "bands.json").string() + "'");
    EXPECT_EQ(bands.code, 2) << bands.out << bands.err;
    EXPECT_NE(bands.out.find("acceptable_max_cm: must be at least"), std::string::npos) << bands.out;
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace palpa::scoring
