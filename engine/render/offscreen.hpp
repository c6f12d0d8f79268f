// Role: headless rendering. An OffscreenTarget owns a colour image (one layer per view) and
// a readback buffer; renderOffscreen() records a frame, submits it, waits and returns the
// pictures. Works on lavapipe with no display.
#pragma once

#include <vector>

#include <memory>

#include "gpu/device.hpp"
#include "gpu/types.hpp"
#include "render/image.hpp"
#include "render/renderer.hpp"

namespace palpa::render {

class OffscreenTarget {
public:
    // An image of width x height with `views` layers in the renderer's colour format.
    OffscreenTarget(gpu::Device& device, gpu::Extent extent, std::uint32_t views, gpu::ColourFormat format);
    ~OffscreenTarget();
    OffscreenTarget(const OffscreenTarget&) = delete;
    OffscreenTarget& operator=(const OffscreenTarget&) = delete;
    Target target() const;
    // Records the copy of every layer into the readback buffer (image in TRANSFER_SRC layout).
    void recordReadback(gpu::CommandList commands) const;
    // The pictures copied by the last completed readback, one per view.
    std::vector<Rgba8Image> pictures() const;

private:
    struct Owned;  // the image and the readback buffer
    std::unique_ptr<Owned> owned_;
    std::uint32_t views_;
};

// Renders one frame into `target` and returns one picture per view.
std::vector<Rgba8Image> renderOffscreen(gpu::Device& device, Renderer& renderer, const FrameDesc& frame,
                                        OffscreenTarget& target);

}  // namespace palpa::render
