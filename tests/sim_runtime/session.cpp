// Sessions: creation on the app's Vulkan device, the state machine and its events (states
// that arrive over polls and frames, the scripted stop, session and instance loss, the STAGE
// recentre), simulated frame timing, frame submission and view locations.
#include <openxr/openxr_reflection.h>

#include <algorithm>
#include <cstddef>

#include "xrsim.hpp"

namespace palpa::xrsim {

namespace {

const char* stateName(XrSessionState state) {
    // clang-format off
    switch (state) {
#define XRSIM_STATE_NAME(n, v) \
    case n: return #n + 17;  // without "XR_SESSION_STATE_"
        XR_LIST_ENUM_XrSessionState(XRSIM_STATE_NAME)
#undef XRSIM_STATE_NAME
        default: return "?";
    }
    // clang-format on
}

// The stop sequence: back down through the states to STOPPING.
void beginStop(Session& s, const char* why) {
    if (s.stopping || s.lost) return;
    s.stopping = true;
    s.instance->log("session " + std::to_string(s.number) + ": stopping (" + why + ")");
    if (s.state == XR_SESSION_STATE_FOCUSED) queueState(s, XR_SESSION_STATE_VISIBLE);
    if (s.state == XR_SESSION_STATE_VISIBLE || s.state == XR_SESSION_STATE_READY)
        queueState(s, XR_SESSION_STATE_SYNCHRONIZED);
    queueState(s, XR_SESSION_STATE_STOPPING);
}

void loseSession(Session& s) {
    s.lost = true;
    // The headset has dropped off: xrGetSystem finds none for a while (PALPA_SIM_GONE_FOR).
    s.instance->gone_left = s.instance->config.gone_for;
    s.instance->log("session " + std::to_string(s.number) + ": lost (PALPA_SIM_LOSE_AT)");
    queueState(s, XR_SESSION_STATE_LOSS_PENDING);
}

// PALPA_SIM_INSTANCE_LOSS_AT: the runtime is going away one second after this frame.
void queueInstanceLoss(Instance& instance, XrTime shown) {
    instance.loss_time = shown + 1'000'000'000;
    XrEventDataInstanceLossPending e{XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING};
    e.lossTime = *instance.loss_time;
    XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
    std::memcpy(&buffer, &e, sizeof(e));
    queueEvent(instance, buffer,
               "instance " + std::to_string(instance.number) + " loss pending at " + std::to_string(e.lossTime));
}

// PALPA_SIM_RECENTRE_AT: the user recentred the play space; from this frame's display time on,
// STAGE's origin is turned 10 degrees about +Y and moved 5 cm along the old STAGE's +X.
void recentreStage(Session& s) {
    Instance& instance = *s.instance;
    const Pose next{glm::vec3(0.05f, 0.0f, 0.0f), glm::angleAxis(glm::radians(10.0f), glm::vec3(0.0f, 1.0f, 0.0f))};
    const Pose previous = instance.world.stage(s.frame_time);
    const Pose stage = compose(previous, next);
    instance.world.recentre(s.frame_time, stage);
    XrEventDataReferenceSpaceChangePending e{XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING};
    e.session = handleOf<XrSession>(&s);
    e.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
    e.changeTime = s.frame_time;
    e.poseValid = XR_TRUE;
    e.poseInPreviousSpace = toXr(next);
    XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
    std::memcpy(&buffer, &e, sizeof(e));
    queueEvent(instance, buffer,
               "session " + std::to_string(s.number) + " STAGE recentred at " + std::to_string(e.changeTime));
}

bool shouldRender(const Session& s) {
    return s.state == XR_SESSION_STATE_VISIBLE || s.state == XR_SESSION_STATE_FOCUSED;
}

Space* sessionSpace(const Session& s, XrSpace handle) {
    Space* space = find<Space>(handle);
    return space && space->session == &s ? space : nullptr;
}

Swapchain* sessionSwapchain(const Session& s, XrSwapchain handle) {
    Swapchain* swapchain = find<Swapchain>(handle);
    return swapchain && swapchain->session == &s ? swapchain : nullptr;
}

// Checks one projection layer; fills the views to capture.
XrResult checkProjection(const Session& s, const XrCompositionLayerProjection& layer,
                         std::array<CaptureView, 2>& capture) {
    if (layer.viewCount != 2 || !layer.views) return XR_ERROR_VALIDATION_FAILURE;
    if (!sessionSpace(s, layer.space)) return XR_ERROR_HANDLE_INVALID;
    for (std::uint32_t i = 0; i < 2; ++i) {
        const XrCompositionLayerProjectionView& v = layer.views[i];
        if (v.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
        if (!validPose(v.pose)) return XR_ERROR_POSE_INVALID;
        Swapchain* sc = sessionSwapchain(s, v.subImage.swapchain);
        if (!sc) return XR_ERROR_HANDLE_INVALID;
        if (!sc->last_released || !sc->held.empty()) return XR_ERROR_CALL_ORDER_INVALID;
        const XrRect2Di& r = v.subImage.imageRect;
        if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
            static_cast<std::int64_t>(r.offset.x) + r.extent.width > sc->info.width ||
            static_cast<std::int64_t>(r.offset.y) + r.extent.height > sc->info.height)
            return XR_ERROR_SWAPCHAIN_RECT_INVALID;
        if (v.subImage.imageArrayIndex >= sc->info.arraySize) return XR_ERROR_VALIDATION_FAILURE;
        capture[i] = {sc, *sc->last_released, v.subImage.imageArrayIndex, r};
    }
    return XR_SUCCESS;
}

XrResult checkQuad(const Session& s, const XrCompositionLayerQuad& layer) {
    if (!sessionSpace(s, layer.space)) return XR_ERROR_HANDLE_INVALID;
    if (!validPose(layer.pose)) return XR_ERROR_POSE_INVALID;
    const Swapchain* sc = sessionSwapchain(s, layer.subImage.swapchain);
    if (!sc) return XR_ERROR_HANDLE_INVALID;
    if (!sc->last_released || !sc->held.empty()) return XR_ERROR_CALL_ORDER_INVALID;
    return layer.subImage.imageArrayIndex < sc->info.arraySize ? XR_SUCCESS : XR_ERROR_VALIDATION_FAILURE;
}

}  // namespace

XrResult sessionAlive(const Session& s) {
    if (const XrResult r = instanceLost(*s.instance); XR_FAILED(r)) return r;
    return s.lost ? XR_ERROR_SESSION_LOST : XR_SUCCESS;
}

XrResult liveSession(XrSession handle, Session*& out) {
    out = find<Session>(handle);
    if (!out) return XR_ERROR_HANDLE_INVALID;
    return sessionAlive(*out);
}

void queueState(Session& s, XrSessionState state) {
    s.state = state;
    XrEventDataSessionStateChanged e{XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED};
    e.session = handleOf<XrSession>(&s);
    e.state = state;
    e.time = eventTime(*s.instance);
    XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
    std::memcpy(&buffer, &e, sizeof(e));
    queueEvent(*s.instance, buffer,
               "session " + std::to_string(s.number) + " state " + stateName(state) + " at " + std::to_string(e.time));
}

XrResult xrCreateSession(XrInstance instanceHandle, const XrSessionCreateInfo* info, XrSession* out) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(instanceHandle, instance); XR_FAILED(r)) return r;
        if (!info || !out || info->type != XR_TYPE_SESSION_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
        if (!instance->vulkan2) return XR_ERROR_GRAPHICS_DEVICE_INVALID;
        if (!instance->requirements_asked) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
        const XrGraphicsBindingVulkanKHR* binding = nullptr;
        for (auto* n = static_cast<const XrBaseInStructure*>(info->next); n; n = n->next)
            if (n->type == XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR)
                binding = reinterpret_cast<const XrGraphicsBindingVulkanKHR*>(n);
        if (!binding) return XR_ERROR_GRAPHICS_DEVICE_INVALID;
        if (instance->session) return XR_ERROR_LIMIT_REACHED;

        auto session = std::make_unique<Session>(instance);
        if (const XrResult r = bindGraphics(*session, *binding); XR_FAILED(r)) return r;
        session->number = ++instance->sessions_created;
        instance->session = std::move(session);
        Session& s = *instance->session;
        instance->log("session " + std::to_string(s.number) + ": created");
        queueState(s, XR_SESSION_STATE_IDLE);
        // READY follows with the second xrPollEvent from now (runtime.cpp), unless instant.
        if (instance->config.instant_states) {
            s.ready_pending = false;
            queueState(s, XR_SESSION_STATE_READY);
        }
        *out = handleOf<XrSession>(&s);
        return XR_SUCCESS;
    });
}

