// The palpa executable as a user meets it: help, the main job, `info` and `model generate`,
// and bad input answered with one clear line and exit code 2.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/run.hpp"

namespace palpa {
namespace {

namespace fs = std::filesystem;
using test::palpa;
using test::run;
const std::string kData = PALPA_TEST_DATA;
const std::string kMap = std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.layers.json";

TEST(Cli, HelpListsTheSubcommands) {
    const auto r = run(palpa() + " --help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* sub : {"info", "model", "render", "desktop"}) EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
    EXPECT_EQ(run(palpa() + " info --help").exit_code, 0);
    EXPECT_EQ(run(palpa() + " model generate --help").exit_code, 0);
}

TEST(Cli, MainJobPrintsTheBundledModelSummary) {
    const auto r = run("env -u DISPLAY -u WAYLAND_DISPLAY " + palpa());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("psoas_major_left"), std::string::npos);
    EXPECT_NE(r.out.find("6 layers"), std::string::npos);
    EXPECT_NE(r.out.find("aortic_bifurcation"), std::string::npos);
    EXPECT_NE(r.out.find("rendered the model headless: "), std::string::npos) << r.out;
    // No runtime here: one clear line says what was chosen and why, and the OpenXR loader's
    // own error lines do not reach the user.
    EXPECT_NE(r.out.find("mode: headless demo (no headset: no OpenXR runtime is installed or active"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("OpenXR-Loader"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("Verdict:   PASSED"), std::string::npos) << "the bundled demo attempt is scored";
}

TEST(Cli, BmiPicksAPatientOfThatSizeGeneratedOnce) {
    const fs::path cache = fs::temp_directory_path() / "palpa_bmi_cache";
    fs::remove_all(cache);
    const std::string env = "XDG_CACHE_HOME='" + cache.string() + "' ";
    const auto first = run(env + palpa() + " --bmi 30 info");
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.err.find("generating the BMI 30 patient"), std::string::npos) << first.err;
    EXPECT_TRUE(fs::exists(cache / "palpa" / "models" / "patient-bmi30.0.glb"));
    // Larger than the bundled BMI 22 patient, and made only once.
    const auto bundled = run(palpa() + " info");
    auto width = [](const std::string& out) {
        const auto at = out.find("size (");
        return at == std::string::npos ? 0.0 : std::stod(out.substr(at + 6));
    };
    EXPECT_GT(width(first.out), width(bundled.out) + 2.0) << first.out;
    const auto again = run(env + palpa() + " --bmi 30 info");
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(again.err.find("generating"), std::string::npos) << again.err;
    EXPECT_EQ(again.out, first.out);
    EXPECT_EQ(run(palpa() + " --bmi 55 info").exit_code, 2) << "out of 17-40";
    fs::remove_all(cache);
}

TEST(Cli, InfoReportsLayersTrianglesBoundsAndLandmarks) {
    const auto r = run(palpa() + " info " + PALPA_TEST_ASSETS + "/models/psoas-region.glb");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* text : {"skeleton:", "muscles_deep:", "skin:", "triangles", "bounds:", "umbilicus", "L5"})
        EXPECT_NE(r.out.find(text), std::string::npos) << text;
}

// Each bad input: exit code 2, exactly one line on stderr naming the file and the problem.
struct BadInput {
    std::string args;
    std::string file;
    std::string problem;
};

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, OneLineExitTwo) {
    const BadInput& c = GetParam();
    const auto r = run(palpa() + " info " + c.args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.errLines(), 1) << r.err;
    EXPECT_NE(r.err.find(c.file), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.problem), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CliBadInput,
    ::testing::Values(
        BadInput{kData + "/models/absent.glb --layer-map " + kMap, "absent.glb", "no such file"},
        BadInput{kData + "/models/garbage.glb --layer-map " + kMap, "garbage.glb", "cannot read as a 3D model"},
        BadInput{kData + "/models/garbage.glb", "garbage.layers.json", "no layer map"},
        BadInput{std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb --layer-map " + kData +
                     "/layer_maps/no_skin.json",
                 "psoas-region.glb", "required layer"},
        BadInput{std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb --layer-map " + kData +
                     "/layer_maps/matches_nothing.json",
                 "matches_nothing.json", "no pattern matches"},
        BadInput{std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb --layer-map " + kData +
                     "/layer_maps/malformed.json",
                 "malformed.json: line 5", "malformed JSON"},
        BadInput{std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb --layer-map " + kData +
                     "/layer_maps/absent.json",
                 "absent.json", "no such file"}));

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run(palpa() + " no-such-command").exit_code, 2);
    EXPECT_EQ(run(palpa() + " info a.glb b.glb").exit_code, 2);
    EXPECT_EQ(run(palpa() + " model generate --bmi 90").exit_code, 2);
}

TEST(Cli, ModelGenerateWritesALoadableVariant) {
    const fs::path dir = fs::temp_directory_path() / "palpa_cli_generate";
    fs::create_directories(dir);
    const auto gen = run(palpa() + " model generate --bmi 30 --out " + (dir / "obese.glb").string());
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    const auto info = run(palpa() + " info " + (dir / "obese.glb").string() + " --layer-map " + kMap);
    EXPECT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("psoas_belly_left"), std::string::npos);
    fs::remove_all(dir);
}

TEST(Cli, RenderWritesPngsOfTheAskedSize) {
    const fs::path dir = fs::temp_directory_path() / "palpa_cli_render";
    fs::remove_all(dir);
    const auto mono = run(palpa() + " --validation render --width 160 --height 120 --layers skin=0.3 --view left --out " +
                          (dir / "shot.png").string());
    ASSERT_EQ(mono.exit_code, 0) << mono.err;
    EXPECT_NE(mono.out.find("shot.png"), std::string::npos);
    EXPECT_TRUE(fs::exists(dir / "shot.png"));
    const auto stereo = run(palpa() + " render --stereo --width 96 --height 64 --out " + (dir / "eye.png").string());
    ASSERT_EQ(stereo.exit_code, 0) << stereo.err;
    EXPECT_TRUE(fs::exists(dir / "eye_left.png"));
    EXPECT_TRUE(fs::exists(dir / "eye_right.png"));
    fs::remove_all(dir);
}

TEST(Cli, RenderBadOptionsExitTwoWithOneLine) {
    for (const std::string args : {"--layers skinn=0.5", "--layers skin=2", "--clip q>1", "--clip y>abc",
                                   "--view sideways", "--highlight no_such_mesh", "--width 4"}) {
        const auto r = run(palpa() + " render --out /tmp/palpa_never.png " + args);
        EXPECT_EQ(r.exit_code, 2) << args << ": " << r.err;
        EXPECT_EQ(r.errLines(), 1) << args << ": " << r.err;
    }
}

TEST(Cli, DesktopWithoutADisplaySaysSoAndFails) {
    const auto r = run("env -u DISPLAY -u WAYLAND_DISPLAY " + palpa() + " desktop");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no display"), std::string::npos) << r.err;
    EXPECT_EQ(r.errLines(), 1) << r.err;
}

}  // namespace
}  // namespace palpa
