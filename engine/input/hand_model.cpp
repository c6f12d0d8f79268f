#include "input/hand_model.hpp"

#include <array>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>

namespace palpa::input {
namespace {

// Joint centres of a relaxed right-or-left hand in centimetres, relative to the wrist, as
// (toward the thumb side, forward toward the fingers, dorsal), and radii in metres.
struct TemplateJoint {
    float side, forward, up, radius;
};
constexpr std::array<TemplateJoint, kJointCount> kTemplate = {{
    {0.0f, 5.0f, 0.3f, 0.020f},     // palm
    {0.0f, 0.0f, 0.0f, 0.020f},     // wrist
    {2.0f, 1.5f, -0.5f, 0.015f},    // thumb metacarpal
    {3.5f, 4.0f, -1.0f, 0.012f},    // thumb proximal
    {4.5f, 6.0f, -1.5f, 0.010f},    // thumb distal
    {5.0f, 7.5f, -2.0f, 0.009f},    // thumb tip
    {1.5f, 2.5f, 0.0f, 0.013f},     // index metacarpal
    {2.2f, 9.0f, 0.0f, 0.011f},     // index proximal
    {2.8f, 12.5f, -0.3f, 0.009f},   // index intermediate
    {3.2f, 14.7f, -0.8f, 0.008f},   // index distal
    {3.5f, 16.5f, -1.2f, 0.007f},   // index tip
    {0.0f, 2.5f, 0.0f, 0.013f},     // middle metacarpal
    {0.2f, 9.3f, 0.0f, 0.011f},     // middle proximal
    {0.3f, 13.3f, -0.3f, 0.009f},   // middle intermediate
    {0.35f, 15.8f, -0.8f, 0.008f},  // middle distal
    {0.4f, 17.8f, -1.2f, 0.007f},   // middle tip
    {-1.5f, 2.5f, 0.0f, 0.013f},    // ring metacarpal
    {-1.7f, 8.8f, 0.0f, 0.011f},    // ring proximal
    {-2.3f, 12.5f, -0.3f, 0.009f},  // ring intermediate
    {-2.7f, 14.8f, -0.8f, 0.008f},  // ring distal
    {-3.0f, 16.6f, -1.2f, 0.007f},  // ring tip
    {-3.0f, 2.5f, 0.0f, 0.012f},    // little metacarpal
    {-3.4f, 8.0f, 0.0f, 0.010f},    // little proximal
    {-4.3f, 11.0f, -0.3f, 0.008f},  // little intermediate
    {-4.9f, 12.8f, -0.7f, 0.007f},  // little distal
    {-5.4f, 14.4f, -1.0f, 0.006f},  // little tip
}};

// The joint a joint's bone points at (toward the tip); tips point on from their parent.
constexpr std::array<int, kJointCount> kNext = {
    12, 11,              // palm -> middle proximal, wrist -> middle metacarpal
    3,  4,  5,  -1,      // thumb
    7,  8,  9,  10, -1,  // index
    12, 13, 14, 15, -1,  // middle
    17, 18, 19, 20, -1,  // ring
    22, 23, 24, 25, -1,  // little
};

}  // namespace

HandPose poseHand(Hand hand, const glm::vec3& thumb_tip, const glm::vec3& forward,
                  const glm::vec3& up, float pitch_deg) {
    const glm::vec3 f = glm::normalize(forward - glm::dot(forward, up) * up);
    // Palm down with fingers forward, the thumb lies on the up x forward side for a right
    // hand and on the forward x up side for a left hand.
    const glm::vec3 thumb_side = hand == Hand::Right ? glm::cross(up, f) : glm::cross(f, up);
    const float pitch = pitch_deg * 0.017453292f;
    const float c = std::cos(pitch), s = std::sin(pitch);
    const TemplateJoint& tip = kTemplate[kThumbTipJoint];

    std::array<glm::vec3, kJointCount> positions;
    for (int j = 0; j < kJointCount; ++j) {
        const TemplateJoint& tj = kTemplate[static_cast<size_t>(j)];
        const float a = (tj.side - tip.side) * 0.01f;
        const float b = (tj.forward - tip.forward) * 0.01f;
        const float u = (tj.up - tip.up) * 0.01f;
        // Pitch about the thumb-side axis: forward points go down, the wrist goes up.
        const float b2 = b * c + u * s;
        const float u2 = u * c - b * s;
        positions[static_cast<size_t>(j)] = thumb_tip + a * thumb_side + b2 * f + u2 * up;
    }
    HandPose pose;
    for (int j = 0; j < kJointCount; ++j) {
        const size_t i = static_cast<size_t>(j);
        const int next = kNext[i];
        glm::vec3 bone = next >= 0 ? positions[static_cast<size_t>(next)] - positions[i]
                                   : positions[i] - positions[i - 1];
        bone = glm::normalize(bone);
        const glm::vec3 z = -bone;
        const glm::vec3 y = glm::normalize(up - glm::dot(up, z) * z);
        const glm::vec3 x = glm::cross(y, z);
        pose[i].position = positions[i];
        pose[i].orientation = glm::normalize(glm::quat_cast(glm::mat3(x, y, z)));
        pose[i].radius = kTemplate[i].radius;
    }
    return pose;
}

void restOnSurface(HandPose& pose, const SurfaceQuery& surface, float rest_depth) {
    constexpr int kThumbFirst = 2;  // XR_HAND_JOINT_THUMB_METACARPAL_EXT .. THUMB_TIP_EXT
    for (int j = 0; j < kJointCount; ++j) {
        if (j >= kThumbFirst && j <= kThumbTipJoint) continue;
        JointPose& joint = pose[static_cast<std::size_t>(j)];
        const SurfaceSample s = surface(joint.position);
        const float excess = s.depth + joint.radius - rest_depth;
        if (excess > 0.0f) joint.position += excess * s.normal;
    }
}

}  // namespace palpa::input

