#include "render/image.hpp"

#include "gpu/swapchain.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include "core/error.hpp"

namespace palpa::render {

void writePng(const std::filesystem::path& path, const Rgba8Image& image) {
    if (image.width == 0 || image.height == 0) throw Error("cannot write an empty image to " + path.string());
    if (!stbi_write_png(path.string().c_str(), static_cast<int>(image.width), static_cast<int>(image.height), 4,
                        image.pixels.data(), static_cast<int>(image.width * 4)))
        throw Error("cannot write PNG " + path.string());
}

Rgba8Image readPng(const std::filesystem::path& path) {
    int w = 0, h = 0, channels = 0;
    stbi_uc* data = stbi_load(path.string().c_str(), &w, &h, &channels, 4);
    if (!data) throw InputError(path.string(), "", std::string("cannot read PNG: ") + stbi_failure_reason());
    Rgba8Image img;
    img.width = static_cast<std::uint32_t>(w);
    img.height = static_cast<std::uint32_t>(h);
    img.pixels.assign(data, data + static_cast<std::size_t>(w) * h * 4);
    stbi_image_free(data);
    return img;
}

Rgba8Image captureLast(gpu::WindowTarget& target) {
    gpu::Extent extent;
    Rgba8Image image;
    image.pixels = target.captureLast(extent);
    image.width = extent.width;
    image.height = extent.height;
    return image;
}

}  // namespace palpa::render
