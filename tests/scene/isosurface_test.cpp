// Surface nets: closed, outward meshes on the zero set, finer where the grid is finer, and a
// pinch reported rather than hidden.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/geometric.hpp>

#include "scene/isosurface.hpp"
#include "scene/topology.hpp"

namespace palpa::scene::build {
namespace {

float sphere(const glm::vec3& p) { return glm::length(p - glm::vec3(0.01f, -0.02f, 0.03f)) - 0.1f; }

IsoGrid cube(float step, float fine = 0.0f) {
    IsoGrid g;
    const float f = fine > 0.0f ? fine : step;
    g.xs = gradedAxis(-0.2f, 0.2f, step, f, {0.0f}, 0.02f);
    g.ys = gradedAxis(-0.2f, 0.2f, step, step, {}, 0.0f);
    g.zs = gradedAxis(-0.2f, 0.2f, step, step, {}, 0.0f);
    return g;
}

TEST(Isosurface, ASphereIsClosedOutwardAndOnItsSurface) {
    const MeshData m = surfaceNets(sphere, cube(0.01f));
    const TopologyReport r = analyseTopology(finish("sphere", m, 0));
    EXPECT_TRUE(r.closed()) << r.boundary_edges << " boundary, " << r.nonmanifold_edges << " non-manifold";
    EXPECT_TRUE(r.outward());
    EXPECT_EQ(r.components, 1u);
    EXPECT_TRUE(everyEdgeShared(m));
    for (const glm::vec3& p : m.positions) ASSERT_NEAR(sphere(p), 0.0f, 1e-4f);
    // The enclosed volume is the sphere's within 2 %.
    ASSERT_EQ(r.volumes.size(), 1u);
    EXPECT_NEAR(r.volumes[0], 4.0 / 3.0 * 3.14159265 * 0.001, 0.02 * 4.0 / 3.0 * 3.14159265 * 0.001);
}

TEST(Isosurface, AFinerBandGivesMoreVerticesThere) {
    const MeshData plain = surfaceNets(sphere, cube(0.01f));
    const MeshData banded = surfaceNets(sphere, cube(0.01f, 0.0025f));
    auto near = [](const MeshData& m) {
        int n = 0;
        for (const glm::vec3& p : m.positions) n += std::abs(p.x) < 0.015f;
        return n;
    };
    EXPECT_GT(near(banded), 3 * near(plain));
    EXPECT_TRUE(everyEdgeShared(banded));
}

TEST(Isosurface, GradedAxisStepsGrowGentlyAwayFromTheFocus) {
    const std::vector<float> a = gradedAxis(-0.5f, 0.5f, 0.01f, 0.001f, {0.1f}, 0.02f);
    ASSERT_GT(a.size(), 10u);
    EXPECT_FLOAT_EQ(a.front(), -0.5f);
    EXPECT_FLOAT_EQ(a.back(), 0.5f);
    for (std::size_t i = 1; i < a.size(); ++i) {
        const float step = a[i] - a[i - 1];
        ASSERT_GT(step, 0.0f);
        ASSERT_LE(step, 0.0100001f);
        if (std::abs(a[i - 1] - 0.1f) < 0.02f) {
            EXPECT_LE(step, 0.0010001f);
        }
    }
    EXPECT_THROW(gradedAxis(0.0f, -1.0f, 0.01f, 0.001f, {}, 0.0f), std::exception);
}

TEST(Isosurface, TwoSheetsThroughOneCellArePinchedAndSaidSo) {
    // Two spheres on a diagonal whose surfaces pass between the corners of one cell: its top
    // and bottom faces have inside corners on one diagonal and outside ones on the other, so
    // the cell's one vertex serves both and an edge is shared by four triangles.
    const auto diagonal = [](const glm::vec3& p) {
        return std::min(glm::length(p - glm::vec3(-0.04f, -0.04f, 0.0f)), glm::length(p - glm::vec3(0.04f, 0.04f, 0.0f))) -
               0.05f;
    };
    IsoGrid g;
    g.xs = gradedAxis(-0.21f, 0.21f, 0.02f, 0.02f, {}, 0.0f);  // samples at odd centimetres
    g.ys = g.xs;
    g.zs = g.xs;
    EXPECT_FALSE(everyEdgeShared(surfaceNets(diagonal, g)));
    // The same spheres apart are two clean shells.
    const auto apart = [](const glm::vec3& p) {
        return std::min(glm::length(p - glm::vec3(-0.06f, -0.06f, 0.0f)), glm::length(p - glm::vec3(0.06f, 0.06f, 0.0f))) -
               0.05f;
    };
    EXPECT_TRUE(everyEdgeShared(surfaceNets(apart, g)));
}

}  // namespace
}  // namespace palpa::scene::build
