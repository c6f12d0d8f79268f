// Role: the images the headset shows. Owns the session's stereo swapchain (one sRGB RGBA8
// swapchain of two-layer images, one layer per eye, drawn in one multiview pass), its VkImages
// and their 2D-array views, made with each session and dropped before it; and the GPU side of
// the frames in flight, kept across sessions: a command pool and, per slot, a command buffer
// and a fence. It acquires an image and waits for it finitely (an image whose waits all timed
// out is kept and waited for again next frame, never hanging palpa on a slow compositor),
// submits the slot's commands, releases the image, and tells the renderer (the rebuild
// callback, device idle) before its image views go. Not part of the engine's interface.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "gpu/vulkan_device.hpp"
#include "gpu/handle.hpp"
#include "xr/session.hpp"
#include "xr/xr_check.hpp"
#include "xr/xr_handle.hpp"
#include "xr/xr_platform.hpp"

namespace palpa::xr::detail {

class XrSwapchainSet {
  public:
    // Makes the command pool and the slots on `device`, which must outlive the set; per-eye
    // sizes will be clamped to `max_eye_size`. Throws GpuError.
    XrSwapchainSet(gpu::VulkanDevice& device, std::uint32_t max_eye_size);
    XrSwapchainSet(const XrSwapchainSet&) = delete;
    XrSwapchainSet& operator=(const XrSwapchainSet&) = delete;
    // Moves construct only: assigning over a live set would free its handles out of order.
    XrSwapchainSet(XrSwapchainSet&&) noexcept = default;
    XrSwapchainSet& operator=(XrSwapchainSet&&) = delete;
    // Frees the views, the swapchain, the fences and the pool (the device idle; destroy()
    // first to tell the renderer).
    ~XrSwapchainSet() = default;

    // Makes the swapchain on `session` at the runtime's recommended per-eye size for the
    // system's stereo views, with an image view per image. Throws XrError / GpuError.
    void create(XrInstance instance, XrSystemId system, XrSession session);
    // With the device idle: makes the slots' fences reusable, calls the rebuild callback when
    // there were views, then drops the views, the images and the swapchain (before the
    // session). Format, extent and slots stay.
    void destroy();
    XrSwapchain handle() const { return swapchain_; }

    VkFormat format() const { return format_; }
    VkExtent2D extent() const { return extent_; }
    std::size_t imageCount() const { return images_.size(); }
    std::uint32_t slotCount() const { return static_cast<std::uint32_t>(slots_.size()); }
    // Called (device idle) when swapchain images change, before their views are destroyed.
    void onRebuilt(std::function<void()> callback) { on_rebuilt_ = std::move(callback); }

    // Waits for the current slot's last submission, acquires an image (or takes back the one
    // whose waits timed out) and waits for it, then begins the slot's command buffer; records
    // the time waited in `waits`. nullopt when no image can be drawn this frame.
    std::optional<FrameImage> acquire(SessionCalls& check, FrameWaits& waits);
    // Ends and submits the image's commands; true when they reached the GPU.
    bool submit(const FrameImage& image);
    // Releases the image acquired last; false when the runtime refused.
    bool release(SessionCalls& check);
    // The frame ended: the next one records into the next slot.
    void nextSlot() { ++frame_index_; }

  private:
    struct Slot {
        VkCommandBuffer commands = VK_NULL_HANDLE;  // freed with the pool
        gpu::Handle<VkFence> done;
        bool submitted = false;
    };

    gpu::VulkanDevice* device_;
    std::uint32_t max_eye_size_;
    // Declared parents first, so that they go last: the pool after the slots' fences, the
    // swapchain after the views of its images.
    gpu::Handle<VkCommandPool> pool_;
    std::vector<Slot> slots_;
    std::uint32_t frame_index_ = 0;

    XrHandle<XrSwapchain> swapchain_;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkExtent2D extent_{0, 0};
    std::vector<VkImage> images_;
    std::vector<gpu::Handle<VkImageView>> views_;
    std::optional<std::uint32_t> unwaited_;  // an acquired image whose wait timed out
    std::function<void()> on_rebuilt_;

    static constexpr XrDuration kImageWaitTimeoutNs = 100'000'000;  // 100 ms a wait...
    static constexpr int kImageWaitTries = 5;                        // ...this many a frame
};

}  // namespace palpa::xr::detail
