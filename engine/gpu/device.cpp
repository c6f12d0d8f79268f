#include "gpu/vulkan_device.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/log.hpp"
#include "gpu/vk_check.hpp"

namespace palpa::gpu {

VkBool32 VKAPI_CALL debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                  VkDebugUtilsMessageTypeFlagsEXT,
                                  const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    auto* self = static_cast<VulkanDevice*>(user);
    const std::string text = data && data->pMessage ? data->pMessage : "(no message)";
    if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
        log::warn("vulkan validation: ", text);
        std::lock_guard lock(self->messagesMutex_);
        self->messages_.push_back(text);
    }
    return VK_FALSE;
}

namespace {

bool hasLayer(const char* name) {
    std::uint32_t n = 0;
    vkEnumerateInstanceLayerProperties(&n, nullptr);
    std::vector<VkLayerProperties> layers(n);
    vkEnumerateInstanceLayerProperties(&n, layers.data());
    return std::any_of(layers.begin(), layers.end(), [&](const VkLayerProperties& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool deviceHasExtension(VkPhysicalDevice pd, const std::string& name) {
    std::uint32_t n = 0;
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> ext(n);
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, ext.data());
    return std::any_of(ext.begin(), ext.end(), [&](const VkExtensionProperties& e) { return name == e.extensionName; });
}

int typeRank(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
        default: return 0;
    }
}

}  // namespace

std::unique_ptr<Device> Device::create(const DeviceOptions& options) { return VulkanDevice::create(options); }

std::unique_ptr<VulkanDevice> VulkanDevice::create(const DeviceOptions& o) {
    static const DeviceHooks kNone;
    const DeviceHooks& hooks = o.hooks ? *o.hooks : kNone;
    std::unique_ptr<VulkanDevice> d(new VulkanDevice());
    const bool validation = o.validation && hasLayer("VK_LAYER_KHRONOS_validation");
    if (o.validation && !validation)
        log::warn("the Vulkan validation layer is not installed (package vulkan-validationlayers); running without it");

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = o.application.c_str();
    app.pEngineName = "palpa";
    app.apiVersion = VK_API_VERSION_1_1;
    std::vector<const char*> ext;
    for (const std::string& e : o.instance_extensions) ext.push_back(e.c_str());
    if (validation) ext.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    const char* layer = "VK_LAYER_KHRONOS_validation";
    VkDebugUtilsMessengerCreateInfoEXT dbg{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    dbg.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    dbg.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                      VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    dbg.pfnUserCallback = debugCallback;
    dbg.pUserData = d.get();
    VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ici.pApplicationInfo = &app;
    ici.enabledExtensionCount = static_cast<std::uint32_t>(ext.size());
    ici.ppEnabledExtensionNames = ext.data();
    if (validation) {
        ici.enabledLayerCount = 1;
        ici.ppEnabledLayerNames = &layer;
        ici.pNext = &dbg;  // also catches messages from instance creation and destruction
    }
    const VkResult created = hooks.create_instance ? (d->instance_ = hooks.create_instance(ici), VK_SUCCESS)
                                               : vkCreateInstance(&ici, nullptr, &d->instance_);
    if (created == VK_ERROR_INCOMPATIBLE_DRIVER)
        throw GpuError("no Vulkan driver found (install mesa-vulkan-drivers for the CPU renderer lavapipe)", created);
    PALPA_VK(created);
    if (validation) {
        auto createMessenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(d->instance_, "vkCreateDebugUtilsMessengerEXT"));
        if (createMessenger) PALPA_VK(createMessenger(d->instance_, &dbg, nullptr, &d->messenger_));
    }

    // Choose the best device that has a graphics queue, multiview and the extensions asked for.
    std::uint32_t count = 0;
    PALPA_VK(vkEnumeratePhysicalDevices(d->instance_, &count, nullptr));
    std::vector<VkPhysicalDevice> devices(count);
    PALPA_VK(vkEnumeratePhysicalDevices(d->instance_, &count, devices.data()));
    if (hooks.physical_device) devices = {hooks.physical_device(d->instance_)};
    std::string why = count == 0 ? "no Vulkan device" : "";
    int bestRank = -1;
    for (VkPhysicalDevice pd : devices) {
        VkPhysicalDeviceProperties props;
        vkGetPhysicalDeviceProperties(pd, &props);
        VkPhysicalDeviceMultiviewFeatures mv{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_FEATURES};
        VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
        f2.pNext = &mv;
        vkGetPhysicalDeviceFeatures2(pd, &f2);
        if (!mv.multiview) { why = std::string(props.deviceName) + " lacks multiview"; continue; }
        bool extensions = true;
        for (const std::string& e : o.device_extensions)
            if (!deviceHasExtension(pd, e)) { why = std::string(props.deviceName) + " lacks " + e; extensions = false; }
        if (!extensions) continue;
        std::uint32_t nf = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(pd, &nf, nullptr);
        std::vector<VkQueueFamilyProperties> fams(nf);
        vkGetPhysicalDeviceQueueFamilyProperties(pd, &nf, fams.data());
        for (std::uint32_t f = 0; f < nf; ++f) {
            if (!(fams[f].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
            if (hooks.can_present && !hooks.can_present(d->instance_, pd, f)) { why = std::string(props.deviceName) + " cannot present"; continue; }
            const int rank = typeRank(props.deviceType);
            if (rank > bestRank) { bestRank = rank; d->physical_ = pd; d->family_ = f; }
            break;
        }
    }
    if (!d->physical_) throw GpuError("no suitable Vulkan device: " + why, VK_ERROR_FEATURE_NOT_PRESENT);
    vkGetPhysicalDeviceProperties(d->physical_, &d->properties_);
    vkGetPhysicalDeviceMemoryProperties(d->physical_, &d->memory_);

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qci.queueFamilyIndex = d->family_;
    qci.queueCount = 1;
    qci.pQueuePriorities = &priority;
    VkPhysicalDeviceMultiviewFeatures mv{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_FEATURES};
    mv.multiview = VK_TRUE;
    std::vector<const char*> dext;
    for (const std::string& e : o.device_extensions) dext.push_back(e.c_str());
    VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    dci.pNext = &mv;
    dci.queueCreateInfoCount = 1;
    dci.pQueueCreateInfos = &qci;
    dci.enabledExtensionCount = static_cast<std::uint32_t>(dext.size());
    dci.ppEnabledExtensionNames = dext.data();
    if (hooks.create_device)
        d->device_ = hooks.create_device(d->physical_, dci);
    else
        PALPA_VK(vkCreateDevice(d->physical_, &dci, nullptr, &d->device_));
    vkGetDeviceQueue(d->device_, d->family_, 0, &d->queue_);

    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT | VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    pci.queueFamilyIndex = d->family_;
    VkCommandPool pool;
    PALPA_VK(vkCreateCommandPool(d->device_, &pci, nullptr, &pool));
    d->pool_ = Handle<VkCommandPool>(d->device_, pool, vkDestroyCommandPool);
    log::debug("vulkan device: ", d->description());
    return d;
}

VulkanDevice::~VulkanDevice() {
    if (device_) {
        vkDeviceWaitIdle(device_);
        pool_.reset();
        vkDestroyDevice(device_, nullptr);
    }
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(instance_, messenger_, nullptr);
    }
    if (instance_) vkDestroyInstance(instance_, nullptr);
}

std::string VulkanDevice::description() const {
    const char* type = "other";
    switch (properties_.deviceType) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: type = "discrete GPU"; break;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: type = "integrated GPU"; break;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: type = "virtual GPU"; break;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: type = "CPU"; break;
        default: break;
    }
    return std::string(properties_.deviceName) + ", " + type;
}

bool VulkanDevice::hasMemoryType(std::uint32_t bits, VkMemoryPropertyFlags wanted) const {
    for (std::uint32_t i = 0; i < memory_.memoryTypeCount; ++i)
        if ((bits & (1u << i)) && (memory_.memoryTypes[i].propertyFlags & wanted) == wanted) return true;
    return false;
}

std::uint32_t VulkanDevice::memoryType(std::uint32_t bits, VkMemoryPropertyFlags wanted) const {
    for (std::uint32_t i = 0; i < memory_.memoryTypeCount; ++i)
        if ((bits & (1u << i)) && (memory_.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
    throw GpuError("no Vulkan memory type with the properties needed", VK_ERROR_OUT_OF_DEVICE_MEMORY);
}

void VulkanDevice::submitNow(const std::function<void(VkCommandBuffer)>& record) {
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = pool_.get();
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cb;
    PALPA_VK(vkAllocateCommandBuffers(device_, &ai, &cb));
    struct Free {
        VkDevice d; VkCommandPool p; VkCommandBuffer c;
        ~Free() { vkFreeCommandBuffers(d, p, 1, &c); }
    } freeLater{device_, pool_.get(), cb};
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    PALPA_VK(vkBeginCommandBuffer(cb, &bi));
    record(cb);
    PALPA_VK(vkEndCommandBuffer(cb));
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence;
    PALPA_VK(vkCreateFence(device_, &fci, nullptr, &fence));
    Handle<VkFence> owned(device_, fence, vkDestroyFence);
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cb;
    PALPA_VK(vkQueueSubmit(queue_, 1, &si, fence));
    PALPA_VK(vkWaitForFences(device_, 1, &fence, VK_TRUE, UINT64_MAX));
}

void VulkanDevice::waitIdle() const {
    if (device_) vkDeviceWaitIdle(device_);
}

std::vector<std::string> VulkanDevice::validationMessages() const {
    std::lock_guard lock(messagesMutex_);
    return messages_;
}

}  // namespace palpa::gpu
