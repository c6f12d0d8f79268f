// Role: one image being drawn this frame, wherever it goes (a window's swapchain, an OpenXR
// swapchain): the command buffer that draws it, the image and its view, its size and the
// frame-in-flight slot. The renderer, the panel and the mirror take it whole, so the app hands
// frames from the target to the drawing code without touching a Vulkan handle.
#pragma once

#include <cstdint>

#include <vulkan/vulkan.h>

namespace palpa::gpu {

struct FrameTarget {
    VkCommandBuffer commands = VK_NULL_HANDLE;  // begun; the target ends and submits it
    VkImage image = VK_NULL_HANDLE;
    VkImageView view = VK_NULL_HANDLE;  // 2D-array view over the image's layers
    VkExtent2D extent{0, 0};
    std::uint32_t slot = 0;  // frame-in-flight index (the renderer's uniform slot)
};

}  // namespace palpa::gpu
