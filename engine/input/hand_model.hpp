// Role: a rigid kinematic hand (demo recordings, the desktop simulator): a relaxed, slightly fanned hand template
// posed so its thumb tip sits at a given point, with joint orientations following the
// XR_EXT_hand_tracking conventions (-Z along the bone toward the finger tip, +Y dorsal).
#pragma once

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

}  // namespace palpa::input
