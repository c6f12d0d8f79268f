// Role: the desktop mirror of a headset view (the instructor's window): copies one eye of the
// rendered swapchain image into an image of its own inside the headset frame's commands (the
// runtime's image may not be touched after release), then blits that copy, letterboxed, into
// a window's swapchain image. Owns the copy; targets belong to their swapchains.
#pragma once

#include <memory>

#include "gpu/device.hpp"
#include "gpu/types.hpp"

namespace palpa::render {

class EyeMirror {
  public:
    // A copy of `extent` pixels in `format` (the headset swapchain's).
    EyeMirror(gpu::Device& device, gpu::Extent extent, gpu::ColourFormat format);
    ~EyeMirror();
    EyeMirror(const EyeMirror&) = delete;
    EyeMirror& operator=(const EyeMirror&) = delete;

    // Records the copy of array layer `layer` of `source` (in COLOR_ATTACHMENT_OPTIMAL, left
    // there afterwards); call after the frame's pass, before the commands are submitted. A
    // source of another size (a swapchain recreated after a loss) is copied where they overlap.
    void capture(gpu::CommandList commands, gpu::ImageHandle source, gpu::Extent source_extent,
                 std::uint32_t layer = 0);
    // Records the blit of the last copy into `target` (any layout before; PRESENT_SRC_KHR
    // after); the window shows black bars where the aspect ratios differ.
    void present(gpu::CommandList commands, gpu::ImageHandle target, gpu::Extent target_extent);
    // The same with a headset frame as the source and a window frame as the target.
    void capture(const gpu::FrameTarget& source, std::uint32_t layer = 0) {
        capture(source.commands, source.image, source.extent, layer);
    }
    void present(const gpu::FrameTarget& target) { present(target.commands, target.image, target.extent); }
    bool captured() const { return captured_; }

  private:
    struct Copy;  // the image the eye is copied into
    std::unique_ptr<Copy> copy_;
    bool captured_ = false;
};

}  // namespace palpa::render
