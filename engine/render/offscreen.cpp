#include "render/offscreen.hpp"

#include <cstring>

#include "gpu/resources.hpp"
#include "gpu/vk_types.hpp"
#include "gpu/vulkan_device.hpp"

namespace palpa::render {

struct OffscreenTarget::Owned {
    gpu::Image image;
    gpu::Buffer readback;
};

OffscreenTarget::OffscreenTarget(gpu::Device& device, gpu::Extent extent, std::uint32_t views, gpu::ColourFormat format)
    : owned_(std::make_unique<Owned>()), views_(views) {
    gpu::ImageDesc d;
    d.extent = gpu::toVk(extent);
    d.layers = views;
    d.format = gpu::toVk(format);
    d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    owned_->image = gpu::makeImage(gpu::vk(device), d);
    owned_->readback = gpu::makeBuffer(gpu::vk(device), VkDeviceSize(extent.width) * extent.height * 4 * views,
                                       VK_BUFFER_USAGE_TRANSFER_DST_BIT, true);
}

OffscreenTarget::~OffscreenTarget() = default;

Target OffscreenTarget::target() const {
    const gpu::Image& image = owned_->image;
    return {gpu::imageOf(image.image.get()), gpu::viewOf(image.view.get()), gpu::fromVk(image.desc.extent)};
}

void OffscreenTarget::recordReadback(gpu::CommandList commands) const {
    const VkCommandBuffer cb = gpu::toVk(commands);
    const gpu::Image& img = owned_->image;
    const gpu::Buffer& rb = owned_->readback;
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, views_};
    region.imageExtent = {img.desc.extent.width, img.desc.extent.height, 1};
    vkCmdCopyImageToBuffer(cb, img.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, rb.buffer.get(), 1, &region);
    VkBufferMemoryBarrier b{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
    b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.buffer = rb.buffer.get();
    b.size = VK_WHOLE_SIZE;
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1, &b, 0, nullptr);
}

std::vector<Rgba8Image> OffscreenTarget::pictures() const {
    const gpu::Image& img = owned_->image;
    const gpu::Buffer& rb = owned_->readback;
    std::vector<Rgba8Image> out;
    const std::size_t bytes = std::size_t(img.desc.extent.width) * img.desc.extent.height * 4;
    for (std::uint32_t v = 0; v < views_; ++v) {
        Rgba8Image picture;
        picture.width = img.desc.extent.width;
        picture.height = img.desc.extent.height;
        picture.pixels.resize(bytes);
        std::memcpy(picture.pixels.data(), static_cast<const std::uint8_t*>(rb.mapped) + v * bytes, bytes);
        out.push_back(std::move(picture));
    }
    return out;
}

std::vector<Rgba8Image> renderOffscreen(gpu::Device& device, Renderer& renderer, const FrameDesc& frame,
                                        OffscreenTarget& target) {
    gpu::vk(device).submitNow([&](VkCommandBuffer cb) {
        renderer.record(gpu::fromVk(cb), frame, target.target());
        target.recordReadback(gpu::fromVk(cb));
    });
    return target.pictures();
}

}  // namespace palpa::render
