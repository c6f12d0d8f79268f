// XR_EXT_hand_tracking: the recording's hands, moved from the patient frame onto the table in
// the world and expressed in the locate call's base space; joints the headset could not see
// (the thumb tip under the palm) inferred, and the right hand untracked on scripted frames.
#include "xrsim.hpp"

namespace palpa::xrsim {

namespace {

constexpr XrSpaceLocationFlags kValid = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
constexpr XrSpaceLocationFlags kTracked =
    XR_SPACE_LOCATION_POSITION_TRACKED_BIT | XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT;
// How far below the palm (along the patient's +Y, up for the supine patient) a thumb tip is
// hidden from the headset above.
constexpr float kHiddenBelowPalm = 0.01f;

// Whether the headset sees a joint (else the runtime only infers it): the recording's own
// mark, and a thumb tip pressed in under the palm is out of the cameras' sight.
bool seen(const Config& config, const scoring::HandPose& hand, std::uint32_t joint) {
    if (config.all_tracked) return true;
    if (!hand[joint].tracked) return false;
    if (joint == scoring::kThumbTip)
        return hand[joint].position.y >= hand[scoring::kPalm].position.y - kHiddenBelowPalm;
    return true;
}

}  // namespace

const scoring::HandPose* handAt(const Session& session, int hand, XrTime time) {
    const Instance& instance = *session.instance;
    if (!instance.recording || session.state != XR_SESSION_STATE_FOCUSED || session.lost) return nullptr;
    const std::optional<double> seconds = recordingSeconds(instance, time);
    if (!seconds) return nullptr;
    const scoring::Frame* frame = World::frameAt(*instance.recording, *seconds);
    if (!frame || !frame->hands[static_cast<std::size_t>(hand)]) return nullptr;
    return &*frame->hands[static_cast<std::size_t>(hand)];
}

XrResult xrCreateHandTrackerEXT(XrSession handle, const XrHandTrackerCreateInfoEXT* info, XrHandTrackerEXT* out) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || !out || info->type != XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT) return XR_ERROR_VALIDATION_FAILURE;
        if (info->hand != XR_HAND_LEFT_EXT && info->hand != XR_HAND_RIGHT_EXT) return XR_ERROR_VALIDATION_FAILURE;
        if (info->handJointSet != XR_HAND_JOINT_SET_DEFAULT_EXT) return XR_ERROR_VALIDATION_FAILURE;
        if (!s->instance->config.hand_tracking) return XR_ERROR_FEATURE_UNSUPPORTED;
        auto tracker = std::make_unique<HandTracker>(s);
        tracker->hand = info->hand == XR_HAND_LEFT_EXT ? 0 : 1;
        s->trackers.push_back(std::move(tracker));
        *out = handleOf<XrHandTrackerEXT>(s->trackers.back().get());
        return XR_SUCCESS;
    });
}

XrResult xrDestroyHandTrackerEXT(XrHandTrackerEXT handle) {
    return guarded([&]() -> XrResult {
        HandTracker* tracker = find<HandTracker>(handle);
        if (!tracker) return XR_ERROR_HANDLE_INVALID;
        auto& list = tracker->session->trackers;
        for (auto it = list.begin(); it != list.end(); ++it)
            if (it->get() == tracker) {
                list.erase(it);
                break;
            }
        return XR_SUCCESS;
    });
}

XrResult xrLocateHandJointsEXT(XrHandTrackerEXT handle, const XrHandJointsLocateInfoEXT* info,
                               XrHandJointLocationsEXT* locations) {
    return guarded([&]() -> XrResult {
        const HandTracker* tracker = find<HandTracker>(handle);
        if (!tracker) return XR_ERROR_HANDLE_INVALID;
        const Session& s = *tracker->session;
        if (const XrResult r = sessionAlive(s); XR_FAILED(r)) return r;
        if (!info || info->type != XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT || !locations ||
            locations->type != XR_TYPE_HAND_JOINT_LOCATIONS_EXT)
            return XR_ERROR_VALIDATION_FAILURE;
        const Space* base = find<Space>(info->baseSpace);
        if (!base) return XR_ERROR_HANDLE_INVALID;
        if (base->session != &s) return XR_ERROR_VALIDATION_FAILURE;
        if (info->time <= 0) return XR_ERROR_TIME_INVALID;
        if (locations->jointCount != XR_HAND_JOINT_COUNT_EXT || !locations->jointLocations)
            return XR_ERROR_VALIDATION_FAILURE;
        XrHandJointVelocitiesEXT* velocities = nullptr;
        for (auto* n = static_cast<XrBaseOutStructure*>(locations->next); n; n = n->next)
            if (n->type == XR_TYPE_HAND_JOINT_VELOCITIES_EXT)
                velocities = reinterpret_cast<XrHandJointVelocitiesEXT*>(n);
        if (velocities) {
            if (velocities->jointCount != XR_HAND_JOINT_COUNT_EXT || !velocities->jointVelocities)
                return XR_ERROR_VALIDATION_FAILURE;
            for (std::uint32_t j = 0; j < XR_HAND_JOINT_COUNT_EXT; ++j)
                velocities->jointVelocities[j] = {0, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 0.0f}};
        }

        const scoring::HandPose* hand = handAt(s, tracker->hand, info->time);
        const std::optional<Pose> baseInWorld = spaceInWorld(*base, info->time);
        const bool active = hand && baseInWorld;
        locations->isActive = active ? XR_TRUE : XR_FALSE;
        const Config& config = s.instance->config;
        // PALPA_SIM_UNTRACKED_AT: an active right hand whose joints are all untracked, as some
        // runtimes report for a frame (the frame of the session's last xrWaitFrame).
        const bool untracked = tracker->hand == 1 && config.untracked_at.count(s.frame) > 0;
        const World& world = s.instance->world;
        for (std::uint32_t j = 0; j < XR_HAND_JOINT_COUNT_EXT; ++j) {
            XrHandJointLocationEXT& out = locations->jointLocations[j];
            if (!active || untracked) {
                out = {0, toXr(Pose{}), 0.0f};
                continue;
            }
            const scoring::JointPose& joint = (*hand)[j];
            const Pose inWorld = world.patientToWorld(joint.position, joint.orientation);
            out.pose = toXr(compose(inverse(*baseInWorld), inWorld));
            out.radius = joint.radius;
            out.locationFlags = kValid | (seen(config, *hand, j) ? kTracked : 0);
        }
        return XR_SUCCESS;
    });
}

}  // namespace palpa::xrsim
