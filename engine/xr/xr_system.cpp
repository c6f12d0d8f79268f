// The instance, the system and the Vulkan device made through the runtime.
#include "xr/xr_system.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/log.hpp"
#include "gpu/vk_check.hpp"
#include "xr/xr_check.hpp"

namespace palpa::xr::detail {

namespace {

std::vector<std::string> instanceExtensions() {
    std::uint32_t n = 0;
    PALPA_XR(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr));
    std::vector<XrExtensionProperties> props(n, {XR_TYPE_EXTENSION_PROPERTIES});
    PALPA_XR(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, props.data()));
    std::vector<std::string> names;
    for (const auto& p : props) names.emplace_back(p.extensionName);
    return names;
}

template <typename F>
void load(XrInstance instance, const char* name, F& out) {
    PFN_xrVoidFunction f = nullptr;
    PALPA_XR(xrGetInstanceProcAddr(instance, name, &f));
    out = reinterpret_cast<F>(f);
}

}  // namespace

std::shared_ptr<RuntimeConnection> openInstance(bool handTracking, const std::string& application) {
    const std::vector<std::string> offered = instanceExtensions();
    auto has = [&](const char* name) {
        return std::find(offered.begin(), offered.end(), name) != offered.end();
    };
    if (!has(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME))
        throw XrError("the OpenXR runtime does not offer " XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME
                      " (palpa renders with Vulkan)",
                      XR_ERROR_EXTENSION_NOT_PRESENT);
    std::vector<const char*> enabled{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
    auto out = std::make_shared<RuntimeConnection>();
    out->hand_extension = handTracking && has(XR_EXT_HAND_TRACKING_EXTENSION_NAME);
    if (out->hand_extension) enabled.push_back(XR_EXT_HAND_TRACKING_EXTENSION_NAME);

    XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
    std::strncpy(info.applicationInfo.applicationName, application.c_str(), XR_MAX_APPLICATION_NAME_SIZE - 1);
    std::strncpy(info.applicationInfo.engineName, "palpa", XR_MAX_ENGINE_NAME_SIZE - 1);
    info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 20);
    info.enabledExtensionCount = static_cast<std::uint32_t>(enabled.size());
    info.enabledExtensionNames = enabled.data();
    PALPA_XR(xrCreateInstance(&info, &out->handle));

    XrInstanceProperties props{XR_TYPE_INSTANCE_PROPERTIES};
    PALPA_XR(xrGetInstanceProperties(out->handle, &props));
    out->runtime = std::string(props.runtimeName) + " " + std::to_string(XR_VERSION_MAJOR(props.runtimeVersion)) + "." +
                   std::to_string(XR_VERSION_MINOR(props.runtimeVersion)) + "." +
                   std::to_string(XR_VERSION_PATCH(props.runtimeVersion));
    return out;
}

XrSystem::XrSystem(const SessionOptions& options, std::shared_ptr<RuntimeConnection> connection)
    : owner_(std::move(connection)) {
    createInstance(options);
    createDevice(options);
}

