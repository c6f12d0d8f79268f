// Role: headless rendering. An OffscreenTarget owns a colour image (one layer per view) and
// a readback buffer; renderOffscreen() records a frame, submits it, waits and returns the
// pictures. Works on lavapipe with no display.
#pragma once

#include <vector>

#include "gpu/device.hpp"
#include "gpu/resources.hpp"
#include "render/image.hpp"
#include "render/renderer.hpp"

namespace palpa::render {

class OffscreenTarget {
public:
    // An image of width x height with `views` layers in the renderer's colour format.
    OffscreenTarget(gpu::Device& device, VkExtent2D extent, std::uint32_t views, VkFormat format);
    Target target() const;
    // Records the copy of every layer into the readback buffer (image in TRANSFER_SRC layout).
    void recordReadback(VkCommandBuffer cb) const;
    // The pictures copied by the last completed readback, one per view.
    std::vector<Rgba8Image> pictures() const;

private:
    gpu::Image image_;
    gpu::Buffer readback_;
    std::uint32_t views_;
};

// Renders one frame into `target` and returns one picture per view.
std::vector<Rgba8Image> renderOffscreen(gpu::Device& device, Renderer& renderer, const FrameDesc& frame,
                                        OffscreenTarget& target);

}  // namespace palpa::render
