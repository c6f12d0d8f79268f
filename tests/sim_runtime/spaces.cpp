// Reference spaces (VIEW = the swaying head, LOCAL = the head's start with yaw only, STAGE =
// the play space, which a recentre moves) and action spaces, located against each other in
// the world at simulated times.
#include "xrsim.hpp"

namespace palpa::xrsim {

namespace {

std::vector<XrReferenceSpaceType> referenceSpaces(const Instance& instance) {
    std::vector<XrReferenceSpaceType> types{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL};
    if (instance.config.stage) types.push_back(XR_REFERENCE_SPACE_TYPE_STAGE);
    return types;
}

bool offered(const Instance& instance, XrReferenceSpaceType type) {
    for (XrReferenceSpaceType t : referenceSpaces(instance))
        if (t == type) return true;
    return false;
}

XrSpace addSpace(Session& s, std::unique_ptr<Space> space) {
    s.spaces.push_back(std::move(space));
    return handleOf<XrSpace>(s.spaces.back().get());
}

}  // namespace

std::optional<Pose> spaceInWorld(const Space& space, XrTime time) {
    const World& world = space.session->instance->world;
    if (space.is_action) {
        const std::optional<Pose> controller = actionPoseInWorld(*space.session, *space.action, space.subaction, time);
        if (!controller) return std::nullopt;
        return compose(*controller, space.offset);
    }
    switch (space.type) {
        case XR_REFERENCE_SPACE_TYPE_VIEW: return compose(world.head(time), space.offset);
        case XR_REFERENCE_SPACE_TYPE_LOCAL: return compose(world.local(), space.offset);
        case XR_REFERENCE_SPACE_TYPE_STAGE: return compose(world.stage(time), space.offset);
        default: return std::nullopt;
    }
}

XrResult xrEnumerateReferenceSpaces(XrSession handle, uint32_t capacity, uint32_t* count,
                                    XrReferenceSpaceType* spaces) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        return fillArray(capacity, count, spaces, referenceSpaces(*s->instance));
    });
}

XrResult xrCreateReferenceSpace(XrSession handle, const XrReferenceSpaceCreateInfo* info, XrSpace* out) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || !out || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (!offered(*s->instance, info->referenceSpaceType)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
        if (!validPose(info->poseInReferenceSpace)) return XR_ERROR_POSE_INVALID;
        auto space = std::make_unique<Space>(s);
        space->type = info->referenceSpaceType;
        space->offset = fromXr(info->poseInReferenceSpace);
        *out = addSpace(*s, std::move(space));
        return XR_SUCCESS;
    });
}

XrResult xrGetReferenceSpaceBoundsRect(XrSession handle, XrReferenceSpaceType type, XrExtent2Df* bounds) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!bounds) return XR_ERROR_VALIDATION_FAILURE;
        if (!offered(*s->instance, type)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
        if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
            *bounds = {0.0f, 0.0f};
            return XR_SPACE_BOUNDS_UNAVAILABLE;
        }
        *bounds = {3.0f, 3.0f};
        return XR_SUCCESS;
    });
}

XrResult xrDestroySpace(XrSpace handle) {
    return guarded([&]() -> XrResult {
        Space* space = find<Space>(handle);
        if (!space) return XR_ERROR_HANDLE_INVALID;
        auto& list = space->session->spaces;
        for (auto it = list.begin(); it != list.end(); ++it)
            if (it->get() == space) {
                list.erase(it);
                break;
            }
        return XR_SUCCESS;
    });
}

XrResult xrLocateSpace(XrSpace spaceHandle, XrSpace baseHandle, XrTime time, XrSpaceLocation* location) {
    return guarded([&]() -> XrResult {
        const Space* space = find<Space>(spaceHandle);
        const Space* base = find<Space>(baseHandle);
        if (!space || !base) return XR_ERROR_HANDLE_INVALID;
        if (space->session != base->session) return XR_ERROR_VALIDATION_FAILURE;
        if (const XrResult r = sessionAlive(*space->session); XR_FAILED(r)) return r;
        if (!location || location->type != XR_TYPE_SPACE_LOCATION) return XR_ERROR_VALIDATION_FAILURE;
        if (time <= 0) return XR_ERROR_TIME_INVALID;
        XrSpaceVelocity* velocity = nullptr;
        for (auto* n = static_cast<XrBaseOutStructure*>(location->next); n; n = n->next)
            if (n->type == XR_TYPE_SPACE_VELOCITY) velocity = reinterpret_cast<XrSpaceVelocity*>(n);
        if (velocity) {
            velocity->velocityFlags = 0;
            velocity->linearVelocity = {0.0f, 0.0f, 0.0f};
            velocity->angularVelocity = {0.0f, 0.0f, 0.0f};
        }
        const std::optional<Pose> a = spaceInWorld(*space, time);
        const std::optional<Pose> b = spaceInWorld(*base, time);
        if (!a || !b) {
            location->locationFlags = 0;
            location->pose = toXr(Pose{});
            return XR_SUCCESS;
        }
        location->pose = toXr(compose(inverse(*b), *a));
        location->locationFlags = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT |
                                  XR_SPACE_LOCATION_POSITION_TRACKED_BIT | XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT;
        return XR_SUCCESS;
    });
}

}  // namespace palpa::xrsim
