// The skinned hand mesh: closed and outward, bound to the joints it lies around, and posed by
// the tracked joints (rigid moves carry it along; a bent finger bends the finger's skin only).
#include <gtest/gtest.h>

#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "input/hand_mesh.hpp"
#include "scene/isosurface.hpp"

namespace palpa::input {
namespace {

// Signed volume of the closed triangle set (positive when wound outward).
double volume(const std::vector<glm::vec3>& p, const std::vector<std::uint32_t>& idx, std::size_t first, std::size_t last) {
    double v = 0.0;
    for (std::size_t i = first; i + 2 < last; i += 3)
        v += glm::dot(glm::dvec3(p[idx[i]]), glm::cross(glm::dvec3(p[idx[i + 1]]), glm::dvec3(p[idx[i + 2]]))) / 6.0;
    return v;
}

struct Posed {
    std::vector<glm::vec3> p, n;
};
Posed posed(const HandMesh& m, const HandPose& pose) {
    Posed out{std::vector<glm::vec3>(m.vertexCount()), std::vector<glm::vec3>(m.vertexCount())};
    m.pose(pose, out.p.data(), out.n.data());
    return out;
}

// Distance from p to the segment a-b.
float toSegment(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b) {
    const glm::vec3 ab = b - a;
    const float t = std::clamp(glm::dot(p - a, ab) / glm::dot(ab, ab), 0.0f, 1.0f);
    return glm::length(p - (a + t * ab));
}

class HandMeshTest : public ::testing::TestWithParam<Hand> {};

TEST_P(HandMeshTest, IsClosedOutwardAndHoldsEveryBoneOfItsRestPose) {
    const HandMesh m = buildHandMesh(GetParam());
    ASSERT_GT(m.vertexCount(), 2000u);
    ASSERT_EQ(m.bones.size(), m.vertexCount());
    ASSERT_EQ(m.normals.size(), m.vertexCount());
    scene::build::MeshData skin;
    skin.positions = m.positions;
    skin.indices.assign(m.indices.begin(), m.indices.begin() + m.nail_first);
    EXPECT_TRUE(scene::build::everyEdgeShared(skin));
    // A hand's volume is a few hundred millilitres (about 350-550 ml for an adult, with the stub).
    const double ml = volume(m.positions, m.indices, 0, m.nail_first) * 1e6;
    EXPECT_GT(ml, 200.0);
    EXPECT_LT(ml, 800.0);
    EXPECT_GT(volume(m.positions, m.indices, m.nail_first, m.indices.size()), 0.0);  // nails too
    for (const auto& bone : kHandBones) {  // each bone's midpoint lies under the skin's surface
        const glm::vec3 mid = 0.5f * (m.rest[static_cast<std::size_t>(bone[0])].position + m.rest[static_cast<std::size_t>(bone[1])].position);
        float nearest = 1e9f;
        for (const glm::vec3& p : m.positions) nearest = std::min(nearest, glm::length(p - mid));
        EXPECT_GT(nearest, 0.003f) << "bone " << bone[0] << "-" << bone[1];
        EXPECT_LT(nearest, 0.02f) << "bone " << bone[0] << "-" << bone[1];
    }
}

TEST_P(HandMeshTest, TheRestPoseGivesTheRestMeshAndARigidMoveCarriesIt) {
    const HandMesh m = buildHandMesh(GetParam());
    const Posed same = posed(m, m.rest);
    for (std::size_t v = 0; v < m.vertexCount(); v += 7) {
        EXPECT_LT(glm::length(same.p[v] - m.positions[v]), 1e-5f);
        EXPECT_GT(glm::dot(same.n[v], m.normals[v]), 0.999f);
    }
    const glm::quat turn = glm::angleAxis(1.1f, glm::normalize(glm::vec3(0.3f, 1.0f, -0.4f)));
    const glm::vec3 shift(0.1f, -0.2f, 0.35f);
    HandPose moved = m.rest;
    for (JointPose& j : moved) {
        j.position = shift + turn * j.position;
        j.orientation = turn * j.orientation;
    }
    const Posed out = posed(m, moved);
    for (std::size_t v = 0; v < m.vertexCount(); v += 5) {
        EXPECT_LT(glm::length(out.p[v] - (shift + turn * m.positions[v])), 1e-4f);
        EXPECT_GT(glm::dot(out.n[v], turn * m.normals[v]), 0.995f);
    }
}

TEST_P(HandMeshTest, ABentIndexFingerTakesItsSkinAndNailAlongAndLeavesTheLittleFingerBe) {
    const HandMesh m = buildHandMesh(GetParam());
    // Curl the index finger 70 degrees at its knuckle about the hand's side axis.
    HandPose bent = m.rest;
    const glm::vec3 knuckle = m.rest[7].position;
    const glm::vec3 side = glm::normalize(m.rest[6].position - m.rest[21].position);
    const glm::quat curl = glm::angleAxis(glm::radians(70.0f), side);
    for (std::size_t j = 7; j <= 10; ++j) {
        bent[j].position = knuckle + curl * (m.rest[j].position - knuckle);
        bent[j].orientation = curl * m.rest[j].orientation;
    }
    const Posed out = posed(m, bent);
    std::size_t nearTip = 0, nearLittle = 0;
    for (std::size_t v = 0; v < m.vertexCount(); ++v) {
        // Rest skin around the index tip's bone now lies around the bent bone.
        if (toSegment(m.positions[v], m.rest[9].position, m.rest[10].position) < 0.0075f && m.bones[v][0] == 8) {
            ++nearTip;
            EXPECT_LT(toSegment(out.p[v], bent[9].position, bent[10].position), 0.0095f);
        }
        if (toSegment(m.positions[v], m.rest[23].position, m.rest[25].position) < 0.009f) {
            ++nearLittle;
            EXPECT_LT(glm::length(out.p[v] - m.positions[v]), 1e-5f);
        }
    }
    EXPECT_GT(nearTip, 20u);
    EXPECT_GT(nearLittle, 20u);
}

TEST(HandMesh, TheLeftHandIsTheRightsMirrorImage) {
    const HandMesh r = buildHandMesh(Hand::Right), l = buildHandMesh(Hand::Left);
    ASSERT_EQ(r.vertexCount(), l.vertexCount());
    for (std::size_t v = 0; v < r.vertexCount(); v += 11)
        EXPECT_LT(glm::length(l.positions[v] - glm::vec3(-r.positions[v].x, r.positions[v].y, r.positions[v].z)), 1e-6f);
    for (std::size_t j = 0; j < kJointCount; ++j)
        EXPECT_LT(glm::length(l.rest[j].position - glm::vec3(-r.rest[j].position.x, r.rest[j].position.y, r.rest[j].position.z)), 1e-6f);
    // Nails sit on the back of their distal phalanx, near its end, for both hands.
    for (const HandMesh* m : {&r, &l}) {
        for (std::size_t i = m->nail_first; i < m->indices.size(); ++i) {
            const std::uint32_t v = m->indices[i];
            const BoneFrame& bone = m->rest_bones[m->bones[v][0]];
            const glm::vec3 local = glm::transpose(bone.axes) * (m->positions[v] - bone.origin);
            ASSERT_GT(local.y, 0.0f) << "nail vertex " << v;
            ASSERT_GT(local.z, 0.1f * bone.length);
            ASSERT_LT(local.z, 1.0f * bone.length);
        }
    }
}

TEST(HandMesh, FramesFallBackToThePalmWhereOrientationsAreMissing) {
    const HandMesh m = buildHandMesh(Hand::Right);
    HandPose bare = m.rest;
    for (JointPose& j : bare) j.orientation = glm::angleAxis(glm::radians(90.0f), glm::vec3(1, 0, 0));  // +Y along -Z: useless
    const auto frames = boneFrames(Hand::Right, bare);
    for (std::size_t k = 4; k < kHandBoneCount; ++k) {  // the fingers' bones: back of the hand is +Y
        if (kHandBones[k][0] != 1) {
            EXPECT_GT(frames[k].axes[1].y, 0.8f) << "bone " << k;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(BothHands, HandMeshTest, ::testing::Values(Hand::Left, Hand::Right),
                         [](const auto& info) { return info.param == Hand::Left ? std::string("Left") : std::string("Right"); });

}  // namespace
}  // namespace palpa::input
