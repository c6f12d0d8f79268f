// Stopping palpa as users do (Ctrl-C, SIGTERM) mid-attempt, on the simulated OpenXR runtime
// and in the desktop window: the session ends through stopping and exiting, the recording is
// whole, the figures and the verdict so far are printed, the attempt is stored, and the exit
// status says which signal (130, 143). A second signal ends palpa at once. And a run makes one
// XrInstance: the probe's instance is the session's.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

namespace palpa {
namespace {

namespace fs = std::filesystem;

std::string simEnv(const std::string& extra) {
    return std::string("XR_RUNTIME_JSON='") + PALPA_SIM_RUNTIME_JSON +
           "' PALPA_SIM_FPS=30 PALPA_SIM_VIEW=256x256 PALPA_SIM_RENDER_EVERY=10 PALPA_SIM_LOG=1 " + extra + " ";
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Stopped {
    int exit_code = -1;
    std::string log;
};

// Runs COMMAND, sends SIGNAL once TEXT is printed (tests/support/stop_midway.sh).
Stopped stopMidway(const std::string& env, const char* signal, const char* text, const std::string& command,
                   const char* times = "once", const std::string& wrapper = "") {
    const fs::path log = fs::temp_directory_path() / ("palpa_stop_" + std::string(signal) + ".log");
    const fs::path status = log.string() + ".status";
    fs::remove(status);
    const auto r = test::run(env + wrapper + "'" PALPA_TEST_SOURCE "/tests/support/stop_midway.sh' " + signal + " '" + text + "' '" +
                             log.string() + "' " + times + " -- " + command);
    // palpa's own status, as the script saw it: a wrapper (xvfb-run) may fail its own clean-up
    // after palpa has exited, and that is not palpa's status.
    const std::string saw = slurp(status);
    return {saw.empty() ? r.exit_code : std::stoi(saw), slurp(log) + r.err};
}

TEST(Stop, CtrlCMidAttemptEndsTheSessionAndKeepsEverything) {
    const fs::path dir = fs::temp_directory_path() / "palpa_stop_headset";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path rec = dir / "attempt.jsonl";
    const Stopped s = stopMidway(simEnv("PALPA_SIM_HANDS='" + std::string(PALPA_TEST_ASSETS) + "/recordings/good-left.jsonl'"),
                                 "INT", "headset: step hold",
                                 test::palpa() + " --validation xr --no-mirror --stats --record '" + rec.string() + "'");
    EXPECT_EQ(s.exit_code, 130) << s.log;
    // The runtime was asked to end the session and the state machine ran to its end.
    EXPECT_NE(s.log.find("headset: stopping: asked the runtime to end the session"), std::string::npos) << s.log;
    EXPECT_NE(s.log.find("stopping idle exiting"), std::string::npos) << s.log;
    EXPECT_NE(s.log.find("instance 1 destroyed"), std::string::npos) << s.log;
    // The figures and the verdict so far (the hold was cut short), then the stop's line.
    EXPECT_NE(s.log.find("app-side CPU per frame"), std::string::npos) << s.log;
    EXPECT_NE(s.log.find("Verdict:   NOT PASSED"), std::string::npos) << s.log;
    EXPECT_NE(s.log.find("hold_short"), std::string::npos) << s.log;
    EXPECT_NE(s.log.find("palpa: stopped by Ctrl-C (SIGINT)"), std::string::npos) << s.log;
    // The recording is whole: every line is JSON, and it scores.
    std::ifstream in(rec);
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
        ++lines;
        EXPECT_TRUE(nlohmann::json::accept(line)) << "line " << lines << ": " << line;
    }
    EXPECT_GT(lines, 30);
    const auto scored = test::run(test::palpa() + " score --json '" + rec.string() + "'");
    EXPECT_EQ(scored.exit_code, 0) << scored.err;
    fs::remove_all(dir);
}

TEST(Stop, ASecondSignalEndsItAtOnce) {
    const Stopped s = stopMidway(simEnv("PALPA_SIM_HANDS='" + std::string(PALPA_TEST_ASSETS) + "/recordings/good-left.jsonl'"),
                                 "TERM", "headset: step hold", test::palpa() + " xr --no-mirror --stats", "twice");
    EXPECT_EQ(s.exit_code, 143) << s.log;
    EXPECT_NE(s.log.find("palpa: stopping"), std::string::npos) << s.log;
    EXPECT_EQ(s.log.find("palpa: stopped by SIGTERM"), std::string::npos) << "no clean stop after the second: " << s.log;
}

TEST(Stop, SigtermClosesTheDesktopPracticeAndStoresTheAttempt) {
    const fs::path dir = fs::temp_directory_path() / "palpa_stop_desktop";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string env = "XDG_DATA_HOME='" + dir.string() + "' PALPA_DB='" + (dir / "store.sqlite3").string() + "' ";
    // The signal goes to palpa itself; xvfb-run runs the whole script and passes the status on.
    const Stopped s = stopMidway(env, "TERM", "step hold",
                                 test::palpa() + " desktop --simulate --place -0.047 0.02 0.02 --fixed-step 0.5 --student Eve",
                                 "once", "xvfb-run -a -s '-screen 0 1280x800x24' ");
    EXPECT_EQ(s.exit_code, 143) << s.log;
    EXPECT_NE(s.log.find("practice: judged NOT PASSED"), std::string::npos) << s.log;
    EXPECT_NE(s.log.find("stored attempt #1 for Eve"), std::string::npos) << s.log;
    fs::remove_all(dir);
}

TEST(Stop, ARunMakesOneRuntimeInstance) {
    // `palpa xr` and the main job: the probe's instance is the one the session uses.
    for (const char* command : {" xr --no-mirror", ""}) {
        const auto r = test::run(simEnv("PALPA_SIM_STOP_AT=30") + test::palpa() + command);
        ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
        const std::string all = r.out + r.err;
        EXPECT_NE(all.find("instance 1 destroyed"), std::string::npos) << all;
        EXPECT_EQ(all.find("instance 2"), std::string::npos) << "a second instance: " << all;
    }
}

}  // namespace
}  // namespace palpa
