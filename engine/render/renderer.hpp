// Role: draws a scene::Scene for one or two views (VK_KHR_multiview, one pass) into a colour
// target with depth and MSAA: an offscreen image, a window's swapchain image, or an image an
// OpenXR swapchain hands over. Owns its pipelines, mesh buffers and attachments; the caller
// owns targets, command buffers and synchronisation. Frame input is plain data (FrameDesc).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "gpu/device.hpp"
#include "gpu/types.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"

namespace palpa::render {

// Where a frame goes after the renderer's pass (the layout its image is left in).
enum class FrameUse {
    Readback,     // copied back to the CPU (offscreen pictures)
    Present,      // shown in a window
    XrSwapchain,  // handed to an OpenXR runtime (as a colour attachment, what runtimes expect)
};

struct RenderConfig {
    gpu::ColourFormat colour_format = gpu::ColourFormat::Default;  // the target's (a swapchain's, a runtime's)
    std::uint32_t samples = 4;                                     // MSAA samples; lowered when unsupported
    std::uint32_t views = 1;                                       // 1 mono, 2 stereo
    FrameUse use = FrameUse::Readback;
    std::uint32_t frames_in_flight = 1;                     // uniform-buffer slots
    std::filesystem::path shader_dir;                       // empty: default search (shaderDir())
    bool cull = true;  // skip what no view can see (frustum, enclosing layer); false: draw all

    static RenderConfig forPresenting() {
        RenderConfig c;
        c.use = FrameUse::Present;
        return c;
    }
    static RenderConfig forXrSwapchain() {
        RenderConfig c;
        c.use = FrameUse::XrSwapchain;
        return c;
    }
};

// The colour image a frame resolves into: `views` array layers, colour_format.
struct Target {
    gpu::ImageHandle image = gpu::ImageHandle::None;
    gpu::ViewHandle view = gpu::ViewHandle::None;  // 2D-array view over the layers
    gpu::Extent extent;
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
    // `slot`. The target may start in any layout; it ends in the layout config().use asks for.
    void record(gpu::CommandList commands, const FrameDesc& frame, const Target& target, std::uint32_t slot = 0);
    // The same into a frame of a window or a headset (its commands, image, size and slot).
    void record(const gpu::FrameTarget& into, const FrameDesc& frame) {
        record(into.commands, frame, Target{into.image, into.view, into.extent}, into.slot);
    }
    // Forgets framebuffers made for targets (call after the device is idle, before a
    // swapchain's image views are destroyed).
    void forgetTargets();

    const RenderConfig& config() const;
    gpu::RenderPassHandle renderPass() const;  // for the engine's overlays
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
    void setOverlay(std::function<void(gpu::CommandList)> overlay);

    struct Impl;  // engine-internal (render/renderer_impl.hpp)

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace palpa::render
