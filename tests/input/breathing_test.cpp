// The patient breathes in every view: the abdomen between the pubis and the xiphoid, the chest
// above it by a share of the same rise, over the model's own landmarks and sternum.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/commands.hpp"
#include "app/live_practice.hpp"
#include "scene/loader.hpp"

namespace palpa::app {
namespace {

TEST(Breathing, TheAbdomenAndTheChestRiseOverTheModelsOwnLandmarks) {
    const std::filesystem::path model = std::filesystem::path(PALPA_TEST_SOURCE) / "assets/models/psoas-region.glb";
    const scene::Scene scene = scene::loadScene(model);
    IdleBreathing breathing(scene, patientFromScene(scene, model));
    render::FrameDesc frame;
    breathing.add(1.0, frame);  // a second into the first breath in
    const float xiphoid = scene.landmark("xiphoid").z, pubis = scene.landmark("pubic_symphysis").z;
    EXPECT_NEAR(frame.swell_region.z0, pubis, 1e-4f);
    EXPECT_NEAR(frame.swell_region.z1, xiphoid, 1e-4f);
    const scene::Mesh* sternum = scene.findMesh("sternum");
    ASSERT_NE(sternum, nullptr);
    EXPECT_LT(frame.chest_region.z0, xiphoid);
    EXPECT_GT(frame.chest_region.z1, sternum->bounds.max.z);
    EXPECT_GT(frame.chest_share, 0.2f);
    EXPECT_LT(frame.chest_share, 1.0f);  // the chest moves less than the abdomen
    // Over one breath (12 a minute) the skin rises and falls by about the model's centimetre.
    const std::uint32_t skin = static_cast<std::uint32_t>(scene.findMesh("skin") - scene.meshes.data());
    float high = -1.0f, low = 1.0f;
    for (double t = 0.0; t < 5.0; t += 0.25) {
        render::FrameDesc f;
        breathing.add(t, f);
        const auto it = std::find_if(f.swells.begin(), f.swells.end(), [&](const render::MeshSwell& s) { return s.mesh == skin; });
        ASSERT_NE(it, f.swells.end());
        high = std::max(high, it->amount);
        low = std::min(low, it->amount);
    }
    EXPECT_GT(high - low, 0.006f);
    EXPECT_LT(high - low, 0.014f);
}

}  // namespace
}  // namespace palpa::app
