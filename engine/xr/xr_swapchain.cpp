// The stereo swapchain, its images and views, and the frames in flight that draw into them.
#include "xr/xr_swapchain.hpp"

#include <algorithm>
#include <chrono>

#include "core/log.hpp"
#include "gpu/vk_check.hpp"
#include "gpu/vk_types.hpp"

namespace palpa::xr::detail {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

XrSwapchainSet::XrSwapchainSet(gpu::VulkanDevice& device, std::uint32_t max_eye_size)
    : device_(&device), max_eye_size_(max_eye_size) {
    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pci.queueFamilyIndex = device_->queueFamily();
    VkCommandPool pool;
    PALPA_VK(vkCreateCommandPool(device_->device(), &pci, nullptr, &pool));
    pool_ = gpu::Handle<VkCommandPool>(device_->device(), pool, vkDestroyCommandPool);
    slots_.resize(2);
    for (Slot& s : slots_) {
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = pool;
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        PALPA_VK(vkAllocateCommandBuffers(device_->device(), &ai, &s.commands));
        VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        VkFence fence;
        PALPA_VK(vkCreateFence(device_->device(), &fci, nullptr, &fence));
        s.done = gpu::Handle<VkFence>(device_->device(), fence, vkDestroyFence);
    }
}

void XrSwapchainSet::create(XrInstance instance, XrSystemId system, XrSession session) {
    std::uint32_t n = 0;
    PALPA_XR(xrEnumerateViewConfigurationViews(instance, system, kStereo, 0, &n, nullptr));
    std::vector<XrViewConfigurationView> cfg(n, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
    PALPA_XR(xrEnumerateViewConfigurationViews(instance, system, kStereo, n, &n, cfg.data()));
    if (n != 2)
        throw XrError("the headset does not have two views (PRIMARY_STEREO gave " +
                      std::to_string(n) + ")");
    extent_ = {std::min({cfg[0].recommendedImageRectWidth, cfg[1].recommendedImageRectWidth,
                         max_eye_size_}),
               std::min({cfg[0].recommendedImageRectHeight, cfg[1].recommendedImageRectHeight,
                         max_eye_size_})};
    extent_.width = std::max(extent_.width, cfg[0].recommendedImageRectWidth == 0 ? 0u : 1u);

    PALPA_XR(xrEnumerateSwapchainFormats(session, 0, &n, nullptr));
    std::vector<std::int64_t> formats(n);
    PALPA_XR(xrEnumerateSwapchainFormats(session, n, &n, formats.data()));
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
    PALPA_XR(xrCreateSwapchain(session, &sci, swapchain_.put(xrDestroySwapchain)));
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
}

void XrSwapchainSet::destroy() {
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
    swapchain_.reset();
}

std::optional<FrameImage> XrSwapchainSet::acquire(SessionCalls& check, FrameWaits& waits) {
    if (!swapchain_) return std::nullopt;
    const std::uint32_t slot = frame_index_ % static_cast<std::uint32_t>(slots_.size());
    Slot& s = slots_[slot];
    VkDevice dev = device_->device();
    if (s.submitted) {
        const auto t0 = Clock::now();
        VkFence fence = s.done.get();
        if (vkWaitForFences(dev, 1, &fence, VK_TRUE, UINT64_MAX) != VK_SUCCESS) return std::nullopt;
        waits.gpu_ms = msSince(t0);
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
        if (!check(xrAcquireSwapchainImage(swapchain_, &ai, &index), "xrAcquireSwapchainImage"))
            return std::nullopt;
    }
    // A finite wait, retried: a compositor that is slow to free the image never hangs palpa.
    XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    wi.timeout = kImageWaitTimeoutNs;
    const auto t0 = Clock::now();
    XrResult waited = XR_TIMEOUT_EXPIRED;
    int tries = 0;
    while (waited == XR_TIMEOUT_EXPIRED && tries++ < kImageWaitTries) waited = xrWaitSwapchainImage(swapchain_, &wi);
    waits.wait_image_ms = msSince(t0);
    if (waited == XR_TIMEOUT_EXPIRED) {
        unwaited_ = index;
        log::warn("openxr: the compositor has not freed a swapchain image after ", tries, " waits; this frame is not drawn");
        return std::nullopt;
    }
    unwaited_.reset();
    if (tries > 1) log::info("openxr: a swapchain image was ready after ", tries, " waits (the compositor was slow)");
    if (!check(waited, "xrWaitSwapchainImage"))
        return std::nullopt;  // lost: the session goes anyway
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    if (vkResetCommandBuffer(s.commands, 0) != VK_SUCCESS ||
        vkBeginCommandBuffer(s.commands, &bi) != VK_SUCCESS) {
        release(check);  // hand it back unused
        return std::nullopt;
    }
    return FrameImage{gpu::fromVk(s.commands), gpu::imageOf(images_[index]), gpu::viewOf(views_[index].get()), gpu::fromVk(extent_), slot};
}

bool XrSwapchainSet::submit(const FrameImage& image) {
    Slot& s = slots_[image.slot];
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &s.commands;
    const bool drawn = vkEndCommandBuffer(s.commands) == VK_SUCCESS &&
                       vkQueueSubmit(device_->queue(), 1, &si, s.done.get()) == VK_SUCCESS;
    s.submitted = drawn;
    return drawn;
}

bool XrSwapchainSet::release(SessionCalls& check) {
    XrSwapchainImageReleaseInfo ri{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
    return check(xrReleaseSwapchainImage(swapchain_, &ri), "xrReleaseSwapchainImage");
}

}  // namespace palpa::xr::detail
