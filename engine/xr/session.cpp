// The session as a whole: its owners composed, the runtime's events, the loss and recreation
// of the session, and the frame loop. Per-frame paths return status; only creation throws.
#include <chrono>
#include <thread>

#include "core/log.hpp"
#include "xr/session_impl.hpp"

namespace palpa::xr {

std::unique_ptr<Session> Session::create(const SessionOptions& options, std::shared_ptr<RuntimeConnection> instance) {
    return std::make_unique<detail::OpenXrSession>(options, std::move(instance));
}

namespace detail {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

OpenXrSession::OpenXrSession(const SessionOptions& options, std::shared_ptr<RuntimeConnection> instance)
    : system_(options, std::move(instance)),
      inputs_(system_),
      swapchain_(system_.device(), options.max_eye_size) {
    try {
        createSession();
    } catch (...) {
        destroySession();  // the owners then go in reverse: the device and the instance last
        throw;
    }
}

OpenXrSession::~OpenXrSession() {
    destroySession();
    // Then the owners in reverse: the slots and pool, the action set, the Vulkan device, and
    // the instance (when the probe no longer holds it).
}

void OpenXrSession::createSession() {
    life_.create(system_.instance(), system_.id(), system_.sessionBinding());
    space_.create(life_.handle());
    swapchain_.create(system_.instance(), system_.id(), life_.handle());
    const VkExtent2D eye = swapchain_.extent();
    log::info("openxr: swapchain ", swapchain_.imageCount(), " images of 2 x ", eye.width, "x",
              eye.height, ", space ", space_.name());
    inputs_.attach(life_.handle());
}

void OpenXrSession::destroySession() {
    system_.device().waitIdle();
    swapchain_.destroy();
    inputs_.detach();
    space_.destroy();
    life_.destroy();
    frame_begun_ = false;
}

bool OpenXrSession::pollEvents() {
    XrEventDataBuffer ev{XR_TYPE_EVENT_DATA_BUFFER};
    XrResult polled = XR_SUCCESS;
    while (!life_.exiting() && (polled = xrPollEvent(system_.instance(), &ev)) == XR_SUCCESS) {
        if (ev.type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING) {
            log::warn("openxr: the runtime is going away (instance loss pending); palpa stops");
            life_.stop(true);
        } else if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
            const auto& e = reinterpret_cast<const XrEventDataSessionStateChanged&>(ev);
            if (e.session == life_.handle()) life_.handleState(e.state);
        } else if (ev.type == XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING) {
            const auto& e = reinterpret_cast<const XrEventDataReferenceSpaceChangePending&>(ev);
            if (e.session == life_.handle()) space_.changePending(e);
        } else if (ev.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) {
            log::info("openxr: controllers changed");
        }
        ev = {XR_TYPE_EVENT_DATA_BUFFER};
    }
    if (XR_FAILED(polled)) {
        log::error("openxr: ",
                   polled == XR_ERROR_INSTANCE_LOST ? "the runtime was lost" : "xrPollEvent failed",
                   " (", resultName(polled), "); palpa stops");
        life_.stop(polled == XR_ERROR_INSTANCE_LOST);
    }
    if (life_.lost() && !life_.exiting()) recreateAfterLoss();
    if (life_.exiting()) {
        destroySession();
        return false;
    }
    if (!life_.running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}

void OpenXrSession::recreateAfterLoss() {
    // Destroy the lost session, then try again (without blocking the loop) for a while: the
    // runtime may need the headset back first. An exit asked for before the loss stands.
    if (life_.handle()) destroySession();
    const auto now = Clock::now();
    if (!life_.retryDue(now)) return;
    try {
        // The spec asks for the system again; the headset must still be on the same GPU, since
        // the renderer's device stays.
        if (!system_.reacquire()) {
            log::error("openxr: the headset came back on another GPU; restart palpa to use it");
            life_.stop();
            return;
        }
        createSession();
        life_.recovered();
        log::info("openxr: the session was recreated after a loss");
    } catch (const Error& e) {
        destroySession();
        if (life_.retryFailed(now))
            log::error("openxr: the session could not be recreated: ", e.what());
    }
}

std::optional<FrameInfo> OpenXrSession::beginFrame() {
    waits_ = {};
    const XrSession session = life_.handle();
    if (!session || !life_.running() || life_.lost()) return std::nullopt;
    SessionCalls& check = life_.calls();
    XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
    frame_state_ = {XR_TYPE_FRAME_STATE};
    const auto t0 = Clock::now();
    const XrResult waited = xrWaitFrame(session, &wi, &frame_state_);
    waits_.wait_frame_ms = msSince(t0);
    if (!check(waited, "xrWaitFrame")) return std::nullopt;
    XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
    if (!check(xrBeginFrame(session, &bi), "xrBeginFrame")) return std::nullopt;
    frame_begun_ = true;

    FrameInfo f;
    f.render = frame_state_.shouldRender;
    f.display_time = frame_state_.predictedDisplayTime;
    if (!first_time_) first_time_ = f.display_time;
    f.seconds = static_cast<double>(f.display_time - *first_time_) * 1e-9;
    inputs_.sync(session, check);

    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = kStereo;
    li.displayTime = f.display_time;
    li.space = space_.space();
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::uint32_t n = 0;
    for (XrView& v : xr_views_) v = {XR_TYPE_VIEW};
    if (!check(xrLocateViews(session, &li, &vs, 2, &n, xr_views_.data()), "xrLocateViews"))
        f.render = false;
    const XrViewStateFlags valid =
        XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT;
    if ((vs.viewStateFlags & valid) != valid || n != 2)
        f.render = false;  // nothing sensible to draw
    for (std::size_t i = 0; i < 2; ++i) {
        f.eyes[i].pose = space_.toWorld(xr_views_[i].pose);
        const XrFovf& fov = xr_views_[i].fov;
        f.eyes[i].fov = {fov.angleLeft, fov.angleRight, fov.angleUp, fov.angleDown};
    }
    f.head = space_.head(f.display_time);
    current_ = f;
    return f;
}

std::optional<FrameImage> OpenXrSession::acquireImage() {
    if (!frame_begun_) return std::nullopt;
    return swapchain_.acquire(life_.calls(), waits_);
}

bool OpenXrSession::endFrame(const FrameInfo& frame, const std::optional<FrameImage>& image) {
    if (!frame_begun_) return false;
    frame_begun_ = false;
    swapchain_.nextSlot();
    SessionCalls& check = life_.calls();
    bool drawn = false;
    if (image) {
        drawn = swapchain_.submit(*image);
        if (!swapchain_.release(check)) return false;
    }
    const VkExtent2D eye = swapchain_.extent();
    std::array<XrCompositionLayerProjectionView, 2> views{};
    for (std::size_t i = 0; i < 2; ++i) {
        views[i] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
        views[i].pose = xr_views_[i].pose;
        views[i].fov = xr_views_[i].fov;
        views[i].subImage.swapchain = swapchain_.handle();
        views[i].subImage.imageRect.extent = {static_cast<std::int32_t>(eye.width),
                                              static_cast<std::int32_t>(eye.height)};
        views[i].subImage.imageArrayIndex = static_cast<std::uint32_t>(i);
    }
    XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    layer.space = space_.space();
    layer.viewCount = 2;
    layer.views = views.data();
    const XrCompositionLayerBaseHeader* layers[] = {
        reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer)};
    XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
    ei.displayTime = frame.display_time;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    ei.layerCount = drawn ? 1 : 0;
    ei.layers = drawn ? layers : nullptr;
    const auto t0 = Clock::now();
    const XrResult ended = xrEndFrame(life_.handle(), &ei);
    waits_.end_frame_ms = msSince(t0);
    return check(ended, "xrEndFrame");
}

}  // namespace detail
}  // namespace palpa::xr
