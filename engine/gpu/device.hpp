// Role: the GPU device as code above the engine sees it: made from options (validation, the
// extensions a window or runtime needs, and their hooks), described for messages, waited on
// at teardown, and asked for the validation layer's messages (tests fail on any). One per
// process; it must outlive everything made from it. Vulkan stays inside the engine
// (gpu/vulkan_device.hpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace palpa::gpu {

struct DeviceHooks;  // engine-internal: how a window or a runtime takes part (gpu/vulkan_device.hpp)

struct DeviceOptions {
    bool validation = false;                       // the validation layer and its messages
    std::vector<std::string> instance_extensions;  // e.g. what the window system needs for a surface
    std::vector<std::string> device_extensions;    // e.g. VK_KHR_swapchain
    std::string application = "palpa";
    // Optional: from platform::Window::presentHooks() (a device that can present to windows)
    // or from the OpenXR session (the runtime makes the instance and device).
    std::shared_ptr<const DeviceHooks> hooks;
};

class Device {
public:
    // Creates the device; throws GpuError saying what is missing.
    static std::unique_ptr<Device> create(const DeviceOptions& options);
    virtual ~Device() = default;
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    // Human-readable device name and type ("llvmpipe (LLVM 15.0.6, 256 bits), CPU").
    virtual std::string description() const = 0;
    // Waits until the device is idle (teardown).
    virtual void waitIdle() const = 0;
    // Validation messages (warnings and errors) seen so far; empty without validation.
    virtual std::vector<std::string> validationMessages() const = 0;
    virtual bool validationEnabled() const = 0;

protected:
    Device() = default;
};

}  // namespace palpa::gpu
