// Role: draws a scene::Scene for one or two views (VK_KHR_multiview, one pass) into a colour
// target with depth and MSAA: an offscreen image, a window's swapchain image, or an image an
// OpenXR swapchain hands over. Owns its pipelines, mesh buffers and attachments; the caller
// owns targets, command buffers and synchronisation. Frame input is plain data (FrameDesc).
#pragma once

#include <vulkan/vulkan.h>

#include "gpu/frame_target.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "gpu/device.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"

namespace palpa::render {

struct RenderConfig {
    VkFormat colour_format = VK_FORMAT_R8G8B8A8_SRGB;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_4_BIT;  // lowered when unsupported
    std::uint32_t views = 1;                                // 1 mono, 2 stereo
    VkImageLayout final_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;  // target layout after the pass
    std::uint32_t frames_in_flight = 1;                     // uniform-buffer slots
    std::filesystem::path shader_dir;                       // empty: default search (shaderDir())
    bool cull = true;  // skip what no view can see (frustum, enclosing layer); false: draw all

    // Where the frame goes after the pass, so that callers need not name Vulkan layouts: read
    // back (the default), presented in a window, or handed to an OpenXR runtime.
    static RenderConfig forPresenting() {
        RenderConfig c;
        c.final_layout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
        return c;
    }
    static RenderConfig forXrSwapchain() {
        RenderConfig c;
        c.final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;  // what runtimes expect back
        return c;
    }
};

// The colour image a frame resolves into: `views` array layers, colour_format.
struct Target {
    VkImage image = VK_NULL_HANDLE;
    VkImageView view = VK_NULL_HANDLE;  // 2D-array view over the layers
    VkExtent2D extent{0, 0};
};

// Where compiled SPIR-V is looked for: $PALPA_SHADERS, else beside the executable
// (../shaders), else the build tree.
std::filesystem::path shaderDir();

class Renderer {
public:
    // Uploads the scene and builds pipelines; throws GpuError / palpa::Error (missing shader).
    Renderer(gpu::Device& device, const scene::Scene& scene, RenderConfig config);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Records the frame into `cb` (outside any render pass) for `target`, using uniform slot
    // `slot`. The target may start in any layout; it ends in config().final_layout.
    void record(VkCommandBuffer cb, const FrameDesc& frame, const Target& target, std::uint32_t slot = 0);
    // The same into a frame of a window or a headset (its commands, image, size and slot).
    void record(const gpu::FrameTarget& into, const FrameDesc& frame) {
        record(into.commands, frame, Target{into.image, into.view, into.extent}, into.slot);
    }
    // Forgets framebuffers made for targets (call after the device is idle, before a
    // swapchain's image views are destroyed).
    void forgetTargets();

    const RenderConfig& config() const;
    VkRenderPass renderPass() const;
    // Draw calls recorded by the last record().
    std::uint32_t lastDrawCount() const;
    // Scene meshes skipped by the last record(): outside every view, or hidden under the
    // frame's enclosing layer.
    std::uint32_t lastCulledCount() const;
    // Scene meshes the last record() drew at their simplified level of detail.
    std::uint32_t lastLodCount() const;
    // GPU milliseconds of the last completed frame in `slot`, from timestamp queries.
    std::optional<double> gpuTimeMs(std::uint32_t slot = 0) const;
    // Called inside the render pass after the scene, for overlays (Dear ImGui, labels).
    void setOverlay(std::function<void(VkCommandBuffer)> overlay);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace palpa::render
