// Role: turns VkResult failures into palpa::gpu::GpuError naming the call, file and line.
// Use PALPA_VK(expr) at initialisation (throws); per-frame paths use vkStatus() and return.
#pragma once

#include <vulkan/vulkan.h>

#include <string>

#include "core/error.hpp"

namespace palpa::gpu {

// A Vulkan call failed, or the device lacks something palpa needs.
class GpuError : public Error {
public:
    GpuError(std::string message, VkResult result = VK_ERROR_UNKNOWN)
        : Error(std::move(message)), result_(result) {}
    VkResult result() const noexcept { return result_; }

private:
    VkResult result_;
};

// Readable name of a VkResult ("VK_ERROR_DEVICE_LOST").
const char* resultName(VkResult result);
// Throws GpuError "<expr> failed with <result> at <file>:<line>" unless result is VK_SUCCESS
// (or another non-negative status).
void check(VkResult result, const char* expression, const char* file, int line);

}  // namespace palpa::gpu

#define PALPA_VK(expr) ::palpa::gpu::check((expr), #expr, __FILE__, __LINE__)
