// Role: the simulated play space: rigid poses and their OpenXR form, the head, the eyes and
// the LOCAL origin in STAGE, the patient table (patient frame -> STAGE) and the recording
// sampled at a time since its start.
#pragma once

#include <optional>

#include <openxr/openxr.h>
#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include "config.hpp"
#include "scoring/recording.hpp"

namespace palpa::xrsim {

// A rigid transform: x' = position + orientation * x.
struct Pose {
    glm::vec3 position{0.0f};
    glm::quat orientation = glm::identity<glm::quat>();
};

// a * b: b expressed in a's parent.
Pose compose(const Pose& a, const Pose& b);
Pose inverse(const Pose& p);
XrPosef toXr(const Pose& p);
Pose fromXr(const XrPosef& p);
// A usable pose: finite, with a unit quaternion (within 1 %).
bool validPose(const XrPosef& p);

inline constexpr float kEyeOffset = 0.032f;     // metres from the head along its right axis
inline constexpr float kHalfFov = 0.78539816f;  // 45 degrees each way

class World {
public:
    explicit World(const Config& config);

    // The head (VIEW space) in STAGE: at PALPA_SIM_HEAD, looking at the patient's origin.
    const Pose& head() const { return head_; }
    // Eye 0 (left) or 1 (right) in STAGE.
    Pose eye(int index) const;
    // LOCAL in STAGE: the head's position, the head's yaw only.
    const Pose& local() const { return local_; }
    // A pose in the patient frame, in STAGE.
    Pose patientToStage(const glm::vec3& position, const glm::quat& orientation) const;

    // The recording frame shown `seconds` after the recording started (the latest frame at
    // or before; its own times count from its first frame); nullptr before the start.
    static const scoring::Frame* frameAt(const scoring::Recording& recording, double seconds);

private:
    Pose head_;
    Pose local_;
    Pose table_;
};

}  // namespace palpa::xrsim
