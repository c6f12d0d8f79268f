// Pose arithmetic and the scene: a head that looks at the patient on the table and sways
// around that pose, and STAGE, which a recentre moves within the world.
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
    sways_ = !config.head_still;

    const glm::vec3 level(forward.x, 0.0f, forward.z);
    const float yaw = glm::length(level) < 1e-6f ? 0.0f : std::atan2(-forward.x, -forward.z);
    local_.position = config.head;
    local_.orientation = glm::angleAxis(yaw, up);

    table_.position = config.table;
    table_.orientation = glm::angleAxis(glm::radians(config.table_yaw_degrees), up);
}

Pose World::head(XrTime time) const {
    if (!sways_) return head_;
    // A person standing still: a few millimetres to a centimetre and a half of drift on each
    // axis and a few degrees of yaw, on periods of 4-7 s that never line up.
    const double t = static_cast<double>(time - kTimeZero) * 1e-9;
    const double turn = 2.0 * 3.14159265358979323846 * t;
    const glm::vec3 drift(static_cast<float>(0.015 * std::sin(turn / 4.0)),
                          static_cast<float>(0.008 * std::sin(turn / 5.3)),
                          static_cast<float>(0.01 * std::sin(turn / 6.1)));
    const float yaw = glm::radians(3.0f) * static_cast<float>(std::sin(turn / 7.0));
    const glm::quat sway = glm::angleAxis(yaw, glm::vec3(0.0f, 1.0f, 0.0f));
    return {head_.position + drift, glm::normalize(sway * head_.orientation)};
}

Pose World::eye(int index, XrTime time) const {
    const float side = index == 0 ? -kEyeOffset : kEyeOffset;
    return compose(head(time), Pose{glm::vec3(side, 0.0f, 0.0f), glm::identity<glm::quat>()});
}

Pose World::stage(XrTime time) const {
    if (recentred_at_ && time >= *recentred_at_) return recentred_stage_;
    return Pose{};
}

void World::recentre(XrTime time, const Pose& stage) {
    recentred_at_ = time;
    recentred_stage_ = stage;
}

Pose World::patientToWorld(const glm::vec3& position, const glm::quat& orientation) const {
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
