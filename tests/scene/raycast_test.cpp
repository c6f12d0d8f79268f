#include <gtest/gtest.h>

#include "scene/mesh_builder.hpp"
#include "scene/bvh.hpp"
#include "scene/raycast.hpp"

#include <cmath>

#include <glm/geometric.hpp>

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
    const TriangleBvh bvh(s);
    const Ray down{{0.0f, 2.0f, 0.0f}, {0, -1, 0}};
    ASSERT_TRUE(pick(s, bvh, down).has_value());
    EXPECT_EQ(s.meshes[pick(s, bvh, down)->mesh].name, "big");
    EXPECT_EQ(s.meshes[pick(s, bvh, down, {true, false})->mesh].name, "small");
    EXPECT_FALSE(pick(s, bvh, {{3.0f, 2.0f, 0.0f}, {0, -1, 0}}).has_value());
    EXPECT_FALSE(pick(s, bvh, {{0.0f, 2.0f, 0.0f}, {0, 1, 0}}).has_value());  // pointing away
}

// The BVH answers exactly what brute force over every triangle answers, for rays in all
// directions from many origins.
TEST(Bvh, NearestHitsAgreeWithBruteForce) {
    Scene s = twoSpheres();
    s.meshes.push_back(build::finish("offset", build::ellipsoid({0.3f, 0.1f, -0.2f}, {0.2f, 0.05f, 0.3f}, 24, 32), 0));
    const TriangleBvh bvh(s);
    EXPECT_EQ(bvh.triangleCount(), s.triangleCount());
    int hits = 0;
    for (int i = 0; i < 400; ++i) {
        const float a = 0.37f * static_cast<float>(i), b = 0.11f * static_cast<float>(i);
        const glm::vec3 origin(std::sin(a) * 1.5f, std::cos(b) * 1.2f, std::sin(a + b) * 1.4f);
        // Aimed near the spheres, most rays hit; some graze or miss.
        const glm::vec3 aim(0.4f * std::cos(a * 1.7f), 0.4f * std::sin(b * 2.3f), 0.4f * std::cos(a + 0.5f));
        const glm::vec3 dir = glm::normalize(aim - origin);
        const std::vector<Hit> all = intersectScene(s, {origin, dir});
        const auto nearest = bvh.raycast({origin, dir});
        ASSERT_EQ(nearest.has_value(), !all.empty()) << i;
        if (!nearest) continue;
        ++hits;
        EXPECT_NEAR(nearest->t, all.front().t, 1e-5f) << i;
        EXPECT_EQ(nearest->mesh, all.front().mesh) << i;
        EXPECT_EQ(bvh.occluded({origin, dir}, all.front().t + 1e-4f), true);
        EXPECT_EQ(bvh.occluded({origin, dir}, all.front().t * 0.999f), false);
    }
    EXPECT_GT(hits, 200);
}

// Closest points: on a sphere the closest point lies along the ray from the centre, at the
// radius, with the normal pointing out; inside and outside points alike.
TEST(Bvh, ClosestPointOnASphere) {
    Scene s;
    s.layers = {{"l", {0}}};
    s.materials = {{"m", {1, 1, 1, 1}}};
    s.meshes.push_back(build::finish("ball", build::ellipsoid({0.1f, 0.0f, 0.0f}, {0.2f, 0.2f, 0.2f}, 64, 96), 0));
    const TriangleBvh bvh(s);
    for (const glm::vec3 p : {glm::vec3(0.6f, 0.1f, 0.0f), glm::vec3(0.1f, -0.05f, 0.02f), glm::vec3(-0.3f, 0.3f, 0.2f)}) {
        const auto c = bvh.closest(p);
        ASSERT_TRUE(c.has_value());
        const glm::vec3 radial = glm::normalize(p - glm::vec3(0.1f, 0.0f, 0.0f));
        EXPECT_NEAR(glm::length(c->point - glm::vec3(0.1f, 0.0f, 0.0f)), 0.2f, 0.001f);
        EXPECT_GT(glm::dot(c->normal, radial), 0.99f);
        EXPECT_NEAR(c->distance, std::abs(glm::length(p - glm::vec3(0.1f, 0.0f, 0.0f)) - 0.2f), 0.001f);
    }
    // Nothing within a bound too small; an empty BVH never answers.
    EXPECT_FALSE(bvh.closest({0.6f, 0.1f, 0.0f}, 0.1f).has_value());
    EXPECT_FALSE(TriangleBvh(s, std::vector<std::uint32_t>{}).closest({0, 0, 0}).has_value());
}

}  // namespace
}  // namespace palpa::scene
