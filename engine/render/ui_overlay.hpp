// Role: Dear ImGui drawn inside the renderer's pass (desktop panels, labels). Owns the ImGui
// context and its Vulkan backend objects; the window's input backend is attached when a
// platform window is given. One UiOverlay at a time (ImGui's backends are global).
#pragma once

#include <memory>

#include "gpu/device.hpp"
#include "gpu/types.hpp"
#include "render/renderer.hpp"

struct GLFWwindow;

namespace palpa::render {

class UiOverlay {
public:
    // Sets up ImGui for `renderer`'s pass; `window` may be null (headless: no input).
    UiOverlay(gpu::Device& device, Renderer& renderer, std::uint32_t imageCount, GLFWwindow* window);
    ~UiOverlay();
    UiOverlay(const UiOverlay&) = delete;
    UiOverlay& operator=(const UiOverlay&) = delete;

    // Starts an ImGui frame of the given size in pixels (call ImGui:: functions after it).
    void newFrame(gpu::Extent size);
    // Finishes the frame; its draw data is recorded by the renderer's overlay hook.
    void endFrame();
    // Draws the frame's labels (a dot and its text) as seen from its first view; call between
    // newFrame and endFrame. Labels behind the eye are skipped.
    void drawLabels(const FrameDesc& frame, gpu::Extent size);
    // Whether ImGui wants the mouse (the 3D view should ignore it then).
    bool wantsMouse() const;

private:
    gpu::Device& device_;
    Renderer& renderer_;
    struct Pool;  // the backend's descriptor pool
    std::unique_ptr<Pool> pool_;
    bool glfw_ = false;
    bool srgb_ = false;  // the target encodes sRGB: ImGui colours are decoded first
};

}  // namespace palpa::render
