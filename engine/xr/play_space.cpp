// The reference and VIEW spaces of a session and the tracking space's place in the world.
#include "xr/play_space.hpp"

#include <algorithm>
#include <vector>

#include "core/log.hpp"
#include "xr/xr_check.hpp"

namespace palpa::xr::detail {

void PlaySpace::create(XrSession session) {
    std::uint32_t n = 0;
    PALPA_XR(xrEnumerateReferenceSpaces(session, 0, &n, nullptr));
    std::vector<XrReferenceSpaceType> spaces(n);
    PALPA_XR(xrEnumerateReferenceSpaces(session, n, &n, spaces.data()));
    stage_ = std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
    XrReferenceSpaceCreateInfo si{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    si.referenceSpaceType = type();
    si.poseInReferenceSpace.orientation.w = 1.0f;
    PALPA_XR(xrCreateReferenceSpace(session, &si, space_.put(xrDestroySpace)));
    si.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    PALPA_XR(xrCreateReferenceSpace(session, &si, view_space_.put(xrDestroySpace)));
}

void PlaySpace::destroy() noexcept {
    view_space_.reset();
    space_.reset();
}

void PlaySpace::changePending(const XrEventDataReferenceSpaceChangePending& e) {
    if (e.referenceSpaceType != type()) return;
    if (e.poseValid) {
        // The space's new origin in the old one: what stands still in the room (the patient on
        // the table) gets new coordinates, so the world follows the change.
        world_from_space_ = world_from_space_ * toMatrix(toPose(e.poseInPreviousSpace));
        ++changes_;
        log::info("openxr: the runtime recentred the ", name(), " space; the patient stays where it was in the room");
    } else {
        log::info("openxr: the runtime recentred the ", name(), " space without saying how; the menu button recentres the table");
    }
}

Pose PlaySpace::toWorld(const XrPosef& pose) const {
    return fromMatrix(world_from_space_ * toMatrix(toPose(pose)));
}

std::optional<Pose> PlaySpace::head(XrTime time) const {
    XrSpaceLocation head{XR_TYPE_SPACE_LOCATION};
    if (XR_SUCCEEDED(xrLocateSpace(view_space_, space_, time, &head)) &&
        (head.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT))
        return toWorld(head.pose);
    return std::nullopt;
}

}  // namespace palpa::xr::detail
