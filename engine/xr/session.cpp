// The session's lifecycle (state machine, loss and recreation), its space, its swapchain and
// the frame loop. Per-frame paths return status; only creation throws.
#include <algorithm>
#include <chrono>
#include <thread>

#include "core/log.hpp"
#include "gpu/vk_check.hpp"
#include "xr/session_impl.hpp"

namespace palpa::xr::detail {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

SessionState fromXr(XrSessionState s) {
    switch (s) {
        case XR_SESSION_STATE_IDLE:
            return SessionState::Idle;
        case XR_SESSION_STATE_READY:
            return SessionState::Ready;
        case XR_SESSION_STATE_SYNCHRONIZED:
            return SessionState::Synchronized;
        case XR_SESSION_STATE_VISIBLE:
            return SessionState::Visible;
        case XR_SESSION_STATE_FOCUSED:
            return SessionState::Focused;
        case XR_SESSION_STATE_STOPPING:
            return SessionState::Stopping;
        case XR_SESSION_STATE_LOSS_PENDING:
            return SessionState::LossPending;
        case XR_SESSION_STATE_EXITING:
            return SessionState::Exiting;
        default:
            return SessionState::None;
    }
}

constexpr XrViewConfigurationType kStereo = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
// How long palpa keeps trying to recreate a lost session before it gives up.
constexpr double kRecreateSeconds = 10.0;

}  // namespace

