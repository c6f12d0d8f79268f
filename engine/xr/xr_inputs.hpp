// Role: the hands and buttons. Owns the action set and its actions (grip pose, select, menu,
// haptic), made once on the instance with suggested bindings for common controllers (always:
// buttons also serve hand-tracked students holding one), and per session the grip spaces and
// the XR_EXT_hand_tracking trackers, dropped before the session. Each frame it syncs the
// actions into clicks (true on the frame a click began), locates the hands in the world frame
// (tracked joints, else flat hands at the controllers' grips) and sends haptic pulses. Not part
// of the engine's interface.
#pragma once

#include <array>

#include "input/hand.hpp"
#include "input/hand_model.hpp"
#include "xr/play_space.hpp"
#include "xr/session.hpp"
#include "xr/xr_check.hpp"
#include "xr/xr_handle.hpp"
#include "xr/xr_platform.hpp"
#include "xr/xr_system.hpp"

namespace palpa::xr::detail {

// A flat simulated hand whose palm centre sits at a controller grip pose (world frame).
input::HandPose flatHandAtGrip(input::Hand hand, const Pose& grip);

class XrInputs {
  public:
    // Makes the action set and actions on the system's instance and suggests their bindings;
    // takes the hand-tracking functions when hands are tracked. Throws XrError.
    explicit XrInputs(const XrSystem& system);
    XrInputs(const XrInputs&) = delete;
    XrInputs& operator=(const XrInputs&) = delete;
    // Moves construct only: assigning over live inputs would free the set before its spaces.
    XrInputs(XrInputs&&) noexcept = default;
    XrInputs& operator=(XrInputs&&) = delete;
    ~XrInputs() = default;  // trackers, then grip spaces, then the action set

    // Attaches the action set to `session` and makes its grip spaces and hand trackers.
    // Throws XrError.
    void attach(XrSession session);
    // Destroys the session's trackers and grip spaces (before the session).
    void detach() noexcept;

    // Syncs the actions (this frame's clicks); no clicks while the session is not focused.
    void sync(XrSession session, SessionCalls& check);
    const Buttons& buttons() const { return buttons_; }
    // The hands at the frame's display time in the world frame; none without a session or
    // when it is lost.
    input::HandFrame locate(XrSession session, const PlaySpace& space, const FrameInfo& frame,
                            SessionCalls& check) const;
    // A haptic pulse on a controller (0 left, 1 right); false without a session or when the
    // runtime refused. Never throws.
    bool vibrate(XrSession session, int hand, float amplitude, double seconds) const;

  private:
    Functions fn_;  // the hand-tracking functions
    bool hand_tracking_ = false;

    XrHandle<XrActionSet> set_;  // owns its actions
    XrAction grip_ = XR_NULL_HANDLE;
    XrAction select_ = XR_NULL_HANDLE;
    XrAction menu_ = XR_NULL_HANDLE;
    XrAction haptic_ = XR_NULL_HANDLE;
    std::array<XrPath, 2> hands_{XR_NULL_PATH, XR_NULL_PATH};
    // Per session, after the set: destroyed before it.
    std::array<XrHandle<XrSpace>, 2> grip_spaces_;
    std::array<XrHandle<XrHandTrackerEXT>, 2> trackers_;

    std::array<bool, 2> select_was_{false, false};
    std::array<bool, 2> menu_was_{false, false};
    Buttons buttons_;
};

}  // namespace palpa::xr::detail
