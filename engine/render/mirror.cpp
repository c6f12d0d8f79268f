#include "render/mirror.hpp"

#include <algorithm>

#include "gpu/resources.hpp"
#include "gpu/vk_types.hpp"
#include "gpu/vulkan_device.hpp"

namespace palpa::render {

struct EyeMirror::Copy {
    gpu::Image image;
};

EyeMirror::EyeMirror(gpu::Device& device, gpu::Extent extent, gpu::ColourFormat format) : copy_(std::make_unique<Copy>()) {
    gpu::ImageDesc desc;
    desc.extent = gpu::toVk(extent);
    desc.format = gpu::toVk(format);
    // COLOR_ATTACHMENT only so that the image may have a view; the copy is all it is used for.
    desc.usage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                 VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    copy_->image = gpu::makeImage(gpu::vk(device), desc);
}

EyeMirror::~EyeMirror() = default;

void EyeMirror::capture(gpu::CommandList commands, gpu::ImageHandle source_handle, gpu::Extent source_extent, std::uint32_t layer) {
    const VkCommandBuffer cb = gpu::toVk(commands);
    const VkImage source = gpu::toVk(source_handle);
    const VkExtent2D se = gpu::toVk(source_extent);
    const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
    VkImageMemoryBarrier b[2]{};
    b[0] = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    b[0].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    b[0].oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    b[0].newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    b[0].srcQueueFamilyIndex = b[0].dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b[0].image = source;
    b[0].subresourceRange = range;
    b[1] = b[0];
    b[1].srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;  // the last blit out of the copy
    b[1].dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b[1].oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    b[1].newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b[1].image = copy_->image.image.get();
    b[1].subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(
        cb, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
        VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 2, b);
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.extent = {std::min(se.width, copy_->image.desc.extent.width),
                     std::min(se.height, copy_->image.desc.extent.height), 1};
    vkCmdCopyImage(cb, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, copy_->image.image.get(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    b[0].srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    b[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT;
    b[0].oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    b[0].newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    b[1].srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    b[1].oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b[1].newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    vkCmdPipelineBarrier(
        cb, VK_PIPELINE_STAGE_TRANSFER_BIT,
        VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
        nullptr, 0, nullptr, 2, b);
    captured_ = true;
}

void EyeMirror::present(gpu::CommandList commands, gpu::ImageHandle target_handle, gpu::Extent target_extent) {
    const VkCommandBuffer cb = gpu::toVk(commands);
    const VkImage target = gpu::toVk(target_handle);
    const VkExtent2D te = gpu::toVk(target_extent);
    const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.srcAccessMask = 0;
    b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = target;
    b.subresourceRange = range;
    // The window's submission waits for the acquired image at COLOR_ATTACHMENT_OUTPUT: the
    // layout change must come after that stage.
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &b);
    const VkClearColorValue black{{0.0f, 0.0f, 0.0f, 1.0f}};
    vkCmdClearColorImage(cb, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &black, 1, &range);
    if (captured_) {
        b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        b.oldLayout = b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
        vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                             0, nullptr, 0, nullptr, 1, &b);
        // Fit the eye into the window, keeping its aspect ratio.
        const VkExtent2D se = copy_->image.desc.extent;
        const float scale = std::min(static_cast<float>(te.width) / static_cast<float>(se.width),
                                     static_cast<float>(te.height) / static_cast<float>(se.height));
        const auto w = static_cast<std::int32_t>(static_cast<float>(se.width) * scale);
        const auto h = static_cast<std::int32_t>(static_cast<float>(se.height) * scale);
        const std::int32_t x = (static_cast<std::int32_t>(te.width) - w) / 2,
                           y = (static_cast<std::int32_t>(te.height) - h) / 2;
        VkImageBlit blit{};
        blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        blit.srcOffsets[1] = {static_cast<std::int32_t>(se.width),
                              static_cast<std::int32_t>(se.height), 1};
        blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        blit.dstOffsets[0] = {x, y, 0};
        blit.dstOffsets[1] = {x + w, y + h, 1};
        vkCmdBlitImage(cb, copy_->image.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    }
    b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.dstAccessMask = 0;
    b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT,
                         0, 0, nullptr, 0, nullptr, 1, &b);
}

}  // namespace palpa::render
