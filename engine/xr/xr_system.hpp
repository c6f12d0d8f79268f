// Role: the runtime's side of the OpenXR program, made once a run and kept across sessions:
// the instance (shared with the probe that opened it), the headset system, the extension
// functions, whether hands come from XR_EXT_hand_tracking, and the Vulkan device made through
// the runtime (XR_KHR_vulkan_enable2). Owns the device and its share of the instance; the
// device goes first. Not part of the engine's interface.
#pragma once

#include <memory>
#include <string>

#include "gpu/vulkan_device.hpp"
#include "xr/runtime_probe.hpp"
#include "xr/session.hpp"
#include "xr/xr_platform.hpp"

namespace palpa::xr {

class RuntimeConnection {
  public:
    RuntimeConnection() = default;
    ~RuntimeConnection() {
        if (handle) xrDestroyInstance(handle);
    }
    RuntimeConnection(const RuntimeConnection&) = delete;
    RuntimeConnection& operator=(const RuntimeConnection&) = delete;

    XrInstance handle = XR_NULL_HANDLE;
    std::string runtime;          // name and version
    bool hand_extension = false;  // XR_EXT_hand_tracking enabled
};

}  // namespace palpa::xr

namespace palpa::xr::detail {

// Creates the instance palpa's session needs: XR_KHR_vulkan_enable2 (required) and
// XR_EXT_hand_tracking when offered and `hand_tracking`. Throws XrError.
std::shared_ptr<RuntimeConnection> openInstance(bool hand_tracking, const std::string& application);

// Extension functions fetched with xrGetInstanceProcAddr.
struct Functions {
    PFN_xrGetVulkanGraphicsRequirements2KHR graphicsRequirements = nullptr;
    PFN_xrCreateVulkanInstanceKHR createVulkanInstance = nullptr;
    PFN_xrGetVulkanGraphicsDevice2KHR graphicsDevice = nullptr;
    PFN_xrCreateVulkanDeviceKHR createVulkanDevice = nullptr;
    PFN_xrCreateHandTrackerEXT createHandTracker = nullptr;  // these three with hand tracking
    PFN_xrDestroyHandTrackerEXT destroyHandTracker = nullptr;
    PFN_xrLocateHandJointsEXT locateHandJoints = nullptr;
};

class XrSystem {
  public:
    // Opens the instance when `connection` is null, gets the headset system and the extension
    // functions, then makes the Vulkan device through the runtime. Throws XrError / GpuError.
    XrSystem(const SessionOptions& options, std::shared_ptr<RuntimeConnection> connection);
    XrSystem(const XrSystem&) = delete;
    XrSystem& operator=(const XrSystem&) = delete;
    // Moves construct only: assigning over a live system would free its device out of order.
    XrSystem(XrSystem&&) noexcept = default;
    XrSystem& operator=(XrSystem&&) = delete;
    ~XrSystem() = default;  // the device, then the instance (declared the other way round)

    XrInstance instance() const { return instance_; }
    XrSystemId id() const { return system_; }
    const Functions& functions() const { return fn_; }
    const std::string& runtime() const { return runtime_; }
    bool handTracking() const { return hand_tracking_; }
    gpu::VulkanDevice& device() const { return *device_; }

    // The graphics binding a new session is made with; asks for the graphics requirements
    // first, as the spec wants before every xrCreateSession. Throws XrError.
    XrGraphicsBindingVulkan2KHR sessionBinding() const;
    // After a session loss: gets the system again (the spec asks for it) and says whether the
    // headset is still on the device's GPU (the renderer's device stays). Throws XrError.
    bool reacquire();

  private:
    void createInstance(const SessionOptions& options);
    void createDevice(const SessionOptions& options);

    std::shared_ptr<RuntimeConnection> owner_;  // shared with the probe that made it
    XrInstance instance_ = XR_NULL_HANDLE;      // owner_'s handle
    XrSystemId system_ = XR_NULL_SYSTEM_ID;
    Functions fn_;
    std::string runtime_;
    bool hand_tracking_ = false;
    std::unique_ptr<gpu::VulkanDevice> device_;  // after owner_: destroyed before the instance
};

}  // namespace palpa::xr::detail