XrResult xrDestroySession(XrSession handle) {
    return guarded([&]() -> XrResult {
        Session* s = find<Session>(handle);
        if (!s) return XR_ERROR_HANDLE_INVALID;
        Instance& instance = *s->instance;
        flushPendingCapture(*s);
        releaseGraphics(*s);  // swapchains first, then the runtime's command pool
        s->trackers.clear();
        s->spaces.clear();
        destroyActionState(*s);
        // Events still queued for this session go with it.
        auto& q = instance.events;
        q.erase(std::remove_if(q.begin(), q.end(),
                               [&](const XrEventDataBuffer& e) {
                                   if (e.type != XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED &&
                                       e.type != XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED &&
                                       e.type != XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING)
                                       return false;
                                   // These event structs all start with type, next, session.
                                   XrSession named = XR_NULL_HANDLE;
                                   const auto at = offsetof(XrEventDataSessionStateChanged, session);
                                   std::memcpy(&named, reinterpret_cast<const char*>(&e) + at, sizeof(named));
                                   return named == handle;
                               }),
                q.end());
        instance.log("session " + std::to_string(s->number) + ": destroyed; haptic pulses: left " +
                     std::to_string(s->haptic_pulses[0]) + ", right " + std::to_string(s->haptic_pulses[1]) +
                     "; blocked swapchain waits: " + std::to_string(s->blocked_waits));
        instance.session.reset();
        return XR_SUCCESS;
    });
}

