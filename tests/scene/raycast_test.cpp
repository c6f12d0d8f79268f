#include <gtest/gtest.h>

#include "scene/mesh_builder.hpp"
#include "scene/raycast.hpp"

namespace palpa::scene {
namespace {

Scene twoSpheres() {
    Scene s;
    s.layers = {{"inner", {0}}, {"outer", {1}}};
    s.materials = {{"m", {1, 1, 1, 1}}};
    s.meshes.push_back(build::finish("small", build::ellipsoid({0, 0, 0}, {0.1f, 0.1f, 0.1f}, 32, 48), 0));
    s.meshes.push_back(build::finish("big", build::ellipsoid({0, 0, 0}, {0.5f, 0.5f, 0.5f}, 32, 48), 0));
    s.meshes[0].layer = 0;
    s.meshes[1].layer = 1;
    return s;
}

TEST(Raycast, CrossingsComeNearestFirstWithEntryAndExit) {
    const Scene s = twoSpheres();
    const std::vector<Hit> hits = intersectScene(s, {{0.001f, 2.0f, 0.002f}, {0, -1, 0}});
    ASSERT_EQ(hits.size(), 4u);
    EXPECT_EQ(s.meshes[hits[0].mesh].name, "big");
    EXPECT_NEAR(hits[0].t, 1.5f, 0.005f);
    EXPECT_TRUE(hits[0].front);
    EXPECT_EQ(s.meshes[hits[1].mesh].name, "small");
    EXPECT_NEAR(hits[1].point.y, 0.1f, 0.002f);
    EXPECT_TRUE(hits[1].front);
    EXPECT_FALSE(hits[2].front);
    EXPECT_NEAR(hits[3].t, 2.5f, 0.005f);
}

TEST(Raycast, PickSkipsHiddenLayersAndMisses) {
    const Scene s = twoSpheres();
    const Ray down{{0.0f, 2.0f, 0.0f}, {0, -1, 0}};
    ASSERT_TRUE(pick(s, down).has_value());
    EXPECT_EQ(s.meshes[pick(s, down)->mesh].name, "big");
    EXPECT_EQ(s.meshes[pick(s, down, {true, false})->mesh].name, "small");
    EXPECT_FALSE(pick(s, {{3.0f, 2.0f, 0.0f}, {0, -1, 0}}).has_value());
    EXPECT_FALSE(pick(s, {{0.0f, 2.0f, 0.0f}, {0, 1, 0}}).has_value());  // pointing away
}

}  // namespace
}  // namespace palpa::scene
