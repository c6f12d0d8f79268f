#include "input/simulator.hpp"

#include <algorithm>

#include <glm/geometric.hpp>

namespace palpa::input {

namespace {
constexpr float kRestDepth = 0.003f;  // m: fingers and palm rest this lightly on the skin
}  // namespace

void HandSimulator::setDepth(float metres) { target_ = std::clamp(metres, 0.0f, 0.10f); }

void HandSimulator::jumpTo(float metres) { depth_ = target_ = std::clamp(metres, 0.0f, 0.10f); }

std::optional<HandFrame> HandSimulator::poll(double now) {
    // Time strictly increases; once started, a frame comes even with both hands lifted (no hand
    // tracked: what a tracker reports when the hands leave its view).
    if ((!available() && last_t_ < 0.0) || now <= last_t_) return std::nullopt;
    const float dt = last_t_ < 0.0 ? 0.0f : static_cast<float>(now - last_t_);
    last_t_ = now;
    const float step = kPressSpeed * dt;
    depth_ = target_ > depth_ ? std::min(target_, depth_ + step) : std::max(target_, depth_ - step);
    HandFrame frame;
    frame.t = now;
    for (int h = 0; h < 2; ++h) {
        const auto& p = placed_[static_cast<std::size_t>(h)];
        if (!p) continue;
        // The thumb tip's centre sits one joint radius outside the skin when touching; the
        // pose is found once at the origin to read that radius.
        const float radius = poseHand(static_cast<Hand>(h), glm::vec3(0.0f), p->forward, p->normal, pitch_)[kThumbTipJoint].radius;
        // Along the press line, as far as makes depth_ below the skin (measured along the normal).
        const glm::vec3 line = glm::length(p->press) > 1e-6f ? glm::normalize(p->press) : -p->normal;
        const float inward = std::max(0.2f, glm::dot(line, -p->normal));
        const glm::vec3 tip = p->skin + p->normal * radius + line * (depth_ / inward);
        HandPose pose = poseHand(static_cast<Hand>(h), tip, p->forward, p->normal, pitch_);
        if (surface_) restOnSurface(pose, surface_, kRestDepth);
        frame.hands[static_cast<std::size_t>(h)] = pose;
    }
    return frame;
}

}  // namespace palpa::input
