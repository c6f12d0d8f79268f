// The leg lift on the bundled model: at full flexion the worked leg's foot is off the table,
// the knee bent, the lumbar spine and pelvis where they were, the psoas and iliacus shorter
// and thicker, and every structure still inside the (warped) skin.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include "anatomy/leg_lift.hpp"
#include "anatomy_fixture.hpp"

namespace palpa::anatomy {
namespace {

using test::bundled;

std::uint32_t meshIndex(const scene::Scene& s, const std::string& name) {
    const scene::Mesh* m = s.findMesh(name);
    EXPECT_NE(m, nullptr) << name;
    return static_cast<std::uint32_t>(m - s.meshes.data());
}

scene::Mesh posed(const scene::Scene& s, const LegLiftPose& pose, std::uint32_t mesh) {
    scene::Mesh m = s.meshes[mesh];
    for (scene::Vertex& v : m.vertices) v.position = pose.apply(mesh, v.position);
    return m;
}

TEST(LegLift, NeedsTheJointLandmarks) {
    scene::Scene s = bundled();
    EXPECT_TRUE(legLiftPose(s, true, 1.0f).has_value());
    std::erase_if(s.landmarks, [](const scene::Landmark& l) { return l.name == "knee_left"; });
    EXPECT_FALSE(legLiftPose(s, true, 1.0f).has_value());
    EXPECT_TRUE(legLiftPose(s, false, 1.0f).has_value());
}

TEST(LegLift, TheFootRisesTheKneeBendsTheSpineStays) {
    const scene::Scene& s = bundled();
    const auto pose = legLiftPose(s, true, 1.0f);
    ASSERT_TRUE(pose);
    const std::uint32_t skin = meshIndex(s, "skin");
    const glm::vec3 hip = s.landmark("hip_left"), knee = s.landmark("knee_left"), ankle = s.landmark("ankle_left");
    // The ankle rises by the leg's length times the sine of the hip angle, less the knee's
    // bend: well over 20 cm off the table; the other ankle stays.
    const glm::vec3 lifted = pose->apply(skin, ankle);
    EXPECT_GT(lifted.y - ankle.y, 0.25f);
    EXPECT_LT(glm::distance(pose->apply(skin, s.landmark("ankle_right")), s.landmark("ankle_right")), 1e-6f);
    // The thigh turns by the hip angle; the shank by the hip angle plus the knee's bend.
    const glm::vec3 kneeNow = pose->apply(skin, knee);
    const float thighTurn = std::acos(glm::dot(glm::normalize(knee - hip), glm::normalize(kneeNow - hip)));
    EXPECT_NEAR(glm::degrees(thighTurn), kLegLiftHipDeg, 1.0f);
    // The knee's flexion: the shank's tilt toward the back of the thigh, seen from the side.
    auto tilt = [](const glm::vec3& d) { return std::atan2(d.y, -d.z); };
    auto flexion = [&](const glm::vec3& h, const glm::vec3& k, const glm::vec3& a) { return tilt(k - h) - tilt(a - k); };
    const float kneeBend = flexion(hip, kneeNow, lifted) - flexion(hip, knee, ankle);
    EXPECT_NEAR(glm::degrees(kneeBend), kLegLiftKneeDeg, 1.5f);
    // Every vertex of the lumbar vertebrae, the sacrum and the hip bones stays put.
    for (const char* name : {"vertebra_L1", "vertebra_L3", "vertebra_L5", "sacrum", "hip_bone_left"}) {
        const std::uint32_t i = meshIndex(s, name);
        for (const scene::Vertex& v : s.meshes[i].vertices) ASSERT_EQ(pose->apply(i, v.position), v.position) << name;
    }
    // The skin over the lumbar spine and the navel stays too.
    EXPECT_EQ(pose->apply(skin, glm::vec3(0.0f, 0.0f, 0.0f)), glm::vec3(0.0f));
}

TEST(LegLift, PsoasAndIliacusShortenAndThicken) {
    const scene::Scene& s = bundled();
    const auto pose = legLiftPose(s, true, 1.0f);
    ASSERT_TRUE(pose);
    for (const char* name : {"psoas_major_left", "iliacus_left"}) {
        const std::uint32_t i = meshIndex(s, name);
        const scene::Mesh rest = s.meshes[i], now = posed(s, *pose, i);
        // Its path (the centroids of 1 cm slices of the rest mesh, followed into the pose)
        // shortens: it runs in front of the hip joint, whose flexion brings its ends closer.
        auto pathLength = [&](bool lifted) {
            float length = 0.0f;
            std::optional<glm::vec3> previous;
            for (float z = rest.bounds.min.z + 0.005f; z < rest.bounds.max.z; z += 0.01f) {
                glm::vec3 sum(0.0f);
                int n = 0;
                for (const scene::Vertex& v : rest.vertices)
                    if (std::abs(v.position.z - z) < 0.005f) sum += lifted ? pose->apply(i, v.position) : v.position, ++n;
                if (n == 0) continue;
                const glm::vec3 c = sum / static_cast<float>(n);
                if (previous) length += glm::distance(*previous, c);
                previous = c;
            }
            return length;
        };
        EXPECT_LT(pathLength(true), pathLength(false) - 0.004f) << name;
        // Its volume, by the divergence theorem, is kept within a third while it thickens:
        // the mean distance of its vertices from its centroid at mid-length grows.
        auto girth = [](const scene::Mesh& m) {
            const float zMid = 0.5f * (m.bounds.min.z + m.bounds.max.z);
            const glm::vec3 c = test::sectionCentroid(m, zMid, 0.01f);
            float sum = 0.0f;
            int n = 0;
            for (const scene::Vertex& v : m.vertices)
                if (std::abs(v.position.z - zMid) < 0.01f) sum += glm::length(glm::vec2(v.position.x - c.x, v.position.y - c.y)), ++n;
            return n ? sum / static_cast<float>(n) : 0.0f;
        };
        EXPECT_GT(girth(now), 1.1f * girth(rest)) << name;
    }
    // The other side's psoas does not move.
    const std::uint32_t right = meshIndex(s, "psoas_major_right");
    for (const scene::Vertex& v : s.meshes[right].vertices) ASSERT_EQ(pose->apply(right, v.position), v.position);
}

TEST(LegLift, EveryStructureStaysInsideTheSkinAtFullFlexion) {
    const scene::Scene& s = bundled();
    for (const bool left : {true, false}) {
        const auto pose = legLiftPose(s, left, 1.0f);
        ASSERT_TRUE(pose);
        const std::uint32_t skinIndex = meshIndex(s, "skin");
        const scene::Mesh skin = posed(s, *pose, skinIndex);
        const test::SkinCrossings crossings(skin);
        std::size_t checked = 0;
        for (std::uint32_t i = 0; i < s.meshes.size(); ++i) {
            if (i == skinIndex) continue;
            const scene::Mesh& m = s.meshes[i];
            for (std::size_t v = 0; v < m.vertices.size(); v += 3) {
                const glm::vec3 p = pose->apply(i, m.vertices[v].position);
                ASSERT_TRUE(test::insideSkin(crossings, p))
                    << (left ? "left" : "right") << " lift: " << m.name << " vertex " << v << " at " << p.x << ", "
                    << p.y << ", " << p.z << " lies outside the skin";
                ++checked;
            }
        }
        EXPECT_GT(checked, 20000u);
    }
}

}  // namespace
}  // namespace palpa::anatomy
