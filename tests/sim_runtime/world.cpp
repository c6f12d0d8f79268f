// Pose arithmetic and the fixed scene: a head that looks at the patient on the table.
#include "world.hpp"

#include <algorithm>
#include <cmath>

namespace palpa::xrsim {

Pose compose(const Pose& a, const Pose& b) {
    return {a.position + a.orientation * b.position, glm::normalize(a.orientation * b.orientation)};
}

Pose inverse(const Pose& p) {
    const glm::quat inv = glm::conjugate(p.orientation);
    return {inv * -p.position, inv};
}

XrPosef toXr(const Pose& p) {
    XrPosef out;
    out.position = {p.position.x, p.position.y, p.position.z};
    out.orientation = {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w};
    return out;
}

Pose fromXr(const XrPosef& p) {
    Pose out;
    out.position = {p.position.x, p.position.y, p.position.z};
    out.orientation = glm::normalize(glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z));
    return out;
}

bool validPose(const XrPosef& p) {
    const float values[] = {p.position.x,    p.position.y,    p.position.z,   p.orientation.x,
                            p.orientation.y, p.orientation.z, p.orientation.w};
    for (float v : values)
        if (!std::isfinite(v)) return false;
    const float n = p.orientation.x * p.orientation.x + p.orientation.y * p.orientation.y +
                    p.orientation.z * p.orientation.z + p.orientation.w * p.orientation.w;
    return std::fabs(n - 1.0f) <= 0.01f;
}

World::World(const Config& config) {
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    glm::vec3 forward = config.table - config.head;
    head_.position = config.head;
    if (glm::length(forward) < 1e-6f) forward = glm::vec3(0.0f, 0.0f, -1.0f);
    forward = glm::normalize(forward);
    // Straight down (or up) has no yaw: keep -Z as the top of the view.
    const glm::vec3 viewUp = std::fabs(glm::dot(forward, up)) > 0.9999f ? glm::vec3(0.0f, 0.0f, -1.0f) : up;
    head_.orientation = glm::normalize(glm::quatLookAtRH(forward, viewUp));

    const glm::vec3 level(forward.x, 0.0f, forward.z);
    const float yaw = glm::length(level) < 1e-6f ? 0.0f : std::atan2(-forward.x, -forward.z);
    local_.position = config.head;
    local_.orientation = glm::angleAxis(yaw, up);

    table_.position = config.table;
    table_.orientation = glm::angleAxis(glm::radians(config.table_yaw_degrees), up);
}

Pose World::eye(int index) const {
    const float side = index == 0 ? -kEyeOffset : kEyeOffset;
    return compose(head_, Pose{glm::vec3(side, 0.0f, 0.0f), glm::identity<glm::quat>()});
}

Pose World::patientToStage(const glm::vec3& position, const glm::quat& orientation) const {
    return compose(table_, Pose{position, orientation});
}

const scoring::Frame* World::frameAt(const scoring::Recording& recording, double seconds) {
    if (recording.frames.empty()) return nullptr;
    const double t = recording.frames.front().t + seconds;
    // The first frame later than t; the one before it is shown.
    const auto later = std::upper_bound(recording.frames.begin(), recording.frames.end(), t,
                                        [](double value, const scoring::Frame& f) { return value < f.t; });
    if (later == recording.frames.begin()) return nullptr;
    return &*(later - 1);
}

}  // namespace palpa::xrsim
