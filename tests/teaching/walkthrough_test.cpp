#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "render/image.hpp"
#include "scene/loader.hpp"
#include "support/run.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::walkthrough {
namespace {

namespace fs = std::filesystem;
const std::string kTour = std::string(PALPA_TEST_ASSETS) + "/walkthroughs/psoas-and-neighbours.json";

const scene::Scene& model() {
    static const scene::Scene s = scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb");
    return s;
}

TEST(Walkthrough, BundledTourGoesFromTheSkinToTheSpineAndFitsTheModel) {
    const Walkthrough w = loadWalkthrough(kTour);
    ASSERT_GE(w.steps.size(), 6u);
    EXPECT_TRUE(w.steps.front().layers.empty()) << "starts at the surface";
    EXPECT_EQ(w.steps[1].layers.at("skin"), 0.2f);
    EXPECT_NO_THROW(check(w, model()));
    bool psoas = false;
    for (const Step& s : w.steps)
        for (const std::string& h : s.highlight) psoas = psoas || h == "psoas_major_left";
    EXPECT_TRUE(psoas);
}

TEST(Walkthrough, NamesTheModelLacksAreReportedWithTheStep) {
    const Walkthrough w = loadWalkthrough(std::string(PALPA_TEST_DATA) + "/teaching/bad_walkthrough.json");
    try {
        check(w, model());
        FAIL() << "expected an error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("bad_walkthrough.json: steps[1].highlight[0]"), std::string::npos) << e.what();
    }
}

TEST(Walkthrough, MalformedFieldsAreNamed) {
    auto error = [](const std::string& text) {
        try {
            parseWalkthrough(text, "w.json");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string head = R"({"palpa_walkthrough": 1, "id": "w", "title": "t", "steps": [)";
    EXPECT_NE(error(head + R"({"title": "a"}]})").find("steps[0].narration: missing"), std::string::npos);
    EXPECT_NE(error(head + R"({"title": "a", "narration": "n", "layers": {"skin": 3}}]})").find("steps[0].layers.skin"), std::string::npos);
    EXPECT_NE(error(head + R"({"title": "a", "narration": "n", "xray": "yes"}]})").find("steps[0].xray"), std::string::npos);
    EXPECT_NE(error(head + R"({"title": "a", "narration": "n", "camera": {"zoom": 0}}]})").find("steps[0].camera.zoom"), std::string::npos);
    EXPECT_NE(error(head + "]}").find("steps"), std::string::npos);
    EXPECT_NE(error(head + R"({"title": "a", "narration": "n", "leg_lift": "both"}]})").find("steps[0].leg_lift"), std::string::npos);
    EXPECT_EQ(error(head + R"({"title": "a", "narration": "n", "leg_lift": "right"}]})"), "no error");
}

TEST(WalkthroughCli, RendersEveryStepHeadless) {
    const fs::path dir = fs::temp_directory_path() / "palpa_walkthrough_steps";
    fs::remove_all(dir);
    const auto r = test::run(test::palpa() + " --validation walkthrough --render-steps " + dir.string() + " --width 160 --height 100");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Walkthrough w = loadWalkthrough(kTour);
    std::vector<render::Rgba8Image> images;
    for (std::size_t i = 1; i <= w.steps.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "step-%02zu.png", i);
        ASSERT_TRUE(fs::exists(dir / name)) << name;
        images.push_back(render::readPng(dir / name));
        EXPECT_NE(r.out.find(w.steps[i - 1].title), std::string::npos) << "progress names the step";
    }
    for (std::size_t i = 1; i < images.size(); ++i) EXPECT_NE(images[i].pixels, images[i - 1].pixels) << "step " << i + 1;
    fs::remove_all(dir);
}

TEST(WalkthroughCli, BadTourExitsTwoNamingTheStep) {
    const auto r = test::run(test::palpa() + " walkthrough " + PALPA_TEST_DATA + "/teaching/bad_walkthrough.json --render-steps /tmp/palpa_never");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.errLines(), 1) << r.err;
    EXPECT_NE(r.err.find("steps[1].highlight[0]"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace palpa::walkthrough
