// Role: the Vulkan instance, the chosen physical device, the logical device and its graphics
// queue, with validation-layer messages collected for tests. One Device per process; it owns
// every handle it creates and must outlive all resources made from it.
#pragma once

#include <vulkan/vulkan.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gpu/handle.hpp"

namespace palpa::gpu {

struct DeviceOptions {
    bool validation = false;                         // VK_LAYER_KHRONOS_validation + messenger
    std::vector<std::string> instance_extensions;    // e.g. what GLFW needs for a surface
    std::vector<std::string> device_extensions;      // e.g. VK_KHR_swapchain
    // Optional: may this queue family of this device present (to a window)?
    std::function<bool(VkInstance, VkPhysicalDevice, std::uint32_t)> can_present;
    std::string application = "palpa";
    // Optional: another party creates the instance and device with palpa's create infos (an
    // OpenXR runtime under XR_KHR_vulkan_enable2). Each returns the handle or throws GpuError.
    std::function<VkInstance(const VkInstanceCreateInfo&)> create_instance;
    // Optional: the only physical device allowed (the one the headset is attached to).
    std::function<VkPhysicalDevice(VkInstance)> physical_device;
    std::function<VkDevice(VkPhysicalDevice, const VkDeviceCreateInfo&)> create_device;
};

class Device {
public:
    // Creates the instance and device; throws GpuError saying what is missing.
    static std::unique_ptr<Device> create(const DeviceOptions& options);
    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physical() const { return physical_; }
    VkDevice device() const { return device_; }
    VkQueue queue() const { return queue_; }
    std::uint32_t queueFamily() const { return family_; }
    const VkPhysicalDeviceProperties& properties() const { return properties_; }
    // Human-readable device name and type ("llvmpipe (LLVM 15.0.6, 256 bits), CPU").
    std::string description() const;

    // A memory type index with these bits and properties; throws GpuError when none.
    std::uint32_t memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags wanted) const;
    // Whether a memory type with these bits has all `wanted` properties.
    bool hasMemoryType(std::uint32_t typeBits, VkMemoryPropertyFlags wanted) const;
    // Records commands with `record`, submits them and waits (uploads, readbacks).
    void submitNow(const std::function<void(VkCommandBuffer)>& record);
    // Waits until the device is idle (teardown).
    void waitIdle() const;

    // Validation messages (warnings and errors) seen so far; empty without validation.
    std::vector<std::string> validationMessages() const;
    bool validationEnabled() const { return messenger_ != VK_NULL_HANDLE; }

private:
    Device() = default;
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

}  // namespace palpa::gpu
