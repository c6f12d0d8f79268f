// Role: the desktop hand simulator (mouse-driven hands), a HandSource like the headset's: the
// app places each hand's thumb on the skin (from a mouse ray) with the line it presses along,
// the wheel sets how deep the thumbs should press and they move there at a steady, gentle
// speed, and poll() gives both hands posed by the kinematic hand model at that moment.
// Knows nothing of techniques: placement and press directions come from the app.
#pragma once

#include <array>
#include <optional>

#include "input/hand_model.hpp"
#include "input/hand_source.hpp"

namespace palpa::input {

class HandSimulator final : public HandSource {
public:
    // Where a hand rests: the thumb's point on the undeformed skin, the skin's outward normal
    // there, and the direction the fingers point along the skin.
    struct Placement {
        glm::vec3 skin{0.0f};
        glm::vec3 normal{0.0f, 1.0f, 0.0f};
        glm::vec3 forward{0.0f, 0.0f, -1.0f};
        glm::vec3 press{0.0f};  // unit line the thumb presses along (zero: straight in)
    };
    // How fast the thumbs move toward the depth asked for (m/s): a slow, steady press.
    static constexpr float kPressSpeed = 0.015f;

    std::string_view name() const override { return "simulator"; }
    bool available() const override { return placed_[0].has_value() || placed_[1].has_value(); }
    std::optional<HandFrame> poll(double now) override;

    // Puts a hand on the skin (the thumb tip touching it, then pressed `depth()` in).
    void place(Hand hand, const Placement& placement) { placed_[static_cast<int>(hand)] = placement; }
    // Takes a hand off the body (no longer tracked: later frames come without it).
    void lift(Hand hand) { placed_[static_cast<int>(hand)].reset(); }
    // How far the thumbs' surfaces should press below the skin (metres, clamped to 0..10 cm);
    // they get there at kPressSpeed. jumpTo() puts them there at once.
    void setDepth(float metres);
    void jumpTo(float metres);
    float depth() const { return target_; }
    float currentDepth() const { return depth_; }
    // Finger tilt toward the palm, degrees (a relaxed hand on a belly: about 20).
    void setPitch(float degrees) { pitch_ = degrees; }
    // The skin the hands lie on: the fingers and palm rest on it while the thumbs press.
    void setSurface(SurfaceQuery surface) { surface_ = std::move(surface); }

private:
    std::array<std::optional<Placement>, 2> placed_;
    float depth_ = 0.0f, target_ = 0.0f;
    float pitch_ = 20.0f;
    double last_t_ = -1.0;
    SurfaceQuery surface_;
};

}  // namespace palpa::input
