// Role: owned GPU buffers and images (memory bound, views made) and layout transitions.
// Each allocation is its own VkDeviceMemory: palpa has few, large resources.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>

#include "gpu/vulkan_device.hpp"
#include "gpu/handle.hpp"

namespace palpa::gpu {

struct Buffer {
    Handle<VkBuffer> buffer;
    Handle<VkDeviceMemory> memory;
    VkDeviceSize size = 0;
    void* mapped = nullptr;  // host-visible buffers stay mapped for their lifetime
};

// A buffer; host-visible (mapped, coherent) or device-local.
Buffer makeBuffer(VulkanDevice& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible);
// A device-local buffer holding `bytes` (through a staging copy where memory is not shared).
Buffer uploadBuffer(VulkanDevice& device, const void* bytes, VkDeviceSize size, VkBufferUsageFlags usage);

struct ImageDesc {
    VkExtent2D extent{1, 1};
    std::uint32_t layers = 1;  // array layers (one per multiview view)
    VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
    VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
    VkImageCreateFlags flags = 0;  // e.g. MUTABLE_FORMAT to view UNORM pixels as sRGB
};

struct Image {
    Handle<VkImage> image;
    Handle<VkDeviceMemory> memory;
    Handle<VkImageView> view;  // 2D array view over all layers
    ImageDesc desc;
};

// A device-local image with a view over all its layers.
Image makeImage(VulkanDevice& device, const ImageDesc& desc);
// A 2D-array view of `layers` layers of an image owned elsewhere (swapchain images).
Handle<VkImageView> makeView(VulkanDevice& device, VkImage image, VkFormat format, std::uint32_t layers,
                             VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT);

// Records a pipeline barrier moving every layer of `image` between layouts.
void transition(VkCommandBuffer cb, VkImage image, VkImageAspectFlags aspect, std::uint32_t layers,
                VkImageLayout from, VkImageLayout to, VkPipelineStageFlags srcStage,
                VkAccessFlags srcAccess, VkPipelineStageFlags dstStage, VkAccessFlags dstAccess);

}  // namespace palpa::gpu