XrResult xrBeginSession(XrSession handle, const XrSessionBeginInfo* info) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || info->type != XR_TYPE_SESSION_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
            return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
        if (s->running) return XR_ERROR_SESSION_RUNNING;
        if (s->state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
        s->running = true;
        s->instance->log("session " + std::to_string(s->number) + ": begun");
        return XR_SUCCESS;
    });
}

XrResult xrEndSession(XrSession handle) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
        if (s->state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
        flushPendingCapture(*s);
        s->running = s->waited = s->frame_begun = false;
        s->instance->log("session " + std::to_string(s->number) + ": ended");
        queueState(*s, XR_SESSION_STATE_IDLE);
        queueState(*s, XR_SESSION_STATE_EXITING);
        return XR_SUCCESS;
    });
}

XrResult xrRequestExitSession(XrSession handle) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
        s->exit_requested = true;
        beginStop(*s, "the app asked to exit");
        return XR_SUCCESS;
    });
}

// ---- frames

XrResult xrWaitFrame(XrSession handle, const XrFrameWaitInfo* info, XrFrameState* state) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if ((info && info->type != XR_TYPE_FRAME_WAIT_INFO) || !state || state->type != XR_TYPE_FRAME_STATE)
            return XR_ERROR_VALIDATION_FAILURE;
        if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
        // A real runtime would block until xrBeginFrame; one thread cannot be woken here.
        if (s->waited) return XR_ERROR_CALL_ORDER_INVALID;
        Instance& instance = *s->instance;
        const Config& config = instance.config;
        // An app that never polled INSTANCE_LOSS_PENDING finds out when its loss time comes.
        if (instance.loss_time && frameTime(instance, instance.frames) >= *instance.loss_time) {
            instance.lost = true;
            instance.log("instance " + std::to_string(instance.number) + ": lost (its loss time has come)");
            return XR_ERROR_INSTANCE_LOST;
        }
        s->frame = instance.frames++;
        s->frame_time = frameTime(instance, s->frame);
        s->waited = true;

        if (s->state == XR_SESSION_STATE_READY && !s->stopping) {
            if (!instance.recording_zero) instance.recording_zero = s->frame_time;
            queueState(*s, XR_SESSION_STATE_SYNCHRONIZED);
        }
        if (config.lose_at >= 0 && !instance.loss_fired && s->frame >= config.lose_at) {
            instance.loss_fired = true;
            loseSession(*s);
        }
        if (config.instance_loss_at >= 0 && !instance.loss_time && s->frame >= config.instance_loss_at)
            queueInstanceLoss(instance, s->frame_time);
        if (config.recentre_at >= 0 && config.stage && !instance.recentre_fired && s->frame >= config.recentre_at) {
            instance.recentre_fired = true;
            recentreStage(*s);
        }
        if (!instance.stop_fired && !s->stopping && !s->lost) {
            bool stop = config.stop_at >= 0 && s->frame >= config.stop_at;
            if (config.stop_at < 0 && instance.recording) {
                const auto seconds = recordingSeconds(instance, s->frame_time);
                stop = seconds && *seconds >= instance.recording->duration() + 1.0;
            }
            if (stop) {
                instance.stop_fired = true;
                beginStop(*s, config.stop_at >= 0 ? "PALPA_SIM_STOP_AT" : "the recording is over");
            }
        }
        state->predictedDisplayTime = s->frame_time;
        state->predictedDisplayPeriod = config.periodNs();
        // PALPA_SIM_RENDER_EVERY=N asks for pixels on every Nth frame only (real runtimes also
        // skip frames); the app still locates views and hands on every frame.
        const bool wanted = s->frame % config.render_every == 0 || config.capture_at.count(s->frame) > 0;
        state->shouldRender = shouldRender(*s) && wanted ? XR_TRUE : XR_FALSE;
        return XR_SUCCESS;
    });
}

