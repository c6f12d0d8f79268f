#include "gpu/resources.hpp"

#include <cstring>

#include "gpu/vk_check.hpp"

namespace palpa::gpu {

Buffer makeBuffer(VulkanDevice& d, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible) {
    Buffer b;
    b.size = size;
    VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bci.size = size;
    bci.usage = usage;
    bci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VkBuffer raw;
    PALPA_VK(vkCreateBuffer(d.device(), &bci, nullptr, &raw));
    b.buffer = Handle<VkBuffer>(d.device(), raw, vkDestroyBuffer);
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(d.device(), raw, &req);
    VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    mai.allocationSize = req.size;
    mai.memoryTypeIndex = d.memoryType(req.memoryTypeBits,
                                       hostVisible ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                                   : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    VkDeviceMemory mem;
    PALPA_VK(vkAllocateMemory(d.device(), &mai, nullptr, &mem));
    b.memory = Handle<VkDeviceMemory>(d.device(), mem, vkFreeMemory);
    PALPA_VK(vkBindBufferMemory(d.device(), raw, mem, 0));
    if (hostVisible) PALPA_VK(vkMapMemory(d.device(), mem, 0, VK_WHOLE_SIZE, 0, &b.mapped));
    return b;
}

Buffer uploadBuffer(VulkanDevice& d, const void* bytes, VkDeviceSize size, VkBufferUsageFlags usage) {
    // Where device-local memory is also host-visible (lavapipe, integrated GPUs) write directly.
    VkBufferCreateInfo probe{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    probe.size = size;
    probe.usage = usage;
    VkBuffer tmp;
    PALPA_VK(vkCreateBuffer(d.device(), &probe, nullptr, &tmp));
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(d.device(), tmp, &req);
    vkDestroyBuffer(d.device(), tmp, nullptr);
    if (d.hasMemoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT |
                                                VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                                VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) &&
        d.properties().deviceType != VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU) {
        Buffer b = makeBuffer(d, size, usage, true);
        std::memcpy(b.mapped, bytes, size);
        return b;
    }
    Buffer staging = makeBuffer(d, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
    std::memcpy(staging.mapped, bytes, size);
    Buffer b = makeBuffer(d, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false);
    d.submitNow([&](VkCommandBuffer cb) {
        const VkBufferCopy region{0, 0, size};
        vkCmdCopyBuffer(cb, staging.buffer.get(), b.buffer.get(), 1, &region);
    });
    return b;
}

Handle<VkImageView> makeView(VulkanDevice& d, VkImage image, VkFormat format, std::uint32_t layers,
                             VkImageAspectFlags aspect) {
    VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vci.image = image;
    vci.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    vci.format = format;
    vci.subresourceRange = {aspect, 0, 1, 0, layers};
    VkImageView view;
    PALPA_VK(vkCreateImageView(d.device(), &vci, nullptr, &view));
    return Handle<VkImageView>(d.device(), view, vkDestroyImageView);
}

Image makeImage(VulkanDevice& d, const ImageDesc& desc) {
    Image img;
    img.desc = desc;
    VkImageCreateInfo ici{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    ici.flags = desc.flags;
    ici.imageType = VK_IMAGE_TYPE_2D;
    ici.format = desc.format;
    ici.extent = {desc.extent.width, desc.extent.height, 1};
    ici.mipLevels = 1;
    ici.arrayLayers = desc.layers;
    ici.samples = desc.samples;
    ici.tiling = VK_IMAGE_TILING_OPTIMAL;
    ici.usage = desc.usage;
    ici.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImage raw;
    PALPA_VK(vkCreateImage(d.device(), &ici, nullptr, &raw));
    img.image = Handle<VkImage>(d.device(), raw, vkDestroyImage);
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(d.device(), raw, &req);
    VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    mai.allocationSize = req.size;
    mai.memoryTypeIndex = d.memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    VkDeviceMemory mem;
    const VkResult r = vkAllocateMemory(d.device(), &mai, nullptr, &mem);
    if (r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY)
        throw GpuError("not enough GPU memory for a " + std::to_string(desc.extent.width) + "x" +
                           std::to_string(desc.extent.height) + " image",
                       r);
    PALPA_VK(r);
    img.memory = Handle<VkDeviceMemory>(d.device(), mem, vkFreeMemory);
    PALPA_VK(vkBindImageMemory(d.device(), raw, mem, 0));
    img.view = makeView(d, raw, desc.format, desc.layers, desc.aspect);
    return img;
}

void transition(VkCommandBuffer cb, VkImage image, VkImageAspectFlags aspect, std::uint32_t layers,
                VkImageLayout from, VkImageLayout to, VkPipelineStageFlags srcStage,
                VkAccessFlags srcAccess, VkPipelineStageFlags dstStage, VkAccessFlags dstAccess) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.oldLayout = from;
    b.newLayout = to;
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {aspect, 0, 1, 0, layers};
    vkCmdPipelineBarrier(cb, srcStage, dstStage, 0, 0, nullptr, 0, nullptr, 1, &b);
}

}  // namespace palpa::gpu
