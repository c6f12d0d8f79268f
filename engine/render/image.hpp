// Role: a CPU-side RGBA8 picture (a rendered view read back) with PNG input and output.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include <glm/vec4.hpp>

namespace palpa::gpu {
class WindowTarget;
}  // namespace palpa::gpu

namespace palpa::render {

struct Rgba8Image {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> pixels;  // row-major, 4 bytes a pixel, sRGB encoded

    // The pixel at (x, y) as 0..255 values.
    glm::u8vec4 at(std::uint32_t x, std::uint32_t y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
        return {pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
    }
};

// Writes a PNG; throws palpa::Error naming the path on failure.
void writePng(const std::filesystem::path& path, const Rgba8Image& image);
// Reads a PNG as RGBA8; throws palpa::InputError naming the path on failure.
Rgba8Image readPng(const std::filesystem::path& path);
// The last image a window target presented, read back (empty when none was).
Rgba8Image captureLast(gpu::WindowTarget& target);

}  // namespace palpa::render
