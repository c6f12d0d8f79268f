// Screenshot tests against golden images in tests/render/golden. A pixel differs when any
// channel is more than kChannelTolerance away; a test fails when more than kMaxDifferingShare
// of pixels differ. Refresh the goldens with scripts/refresh-goldens.sh after a deliberate
// change (it builds and runs render_goldens_refresh) and look at them before committing.
#include <cstdlib>
#include <filesystem>

#include "render/image.hpp"
#include "render_fixture.hpp"

namespace palpa::render::test {
namespace {

constexpr int kChannelTolerance = 12;        // of 255: rasteriser and LLVM differences
constexpr double kMaxDifferingShare = 0.005;  // 0.5 % of pixels

void compareWithGolden(const Rgba8Image& image, const std::string& name) {
    const std::filesystem::path golden = std::filesystem::path(PALPA_GOLDEN_DIR) / (name + ".png");
#ifdef PALPA_REFRESH_GOLDENS
    // Only scripts/refresh-goldens.sh builds this (the render_goldens_refresh program, which no
    // test suite runs): a test never passes by writing its own golden.
    writePng(golden, image);
    return;
#endif
    ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing: run scripts/refresh-goldens.sh";
    const Rgba8Image expected = readPng(golden);
    ASSERT_EQ(expected.width, image.width);
    ASSERT_EQ(expected.height, image.height);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < image.pixels.size(); i += 4) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(image.pixels[i + c]) - int(expected.pixels[i + c])));
        differing += worst > kChannelTolerance;
    }
    const double share = static_cast<double>(differing) / (image.width * image.height);
    if (share > kMaxDifferingShare) {
        const auto actual = std::filesystem::temp_directory_path() / (name + ".actual.png");
        writePng(actual, image);
        ADD_FAILURE() << name << ": " << share * 100 << " % of pixels differ (allowed " << kMaxDifferingShare * 100
                      << " %); this render is at " << actual;
    }
}

TEST_F(RenderTest, GoldenFrontWithTranslucentSkin) {
    FrameDesc f = frameFrom(Viewpoint::Front);
    f.layers[layerIndex("skin")].opacity = 0.3f;
    compareWithGolden(draw(f)[0], "front_skin30");
}

TEST_F(RenderTest, GoldenObliqueDeepLayersWithHighlight) {
    FrameDesc f = frameFrom(Viewpoint::Oblique);
    for (const char* hidden : {"skin", "abdominal_wall", "viscera"}) f.layers[layerIndex(hidden)].visible = false;
    f.highlight = {static_cast<std::uint32_t>(model().findMesh("psoas_major_left") - model().meshes.data())};
    compareWithGolden(draw(f)[0], "oblique_deep_highlight");
}

TEST_F(RenderTest, GoldenXrayWithClipFromTheLeft) {
    FrameDesc f = frameFrom(Viewpoint::Left);
    f.xray = true;
    f.highlight = {static_cast<std::uint32_t>(model().findMesh("psoas_major_left") - model().meshes.data())};
    f.clip = glm::vec4(0.0f, 0.0f, 1.0f, -0.12f);  // cut away above z = 12 cm
    compareWithGolden(draw(f)[0], "left_xray_clip");
}

TEST_F(RenderTest, GoldenWholePatient) {
    FrameDesc f = frameFrom(Viewpoint::Oblique, 1, 320, 240, true);
    compareWithGolden(draw(f)[0], "whole_patient");
}

TEST_F(RenderTest, GoldenLegLiftFromTheLeft) {
    FrameDesc f = frameFrom(Viewpoint::Left, 1, 320, 240, true);
    f.layers[layerIndex("skin")].opacity = 0.35f;
    f.limb = leftLegLift();
    for (const char* fixed : {"vertebra_L4", "vertebra_L5", "sacrum", "hip_bone_left"})
        f.limb_fixed.push_back(static_cast<std::uint32_t>(model().findMesh(fixed) - model().meshes.data()));
    compareWithGolden(draw(f)[0], "leg_lift_left");
}

}  // namespace
}  // namespace palpa::render::test
