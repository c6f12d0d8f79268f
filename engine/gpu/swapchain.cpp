#include "gpu/swapchain.hpp"
#include "gpu/swapchain_impl.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "gpu/resources.hpp"
#include "gpu/vk_check.hpp"
#include "gpu/vk_types.hpp"

namespace palpa::gpu {

SwapchainImpl::SwapchainImpl(VulkanDevice& device, VkSurfaceKHR surface, VkExtent2D size, std::uint32_t framesInFlight,
                           bool vsync)
    : device_(device), surface_(surface), vsync_(vsync) {
    std::uint32_t n = 0;
    PALPA_VK(vkGetPhysicalDeviceSurfaceFormatsKHR(device.physical(), surface, &n, nullptr));
    std::vector<VkSurfaceFormatKHR> formats(n);
    PALPA_VK(vkGetPhysicalDeviceSurfaceFormatsKHR(device.physical(), surface, &n, formats.data()));
    if (formats.empty()) throw GpuError("the window's surface offers no format");
    // Prefer an sRGB format so that the renderer's linear output is encoded by the hardware.
    auto pick = std::find_if(formats.begin(), formats.end(), [](const VkSurfaceFormatKHR& f) {
        return (f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) &&
               f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    });
    if (pick == formats.end()) pick = formats.begin();
    format_ = pick->format;
    colour_space_ = pick->colorSpace;

    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pci.queueFamilyIndex = device.queueFamily();
    VkCommandPool pool;
    PALPA_VK(vkCreateCommandPool(device.device(), &pci, nullptr, &pool));
    pool_ = Handle<VkCommandPool>(device.device(), pool, vkDestroyCommandPool);
    slots_.resize(std::max(1u, framesInFlight));
    for (Slot& s : slots_) {
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = pool;
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        PALPA_VK(vkAllocateCommandBuffers(device.device(), &ai, &s.commands));
        VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        fci.flags = VK_FENCE_CREATE_SIGNALED_BIT;
        VkFence f;
        PALPA_VK(vkCreateFence(device.device(), &fci, nullptr, &f));
        s.done = Handle<VkFence>(device.device(), f, vkDestroyFence);
        VkSemaphoreCreateInfo sci{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore sem;
        PALPA_VK(vkCreateSemaphore(device.device(), &sci, nullptr, &sem));
        s.acquired = Handle<VkSemaphore>(device.device(), sem, vkDestroySemaphore);
    }
    build(size);
}

SwapchainImpl::~SwapchainImpl() {
    device_.waitIdle();
    destroySwapchain();
}

void SwapchainImpl::destroySwapchain() {
    views_.clear();
    rendered_.clear();
    if (swapchain_) vkDestroySwapchainKHR(device_.device(), swapchain_, nullptr);
    swapchain_ = VK_NULL_HANDLE;
}

void SwapchainImpl::build(VkExtent2D size) {
    device_.waitIdle();
    if (on_rebuild_) on_rebuild_();
    VkSurfaceCapabilitiesKHR caps;
    PALPA_VK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(device_.physical(), surface_, &caps));
    VkExtent2D extent = caps.currentExtent;
    if (extent.width == UINT32_MAX) {
        extent.width = std::clamp(size.width, caps.minImageExtent.width, caps.maxImageExtent.width);
        extent.height = std::clamp(size.height, caps.minImageExtent.height, caps.maxImageExtent.height);
    }
    std::uint32_t count = std::max(caps.minImageCount + 1, 2u);
    if (caps.maxImageCount > 0) count = std::min(count, caps.maxImageCount);
    VkSwapchainCreateInfoKHR ci{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    ci.surface = surface_;
    ci.minImageCount = count;
    ci.imageFormat = format_;
    ci.imageColorSpace = colour_space_;
    ci.imageExtent = extent;
    ci.imageArrayLayers = 1;
    // TRANSFER_DST: the headset mirror blits into the window.
    ci.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    ci.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    ci.preTransform = caps.currentTransform;
    ci.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    ci.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available; vsync
    if (!vsync_) {
        std::uint32_t nm = 0;
        vkGetPhysicalDeviceSurfacePresentModesKHR(device_.physical(), surface_, &nm, nullptr);
        std::vector<VkPresentModeKHR> modes(nm);
        vkGetPhysicalDeviceSurfacePresentModesKHR(device_.physical(), surface_, &nm, modes.data());
        for (VkPresentModeKHR want : {VK_PRESENT_MODE_IMMEDIATE_KHR, VK_PRESENT_MODE_MAILBOX_KHR})
            if (std::find(modes.begin(), modes.end(), want) != modes.end()) ci.presentMode = want;
    }
    ci.clipped = VK_TRUE;
    ci.oldSwapchain = swapchain_;
    VkSwapchainKHR next;
    PALPA_VK(vkCreateSwapchainKHR(device_.device(), &ci, nullptr, &next));
    destroySwapchain();
    swapchain_ = next;
    extent_ = extent;
    std::uint32_t n = 0;
    PALPA_VK(vkGetSwapchainImagesKHR(device_.device(), swapchain_, &n, nullptr));
    images_.resize(n);
    PALPA_VK(vkGetSwapchainImagesKHR(device_.device(), swapchain_, &n, images_.data()));
    for (VkImage img : images_) {
        views_.push_back(makeView(device_, img, format_, 1));
        VkSemaphoreCreateInfo sci{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore sem;
        PALPA_VK(vkCreateSemaphore(device_.device(), &sci, nullptr, &sem));
        rendered_.emplace_back(device_.device(), sem, vkDestroySemaphore);
    }
    stale_ = false;
}

std::optional<SwapchainImpl::Frame> SwapchainImpl::begin(VkExtent2D windowSize) {
    if (windowSize.width == 0 || windowSize.height == 0) return std::nullopt;
    if (stale_ || windowSize.width != extent_.width || windowSize.height != extent_.height) {
        build(windowSize);
        return std::nullopt;
    }
    Slot& s = slots_[current_];
    const VkFence fence = s.done.get();
    if (vkWaitForFences(device_.device(), 1, &fence, VK_TRUE, UINT64_MAX) != VK_SUCCESS) return std::nullopt;
    const VkResult r = vkAcquireNextImageKHR(device_.device(), swapchain_, UINT64_MAX, s.acquired.get(), VK_NULL_HANDLE, &image_index_);
    if (r == VK_ERROR_OUT_OF_DATE_KHR) {
        stale_ = true;
        return std::nullopt;
    }
    if (r != VK_SUCCESS && r != VK_SUBOPTIMAL_KHR) {
        log::error("acquiring a swapchain image failed: ", resultName(r));
        return std::nullopt;
    }
    if (r == VK_SUBOPTIMAL_KHR) stale_ = true;  // draw this one, rebuild next frame
    // The fence is reset in end(), just before the submit that signals it: reset here, a frame
    // that fails before its submit would leave it unsignalled and the next wait endless.
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    if (const VkResult reset = vkResetCommandBuffer(s.commands, 0); reset != VK_SUCCESS) {
        log::error("resetting a frame's commands failed: ", resultName(reset));
        stale_ = true;
        return std::nullopt;
    }
    if (const VkResult begun = vkBeginCommandBuffer(s.commands, &bi); begun != VK_SUCCESS) {
        log::error("beginning a frame's commands failed: ", resultName(begun));
        stale_ = true;
        return std::nullopt;
    }
    return Frame{fromVk(s.commands), imageOf(images_[image_index_]), viewOf(views_[image_index_].get()), fromVk(extent_), current_};
}

bool SwapchainImpl::end(const Frame& frame) {
    Slot& s = slots_[frame.slot];
    const VkCommandBuffer commands = toVk(frame.commands);
    if (vkEndCommandBuffer(commands) != VK_SUCCESS) return false;
    const VkSemaphore wait = s.acquired.get(), signal = rendered_[image_index_].get();
    const VkPipelineStageFlags stage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.waitSemaphoreCount = 1;
    si.pWaitSemaphores = &wait;
    si.pWaitDstStageMask = &stage;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &commands;
    si.signalSemaphoreCount = 1;
    si.pSignalSemaphores = &signal;
    const VkFence fence = s.done.get();
    if (const VkResult reset = vkResetFences(device_.device(), 1, &fence); reset != VK_SUCCESS) {
        log::error("resetting a frame's fence failed: ", resultName(reset));
        return false;
    }
    VkResult r = vkQueueSubmit(device_.queue(), 1, &si, fence);
    if (r != VK_SUCCESS) {
        log::error("submitting a frame failed: ", resultName(r));
        // Nothing will signal the fence now: signal it with an empty submission so that the
        // next frame's wait returns (or fails) instead of waiting forever.
        if (vkQueueSubmit(device_.queue(), 0, nullptr, fence) != VK_SUCCESS) stale_ = true;
        return false;
    }
    VkPresentInfoKHR pi{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    pi.waitSemaphoreCount = 1;
    pi.pWaitSemaphores = &signal;
    pi.swapchainCount = 1;
    pi.pSwapchains = &swapchain_;
    pi.pImageIndices = &image_index_;
    r = vkQueuePresentKHR(device_.queue(), &pi);
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) stale_ = true;
    else if (r != VK_SUCCESS) {
        log::error("presenting a frame failed: ", resultName(r));
        return false;
    }
    current_ = (current_ + 1) % static_cast<std::uint32_t>(slots_.size());
    presented_ = image_index_;
    return true;
}

std::vector<std::uint8_t> SwapchainImpl::captureLast(VkExtent2D& extent) {
    if (!presented_) return {};
    device_.waitIdle();
    extent = extent_;
    const VkImage image = images_[*presented_];
    Buffer readback = makeBuffer(device_, VkDeviceSize(extent.width) * extent.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true);
    device_.submitNow([&](VkCommandBuffer cb) {
        transition(cb, image, VK_IMAGE_ASPECT_COLOR_BIT, 1, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                   VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT);
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = {extent.width, extent.height, 1};
        vkCmdCopyImageToBuffer(cb, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback.buffer.get(), 1, &region);
        transition(cb, image, VK_IMAGE_ASPECT_COLOR_BIT, 1, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                   VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0);
    });
    std::vector<std::uint8_t> pixels(static_cast<const std::uint8_t*>(readback.mapped),
                                     static_cast<const std::uint8_t*>(readback.mapped) + readback.size);
    const bool bgra = format_ == VK_FORMAT_B8G8R8A8_SRGB || format_ == VK_FORMAT_B8G8R8A8_UNORM;
    for (std::size_t i = 0; i + 3 < pixels.size(); i += 4) {
        if (bgra) std::swap(pixels[i], pixels[i + 2]);
        pixels[i + 3] = 255;
    }
    return pixels;
}

WindowTarget::WindowTarget(Device& device, SurfaceHandle surface, Extent size, std::uint32_t framesInFlight, bool vsync)
    : impl_(std::make_unique<SwapchainImpl>(vk(device), toVk(surface), toVk(size), framesInFlight, vsync)) {}
WindowTarget::~WindowTarget() = default;
ColourFormat WindowTarget::format() const { return fromVk(impl_->format()); }
std::uint32_t WindowTarget::imageCount() const { return impl_->imageCount(); }
std::uint32_t WindowTarget::framesInFlight() const { return impl_->framesInFlight(); }
void WindowTarget::onRebuild(std::function<void()> callback) { impl_->onRebuild(std::move(callback)); }
std::optional<WindowTarget::Frame> WindowTarget::begin(Extent windowSize) { return impl_->begin(toVk(windowSize)); }
bool WindowTarget::end(const Frame& frame) { return impl_->end(frame); }
std::vector<std::uint8_t> WindowTarget::captureLast(Extent& extent) {
    VkExtent2D e{};
    std::vector<std::uint8_t> pixels = impl_->captureLast(e);
    extent = fromVk(e);
    return pixels;
}

}  // namespace palpa::gpu
