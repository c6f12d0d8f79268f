// Role: tracked hands as plain values, shared by every hand source and by the trainer:
// XR_EXT_hand_tracking's 26 joints (palm, wrist, thumb metacarpal..tip, then index, middle,
// ring, little from metacarpal to tip), each a pose and a radius, in the patient frame.
#pragma once

#include <array>
#include <optional>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace palpa::input {

inline constexpr int kJointCount = 26;

struct JointPose {
    glm::vec3 position{0.0f};
    glm::quat orientation = glm::identity<glm::quat>();
    float radius = 0.0f;
    // The runtime tracked the position (XR_SPACE_LOCATION_POSITION_TRACKED_BIT); false: only
    // inferred, such as a thumb tip hidden under the palm (docs/scoring.md says how it counts).
    bool tracked = true;
};

using HandPose = std::array<JointPose, kJointCount>;

// One sample of both hands: [0] the practitioner's left, [1] the right; empty = not tracked.
struct HandFrame {
    double t = 0.0;  // seconds on the source's clock
    std::array<std::optional<HandPose>, 2> hands;
};

}  // namespace palpa::input
