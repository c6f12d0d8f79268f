// Role: inside the engine, palpa's opaque GPU values (gpu/types.hpp) to Vulkan's and back.
// Dispatchable handles are pointers; non-dispatchable ones are 64-bit everywhere (pointers on
// 64-bit platforms, integers on 32-bit ones), which the opaque values hold unchanged.
#pragma once

#include <vulkan/vulkan.h>

#include <type_traits>

#include "gpu/types.hpp"

namespace palpa::gpu {

namespace detail {
template <class H>
H handleFrom(std::uint64_t bits) {
    if constexpr (std::is_pointer_v<H>) return reinterpret_cast<H>(static_cast<std::uintptr_t>(bits));
    else return static_cast<H>(bits);
}
template <class H>
std::uint64_t bitsOf(H handle) {
    if constexpr (std::is_pointer_v<H>) return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(handle));
    else return static_cast<std::uint64_t>(handle);
}
}  // namespace detail

inline VkExtent2D toVk(Extent e) { return {e.width, e.height}; }
inline Extent fromVk(VkExtent2D e) { return {e.width, e.height}; }

inline VkFormat toVk(ColourFormat f) {
    return f == ColourFormat::Default ? VK_FORMAT_R8G8B8A8_SRGB : static_cast<VkFormat>(f);
}
inline ColourFormat fromVk(VkFormat f) { return static_cast<ColourFormat>(f); }

inline VkCommandBuffer toVk(CommandList c) { return reinterpret_cast<VkCommandBuffer>(static_cast<std::uintptr_t>(c)); }
inline CommandList fromVk(VkCommandBuffer c) { return static_cast<CommandList>(reinterpret_cast<std::uintptr_t>(c)); }

inline VkImage toVk(ImageHandle h) { return detail::handleFrom<VkImage>(static_cast<std::uint64_t>(h)); }
inline ImageHandle imageOf(VkImage h) { return static_cast<ImageHandle>(detail::bitsOf(h)); }
inline VkImageView toVk(ViewHandle h) { return detail::handleFrom<VkImageView>(static_cast<std::uint64_t>(h)); }
inline ViewHandle viewOf(VkImageView h) { return static_cast<ViewHandle>(detail::bitsOf(h)); }
inline VkSurfaceKHR toVk(SurfaceHandle h) { return detail::handleFrom<VkSurfaceKHR>(static_cast<std::uint64_t>(h)); }
inline SurfaceHandle surfaceOf(VkSurfaceKHR h) { return static_cast<SurfaceHandle>(detail::bitsOf(h)); }
inline VkRenderPass toVk(RenderPassHandle h) { return detail::handleFrom<VkRenderPass>(static_cast<std::uint64_t>(h)); }
inline RenderPassHandle renderPassOf(VkRenderPass h) { return static_cast<RenderPassHandle>(detail::bitsOf(h)); }

// A frame as Vulkan's handles.
struct VkFrame {
    VkCommandBuffer commands;
    VkImage image;
    VkImageView view;
    VkExtent2D extent;
};
inline VkFrame toVk(const FrameTarget& f) { return {toVk(f.commands), toVk(f.image), toVk(f.view), toVk(f.extent)}; }

}  // namespace palpa::gpu
