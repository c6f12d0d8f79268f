// PALPA_SIM_CAPTURE: a projection layer's two views copied from the swapchain images the app
// released into host memory and saved as RGBA8 PNGs (the bytes as stored: sRGB stays encoded).
#include <stb/stb_image_write.h>

#include <algorithm>
#include <filesystem>

#include "xrsim.hpp"

namespace palpa::xrsim {

namespace {

struct HostBuffer {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    bool coherent = false;
};

bool makeHostBuffer(const Graphics& g, VkDeviceSize size, HostBuffer& out) {
    VkBufferCreateInfo ci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    ci.size = size;
    ci.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    if (g.vk.vkCreateBuffer(g.device, &ci, nullptr, &out.buffer) != VK_SUCCESS) return false;
    VkMemoryRequirements req;
    g.vk.vkGetBufferMemoryRequirements(g.device, out.buffer, &req);
    VkPhysicalDeviceMemoryProperties props;
    g.vk.vkGetPhysicalDeviceMemoryProperties(g.physical, &props);
    std::optional<std::uint32_t> type;
    const VkMemoryPropertyFlags visible = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
    for (VkMemoryPropertyFlags want : {visible | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, visible})
        for (std::uint32_t i = 0; i < props.memoryTypeCount && !type; ++i)
            if ((req.memoryTypeBits & (1u << i)) && (props.memoryTypes[i].propertyFlags & want) == want) type = i;
    if (!type) return false;
    out.coherent = props.memoryTypes[*type].propertyFlags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = *type;
    return g.vk.vkAllocateMemory(g.device, &ai, nullptr, &out.memory) == VK_SUCCESS &&
           g.vk.vkBindBufferMemory(g.device, out.buffer, out.memory, 0) == VK_SUCCESS;
}

void freeHostBuffer(const Graphics& g, HostBuffer& b) {
    if (b.buffer) g.vk.vkDestroyBuffer(g.device, b.buffer, nullptr);
    if (b.memory) g.vk.vkFreeMemory(g.device, b.memory, nullptr);
    b = {};
}

VkImageMemoryBarrier imageBarrier(const Swapchain& sc, std::uint32_t image, VkImageLayout from, VkImageLayout to,
                                  VkAccessFlags srcAccess, VkAccessFlags dstAccess) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    b.oldLayout = from;
    b.newLayout = to;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = sc.images[image].image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, sc.info.arraySize};
    return b;
}

// Records the copies of both views into the buffer, with the layout round trip per image.
void recordCopies(const Graphics& g, VkCommandBuffer cb, const std::array<CaptureView, 2>& views,
                  const std::array<VkDeviceSize, 2>& offsets, VkBuffer buffer) {
    std::vector<std::pair<const Swapchain*, std::uint32_t>> images;  // each image once
    for (const CaptureView& v : views) {
        const std::pair<const Swapchain*, std::uint32_t> key{v.swapchain, v.image};
        if (std::find(images.begin(), images.end(), key) == images.end()) images.push_back(key);
    }

    std::vector<VkImageMemoryBarrier> before, after;
    VkPipelineStageFlags srcStages = 0, dstStages = 0;
    for (const auto& [sc, image] : images) {
        const bool colour = sc->layout == VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
        // The app's rendering was submitted on this queue before xrEndFrame: wait for its writes.
        srcStages |= colour ? VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT
                            : VK_PIPELINE_STAGE_ALL_COMMANDS_BIT;
        const VkAccessFlags written =
            colour ? VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT : VK_ACCESS_MEMORY_WRITE_BIT;
        before.push_back(imageBarrier(*sc, image, sc->layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, written,
                                      VK_ACCESS_TRANSFER_READ_BIT));
        const LayoutUse use = layoutUse(sc->layout);
        dstStages |= use.stage;
        after.push_back(imageBarrier(*sc, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, sc->layout, 0, use.access));
    }
    g.vk.vkCmdPipelineBarrier(cb, srcStages, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr,
                              static_cast<std::uint32_t>(before.size()), before.data());
    for (std::size_t i = 0; i < 2; ++i) {
        const CaptureView& v = views[i];
        VkBufferImageCopy region{};
        region.bufferOffset = offsets[i];
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, v.layer, 1};
        region.imageOffset = {v.rect.offset.x, v.rect.offset.y, 0};
        region.imageExtent = {static_cast<std::uint32_t>(v.rect.extent.width),
                              static_cast<std::uint32_t>(v.rect.extent.height), 1};
        g.vk.vkCmdCopyImageToBuffer(cb, v.swapchain->images[v.image].image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                    buffer, 1, &region);
    }
    g.vk.vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, dstStages, 0, 0, nullptr, 0, nullptr,
                              static_cast<std::uint32_t>(after.size()), after.data());
    VkBufferMemoryBarrier host{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
    host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    host.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    host.buffer = buffer;
    host.offset = 0;
    host.size = VK_WHOLE_SIZE;
    g.vk.vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1, &host,
                              0, nullptr);
}

}  // namespace

void captureViews(Session& s, const std::array<CaptureView, 2>& views, const std::string& tag) {
    Graphics& g = s.graphics;
    const Instance& instance = *s.instance;
    std::array<VkDeviceSize, 2> offsets{};
    VkDeviceSize size = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        offsets[i] = size;
        size += static_cast<VkDeviceSize>(views[i].rect.extent.width) * views[i].rect.extent.height * 4;
    }
    HostBuffer buffer;
    void* mapped = nullptr;
    const bool ok = makeHostBuffer(g, size, buffer) &&
                    submitOnce(g, [&](VkCommandBuffer cb) { recordCopies(g, cb, views, offsets, buffer.buffer); }) &&
                    g.vk.vkMapMemory(g.device, buffer.memory, 0, VK_WHOLE_SIZE, 0, &mapped) == VK_SUCCESS;
    if (!ok) {
        logLine("error: capture " + tag + ": the copy from the swapchain failed");
        freeHostBuffer(g, buffer);
        return;
    }
    if (!buffer.coherent) {
        VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
        range.memory = buffer.memory;
        range.size = VK_WHOLE_SIZE;
        g.vk.vkInvalidateMappedMemoryRanges(g.device, 1, &range);
    }
    const char* names[] = {"left", "right"};
    for (std::size_t i = 0; i < 2; ++i) {
        const int w = views[i].rect.extent.width;
        const int h = views[i].rect.extent.height;
        const auto* bytes = static_cast<const unsigned char*>(mapped) + offsets[i];
        std::vector<unsigned char> rgba(bytes, bytes + static_cast<std::size_t>(w) * h * 4);
        if (views[i].swapchain->format == VK_FORMAT_B8G8R8A8_SRGB ||
            views[i].swapchain->format == VK_FORMAT_B8G8R8A8_UNORM)
            for (std::size_t p = 0; p < rgba.size(); p += 4) std::swap(rgba[p], rgba[p + 2]);
        const std::filesystem::path file =
            std::filesystem::path(instance.config.capture_dir) / (tag + "-" + names[i] + ".png");
        if (!stbi_write_png(file.c_str(), w, h, 4, rgba.data(), w * 4))
            logLine("error: capture: cannot write " + file.string());
        else
            instance.log("captured " + file.string());
    }
    g.vk.vkUnmapMemory(g.device, buffer.memory);
    freeHostBuffer(g, buffer);
}

void flushPendingCapture(Session& s) {
    if (!s.pending_capture) return;
    const PendingCapture pending = *s.pending_capture;
    s.pending_capture.reset();
    captureViews(s, pending.views, "frame-last");
}

}  // namespace palpa::xrsim
