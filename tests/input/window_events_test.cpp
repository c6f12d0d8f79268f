// The desktop practice driven as a student drives it: real X input events (xdotool key presses,
// wheel steps and clicks) into the window under Xvfb, each sent when palpa's own output says the
// attempt has reached the moment for it (tests/input/drive_window.sh), never after a sleep.
// One session passes; each other one makes one step's fault on purpose, and the attempt as
// recorded is judged by `palpa score` with that fault. Esc mid-attempt asks first and keeps it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

namespace palpa {
namespace {

namespace fs = std::filesystem;

struct Session {
    int exit_code = -1;
    std::string log;          // everything palpa printed
    nlohmann::json judged;    // `palpa score --json` of the attempt as recorded
};

// Runs `palpa desktop --simulate ARGS` in a virtual X server, doing ACTIONS (drive_window.sh).
Session drive(const std::string& name, const std::string& args, const std::string& actions, const std::string& env = "",
              const char* step = "0.5") {
    const fs::path dir = fs::temp_directory_path() / ("palpa_window_events_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path recording = dir / "attempt.jsonl", log = dir / "palpa.log";
    const auto r = test::run(env + "xvfb-run -a -s '-screen 0 1280x800x24' '" PALPA_TEST_SOURCE "/tests/input/drive_window.sh' '" +
                             log.string() + "' -- " + test::palpa() +
                             " --validation desktop --simulate --fixed-step " + step + " --record '" + recording.string() + "' " + args +
                             " -- " + actions);
    Session s;
    s.exit_code = r.exit_code;
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    s.log = text.str() + r.err;
    if (fs::exists(recording)) s.judged = nlohmann::json::parse(test::run(test::palpa() + " score --json '" + recording.string() + "'").out);
    return s;
}

bool has(const nlohmann::json& judged, const char* fault) {
    for (const auto& f : judged.value("faults", nlohmann::json::array()))
        if (f == fault) return true;
    return false;
}

constexpr const char* kOnTarget = "--place -0.047 0.02 0.02";  // thumbs at the left target, 2 cm in
constexpr const char* kJudgeAndClose = " key:f 'wait:practice: judged' key:Escape";

TEST(WindowEvents, APlainAttemptWithTheWheelAndKeysPasses) {
    // F1 shows the controls; two wheel steps away press 5 mm deeper; F judges once the cue says
    // the hold is done; Esc closes (not mid-attempt: it is judged).
    const Session s = drive("pass", kOnTarget, std::string("key:F1 wheel:2 wait:hold_done") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_NE(s.log.find("practice: judged PASSED"), std::string::npos) << s.log;
    EXPECT_TRUE(s.judged.value("passed", false)) << s.judged.dump();
    EXPECT_TRUE(s.judged["faults"].empty()) << s.judged.dump();
}

TEST(WindowEvents, AClickOffTheTargetFailsPlacement) {
    // A quick click (pressed and released between two frames) in the middle of the model: the
    // thumbs go there, near the midline, and the wheel presses them in.
    const Session s = drive("placement", "", std::string("click:585,385 wheel:8 'wait:cue off_target'") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_TRUE(has(s.judged, "placement_off")) << s.judged.dump();
    EXPECT_FALSE(s.judged.value("passed", true));
}

TEST(WindowEvents, LLiftsTheWorkedLegWhileTheHoldGoesOn) {
    // L: the patient lifts the leg of the side worked; the practice carries on and passes.
    const Session s = drive("lift", kOnTarget, std::string("wheel:2 'wait:step hold' key:l 'wait:practice: the patient lifts the left leg' "
                                                           "wait:hold_done") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_NE(s.log.find("practice: the patient lifts the left leg"), std::string::npos) << s.log;
    EXPECT_TRUE(s.judged.value("passed", false)) << s.judged.dump();
}

TEST(WindowEvents, TooManyWheelStepsPressTooDeep) {
    const Session s = drive("depth", kOnTarget, std::string("wheel:14 'wait:cue too_deep'") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_TRUE(has(s.judged, "too_deep")) << s.judged.dump();
    EXPECT_FALSE(s.judged["safety"].empty()) << "too deep is unsafe: " << s.judged.dump();
    EXPECT_NE(s.log.find("(unsafe)"), std::string::npos) << s.log;
}

TEST(WindowEvents, TiltingThePressStraightInFailsDirection) {
    const Session s = drive("direction", "--place -0.047 0.02 0",
                            std::string("key:Down,Down,Down,Down,Down,Down,Down,Down,Down wheel:8 'wait:cue direction'") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_TRUE(has(s.judged, "direction_off")) << s.judged.dump();
    EXPECT_FALSE(has(s.judged, "placement_off")) << s.judged.dump();
}

TEST(WindowEvents, TurningTheHandsFailsTheHandAngle) {
    const Session s = drive("angle", kOnTarget, std::string("key:e,e,e,e,e,e 'wait:cue hand_angle'") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_TRUE(has(s.judged, "hand_angle_off")) << s.judged.dump();
    EXPECT_FALSE(has(s.judged, "direction_off")) << s.judged.dump();
}

TEST(WindowEvents, JudgingAsTheHoldStartsFailsTheHold) {
    const Session s = drive("hold", kOnTarget, std::string("'wait:step hold'") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_TRUE(has(s.judged, "hold_short")) << s.judged.dump();
    EXPECT_EQ(s.judged["faults"].size(), 1u) << s.judged.dump();
}

TEST(WindowEvents, HidingTheHandsFailsTracking) {
    // H takes both hands out of tracking mid-hold, H again brings them back.
    const Session s = drive("tracking", kOnTarget, std::string("'wait:step hold' key:h 'wait:cue tracking_lost' key:h") + kJudgeAndClose);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_TRUE(has(s.judged, "tracking_lost")) << s.judged.dump();
}

TEST(WindowEvents, ADragWhilePressingIsASuddenMovement) {
    // Mid-hold, a click elsewhere moves the pressed thumbs there within one frame (a 20 Hz
    // practice clock here, as a real frame rate would see it).
    const Session s = drive("speed", kOnTarget, std::string("'wait:step hold' click:640,450 'wait:cue sudden_movement'") + kJudgeAndClose,
                            "", "0.05");
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_TRUE(has(s.judged, "sudden_movement")) << s.judged.dump();
}

TEST(WindowEvents, EscMidAttemptAsksFirstAndTheAttemptIsKept) {
    const fs::path data = fs::temp_directory_path() / "palpa_window_events_store";
    fs::remove_all(data);
    fs::create_directories(data);
    const std::string env = "XDG_DATA_HOME='" + data.string() + "' PALPA_DB='" + (data / "store.sqlite3").string() + "' ";
    const Session s = drive("esc", std::string(kOnTarget) + " --student Bo",
                            "'wait:step hold' key:Escape 'wait:leave the practice?' key:Escape", env);
    ASSERT_EQ(s.exit_code, 0) << s.log;
    EXPECT_EQ(s.log.find("practice: judged"), s.log.rfind("practice: judged")) << "judged once, at the close: " << s.log;
    EXPECT_NE(s.log.find("stored attempt #1 for Bo"), std::string::npos) << s.log;
    EXPECT_TRUE(has(s.judged, "hold_short")) << s.judged.dump();
    const auto report = test::run(env + test::palpa() + " report --student Bo");
    EXPECT_NE(report.out.find("Attempts: 1"), std::string::npos) << report.out;
    fs::remove_all(data);
}

// The patient menu's key (P) closes the window and opens it on the next size, remembered in
// the settings for the next run (generated once into the cache).
TEST(WindowEvents, PPicksTheNextPatientSizeAndTheSettingsKeepIt) {
    const fs::path dir = fs::temp_directory_path() / "palpa_window_events_patient";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string env = "XDG_CONFIG_HOME='" + (dir / "config").string() + "' XDG_CACHE_HOME='" + (dir / "cache").string() + "' ";
    const fs::path log = dir / "palpa.log";
    const auto r = test::run(env + "xvfb-run -a -s '-screen 0 1280x800x24' '" PALPA_TEST_SOURCE "/tests/input/drive_window.sh' '" +
                             log.string() + "' -- " + test::palpa() +
                             " --validation desktop -- key:p 'wait:patient (kept' 'wait:desktop window on' key:Escape");
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    ASSERT_EQ(r.exit_code, 0) << text.str() << r.err;
    EXPECT_NE(text.str().find("desktop: opening the BMI 20 patient"), std::string::npos) << text.str();
    EXPECT_TRUE(fs::exists(dir / "cache" / "palpa" / "models" / "patient-bmi20.0.glb"));
    const auto info = test::run(env + test::palpa() + " info");
    EXPECT_NE(info.out.find("patient-bmi20.0.glb"), std::string::npos) << info.out << info.err;
    fs::remove_all(dir);
}

}  // namespace
}  // namespace palpa
