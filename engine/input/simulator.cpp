#include "input/simulator.hpp"

#include <algorithm>

namespace palpa::input {

namespace {
constexpr float kRestDepth = 0.003f;  // m: fingers and palm rest this lightly on the skin
}  // namespace

void HandSimulator::setDepth(float metres) { depth_ = std::clamp(metres, 0.0f, 0.10f); }

std::optional<HandFrame> HandSimulator::poll(double now) {
    if (!available() || now <= last_t_) return std::nullopt;  // time strictly increases
    last_t_ = now;
    HandFrame frame;
    frame.t = now;
    for (int h = 0; h < 2; ++h) {
        const auto& p = placed_[static_cast<std::size_t>(h)];
        if (!p) continue;
        // The thumb tip's centre sits one joint radius outside the skin when touching; the
        // pose is found once at the origin to read that radius.
        const float radius = poseHand(static_cast<Hand>(h), glm::vec3(0.0f), p->forward, p->normal, pitch_)[kThumbTipJoint].radius;
        const glm::vec3 tip = p->skin + p->normal * (radius - depth_);
        HandPose pose = poseHand(static_cast<Hand>(h), tip, p->forward, p->normal, pitch_);
        if (surface_) restOnSurface(pose, surface_, kRestDepth);
        frame.hands[static_cast<std::size_t>(h)] = pose;
    }
    return frame;
}

}  // namespace palpa::input