XrResult xrBeginFrame(XrSession handle, const XrFrameBeginInfo* info) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (info && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
        if (!s->waited) return XR_ERROR_CALL_ORDER_INVALID;
        s->waited = false;
        if (s->frame_begun) return XR_FRAME_DISCARDED;  // the previous frame was never ended
        s->frame_begun = true;
        return XR_SUCCESS;
    });
}

XrResult xrEndFrame(XrSession handle, const XrFrameEndInfo* info) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || info->type != XR_TYPE_FRAME_END_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
        if (!s->frame_begun) return XR_ERROR_CALL_ORDER_INVALID;
        // The frame shown is the one waited for: its predicted display time, nothing else
        // (PALPA_SIM_ANY_DISPLAY_TIME=1: any time > 0).
        const bool anyTime = s->instance->config.any_display_time;
        if (anyTime ? info->displayTime <= 0 : info->displayTime != s->frame_time) return XR_ERROR_TIME_INVALID;
        if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE) {
            const bool known = info->environmentBlendMode == XR_ENVIRONMENT_BLEND_MODE_ADDITIVE ||
                               info->environmentBlendMode == XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND;
            return known ? XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED : XR_ERROR_VALIDATION_FAILURE;
        }
        if (info->layerCount > kMaxLayers) return XR_ERROR_LAYER_LIMIT_EXCEEDED;
        if (info->layerCount > 0 && !info->layers) return XR_ERROR_VALIDATION_FAILURE;
        std::optional<std::array<CaptureView, 2>> projection;
        for (std::uint32_t i = 0; i < info->layerCount; ++i) {
            const XrCompositionLayerBaseHeader* layer = info->layers[i];
            if (!layer) return XR_ERROR_LAYER_INVALID;
            if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
                std::array<CaptureView, 2> views;
                const auto& p = *reinterpret_cast<const XrCompositionLayerProjection*>(layer);
                if (const XrResult r = checkProjection(*s, p, views); XR_FAILED(r)) return r;
                if (!projection) projection = views;
            } else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
                const auto& q = *reinterpret_cast<const XrCompositionLayerQuad*>(layer);
                if (const XrResult r = checkQuad(*s, q); XR_FAILED(r)) return r;
            } else {
                return XR_ERROR_LAYER_INVALID;
            }
        }
        s->frame_begun = false;
        // VISIBLE with the first frame ended after SYNCHRONIZED, FOCUSED two frames later
        // (PALPA_SIM_INSTANT_STATES=1: both at once), as a compositor fades the app in.
        if (s->state == XR_SESSION_STATE_SYNCHRONIZED && !s->stopping) {
            queueState(*s, XR_SESSION_STATE_VISIBLE);
            s->visible_frame = s->frame;
            if (s->instance->config.instant_states) queueState(*s, XR_SESSION_STATE_FOCUSED);
        } else if (s->state == XR_SESSION_STATE_VISIBLE && !s->stopping && s->frame >= s->visible_frame + 2) {
            queueState(*s, XR_SESSION_STATE_FOCUSED);
        }
        if (projection) {
            const Config& config = s->instance->config;
            if (config.capture_at.count(s->frame)) captureViews(*s, *projection, "frame-" + std::to_string(s->frame));
            if (config.capture_last) s->pending_capture = PendingCapture{s->frame, *projection};
        }
        return XR_SUCCESS;
    });
}

XrResult xrLocateViews(XrSession handle, const XrViewLocateInfo* info, XrViewState* viewState, uint32_t capacity,
                       uint32_t* count, XrView* views) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || info->type != XR_TYPE_VIEW_LOCATE_INFO || !viewState || viewState->type != XR_TYPE_VIEW_STATE ||
            !count)
            return XR_ERROR_VALIDATION_FAILURE;
        if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
            return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
        if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
        const Space* space = sessionSpace(*s, info->space);
        if (!space) return XR_ERROR_HANDLE_INVALID;
        *count = 2;
        if (capacity == 0) return XR_SUCCESS;
        if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
        if (!views) return XR_ERROR_VALIDATION_FAILURE;
        for (std::uint32_t i = 0; i < 2; ++i)
            if (views[i].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
        const std::optional<Pose> base = spaceInWorld(*space, info->displayTime);
        viewState->viewStateFlags = 0;
        if (base)
            viewState->viewStateFlags = XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT |
                                        XR_VIEW_STATE_POSITION_TRACKED_BIT | XR_VIEW_STATE_ORIENTATION_TRACKED_BIT;
        for (std::uint32_t i = 0; i < 2; ++i) {
            const Pose eye =
                base ? compose(inverse(*base), s->instance->world.eye(static_cast<int>(i), info->displayTime)) : Pose{};
            views[i].pose = toXr(eye);
            views[i].fov = {-kHalfFov, kHalfFov, kHalfFov, -kHalfFov};
        }
        return XR_SUCCESS;
    });
}

}  // namespace palpa::xrsim
