// Role: where the session's poses are expressed. Owns the reference space (STAGE where the
// runtime has one, else LOCAL) and the VIEW space (the head), made with each session and
// dropped before it; keeps where the tracking space sits in the app's world (world_from_space)
// across sessions, moved when the runtime recentres the space, and turns the runtime's poses
// into world poses. Not part of the engine's interface.
#pragma once

#include <optional>

#include <glm/mat4x4.hpp>

#include "xr/xr_handle.hpp"
#include "xr/xr_platform.hpp"

namespace palpa::xr::detail {

class PlaySpace {
  public:
    PlaySpace() = default;
    PlaySpace(const PlaySpace&) = delete;
    PlaySpace& operator=(const PlaySpace&) = delete;
    // Moves construct only: assigning over live spaces would drop them behind the session's back.
    PlaySpace(PlaySpace&&) noexcept = default;
    PlaySpace& operator=(PlaySpace&&) = delete;
    ~PlaySpace() = default;

    // Picks STAGE or LOCAL from what `session` offers and makes it and the VIEW space.
    // Throws XrError.
    void create(XrSession session);
    // Destroys both spaces (before their session); the world placement stays.
    void destroy() noexcept;

    XrSpace space() const { return space_; }
    XrSpace view() const { return view_space_; }
    // "STAGE" or "LOCAL" (LOCAL before the first session).
    const char* name() const { return stage_ ? "STAGE" : "LOCAL"; }

    // The runtime moved a reference space (XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING,
    // for this session): when it is ours and says how, world_from_space follows so that the
    // world stays put in the room. Logs either way.
    void changePending(const XrEventDataReferenceSpaceChangePending& event);

    void setWorldFromSpace(const glm::mat4& m) { world_from_space_ = m; }
    const glm::mat4& worldFromSpace() const { return world_from_space_; }
    // Reference-space changes applied to world_from_space.
    int changes() const { return changes_; }

    // A pose in the reference space, in the world frame.
    Pose toWorld(const XrPosef& pose) const;
    // The head (the VIEW space) in the world frame at `time`, when its position is known.
    std::optional<Pose> head(XrTime time) const;

  private:
    XrReferenceSpaceType type() const {
        return stage_ ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
    }

    XrHandle<XrSpace> space_;
    XrHandle<XrSpace> view_space_;
    bool stage_ = false;
    glm::mat4 world_from_space_{1.0f};
    int changes_ = 0;
};

}  // namespace palpa::xr::detail
