// Role: the student's hand as a surface rather than balls and sticks: a generated mesh (palm,
// thenar, fingers, a stub of forearm, nails) bound to the 26 XR_EXT_hand_tracking joints by
// linear blend skinning and posed each frame from the tracked joints. Pure geometry, no GPU:
// the renderer uploads what pose() writes.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <glm/mat3x3.hpp>
#include <glm/vec3.hpp>

#include "input/hand.hpp"
#include "input/hand_model.hpp"

namespace palpa::input {

// Bones between joints: the thumb from the wrist, then each finger from the wrist through
// metacarpal, proximal, (intermediate,) distal to tip. Each bone is {parent joint, child joint}.
inline constexpr std::size_t kHandBoneCount = 24;
inline constexpr std::array<std::array<int, 2>, kHandBoneCount> kHandBones{{
    {1, 2},  {2, 3},   {3, 4},   {4, 5},                          // thumb
    {1, 6},  {6, 7},   {7, 8},   {8, 9},   {9, 10},               // index
    {1, 11}, {11, 12}, {12, 13}, {13, 14}, {14, 15},              // middle
    {1, 16}, {16, 17}, {17, 18}, {18, 19}, {19, 20},              // ring
    {1, 21}, {21, 22}, {22, 23}, {23, 24}, {24, 25}}};            // little

// A bone's frame: origin at its parent joint, z along the bone, y toward the back of the hand.
struct BoneFrame {
    glm::vec3 origin{0.0f};
    glm::mat3 axes{1.0f};  // columns x, y (dorsal), z (toward the child joint)
    float length = 0.0f;   // parent to child joint
    float radius = 0.0f;   // the parent joint's radius
};

// Each bone's frame in a pose. The dorsal axis comes from the parent joint's orientation
// (XR_EXT_hand_tracking: +Y dorsal); where that is missing or lies along the bone, from the
// palm's plane through the wrist and the index and little knuckles.
std::array<BoneFrame, kHandBoneCount> boneFrames(Hand hand, const HandPose& pose);

struct HandMesh {
    Hand hand = Hand::Right;
    HandPose rest;                              // the pose the mesh was built in
    std::array<BoneFrame, kHandBoneCount> rest_bones{};
    std::vector<glm::vec3> positions, normals;  // rest pose
    // Skin weights: vertex v follows bones[v][0] by weights[v] and bones[v][1] by the rest.
    std::vector<std::array<std::uint8_t, 2>> bones;
    std::vector<float> weights;
    std::vector<std::uint32_t> indices;  // the skin's triangles, then the nails'
    std::uint32_t nail_first = 0;        // first index of the nails

    std::size_t vertexCount() const { return positions.size(); }

    // The mesh moved to `pose`: each vertex by its bones' motion from rest (rotation, the
    // bone's length ratio along it and the joint's radius ratio across), blended by weight.
    // Writes vertexCount() positions and unit normals.
    void pose(const HandPose& pose, glm::vec3* positions_out, glm::vec3* normals_out) const;
};

// The hand's mesh, one closed outward surface for the skin and one per nail, built around the
// hand model's relaxed template (fingers spread a little so that they mesh apart). The left
// hand is the mirror image of the right. Deterministic.
HandMesh buildHandMesh(Hand hand);
// The left hand from the right one's mesh (its mirror image, wound outward), without meshing
// the surface again.
HandMesh mirroredHand(HandMesh right);

}  // namespace palpa::input
