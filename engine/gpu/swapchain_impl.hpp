// Role: inside the engine, the window's swapchain as Vulkan (gpu::WindowTarget's
// implementation): the surface's format, the swapchain and its images and views, a command
// buffer, a fence and a semaphore a frame in flight, rebuilt when the window changes size or
// the surface goes out of date. Per-frame paths return status instead of throwing.
#pragma once

#include <vulkan/vulkan.h>

#include "gpu/types.hpp"

#include <functional>
#include <optional>
#include <vector>

#include "gpu/vulkan_device.hpp"
#include "gpu/handle.hpp"

namespace palpa::gpu {

class SwapchainImpl {
public:
    using Frame = FrameTarget;  // the view is a 2D-array view of one layer

    // Builds the swapchain for `surface` (owned by the caller); throws GpuError.
    // `vsync` false picks MAILBOX (else IMMEDIATE) where the surface has it, so that a window
    // mirroring a headset never holds the headset's frame loop to the monitor's rate.
    SwapchainImpl(VulkanDevice& device, VkSurfaceKHR surface, VkExtent2D size, std::uint32_t framesInFlight = 2,
                 bool vsync = true);
    ~SwapchainImpl();
    SwapchainImpl(const SwapchainImpl&) = delete;
    SwapchainImpl& operator=(const SwapchainImpl&) = delete;

    VkFormat format() const { return format_; }
    std::uint32_t imageCount() const { return static_cast<std::uint32_t>(images_.size()); }
    std::uint32_t framesInFlight() const { return static_cast<std::uint32_t>(slots_.size()); }
    // Called (device idle) before old image views go away, e.g. Renderer::forgetTargets.
    void onRebuild(std::function<void()> callback) { on_rebuild_ = std::move(callback); }

    // Waits for the slot's previous frame and acquires an image; nullopt when the swapchain
    // was rebuilt or the window is minimised (skip this frame).
    std::optional<Frame> begin(VkExtent2D windowSize);
    // Submits the recorded commands and presents; false when presentation failed for good.
    bool end(const Frame& frame);
    // Copies the last presented image as RGBA8 rows (waits for the device); empty when none.
    std::vector<std::uint8_t> captureLast(VkExtent2D& extent);

private:
    void build(VkExtent2D size);
    void destroySwapchain();

    VulkanDevice& device_;
    VkSurfaceKHR surface_;
    bool vsync_ = true;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkColorSpaceKHR colour_space_ = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
    VkExtent2D extent_{0, 0};
    std::vector<VkImage> images_;
    std::vector<Handle<VkImageView>> views_;
    std::vector<Handle<VkSemaphore>> rendered_;  // one per image
    struct Slot {
        VkCommandBuffer commands = VK_NULL_HANDLE;
        Handle<VkFence> done;
        Handle<VkSemaphore> acquired;
    };
    std::vector<Slot> slots_;
    Handle<VkCommandPool> pool_;
    std::uint32_t current_ = 0;
    std::uint32_t image_index_ = 0;
    std::optional<std::uint32_t> presented_;  // the last image presented
    bool stale_ = false;
    std::function<void()> on_rebuild_;
};

}  // namespace palpa::gpu
