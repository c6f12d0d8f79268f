// Hands and buttons: XR_EXT_hand_tracking joints where the runtime has them, else controller
// grip poses turned into flat simulated hands; select and menu clicks from any controller.
#include "xr/xr_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "core/log.hpp"
#include "input/hand_model.hpp"

namespace palpa::xr::detail {

namespace {

XrPath path(XrInstance instance, const char* text) {
    XrPath p = XR_NULL_PATH;
    PALPA_XR(xrStringToPath(instance, text, &p));
    return p;
}

XrAction makeAction(XrActionSet set, const char* name, const char* label, XrActionType type,
                    const std::array<XrPath, 2>& hands) {
    XrActionCreateInfo ai{XR_TYPE_ACTION_CREATE_INFO};
    std::strncpy(ai.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
    std::strncpy(ai.localizedActionName, label, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
    ai.actionType = type;
    ai.countSubactionPaths = 2;
    ai.subactionPaths = hands.data();
    XrAction action = XR_NULL_HANDLE;
    PALPA_XR(xrCreateAction(set, &ai, &action));
    return action;
}

}  // namespace

XrInputs::XrInputs(const XrSystem& system)
    : fn_(system.functions()), hand_tracking_(system.handTracking()) {
    const XrInstance instance = system.instance();
    XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
    std::strncpy(si.actionSetName, "palpa", XR_MAX_ACTION_SET_NAME_SIZE - 1);
    std::strncpy(si.localizedActionSetName, "palpa trainer",
                 XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
    PALPA_XR(xrCreateActionSet(instance, &si, set_.put(xrDestroyActionSet)));
    hands_ = {path(instance, "/user/hand/left"), path(instance, "/user/hand/right")};
    grip_ = makeAction(set_, "hand_pose", "Hand pose", XR_ACTION_TYPE_POSE_INPUT, hands_);
    select_ = makeAction(set_, "next", "Next / confirm", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
    menu_ = makeAction(set_, "menu", "Recentre the patient", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
    haptic_ = makeAction(set_, "pulse", "The patient's pulse", XR_ACTION_TYPE_VIBRATION_OUTPUT,
                         hands_);

    // One binding set per common controller; runtimes that do not know a profile refuse it.
    struct Profile {
        const char* name;
        const char* select;
        const char* menu_left;
        const char* menu_right;
    };
    const Profile profiles[] = {
        {"/interaction_profiles/khr/simple_controller", "select/click", "menu/click", "menu/click"},
        {"/interaction_profiles/oculus/touch_controller", "trigger/value", "menu/click", "b/click"},
        {"/interaction_profiles/valve/index_controller", "trigger/click", "b/click", "b/click"},
    };
    for (const Profile& p : profiles) {
        std::vector<XrActionSuggestedBinding> b;
        const char* sides[] = {"/user/hand/left/input/", "/user/hand/right/input/"};
        for (int h = 0; h < 2; ++h) {
            const std::string side = sides[h];
            b.push_back({grip_, path(instance, (side + "grip/pose").c_str())});
            b.push_back({select_, path(instance, (side + p.select).c_str())});
            b.push_back(
                {menu_, path(instance, (side + (h == 0 ? p.menu_left : p.menu_right)).c_str())});
            b.push_back({haptic_,
                         path(instance, h == 0 ? "/user/hand/left/output/haptic" : "/user/hand/right/output/haptic")});
        }
        XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
        sb.interactionProfile = path(instance, p.name);
        sb.countSuggestedBindings = static_cast<std::uint32_t>(b.size());
        sb.suggestedBindings = b.data();
        const XrResult r = xrSuggestInteractionProfileBindings(instance, &sb);
        if (XR_FAILED(r)) log::debug("openxr: bindings for ", p.name, " refused: ", resultName(r));
    }
}

void XrInputs::attach(XrSession session) {
    XrSessionActionSetsAttachInfo ai{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
    ai.countActionSets = 1;
    const XrActionSet set = set_;
    ai.actionSets = &set;
    PALPA_XR(xrAttachSessionActionSets(session, &ai));
    for (int h = 0; h < 2; ++h) {
        XrActionSpaceCreateInfo ci{XR_TYPE_ACTION_SPACE_CREATE_INFO};
        ci.action = grip_;
        ci.subactionPath = hands_[h];
        ci.poseInActionSpace.orientation.w = 1.0f;
        PALPA_XR(xrCreateActionSpace(session, &ci, grip_spaces_[h].put(xrDestroySpace)));
        if (hand_tracking_) {
            XrHandTrackerCreateInfoEXT ti{XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT};
            ti.hand = h == 0 ? XR_HAND_LEFT_EXT : XR_HAND_RIGHT_EXT;
            ti.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
            PALPA_XR(fn_.createHandTracker(session, &ti, trackers_[h].put(fn_.destroyHandTracker)));
        }
    }
    select_was_ = menu_was_ = {false, false};
}

void XrInputs::detach() noexcept {
    for (int h = 0; h < 2; ++h) {
        trackers_[h].reset();
        grip_spaces_[h].reset();
    }
}

void XrInputs::sync(XrSession session, SessionCalls& check) {
    buttons_ = {};
    XrActiveActionSet active{set_, XR_NULL_PATH};
    XrActionsSyncInfo si{XR_TYPE_ACTIONS_SYNC_INFO};
    si.countActiveActionSets = 1;
    si.activeActionSets = &active;
    const XrResult r = xrSyncActions(session, &si);
    if (r == XR_SESSION_NOT_FOCUSED || !check(r, "xrSyncActions")) return;
    for (int h = 0; h < 2; ++h) {
        XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO};
        gi.subactionPath = hands_[h];
        XrActionStateBoolean state{XR_TYPE_ACTION_STATE_BOOLEAN};
        gi.action = select_;
        if (XR_SUCCEEDED(xrGetActionStateBoolean(session, &gi, &state)))
            buttons_.select[h] = state.isActive && state.currentState && !select_was_[h];
        select_was_[h] = state.isActive && state.currentState;
        state = {XR_TYPE_ACTION_STATE_BOOLEAN};
        gi.action = menu_;
        if (XR_SUCCEEDED(xrGetActionStateBoolean(session, &gi, &state)))
            buttons_.menu[h] = state.isActive && state.currentState && !menu_was_[h];
        menu_was_[h] = state.isActive && state.currentState;
    }
}

input::HandFrame XrInputs::locate(XrSession session, const PlaySpace& space, const FrameInfo& frame,
                                  SessionCalls& check) const {
    input::HandFrame out;
    out.t = frame.seconds;
    if (!session || check.lost()) return out;
    const glm::mat4& worldFromSpace = space.worldFromSpace();
    const glm::quat worldRot = glm::quat_cast(glm::mat3(worldFromSpace));
    for (int h = 0; h < 2; ++h) {
        if (hand_tracking_) {
            std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
            XrHandJointLocationsEXT locs{XR_TYPE_HAND_JOINT_LOCATIONS_EXT};
            locs.jointCount = XR_HAND_JOINT_COUNT_EXT;
            locs.jointLocations = joints.data();
            XrHandJointsLocateInfoEXT li{XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT};
            li.baseSpace = space.space();
            li.time = frame.display_time;
            if (!check(fn_.locateHandJoints(trackers_[h], &li, &locs), "xrLocateHandJointsEXT") ||
                !locs.isActive)
                continue;
            input::HandPose pose;
            bool valid = true;
            for (int j = 0; j < input::kJointCount; ++j) {
                const XrHandJointLocationEXT& l = joints[j];
                valid = valid && (l.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT);
                const Pose p = toPose(l.pose);
                pose[j].position = glm::vec3(worldFromSpace * glm::vec4(p.position, 1.0f));
                // An orientation the runtime does not vouch for (or not of unit length) is not
                // passed on: the joint keeps the hand's frame instead.
                const bool oriented = (l.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT) &&
                                      std::abs(glm::length(p.orientation) - 1.0f) < 0.05f;
                pose[j].orientation = oriented ? worldRot * glm::normalize(p.orientation) : worldRot;
                pose[j].radius = std::isfinite(l.radius) && l.radius > 0.0f && l.radius < 0.05f ? l.radius : 0.01f;
                // Valid but not tracked: the runtime inferred it (a thumb tip under the palm).
                pose[j].tracked = (l.locationFlags & XR_SPACE_LOCATION_POSITION_TRACKED_BIT) != 0;
                valid = valid && std::isfinite(pose[j].position.x) && std::isfinite(pose[j].position.y) &&
                        std::isfinite(pose[j].position.z);
            }
            if (valid) out.hands[h] = pose;
        } else {
            XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO};
            gi.action = grip_;
            gi.subactionPath = hands_[h];
            XrActionStatePose active{XR_TYPE_ACTION_STATE_POSE};
            if (XR_FAILED(xrGetActionStatePose(session, &gi, &active)) || !active.isActive)
                continue;
            XrSpaceLocation loc{XR_TYPE_SPACE_LOCATION};
            const XrSpaceLocationFlags need =
                XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
            if (XR_FAILED(
                    xrLocateSpace(grip_spaces_[h], space.space(), frame.display_time, &loc)) ||
                (loc.locationFlags & need) != need)
                continue;
            out.hands[h] = flatHandAtGrip(static_cast<input::Hand>(h), space.toWorld(loc.pose));
        }
    }
    return out;
}

bool XrInputs::vibrate(XrSession session, int hand, float amplitude, double seconds) const {
    if (session == XR_NULL_HANDLE || hand < 0 || hand > 1) return false;
    XrHapticActionInfo info{XR_TYPE_HAPTIC_ACTION_INFO};
    info.action = haptic_;
    info.subactionPath = hands_[static_cast<std::size_t>(hand)];
    XrHapticVibration vibration{XR_TYPE_HAPTIC_VIBRATION};
    vibration.amplitude = std::clamp(amplitude, 0.0f, 1.0f);
    vibration.duration = static_cast<XrDuration>(seconds * 1e9);
    vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
    const XrResult r =
        xrApplyHapticFeedback(session, &info, reinterpret_cast<const XrHapticBaseHeader*>(&vibration));
    if (XR_FAILED(r)) log::debug("openxr: haptic pulse refused: ", resultName(r));
    return XR_SUCCEEDED(r);
}

input::HandPose flatHandAtGrip(input::Hand hand, const Pose& grip) {
    // OpenXR's grip: -Z along the controller toward the fingers; +X normal to the palm, away
    // from it in the left hand and into it in the right.
    const glm::vec3 forward = grip.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const glm::vec3 x = grip.orientation * glm::vec3(1.0f, 0.0f, 0.0f);
    const glm::vec3 dorsal = hand == input::Hand::Left ? x : -x;
    input::HandPose pose = input::poseHand(hand, grip.position, forward, dorsal, 0.0f);
    const glm::vec3 shift = grip.position - pose[0].position;  // the palm centre at the grip
    for (auto& j : pose) j.position += shift;
    return pose;
}

}  // namespace palpa::xr::detail
