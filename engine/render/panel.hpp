// Role: a floating Dear ImGui panel in the 3D scene (the headset's UI): ImGui draws into the
// panel's own texture in a small pass recorded before the scene, and a textured quad shows it
// inside the renderer's pass, in every view. Owns the ImGui context and its Vulkan backend
// (one ImGui user at a time: a Panel and a UiOverlay never live together), the texture, the
// quad pipeline and its descriptor; the renderer must outlive it.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>

#include "gpu/device.hpp"
#include "gpu/types.hpp"
#include "render/frame.hpp"
#include "render/renderer.hpp"

namespace palpa::render {

class Panel {
  public:
    // A panel of `pixels` drawn into `renderer`'s pass; throws GpuError / palpa::Error.
    Panel(gpu::Device& device, Renderer& renderer, gpu::Extent pixels, std::uint32_t framesInFlight);
    ~Panel();
    Panel(const Panel&) = delete;
    Panel& operator=(const Panel&) = delete;

    // Where a finger or pointer touches the panel this frame (pixels from its top-left) and
    // whether it presses; nullopt when nothing touches it. Call before newFrame().
    void setPointer(const std::optional<glm::vec2>& pixel, bool pressed);
    // Starts an ImGui frame the panel's size (call ImGui:: functions after it).
    void newFrame(float dt_seconds);
    // Finishes it.
    void endFrame();
    // Records the ImGui pass into the texture; call outside any pass, before Renderer::record.
    void recordTexture(gpu::CommandList commands);
    void recordTexture(const gpu::FrameTarget& frame) { recordTexture(frame.commands); }
    // Where the quad is this frame: world_from_panel maps the unit square (x, y in -0.5..0.5)
    // onto the panel (its columns: width vector, height vector, normal, centre); `views` are
    // the frame's views. Both are used by the renderer's overlay hook.
    void place(const glm::mat4& world_from_panel, const std::vector<View>& views);
    gpu::Extent pixels() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A panel's world_from_panel from its centre, its right and up directions and its size (m).
glm::mat4 panelTransform(const glm::vec3& centre, const glm::vec3& right, const glm::vec3& up,
                         float width_m, float height_m);

}  // namespace palpa::render
