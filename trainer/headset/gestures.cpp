#include "headset/gestures.hpp"

#include <cmath>

#include <glm/geometric.hpp>
#include <glm/matrix.hpp>

namespace palpa::headset {

bool PinchDetector::update(const std::optional<input::HandPose>& hand) {
    if (!hand) {
        closed_ = false;
        return false;
    }
    const float d = glm::distance((*hand)[kThumbTip].position, (*hand)[kIndexTip].position);
    if (!closed_ && d < close_) {
        closed_ = true;
        return true;
    }
    if (closed_ && d > open_) closed_ = false;
    return false;
}

Ray pointingRay(const input::HandPose& hand) {
    const glm::vec3 from = hand[kIndexProximal].position, to = hand[kIndexTip].position;
    const glm::vec3 d = to - from;
    return {to, glm::length(d) > 1e-6f ? glm::normalize(d) : glm::vec3(0.0f, 0.0f, -1.0f)};
}

std::optional<PanelTouch> touchPanel(const glm::mat4& m, const glm::vec2& pixels,
                                     const glm::vec3& tip, float hover) {
    const glm::vec3 local = glm::vec3(glm::inverse(m) * glm::vec4(tip, 1.0f));
    if (std::abs(local.x) > 0.5f || std::abs(local.y) > 0.5f) return std::nullopt;
    // The third column is the unit normal, so local.z is in metres.
    if (local.z > hover || local.z < -0.03f) return std::nullopt;
    PanelTouch t;
    t.pixel = {(local.x + 0.5f) * pixels.x, (0.5f - local.y) * pixels.y};
    t.distance_m = local.z;
    t.pressed = local.z < 0.005f;
    return t;
}

}  // namespace palpa::headset