void XrSystem::createInstance(const SessionOptions& options) {
    if (!owner_) owner_ = openInstance(options.hand_tracking, options.application);
    instance_ = owner_->handle;
    runtime_ = owner_->runtime;
    const bool handExtension = owner_->hand_extension && options.hand_tracking;

    XrSystemGetInfo sys{XR_TYPE_SYSTEM_GET_INFO};
    sys.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    const XrResult got = xrGetSystem(instance_, &sys, &system_);
    if (got == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
        throw XrError(
            "the OpenXR runtime answers but no headset is connected "
            "(XR_ERROR_FORM_FACTOR_UNAVAILABLE)",
            got);
    PALPA_XR(got);

    XrSystemHandTrackingPropertiesEXT handProps{XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT};
    XrSystemProperties sysProps{XR_TYPE_SYSTEM_PROPERTIES};
    if (handExtension) sysProps.next = &handProps;
    PALPA_XR(xrGetSystemProperties(instance_, system_, &sysProps));
    hand_tracking_ = handExtension && handProps.supportsHandTracking;

    load(instance_, "xrGetVulkanGraphicsRequirements2KHR", fn_.graphicsRequirements);
    load(instance_, "xrCreateVulkanInstanceKHR", fn_.createVulkanInstance);
    load(instance_, "xrGetVulkanGraphicsDevice2KHR", fn_.graphicsDevice);
    load(instance_, "xrCreateVulkanDeviceKHR", fn_.createVulkanDevice);
    if (hand_tracking_) {
        load(instance_, "xrCreateHandTrackerEXT", fn_.createHandTracker);
        load(instance_, "xrDestroyHandTrackerEXT", fn_.destroyHandTracker);
        load(instance_, "xrLocateHandJointsEXT", fn_.locateHandJoints);
    }
    log::info("openxr: ", runtime_, ", system \"", sysProps.systemName, "\", hands from ",
              hand_tracking_ ? "hand tracking" : "controllers (simulated hands)");
}

void XrSystem::createDevice(const SessionOptions& options) {
    XrGraphicsRequirementsVulkan2KHR req{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
    PALPA_XR(fn_.graphicsRequirements(instance_, system_, &req));
    // palpa asks for Vulkan 1.1 (multiview in core).
    if (req.minApiVersionSupported > XR_MAKE_VERSION(1, 1, 0) &&
        XR_VERSION_MAJOR(req.minApiVersionSupported) > 1)
        throw XrError("the OpenXR runtime needs a Vulkan version palpa does not use",
                      XR_ERROR_API_VERSION_UNSUPPORTED);

    gpu::DeviceOptions o;
    auto hooks = std::make_shared<gpu::DeviceHooks>();
    o.validation = options.validation;
    o.application = options.application;
    o.instance_extensions = options.instance_extensions;
    o.device_extensions = options.device_extensions;
    // The runtime makes the instance and device with palpa's create infos (called during
    // gpu::VulkanDevice::create only: nothing keeps `this`).
    hooks->create_instance = [this](const VkInstanceCreateInfo& ci) {
        XrVulkanInstanceCreateInfoKHR x{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
        x.systemId = system_;
        x.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
        x.vulkanCreateInfo = &ci;
        VkInstance vi = VK_NULL_HANDLE;
        VkResult vr = VK_SUCCESS;
        PALPA_XR(fn_.createVulkanInstance(instance_, &x, &vi, &vr));
        PALPA_VK(vr);
        return vi;
    };
    hooks->physical_device = [this](VkInstance vi) {
        XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
        gi.systemId = system_;
        gi.vulkanInstance = vi;
        VkPhysicalDevice physical = VK_NULL_HANDLE;
        PALPA_XR(fn_.graphicsDevice(instance_, &gi, &physical));
        return physical;
    };
    hooks->create_device = [this](VkPhysicalDevice pd, const VkDeviceCreateInfo& ci) {
        XrVulkanDeviceCreateInfoKHR x{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
        x.systemId = system_;
        x.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
        x.vulkanPhysicalDevice = pd;
        x.vulkanCreateInfo = &ci;
        VkDevice vd = VK_NULL_HANDLE;
        VkResult vr = VK_SUCCESS;
        PALPA_XR(fn_.createVulkanDevice(instance_, &x, &vd, &vr));
        PALPA_VK(vr);
        return vd;
    };
    o.hooks = std::move(hooks);
    device_ = gpu::VulkanDevice::create(o);
    log::info("openxr: rendering on ", device_->description());
}

XrGraphicsBindingVulkan2KHR XrSystem::sessionBinding() const {
    XrGraphicsRequirementsVulkan2KHR req{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
    PALPA_XR(fn_.graphicsRequirements(instance_, system_, &req));
    XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
    binding.instance = device_->instance();
    binding.physicalDevice = device_->physical();
    binding.device = device_->device();
    binding.queueFamilyIndex = device_->queueFamily();
    binding.queueIndex = 0;
    return binding;
}

bool XrSystem::reacquire() {
    XrSystemGetInfo sys{XR_TYPE_SYSTEM_GET_INFO};
    sys.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    PALPA_XR(xrGetSystem(instance_, &sys, &system_));
    XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
    gi.systemId = system_;
    gi.vulkanInstance = device_->instance();
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    PALPA_XR(fn_.graphicsDevice(instance_, &gi, &physical));
    return physical == device_->physical();
}

}  // namespace palpa::xr::detail
