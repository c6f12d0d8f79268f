// Role: the OpenXR headers as engine/xr's internals use them (Vulkan's types first, then
// openxr_platform.h with its Vulkan binding: the one place XR_USE_GRAPHICS_API_VULKAN is set),
// the view configuration palpa runs and the pose conversion every owner needs. Not part of the
// engine's interface.
#pragma once

#include <vulkan/vulkan.h>

#ifndef XR_USE_GRAPHICS_API_VULKAN
#define XR_USE_GRAPHICS_API_VULKAN
#endif
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include "xr/pose.hpp"

namespace palpa::xr::detail {

// Two views, one per eye, rendered into the two layers of one swapchain.
inline constexpr XrViewConfigurationType kStereo = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;

inline Pose toPose(const XrPosef& p) {
    Pose out;
    out.position = {p.position.x, p.position.y, p.position.z};
    out.orientation = glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z);
    return out;
}

}  // namespace palpa::xr::detail
