// Role: inside the engine, the Device as Vulkan: the instance, the chosen physical device, the
// logical device and its graphics queue, with validation-layer messages collected for tests.
// One per process; it owns every handle it creates and must outlive all resources made from
// it. Code above the engine sees only gpu/device.hpp.
#pragma once

#include <vulkan/vulkan.h>

#include "gpu/device.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gpu/handle.hpp"

namespace palpa::gpu {

// How a window or a runtime takes part in making the device.
struct DeviceHooks {
    // Optional: may this queue family of this device present (to a window)?
    std::function<bool(VkInstance, VkPhysicalDevice, std::uint32_t)> can_present;
    // Optional: another party creates the instance and device with palpa's create infos (an
    // OpenXR runtime under XR_KHR_vulkan_enable2). Each returns the handle or throws GpuError.
    std::function<VkInstance(const VkInstanceCreateInfo&)> create_instance;
    // Optional: the only physical device allowed (the one the headset is attached to).
    std::function<VkPhysicalDevice(VkInstance)> physical_device;
    std::function<VkDevice(VkPhysicalDevice, const VkDeviceCreateInfo&)> create_device;
};

class VulkanDevice final : public Device {
public:
    // Creates the instance and device; throws GpuError saying what is missing.
    static std::unique_ptr<VulkanDevice> create(const DeviceOptions& options);
    ~VulkanDevice() override;

    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physical() const { return physical_; }
    VkDevice device() const { return device_; }
    VkQueue queue() const { return queue_; }
    std::uint32_t queueFamily() const { return family_; }
    const VkPhysicalDeviceProperties& properties() const { return properties_; }
    std::string description() const override;

    // A memory type index with these bits and properties; throws GpuError when none.
    std::uint32_t memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags wanted) const;
    // Whether a memory type with these bits has all `wanted` properties.
    bool hasMemoryType(std::uint32_t typeBits, VkMemoryPropertyFlags wanted) const;
    // Records commands with `record`, submits them and waits (uploads, readbacks).
    void submitNow(const std::function<void(VkCommandBuffer)>& record);
    void waitIdle() const override;
    std::vector<std::string> validationMessages() const override;
    bool validationEnabled() const override { return messenger_ != VK_NULL_HANDLE; }

private:
    VulkanDevice() = default;
    friend VkBool32 VKAPI_CALL debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                             VkDebugUtilsMessageTypeFlagsEXT,
                                             const VkDebugUtilsMessengerCallbackDataEXT*, void*);

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    std::uint32_t family_ = 0;
    VkPhysicalDeviceProperties properties_{};
    VkPhysicalDeviceMemoryProperties memory_{};
    Handle<VkCommandPool> pool_;
    mutable std::mutex messagesMutex_;
    std::vector<std::string> messages_;
};

// The engine's view of a device the app holds (every Device is a VulkanDevice).
inline VulkanDevice& vk(Device& device) { return static_cast<VulkanDevice&>(device); }
inline const VulkanDevice& vk(const Device& device) { return static_cast<const VulkanDevice&>(device); }

}  // namespace palpa::gpu
