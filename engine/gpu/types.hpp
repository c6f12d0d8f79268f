// Role: the GPU's values as code above the engine sees them: sizes, a colour format, where a
// frame goes after the renderer's pass, and the handles of one frame's image and commands. All
// are opaque values (the engine knows them as Vulkan's; gpu/vk_types.hpp converts), so the
// trainer never names or includes a graphics API: it hands frames from a target to the
// drawing code and reads their size.
#pragma once

#include <cstdint>

namespace palpa::gpu {

struct Extent {
    std::uint32_t width = 0, height = 0;
};

// A colour format a swapchain or a runtime chose; Default is the renderer's own (RGBA8 sRGB).
enum class ColourFormat : std::int32_t { Default = 0 };

// Opaque handles, valid for the frame or target that handed them out.
enum class CommandList : std::uintptr_t { None = 0 };  // commands being recorded
enum class ImageHandle : std::uint64_t { None = 0 };   // a colour image
enum class ViewHandle : std::uint64_t { None = 0 };    // a 2D-array view of one
enum class SurfaceHandle : std::uint64_t { None = 0 }; // a window's presentation surface
enum class RenderPassHandle : std::uint64_t { None = 0 };

// One image being drawn this frame, wherever it goes (a window's swapchain, an OpenXR
// swapchain): the commands that draw it, the image and its view, its size and the
// frame-in-flight slot. The renderer, the panel and the mirror take it whole.
struct FrameTarget {
    CommandList commands = CommandList::None;  // begun; the target ends and submits it
    ImageHandle image = ImageHandle::None;
    ViewHandle view = ViewHandle::None;  // 2D-array view over the image's layers
    Extent extent;
    std::uint32_t slot = 0;  // frame-in-flight index (the renderer's uniform slot)
};

}  // namespace palpa::gpu
