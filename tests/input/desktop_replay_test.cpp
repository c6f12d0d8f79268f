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
    int green = 0;
    for (std::uint32_t y = 0; y < img.height; ++y)
        for (std::uint32_t x = 0; x < img.width; ++x) {
            const auto p = img.at(x, y);
            green += p.g > p.r + 60 && p.g > p.b + 40;
        }
    EXPECT_GT(green, 500) << "hands drawn green (holding, no fault) on the model";
}

}  // namespace
}  // namespace palpa
