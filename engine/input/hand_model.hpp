// Role: a rigid kinematic hand (demo recordings, the desktop simulator): a relaxed, slightly fanned hand template
// posed so its thumb tip sits at a given point, with joint orientations following the
// XR_EXT_hand_tracking conventions (-Z along the bone toward the finger tip, +Y dorsal).
#pragma once

#include <functional>

#include <glm/vec3.hpp>

#include "input/hand.hpp"

namespace palpa::input {

enum class Hand { Left = 0, Right = 1 };
inline constexpr int kThumbTipJoint = 5;  // XR_HAND_JOINT_THUMB_TIP_EXT


// Poses a hand. thumb_tip: the thumb-tip joint centre; forward: unit direction from the wrist
// toward the fingers; up: unit dorsal direction (away from the palm); pitch_deg tilts the
// fingers down toward the palm side and the wrist up, about the thumb tip.
HandPose poseHand(Hand hand, const glm::vec3& thumb_tip, const glm::vec3& forward,
                  const glm::vec3& up, float pitch_deg);

// A surface the hand lies on, as seen from a point: how deep the point lies below it (negative
// above) and the surface's outward normal there.
struct SurfaceSample {
    float depth = 0.0f;
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
};
using SurfaceQuery = std::function<SurfaceSample(const glm::vec3&)>;

// Only the thumbs press: every other joint whose surface the rigid pose sank more than
// rest_depth below the surface rises back along the normal to rest there, as a real hand's
// fingers and palm lie on the skin while its thumb sinks in.
void restOnSurface(HandPose& pose, const SurfaceQuery& surface, float rest_depth);

}  // namespace palpa::input
