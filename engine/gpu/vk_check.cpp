#include "gpu/vk_check.hpp"

namespace palpa::gpu {

const char* resultName(VkResult r) {
    switch (r) {
#define PALPA_RESULT(name) \
    case name: return #name;
        PALPA_RESULT(VK_SUCCESS)
        PALPA_RESULT(VK_NOT_READY)
        PALPA_RESULT(VK_TIMEOUT)
        PALPA_RESULT(VK_INCOMPLETE)
        PALPA_RESULT(VK_SUBOPTIMAL_KHR)
        PALPA_RESULT(VK_ERROR_OUT_OF_HOST_MEMORY)
        PALPA_RESULT(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        PALPA_RESULT(VK_ERROR_INITIALIZATION_FAILED)
        PALPA_RESULT(VK_ERROR_DEVICE_LOST)
        PALPA_RESULT(VK_ERROR_MEMORY_MAP_FAILED)
        PALPA_RESULT(VK_ERROR_LAYER_NOT_PRESENT)
        PALPA_RESULT(VK_ERROR_EXTENSION_NOT_PRESENT)
        PALPA_RESULT(VK_ERROR_FEATURE_NOT_PRESENT)
        PALPA_RESULT(VK_ERROR_INCOMPATIBLE_DRIVER)
        PALPA_RESULT(VK_ERROR_TOO_MANY_OBJECTS)
        PALPA_RESULT(VK_ERROR_FORMAT_NOT_SUPPORTED)
        PALPA_RESULT(VK_ERROR_SURFACE_LOST_KHR)
        PALPA_RESULT(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        PALPA_RESULT(VK_ERROR_OUT_OF_DATE_KHR)
        PALPA_RESULT(VK_ERROR_UNKNOWN)
#undef PALPA_RESULT
        default: return "VK_RESULT_UNKNOWN";
    }
}

void check(VkResult result, const char* expression, const char* file, int line) {
    if (result >= 0) return;
    throw GpuError(std::string(expression) + " failed with " + resultName(result) + " (" +
                       std::to_string(static_cast<int>(result)) + ") at " + file + ":" +
                       std::to_string(line),
                   result);
}

}  // namespace palpa::gpu
