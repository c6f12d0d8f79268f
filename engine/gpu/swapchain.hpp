// Role: a window's swapchain as a render target with frames in flight: acquires an image,
// hands the caller a frame (its commands, image and size) to record into, submits and
// presents. Rebuilds itself when the window changes size or the surface goes out of date;
// per-frame paths return status instead of throwing. The swapchain itself stays inside the
// engine (gpu/swapchain_impl.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "gpu/device.hpp"
#include "gpu/types.hpp"

namespace palpa::gpu {

class SwapchainImpl;

class WindowTarget {
public:
    using Frame = FrameTarget;  // the view is a 2D-array view of one layer

    // Builds the swapchain for `surface` (owned by the caller: platform::Window::createSurface);
    // throws GpuError. `vsync` false picks MAILBOX (else IMMEDIATE) where the surface has it,
    // so that a window mirroring a headset never holds the headset's frame loop to the
    // monitor's rate.
    WindowTarget(Device& device, SurfaceHandle surface, Extent size, std::uint32_t framesInFlight = 2,
                 bool vsync = true);
    ~WindowTarget();
    WindowTarget(const WindowTarget&) = delete;
    WindowTarget& operator=(const WindowTarget&) = delete;

    // The swapchain's colour format (the renderer drawing into it needs the same).
    ColourFormat format() const;
    std::uint32_t imageCount() const;
    std::uint32_t framesInFlight() const;
    // Called (device idle) before old image views go away, e.g. Renderer::forgetTargets.
    void onRebuild(std::function<void()> callback);

    // Waits for the slot's previous frame and acquires an image; nullopt when the swapchain
    // was rebuilt or the window is minimised (skip this frame).
    std::optional<Frame> begin(Extent windowSize);
    // Submits the recorded commands and presents; false when presentation failed for good.
    bool end(const Frame& frame);
    // Copies the last presented image as RGBA8 rows (waits for the device); empty when none.
    std::vector<std::uint8_t> captureLast(Extent& extent);

private:
    std::unique_ptr<SwapchainImpl> impl_;
};

}  // namespace palpa::gpu
