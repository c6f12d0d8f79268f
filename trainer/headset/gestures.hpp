// Role: the headset's hand gestures as pure functions of tracked joints: a pinch (thumb tip to
// index tip, with hysteresis so one pinch is one click), the index finger's pointing ray, and
// a finger poking a floating panel (where on it, and whether it presses through).
#pragma once

#include <optional>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "input/hand.hpp"

namespace palpa::headset {

inline constexpr int kIndexProximal = 7;  // XR_HAND_JOINT_INDEX_PROXIMAL_EXT
inline constexpr int kIndexTip = 10;      // XR_HAND_JOINT_INDEX_TIP_EXT
inline constexpr int kThumbTip = 5;       // XR_HAND_JOINT_THUMB_TIP_EXT

class PinchDetector {
  public:
    // Closes below `close_m` between the tips and opens again above `open_m`.
    explicit PinchDetector(float close_m = 0.015f, float open_m = 0.03f)
        : close_(close_m), open_(open_m) {}
    // Feeds one frame; true on the frame a pinch closes. An untracked hand opens the pinch.
    bool update(const std::optional<input::HandPose>& hand);
    bool closed() const { return closed_; }

  private:
    float close_, open_;
    bool closed_ = false;
};

struct Ray {
    glm::vec3 origin{0.0f};
    glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit
};
// The index finger's ray (proximal joint through the tip).
Ray pointingRay(const input::HandPose& hand);

struct PanelTouch {
    glm::vec2 pixel{0.0f};    // on the panel, from its top-left corner
    float distance_m = 0.0f;  // in front of the panel (+) or pushed through it (-)
    bool pressed = false;     // pushed to within 5 mm of the surface or through it
};
// Where `fingertip` touches a panel (see render::panelTransform; columns: width, height,
// unit normal, centre) of `pixels`; nullopt outside it or farther than `hover_m` from it.
std::optional<PanelTouch> touchPanel(const glm::mat4& world_from_panel, const glm::vec2& pixels,
                                     const glm::vec3& fingertip, float hover_m = 0.05f);

}  // namespace palpa::headset
