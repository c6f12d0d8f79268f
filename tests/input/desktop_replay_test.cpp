// The desktop window under Xvfb replaying a recording with live scoring: the attempt is judged
// as the batch scorer judges it, and the screenshot shows the hands in the feedback colour.
#include <gtest/gtest.h>

#include <filesystem>

#include "render/image.hpp"
#include "support/run.hpp"

namespace palpa {
namespace {

TEST(DesktopReplay, ScoresLiveAndShowsTintedHands) {
    const auto shot = std::filesystem::temp_directory_path() / "palpa_desktop_replay.png";
    std::filesystem::remove(shot);
    const auto r = test::run(std::string("xvfb-run -a -s '-screen 0 800x600x24' ") + test::palpa() +
                             " --validation desktop --replay " + PALPA_TEST_ASSETS +
                             "/recordings/good-left.jsonl --replay-speed 100 --frames 12 --screenshot " + shot.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("replay: 855 frames scored live; PASSED, score 100"), std::string::npos) << r.out;
    const render::Rgba8Image img = render::readPng(shot);
    // The good band's bluish green (app/hand_feedback.cpp), lit: far more green than red, blue
    // between them.
    int green = 0;
    for (std::uint32_t y = 0; y < img.height; ++y)
        for (std::uint32_t x = 0; x < img.width; ++x) {
            const auto p = img.at(x, y);
            green += p.g > p.r + 60 && p.b > p.r + 30 && p.g > p.b + 10;
        }
    EXPECT_GT(green, 500) << "hands drawn bluish green (holding, no fault) on the model";
}

}  // namespace
}  // namespace palpa

#include <nlohmann/json.hpp>

#include "scoring/jsonl.hpp"

namespace palpa {
namespace {

// The mouse simulator feeds the same scorer and recorder as the headset will: both thumbs
// placed over the left psoas (4.7 cm out, 2 cm up) and pressed 2.5 cm deep come back from the
// recording as exactly that, the fingers and palm resting on the skin (no vessel touched; the
// hold is short: the window ran for a few frames only).
TEST(DesktopSimulator, PlacedHandsAreScoredAndRecorded) {
    const auto dir = std::filesystem::temp_directory_path() / "palpa_simulator_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto recording = dir / "attempt.jsonl", shot = dir / "shot.png";
    const auto r = test::run(std::string("xvfb-run -a -s '-screen 0 800x600x24' ") + test::palpa() +
                             " --validation desktop --simulate --place -0.047 0.02 0.025 --fixed-step 0.15 --frames 20 --record " +
                             recording.string() + " --screenshot " + shot.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("simulator: 20 frames scored live"), std::string::npos) << r.out;
    // The recording names the model it was made on and carries the patient's state per frame.
    const scoring::Recording rec = scoring::readRecording(recording);
    ASSERT_TRUE(rec.header.model.has_value());
    EXPECT_EQ(rec.header.model->file, "psoas-region.glb");
    EXPECT_EQ(rec.header.model->sha256.size(), 64u);
    EXPECT_GT(rec.header.model->waist_cm, 60.0);
    for (const scoring::Frame& f : rec.frames) {
        ASSERT_TRUE(f.patient.has_value());
        EXPECT_LE(std::abs(f.patient->breath_cm), 0.5 + 1e-6);
    }
    const auto scored = test::run(test::palpa() + " score --json " + recording.string());
    ASSERT_EQ(scored.exit_code, 0) << scored.err;
    const auto report = nlohmann::json::parse(scored.out);
    // The breath moves the skin by up to half a centimetre either way.
    EXPECT_NEAR(report["metrics"]["max_depth_cm"].get<double>(), 2.5, 0.6);
    EXPECT_LT(report["metrics"]["placement_cm"].get<double>(), 0.5);
    EXPECT_LT(report["metrics"]["max_joint_depth_cm"].get<double>(), 3.1);  // the thumbs are the deepest
    EXPECT_LT(report["metrics"]["hand_angle_deg"].get<double>(), 10.0);
    // The wheel's depth is reached slowly along the ideal line: the press is measured, and good.
    EXPECT_EQ(report["faults"], nlohmann::json::array({"hold_short"}));
    EXPECT_LT(report["metrics"]["direction_deg"].get<double>(), 10.0);
    const render::Rgba8Image img = render::readPng(shot);
    int tinted = 0;
    for (std::uint32_t y = 0; y < img.height; ++y)
        for (std::uint32_t x = 0; x < img.width; ++x) {
            const auto p = img.at(x, y);
            tinted += (p.g > p.r + 60 && p.g > p.b + 40) || (p.r > 200 && p.g > 120 && p.b < 60);
        }
    EXPECT_GT(tinted, 500) << "the simulated hands are drawn in a feedback colour";
    std::filesystem::remove_all(dir);
}

// With --student every judged practice attempt is written to the data folder and stored, so
// `palpa report` shows it.
TEST(DesktopSimulator, JudgedAttemptsAreStoredForTheStudent) {
    const auto dir = std::filesystem::temp_directory_path() / "palpa_simulator_store";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string env = "XDG_DATA_HOME='" + dir.string() + "' PALPA_DB='" + (dir / "store.sqlite3").string() + "' ";
    const auto r = test::run(env + "xvfb-run -a -s '-screen 0 800x600x24' " + test::palpa() +
                             " --validation desktop --simulate --place -0.047 0.02 0.025 --frames 6 --student Bo");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("stored attempt #1 for Bo"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::is_empty(dir / "palpa" / "attempts"));
    const auto report = test::run(env + test::palpa() + " report --student Bo");
    EXPECT_NE(report.out.find("Attempts: 1"), std::string::npos) << report.out;
    std::filesystem::remove_all(dir);
}

// The student can make each fault on purpose with the keys (here their start values): the
// press tilted 45 degrees off the ideal line (straight in) is a direction fault, the hands
// turned 60 degrees a hand-angle fault.
TEST(DesktopSimulator, TheStudentCanMakeEachFaultOnPurpose) {
    const auto dir = std::filesystem::temp_directory_path() / "palpa_simulator_faults";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto faults = [&](const std::string& extra) {
        const auto recording = dir / "attempt.jsonl";
        const auto r = test::run(std::string("xvfb-run -a -s '-screen 0 800x600x24' ") + test::palpa() +
                                  " --validation desktop --simulate --place -0.047 0.02 0.025 " + extra +
                                 " --fixed-step 0.15 --frames 16 --record " + recording.string());
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const auto scored = test::run(test::palpa() + " score --json " + recording.string());
        return nlohmann::json::parse(scored.out)["faults"];
    };
    const auto has = [](const nlohmann::json& list, const char* code) {
        for (const auto& f : list)
            if (f == code) return true;
        return false;
    };
    const auto straight = faults("--tilt -45");
    EXPECT_TRUE(has(straight, "direction_off")) << straight;
    EXPECT_FALSE(has(straight, "hand_angle_off")) << straight;
    const auto turned = faults("--turn 60");
    EXPECT_TRUE(has(turned, "hand_angle_off")) << turned;
    EXPECT_FALSE(has(turned, "direction_off")) << turned;
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace palpa
