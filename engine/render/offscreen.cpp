#include "render/offscreen.hpp"

#include <cstring>

namespace palpa::render {

OffscreenTarget::OffscreenTarget(gpu::Device& device, VkExtent2D extent, std::uint32_t views, VkFormat format)
    : views_(views) {
    gpu::ImageDesc d;
    d.extent = extent;
    d.layers = views;
    d.format = format;
    d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    image_ = gpu::makeImage(device, d);
    readback_ = gpu::makeBuffer(device, VkDeviceSize(extent.width) * extent.height * 4 * views,
                                VK_BUFFER_USAGE_TRANSFER_DST_BIT, true);
}

Target OffscreenTarget::target() const { return {image_.image.get(), image_.view.get(), image_.desc.extent}; }

void OffscreenTarget::recordReadback(VkCommandBuffer cb) const {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, views_};
    region.imageExtent = {image_.desc.extent.width, image_.desc.extent.height, 1};
    vkCmdCopyImageToBuffer(cb, image_.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.buffer.get(), 1, &region);
    VkBufferMemoryBarrier b{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
    b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.buffer = readback_.buffer.get();
    b.size = VK_WHOLE_SIZE;
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1, &b, 0, nullptr);
}

std::vector<Rgba8Image> OffscreenTarget::pictures() const {
    std::vector<Rgba8Image> out;
    const std::size_t bytes = std::size_t(image_.desc.extent.width) * image_.desc.extent.height * 4;
    for (std::uint32_t v = 0; v < views_; ++v) {
        Rgba8Image img;
        img.width = image_.desc.extent.width;
        img.height = image_.desc.extent.height;
        img.pixels.resize(bytes);
        std::memcpy(img.pixels.data(), static_cast<const std::uint8_t*>(readback_.mapped) + v * bytes, bytes);
        out.push_back(std::move(img));
    }
    return out;
}

std::vector<Rgba8Image> renderOffscreen(gpu::Device& device, Renderer& renderer, const FrameDesc& frame,
                                        OffscreenTarget& target) {
    device.submitNow([&](VkCommandBuffer cb) {
        renderer.record(cb, frame, target.target());
        target.recordReadback(cb);
    });
    return target.pictures();
}

}  // namespace palpa::render