void OpenXrSession::createSession() {
    // The spec asks for the graphics requirements before every xrCreateSession.
    XrGraphicsRequirementsVulkan2KHR req{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
    PALPA_XR(fn_.graphicsRequirements(instance_, system_, &req));
    XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
    binding.instance = device_->instance();
    binding.physicalDevice = device_->physical();
    binding.device = device_->device();
    binding.queueFamilyIndex = device_->queueFamily();
    binding.queueIndex = 0;
    XrSessionCreateInfo ci{XR_TYPE_SESSION_CREATE_INFO};
    ci.next = &binding;
    ci.systemId = system_;
    PALPA_XR(xrCreateSession(instance_, &ci, session_.put(xrDestroySession)));
    ++sessions_;
    lost_ = false;

    std::uint32_t n = 0;
    PALPA_XR(xrEnumerateReferenceSpaces(session_, 0, &n, nullptr));
    std::vector<XrReferenceSpaceType> spaces(n);
    PALPA_XR(xrEnumerateReferenceSpaces(session_, n, &n, spaces.data()));
    stage_ = std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
    XrReferenceSpaceCreateInfo si{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    si.referenceSpaceType = stage_ ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
    si.poseInReferenceSpace.orientation.w = 1.0f;
    PALPA_XR(xrCreateReferenceSpace(session_, &si, space_.put(xrDestroySpace)));
    si.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    PALPA_XR(xrCreateReferenceSpace(session_, &si, view_space_.put(xrDestroySpace)));

    createSwapchain();
    attachInputs();
}

void OpenXrSession::destroySession() {
    if (device_) device_->waitIdle();
    for (Slot& s : slots_) {
        // The device is idle: a submitted slot's fence is signalled; make it reusable.
        VkFence fence = s.done.get();
        if (s.submitted && vkResetFences(device_->device(), 1, &fence) != VK_SUCCESS)
            log::warn("openxr: vkResetFences failed while the session was torn down");
        s.submitted = false;
    }
    if (!views_.empty() && on_rebuilt_) on_rebuilt_();
    views_.clear();
    images_.clear();
    unwaited_.reset();
    destroyInputs();
    swapchain_.reset();
    view_space_.reset();
    space_.reset();
    session_.reset();
    running_ = frame_begun_ = false;
}

void OpenXrSession::createSwapchain() {
    std::uint32_t n = 0;
    PALPA_XR(xrEnumerateViewConfigurationViews(instance_, system_, kStereo, 0, &n, nullptr));
    std::vector<XrViewConfigurationView> cfg(n, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
    PALPA_XR(xrEnumerateViewConfigurationViews(instance_, system_, kStereo, n, &n, cfg.data()));
    if (n != 2)
        throw XrError("the headset does not have two views (PRIMARY_STEREO gave " +
                      std::to_string(n) + ")");
    extent_ = {std::min({cfg[0].recommendedImageRectWidth, cfg[1].recommendedImageRectWidth,
                         options_.max_eye_size}),
               std::min({cfg[0].recommendedImageRectHeight, cfg[1].recommendedImageRectHeight,
                         options_.max_eye_size})};
    extent_.width = std::max(extent_.width, cfg[0].recommendedImageRectWidth == 0 ? 0u : 1u);

    PALPA_XR(xrEnumerateSwapchainFormats(session_, 0, &n, nullptr));
    std::vector<std::int64_t> formats(n);
    PALPA_XR(xrEnumerateSwapchainFormats(session_, n, &n, formats.data()));
    format_ = VK_FORMAT_UNDEFINED;
    for (VkFormat want : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB})
        if (format_ == VK_FORMAT_UNDEFINED &&
            std::find(formats.begin(), formats.end(), want) != formats.end())
            format_ = want;
    if (format_ == VK_FORMAT_UNDEFINED)
        throw XrError("the OpenXR runtime offers no sRGB RGBA8 swapchain format");

    XrSwapchainCreateInfo sci{XR_TYPE_SWAPCHAIN_CREATE_INFO};
    sci.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
    sci.format = format_;
    sci.sampleCount = 1;
    sci.width = extent_.width;
    sci.height = extent_.height;
    sci.faceCount = 1;
    sci.arraySize = 2;  // one layer per eye, drawn in one multiview pass
    sci.mipCount = 1;
    PALPA_XR(xrCreateSwapchain(session_, &sci, swapchain_.put(xrDestroySwapchain)));
    PALPA_XR(xrEnumerateSwapchainImages(swapchain_, 0, &n, nullptr));
    std::vector<XrSwapchainImageVulkan2KHR> imgs(n, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
    PALPA_XR(xrEnumerateSwapchainImages(
        swapchain_, n, &n, reinterpret_cast<XrSwapchainImageBaseHeader*>(imgs.data())));
    for (const auto& img : imgs) {
        images_.push_back(img.image);
        VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
        vci.image = img.image;
        vci.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
        vci.format = format_;
        vci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 2};
        VkImageView view;
        PALPA_VK(vkCreateImageView(device_->device(), &vci, nullptr, &view));
        views_.emplace_back(device_->device(), view, vkDestroyImageView);
    }
    log::info("openxr: swapchain ", n, " images of 2 x ", extent_.width, "x", extent_.height,
              ", space ", spaceName());
}

void OpenXrSession::enterState(SessionState s) {
    state_ = s;
    history_.push_back(s);
    log::info("openxr: session ", stateName(s));
}

bool OpenXrSession::sessionCall(XrResult r, const char* what) {
    if (XR_SUCCEEDED(r)) return true;
    if (r == XR_ERROR_SESSION_LOST) {
        if (!lost_) log::warn("openxr: ", what, ": the session was lost");
        lost_ = true;
    } else {
        log::warn("openxr: ", what, " failed with ", resultName(r));
    }
    return false;
}

bool OpenXrSession::pollEvents() {
    XrEventDataBuffer ev{XR_TYPE_EVENT_DATA_BUFFER};
    XrResult polled = XR_SUCCESS;
    while (!exit_ && (polled = xrPollEvent(instance_, &ev)) == XR_SUCCESS) {
        if (ev.type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING) {
            log::warn("openxr: the runtime is going away (instance loss pending); palpa stops");
            exit_ = runtime_lost_ = true;
        } else if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
            const auto& e = reinterpret_cast<const XrEventDataSessionStateChanged&>(ev);
            if (e.session == session_) handleState(e.state);
        } else if (ev.type == XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING) {
            const auto& e = reinterpret_cast<const XrEventDataReferenceSpaceChangePending&>(ev);
            const XrReferenceSpaceType ours = stage_ ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
            if (e.session == session_ && e.referenceSpaceType == ours && e.poseValid) {
                // The space's new origin in the old one: what stands still in the room (the
                // patient on the table) gets new coordinates, so the world follows the change.
                world_from_space_ = world_from_space_ * toMatrix(toPose(e.poseInPreviousSpace));
                ++space_changes_;
                log::info("openxr: the runtime recentred the ", spaceName(), " space; the patient stays where it was in the room");
            } else if (e.session == session_ && e.referenceSpaceType == ours) {
                log::info("openxr: the runtime recentred the ", spaceName(), " space without saying how; the menu button recentres the table");
            }
        } else if (ev.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) {
            log::info("openxr: controllers changed");
        }
        ev = {XR_TYPE_EVENT_DATA_BUFFER};
    }
    if (XR_FAILED(polled)) {
        log::error("openxr: ",
                   polled == XR_ERROR_INSTANCE_LOST ? "the runtime was lost" : "xrPollEvent failed",
                   " (", resultName(polled), "); palpa stops");
        exit_ = true;
        runtime_lost_ = runtime_lost_ || polled == XR_ERROR_INSTANCE_LOST;
    }
    if (lost_ && !exit_) recreateAfterLoss();
    if (exit_) {
        destroySession();
        return false;
    }
    if (!running_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}

void OpenXrSession::handleState(XrSessionState state) {
    enterState(fromXr(state));
    if (state == XR_SESSION_STATE_READY) {
        XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
        bi.primaryViewConfigurationType = kStereo;
        running_ = sessionCall(xrBeginSession(session_, &bi), "xrBeginSession");
        if (running_ && exit_requested_)
            sessionCall(xrRequestExitSession(session_), "xrRequestExitSession");
    } else if (state == XR_SESSION_STATE_STOPPING) {
        sessionCall(xrEndSession(session_), "xrEndSession");
        running_ = false;
    } else if (state == XR_SESSION_STATE_EXITING) {
        exit_ = true;
    } else if (state == XR_SESSION_STATE_LOSS_PENDING) {
        lost_ = true;
    }
}

void OpenXrSession::recreateAfterLoss() {
    // Destroy the lost session, then try again (without blocking the loop) for a while: the
    // runtime may need the headset back first. An exit asked for before the loss stands.
    if (session_) destroySession();
    if (exit_requested_) {
        exit_ = true;
        return;
    }
    const auto now = Clock::now();
    if (!lost_since_) lost_since_ = now;
    if (last_try_ && now - *last_try_ < std::chrono::milliseconds(250)) return;
    last_try_ = now;
    try {
        // The spec asks for the system again; the headset must still be on the same GPU, since
        // the renderer's device stays.
        XrSystemGetInfo sys{XR_TYPE_SYSTEM_GET_INFO};
        sys.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
        PALPA_XR(xrGetSystem(instance_, &sys, &system_));
        XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
        gi.systemId = system_;
        gi.vulkanInstance = device_->instance();
        VkPhysicalDevice physical = VK_NULL_HANDLE;
        PALPA_XR(fn_.graphicsDevice(instance_, &gi, &physical));
        if (physical != device_->physical()) {
            log::error("openxr: the headset came back on another GPU; restart palpa to use it");
            exit_ = true;
            return;
        }
        createSession();
        lost_since_.reset();
        last_try_.reset();
        log::info("openxr: the session was recreated after a loss");
    } catch (const Error& e) {
        destroySession();
        lost_ = true;
        if (now - *lost_since_ > std::chrono::duration<double>(kRecreateSeconds)) {
            log::error("openxr: the session could not be recreated: ", e.what());
            exit_ = true;
        }
    }
}

void OpenXrSession::requestExit() {
    exit_requested_ = true;
    if (session_ && running_) {
        sessionCall(xrRequestExitSession(session_), "xrRequestExitSession");
    } else {
        exit_ = true;
    }
}

std::optional<FrameInfo> OpenXrSession::beginFrame() {
    waits_ = {};
    if (!session_ || !running_ || lost_) return std::nullopt;
    XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
    frame_state_ = {XR_TYPE_FRAME_STATE};
    const auto t0 = Clock::now();
    const XrResult waited = xrWaitFrame(session_, &wi, &frame_state_);
    waits_.wait_frame_ms = msSince(t0);
    if (!sessionCall(waited, "xrWaitFrame")) return std::nullopt;
    XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
    if (!sessionCall(xrBeginFrame(session_, &bi), "xrBeginFrame")) return std::nullopt;
    frame_begun_ = true;

    FrameInfo f;
    f.render = frame_state_.shouldRender;
    f.display_time = frame_state_.predictedDisplayTime;
    if (!first_time_) first_time_ = f.display_time;
    f.seconds = static_cast<double>(f.display_time - *first_time_) * 1e-9;
    syncActions();

    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = kStereo;
    li.displayTime = f.display_time;
    li.space = space_;
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::uint32_t n = 0;
    for (XrView& v : xr_views_) v = {XR_TYPE_VIEW};
    if (!sessionCall(xrLocateViews(session_, &li, &vs, 2, &n, xr_views_.data()), "xrLocateViews"))
        f.render = false;
    const XrViewStateFlags valid =
        XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT;
    if ((vs.viewStateFlags & valid) != valid || n != 2)
        f.render = false;  // nothing sensible to draw
    for (std::size_t i = 0; i < 2; ++i) {
        f.eyes[i].pose = fromMatrix(world_from_space_ * toMatrix(toPose(xr_views_[i].pose)));
        const XrFovf& fov = xr_views_[i].fov;
        f.eyes[i].fov = {fov.angleLeft, fov.angleRight, fov.angleUp, fov.angleDown};
    }
    XrSpaceLocation head{XR_TYPE_SPACE_LOCATION};
    if (XR_SUCCEEDED(xrLocateSpace(view_space_, space_, f.display_time, &head)) &&
        (head.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT))
        f.head = fromMatrix(world_from_space_ * toMatrix(toPose(head.pose)));
    current_ = f;
    return f;
}

std::optional<FrameImage> OpenXrSession::acquireImage() {
    if (!frame_begun_ || !swapchain_) return std::nullopt;
    const std::uint32_t slot = frame_index_ % static_cast<std::uint32_t>(slots_.size());
    Slot& s = slots_[slot];
    VkDevice dev = device_->device();
    if (s.submitted) {
        const auto t0 = Clock::now();
        VkFence fence = s.done.get();
        if (vkWaitForFences(dev, 1, &fence, VK_TRUE, UINT64_MAX) != VK_SUCCESS) return std::nullopt;
        waits_.gpu_ms = msSince(t0);
        // Reset only once the slot's last submit is known done; `submitted` stays false until
        // the next submit succeeds, so a failed submit never leaves a fence to wait on forever.
        if (const VkResult reset = vkResetFences(dev, 1, &fence); reset != VK_SUCCESS) {
            log::warn("openxr: vkResetFences failed (", static_cast<int>(reset), "); this frame is not drawn");
            return std::nullopt;
        }
        s.submitted = false;
    }
    // An image acquired on an earlier frame whose wait timed out is waited for again, not
    // acquired anew (the runtime holds it for the app until it is released).
    std::uint32_t index = 0;
    if (unwaited_) {
        index = *unwaited_;
    } else {
        XrSwapchainImageAcquireInfo ai{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
        if (!sessionCall(xrAcquireSwapchainImage(swapchain_, &ai, &index), "xrAcquireSwapchainImage"))
            return std::nullopt;
    }
    // A finite wait, retried: a compositor that is slow to free the image never hangs palpa.
    XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    wi.timeout = kImageWaitTimeoutNs;
    const auto t0 = Clock::now();
    XrResult waited = XR_TIMEOUT_EXPIRED;
    int tries = 0;
    while (waited == XR_TIMEOUT_EXPIRED && tries++ < kImageWaitTries) waited = xrWaitSwapchainImage(swapchain_, &wi);
    waits_.wait_image_ms = msSince(t0);
    if (waited == XR_TIMEOUT_EXPIRED) {
        unwaited_ = index;
        log::warn("openxr: the compositor has not freed a swapchain image after ", tries, " waits; this frame is not drawn");
        return std::nullopt;
    }
    unwaited_.reset();
    if (tries > 1) log::info("openxr: a swapchain image was ready after ", tries, " waits (the compositor was slow)");
    if (!sessionCall(waited, "xrWaitSwapchainImage"))
        return std::nullopt;  // lost: the session goes anyway
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    if (vkResetCommandBuffer(s.commands, 0) != VK_SUCCESS ||
        vkBeginCommandBuffer(s.commands, &bi) != VK_SUCCESS) {
        XrSwapchainImageReleaseInfo ri{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
        sessionCall(xrReleaseSwapchainImage(swapchain_, &ri),
                    "xrReleaseSwapchainImage");  // hand it back unused
        return std::nullopt;
    }
    return FrameImage{s.commands, images_[index], views_[index].get(), extent_, slot};
}

bool OpenXrSession::endFrame(const FrameInfo& frame, const std::optional<FrameImage>& image) {
    if (!frame_begun_) return false;
    frame_begun_ = false;
    ++frame_index_;
    bool drawn = false;
    if (image) {
        Slot& s = slots_[image->slot];
        VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        si.commandBufferCount = 1;
        si.pCommandBuffers = &s.commands;
        drawn = vkEndCommandBuffer(s.commands) == VK_SUCCESS &&
                vkQueueSubmit(device_->queue(), 1, &si, s.done.get()) == VK_SUCCESS;
        s.submitted = drawn;
        XrSwapchainImageReleaseInfo ri{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
        if (!sessionCall(xrReleaseSwapchainImage(swapchain_, &ri), "xrReleaseSwapchainImage"))
            return false;
    }
    std::array<XrCompositionLayerProjectionView, 2> views{};
    for (std::size_t i = 0; i < 2; ++i) {
        views[i] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
        views[i].pose = xr_views_[i].pose;
        views[i].fov = xr_views_[i].fov;
        views[i].subImage.swapchain = swapchain_;
        views[i].subImage.imageRect.extent = {static_cast<std::int32_t>(extent_.width),
                                              static_cast<std::int32_t>(extent_.height)};
        views[i].subImage.imageArrayIndex = static_cast<std::uint32_t>(i);
    }
    XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    layer.space = space_;
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
    const XrResult ended = xrEndFrame(session_, &ei);
    waits_.end_frame_ms = msSince(t0);
    return sessionCall(ended, "xrEndFrame");
}

}  // namespace palpa::xr::detail
