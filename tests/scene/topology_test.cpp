#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "scene/mesh_builder.hpp"
#include "scene/topology.hpp"

namespace palpa::scene {
namespace {

using build::Cap;

Mesh tubeMesh(Cap start, Cap end) {
    build::TubeOptions o;
    o.segments = 16;
    o.start = start;
    o.end = end;
    o.up = {0, 1, 0};
    const auto data = build::tube({{{0, 0, 0}, 0.02f, 0.01f}, {{0.01f, 0.0f, 0.1f}, 0.015f, 0.015f},
                                   {{0.0f, 0.02f, 0.2f}, 0.01f, 0.02f}},
                                  o);
    return build::finish("tube", data, 0);
}

TEST(Topology, TubesWithEitherCapAreClosedAndOutward) {
    for (Cap a : {Cap::Round, Cap::Flat})
        for (Cap b : {Cap::Round, Cap::Flat}) {
            const TopologyReport r = analyseTopology(tubeMesh(a, b));
            EXPECT_TRUE(r.closed()) << r.boundary_edges << " " << r.nonmanifold_edges << " " << r.misoriented_edges;
            EXPECT_TRUE(r.outward());
            EXPECT_EQ(r.components, 1u);
        }
}

TEST(Topology, EllipsoidVolumeMatchesTheFormula) {
    const Mesh m = build::finish("e", build::ellipsoid({1, 2, 3}, {0.1f, 0.2f, 0.3f}, 64, 96), 0);
    const TopologyReport r = analyseTopology(m);
    ASSERT_TRUE(r.closed());
    ASSERT_EQ(r.volumes.size(), 1u);
    const double exact = 4.0 / 3.0 * 3.14159265358979 * 0.1 * 0.2 * 0.3;
    EXPECT_NEAR(r.volumes[0], exact, exact * 0.01);
}

TEST(Topology, ShellAndReflectionStayOutward) {
    auto surface = [](float u, float v) {
        return build::SurfacePoint{{u * 0.1f, 0.02f * u * v, v * 0.2f}, {0, 1, 0}};
    };
    const auto shell = build::shell(surface, [](float, float) { return 0.01f; }, 8, 6);
    EXPECT_TRUE(analyseTopology(build::finish("s", shell, 0)).outward());
    const auto mirrored = build::reflected(shell, 0);
    const TopologyReport r = analyseTopology(build::finish("m", mirrored, 0));
    EXPECT_TRUE(r.closed());
    EXPECT_TRUE(r.outward());
}

TEST(Topology, DetectsHolesFlipsAndInsideOut) {
    Mesh m = tubeMesh(Cap::Round, Cap::Round);
    Mesh holed = m;
    holed.indices.resize(holed.indices.size() - 3);
    EXPECT_EQ(analyseTopology(holed).boundary_edges, 3u);
    EXPECT_FALSE(analyseTopology(holed).closed());

    Mesh flipped = m;
    std::swap(flipped.indices[1], flipped.indices[2]);
    EXPECT_GT(analyseTopology(flipped).misoriented_edges, 0u);

    Mesh inside = m;
    for (std::size_t t = 0; t < inside.indices.size(); t += 3) std::swap(inside.indices[t + 1], inside.indices[t + 2]);
    const TopologyReport r = analyseTopology(inside);
    EXPECT_TRUE(r.closed());
    EXPECT_FALSE(r.outward());
}

TEST(Topology, CountsSeparateShells) {
    auto a = build::ellipsoid({0, 0, 0}, {0.1f, 0.1f, 0.1f}, 8, 12);
    a.append(build::ellipsoid({1, 0, 0}, {0.1f, 0.1f, 0.1f}, 8, 12));
    const TopologyReport r = analyseTopology(build::finish("two", a, 0));
    EXPECT_EQ(r.components, 2u);
    EXPECT_TRUE(r.closed());
}

TEST(MeshBuilder, SmoothNormalsPointOutOfASphere) {
    const Mesh m = build::finish("s", build::ellipsoid({0, 0, 0}, {1, 1, 1}, 16, 24), 0);
    for (const Vertex& v : m.vertices) {
        EXPECT_NEAR(glm::length(v.normal), 1.0f, 1e-4f);
        EXPECT_GT(glm::dot(v.normal, glm::normalize(v.position)), 0.99f);
    }
}

}  // namespace
}  // namespace palpa::scene
