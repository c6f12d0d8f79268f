// Role: the simulated play space: rigid poses and their OpenXR form; the world frame (STAGE
// as it was at the start) and, in it, the swaying head, the eyes, the LOCAL origin, STAGE
// itself (moved by a recentre), the patient table (patient frame -> world); the recording
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

inline constexpr XrTime kTimeZero = 1'000'000'000;  // T0: frame 0's predicted display time
inline constexpr float kEyeOffset = 0.032f;          // metres from the head along its right axis
inline constexpr float kHalfFov = 0.78539816f;       // 45 degrees each way

// Everything is placed in the world frame: STAGE as it was when the instance was created
// (PALPA_SIM_HEAD and PALPA_SIM_TABLE are given in it). A recentre moves STAGE, not the world.
class World {
public:
    explicit World(const Config& config);

    // The head (VIEW space) in the world at a time: at PALPA_SIM_HEAD looking at the patient's
    // origin at T0, then swaying slowly around that pose (unless PALPA_SIM_HEAD_STILL).
    Pose head(XrTime time) const;
    // Eye 0 (left) or 1 (right) in the world at a time.
    Pose eye(int index, XrTime time) const;
    // LOCAL in the world: the head's start position, the head's start yaw only.
    const Pose& local() const { return local_; }
    // STAGE in the world at a time: the world itself, or the recentred STAGE from its change time on.
    Pose stage(XrTime time) const;
    // From `time` on, STAGE is `stage` (given in the world).
    void recentre(XrTime time, const Pose& stage);
    // A pose in the patient frame, in the world.
    Pose patientToWorld(const glm::vec3& position, const glm::quat& orientation) const;

    // The recording frame shown `seconds` after the recording started (the latest frame at
    // or before; its own times count from its first frame); nullptr before the start.
    static const scoring::Frame* frameAt(const scoring::Recording& recording, double seconds);

private:
    Pose head_;  // at T0
    bool sways_ = true;
    Pose local_;
    Pose table_;
    std::optional<XrTime> recentred_at_;
    Pose recentred_stage_;
};

}  // namespace palpa::xrsim
