// XR_KHR_vulkan_enable2 (the app's instance and device made through the runtime) and
// swapchains: images the runtime owns on the app's device, with the acquire/wait/release cycle
// (waits that time out on the scripted compositor hiccups).
#include "xrsim.hpp"

namespace palpa::xrsim {

namespace {

const std::vector<std::int64_t> kFormats{VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM};

XrResult checkSystem(XrInstance handle, XrSystemId system, Instance*& out) {
    if (const XrResult r = liveInstance(handle, out); XR_FAILED(r)) return r;
    return system == kSystemId ? XR_SUCCESS : XR_ERROR_SYSTEM_INVALID;
}

// The app's vkGetInstanceProcAddr for a VkInstance it made through the runtime, else the loader's.
PFN_vkGetInstanceProcAddr instanceProcs(const Instance& instance, VkInstance vk) {
    for (const VulkanInstanceRecord& r : instance.vulkan_instances)
        if (r.instance == vk) return r.get_proc;
    return &vkGetInstanceProcAddr;
}

bool liveSwapchain(XrSwapchain handle, Swapchain*& out, XrResult& error) {
    out = find<Swapchain>(handle);
    error = !out ? XR_ERROR_HANDLE_INVALID : sessionAlive(*out->session);
    return XR_SUCCEEDED(error);
}

void destroyImages(Graphics& g, Swapchain& sc) {
    for (Swapchain::Image& image : sc.images) {
        if (image.image) g.vk.vkDestroyImage(g.device, image.image, nullptr);
        if (image.memory) g.vk.vkFreeMemory(g.device, image.memory, nullptr);
    }
    sc.images.clear();
}

std::optional<std::uint32_t> memoryType(const Graphics& g, std::uint32_t bits, VkMemoryPropertyFlags want) {
    VkPhysicalDeviceMemoryProperties props;
    g.vk.vkGetPhysicalDeviceMemoryProperties(g.physical, &props);
    for (std::uint32_t i = 0; i < props.memoryTypeCount; ++i)
        if ((bits & (1u << i)) && (props.memoryTypes[i].propertyFlags & want) == want) return i;
    return std::nullopt;
}

// Makes the swapchain's images (device-local), then moves them to the layout apps receive.
XrResult createImages(Graphics& g, Swapchain& sc, VkImageUsageFlags usage, VkImageCreateFlags flags) {
    for (std::uint32_t i = 0; i < kSwapchainImages; ++i) {
        VkImageCreateInfo ci{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
        ci.flags = flags;
        ci.imageType = VK_IMAGE_TYPE_2D;
        ci.format = sc.format;
        ci.extent = {sc.info.width, sc.info.height, 1};
        ci.mipLevels = 1;
        ci.arrayLayers = sc.info.arraySize;
        ci.samples = VK_SAMPLE_COUNT_1_BIT;
        ci.tiling = VK_IMAGE_TILING_OPTIMAL;
        ci.usage = usage;
        ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
        ci.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
        sc.images.emplace_back();
        Swapchain::Image& image = sc.images.back();
        if (g.vk.vkCreateImage(g.device, &ci, nullptr, &image.image) != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
        VkMemoryRequirements req;
        g.vk.vkGetImageMemoryRequirements(g.device, image.image, &req);
        std::optional<std::uint32_t> type = memoryType(g, req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
        if (!type) type = memoryType(g, req.memoryTypeBits, 0);
        if (!type) return XR_ERROR_RUNTIME_FAILURE;
        VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
        ai.allocationSize = req.size;
        ai.memoryTypeIndex = *type;
        if (g.vk.vkAllocateMemory(g.device, &ai, nullptr, &image.memory) != VK_SUCCESS) return XR_ERROR_OUT_OF_MEMORY;
        if (g.vk.vkBindImageMemory(g.device, image.image, image.memory, 0) != VK_SUCCESS)
            return XR_ERROR_RUNTIME_FAILURE;
    }
    const LayoutUse use = layoutUse(sc.layout);
    const bool done = submitOnce(g, [&](VkCommandBuffer cb) {
        std::vector<VkImageMemoryBarrier> barriers;
        for (const Swapchain::Image& image : sc.images) {
            VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
            b.srcAccessMask = 0;
            b.dstAccessMask = use.access;
            b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
            b.newLayout = sc.layout;
            b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
            b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
            b.image = image.image;
            b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, sc.info.arraySize};
            barriers.push_back(b);
        }
        g.vk.vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, use.stage, 0, 0, nullptr, 0, nullptr,
                                  static_cast<std::uint32_t>(barriers.size()), barriers.data());
    });
    return done ? XR_SUCCESS : XR_ERROR_RUNTIME_FAILURE;
}

}  // namespace

LayoutUse layoutUse(VkImageLayout layout) {
    if (layout == VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)
        return {VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT};
    if (layout == VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL)
        return {VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT};
    return {VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT};
}

// ---- the binding

XrResult bindGraphics(Session& s, const XrGraphicsBindingVulkanKHR& binding) {
    if (!binding.instance || !binding.physicalDevice || !binding.device) return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    Graphics& g = s.graphics;
    g.instance = binding.instance;
    g.physical = binding.physicalDevice;
    g.device = binding.device;
    g.family = binding.queueFamilyIndex;
    const PFN_vkGetInstanceProcAddr gipa = instanceProcs(*s.instance, g.instance);
    const auto gdpa = reinterpret_cast<PFN_vkGetDeviceProcAddr>(gipa(g.instance, "vkGetDeviceProcAddr"));
    if (!gdpa) return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    bool complete = true;
    // Device commands through the device's own chain (its layers); the rest through the instance.
#define XRSIM_VK_LOAD(name)                           \
    {                                                 \
        PFN_vkVoidFunction f = gdpa(g.device, #name); \
        if (!f) f = gipa(g.instance, #name);          \
        g.vk.name = reinterpret_cast<PFN_##name>(f);  \
        complete = complete && f;                     \
    }
    XRSIM_VK_FUNCTIONS(XRSIM_VK_LOAD)
#undef XRSIM_VK_LOAD
    if (!complete) return XR_ERROR_GRAPHICS_DEVICE_INVALID;

    std::uint32_t families = 0;
    g.vk.vkGetPhysicalDeviceQueueFamilyProperties(g.physical, &families, nullptr);
    std::vector<VkQueueFamilyProperties> props(families);
    g.vk.vkGetPhysicalDeviceQueueFamilyProperties(g.physical, &families, props.data());
    if (g.family >= families || binding.queueIndex >= props[g.family].queueCount)
        return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    g.vk.vkGetDeviceQueue(g.device, g.family, binding.queueIndex, &g.queue);

    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    pci.queueFamilyIndex = g.family;
    if (g.vk.vkCreateCommandPool(g.device, &pci, nullptr, &g.pool) != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
    return XR_SUCCESS;
}

bool submitOnce(Graphics& g, const std::function<void(VkCommandBuffer)>& record) {
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = g.pool;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cb = VK_NULL_HANDLE;
    if (g.vk.vkAllocateCommandBuffers(g.device, &ai, &cb) != VK_SUCCESS) return false;
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    bool ok = g.vk.vkBeginCommandBuffer(cb, &bi) == VK_SUCCESS;
    if (ok) {
        record(cb);
        ok = g.vk.vkEndCommandBuffer(cb) == VK_SUCCESS;
    }
    VkFence fence = VK_NULL_HANDLE;
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    ok = ok && g.vk.vkCreateFence(g.device, &fci, nullptr, &fence) == VK_SUCCESS;
    if (ok) {
        VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        si.commandBufferCount = 1;
        si.pCommandBuffers = &cb;
        ok = g.vk.vkQueueSubmit(g.queue, 1, &si, fence) == VK_SUCCESS &&
             g.vk.vkWaitForFences(g.device, 1, &fence, VK_TRUE, UINT64_MAX) == VK_SUCCESS;
        if (!ok) g.vk.vkQueueWaitIdle(g.queue);  // never free a buffer the queue may still run
    }
    if (fence) g.vk.vkDestroyFence(g.device, fence, nullptr);
    g.vk.vkFreeCommandBuffers(g.device, g.pool, 1, &cb);
    return ok;
}

void releaseSwapchain(Swapchain& sc) {
    Graphics& g = sc.session->graphics;
    if (!sc.images.empty()) g.vk.vkQueueWaitIdle(g.queue);
    destroyImages(g, sc);
}

void releaseGraphics(Session& s) {
    for (auto& sc : s.swapchains) releaseSwapchain(*sc);
    s.swapchains.clear();
    Graphics& g = s.graphics;
    if (g.pool) g.vk.vkDestroyCommandPool(g.device, g.pool, nullptr);
    g.pool = VK_NULL_HANDLE;
}

// ---- XR_KHR_vulkan_enable2

XrResult xrGetVulkanGraphicsRequirements2KHR(XrInstance handle, XrSystemId system,
                                             XrGraphicsRequirementsVulkanKHR* requirements) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkSystem(handle, system, instance); XR_FAILED(r)) return r;
        if (!requirements || requirements->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR)
            return XR_ERROR_VALIDATION_FAILURE;
        requirements->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
        requirements->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
        instance->requirements_asked = true;
        return XR_SUCCESS;
    });
}

XrResult xrCreateVulkanInstanceKHR(XrInstance handle, const XrVulkanInstanceCreateInfoKHR* info, VkInstance* out,
                                   VkResult* result) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (!info || !out || !result || info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR)
            return find<Instance>(handle) ? XR_ERROR_VALIDATION_FAILURE : XR_ERROR_HANDLE_INVALID;
        if (const XrResult r = checkSystem(handle, info->systemId, instance); XR_FAILED(r)) return r;
        if (info->createFlags != 0 || !info->pfnGetInstanceProcAddr || !info->vulkanCreateInfo)
            return XR_ERROR_VALIDATION_FAILURE;
        const auto create =
            reinterpret_cast<PFN_vkCreateInstance>(info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
        if (!create) return XR_ERROR_RUNTIME_FAILURE;
        *result = create(info->vulkanCreateInfo, info->vulkanAllocator, out);
        if (*result == VK_SUCCESS) instance->vulkan_instances.push_back({*out, info->pfnGetInstanceProcAddr});
        return XR_SUCCESS;
    });
}

XrResult xrGetVulkanGraphicsDevice2KHR(XrInstance handle, const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                       VkPhysicalDevice* out) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (!info || !out || info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR)
            return find<Instance>(handle) ? XR_ERROR_VALIDATION_FAILURE : XR_ERROR_HANDLE_INVALID;
        if (const XrResult r = checkSystem(handle, info->systemId, instance); XR_FAILED(r)) return r;
        if (!info->vulkanInstance) return XR_ERROR_VALIDATION_FAILURE;
        const PFN_vkGetInstanceProcAddr gipa = instanceProcs(*instance, info->vulkanInstance);
        const auto enumerate =
            reinterpret_cast<PFN_vkEnumeratePhysicalDevices>(gipa(info->vulkanInstance, "vkEnumeratePhysicalDevices"));
        const auto properties = reinterpret_cast<PFN_vkGetPhysicalDeviceProperties>(
            gipa(info->vulkanInstance, "vkGetPhysicalDeviceProperties"));
        const auto queues = reinterpret_cast<PFN_vkGetPhysicalDeviceQueueFamilyProperties>(
            gipa(info->vulkanInstance, "vkGetPhysicalDeviceQueueFamilyProperties"));
        if (!enumerate || !properties || !queues) return XR_ERROR_RUNTIME_FAILURE;
        std::uint32_t n = 0;
        if (enumerate(info->vulkanInstance, &n, nullptr) != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
        std::vector<VkPhysicalDevice> devices(n);
        if (enumerate(info->vulkanInstance, &n, devices.data()) < 0) return XR_ERROR_RUNTIME_FAILURE;
        devices.resize(n);
        VkPhysicalDevice first = VK_NULL_HANDLE, discrete = VK_NULL_HANDLE;
        for (VkPhysicalDevice d : devices) {
            std::uint32_t count = 0;
            queues(d, &count, nullptr);
            std::vector<VkQueueFamilyProperties> families(count);
            queues(d, &count, families.data());
            bool graphics = false;
            for (const auto& f : families) graphics = graphics || (f.queueFlags & VK_QUEUE_GRAPHICS_BIT);
            if (!graphics) continue;
            VkPhysicalDeviceProperties p;
            properties(d, &p);
            if (!first) first = d;
            if (!discrete && p.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU) discrete = d;
        }
        *out = discrete ? discrete : first;
        if (!*out) return XR_ERROR_RUNTIME_FAILURE;
        instance->chosen_instance = info->vulkanInstance;
        return XR_SUCCESS;
    });
}

XrResult xrCreateVulkanDeviceKHR(XrInstance handle, const XrVulkanDeviceCreateInfoKHR* info, VkDevice* out,
                                 VkResult* result) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (!info || !out || !result || info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR)
            return find<Instance>(handle) ? XR_ERROR_VALIDATION_FAILURE : XR_ERROR_HANDLE_INVALID;
        if (const XrResult r = checkSystem(handle, info->systemId, instance); XR_FAILED(r)) return r;
        if (info->createFlags != 0 || !info->pfnGetInstanceProcAddr || !info->vulkanPhysicalDevice ||
            !info->vulkanCreateInfo)
            return XR_ERROR_VALIDATION_FAILURE;
        // The physical device came from xrGetVulkanGraphicsDevice2KHR, which named its instance.
        if (!instance->chosen_instance) return XR_ERROR_VALIDATION_FAILURE;
        const auto create = reinterpret_cast<PFN_vkCreateDevice>(
            info->pfnGetInstanceProcAddr(instance->chosen_instance, "vkCreateDevice"));
        if (!create) return XR_ERROR_RUNTIME_FAILURE;
        *result = create(info->vulkanPhysicalDevice, info->vulkanCreateInfo, info->vulkanAllocator, out);
        return XR_SUCCESS;
    });
}

// ---- swapchains

XrResult xrEnumerateSwapchainFormats(XrSession handle, uint32_t capacity, uint32_t* count, int64_t* formats) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        return fillArray(capacity, count, formats, kFormats);
    });
}

XrResult xrCreateSwapchain(XrSession handle, const XrSwapchainCreateInfo* info, XrSwapchain* out) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || !out || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (info->createFlags & XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT) return XR_ERROR_FEATURE_UNSUPPORTED;
        bool known = false;
        for (std::int64_t f : kFormats) known = known || f == info->format;
        if (!known) return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
        if (info->width == 0 || info->height == 0 || info->sampleCount == 0 || info->faceCount == 0 ||
            info->arraySize == 0 || info->mipCount == 0)
            return XR_ERROR_VALIDATION_FAILURE;
        if (info->width > kMaxImageSize || info->height > kMaxImageSize || info->sampleCount != 1 ||
            info->faceCount != 1 || info->arraySize > 2 || info->mipCount != 1 ||
            (info->usageFlags & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT))
            return XR_ERROR_FEATURE_UNSUPPORTED;

        VkImageUsageFlags usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT;  // always: captures copy from it
        const XrSwapchainUsageFlags u = info->usageFlags;
        if (u & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) usage |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
        if (u & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) usage |= VK_IMAGE_USAGE_STORAGE_BIT;
        if (u & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) usage |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
        if (u & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) usage |= VK_IMAGE_USAGE_SAMPLED_BIT;
        if (u & XR_SWAPCHAIN_USAGE_INPUT_ATTACHMENT_BIT_KHR) usage |= VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT;
        const VkImageCreateFlags flags =
            (u & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) ? VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT : 0;
        Graphics& g = s->graphics;
        VkImageFormatProperties props;
        const auto format = static_cast<VkFormat>(info->format);
        if (g.vk.vkGetPhysicalDeviceImageFormatProperties(g.physical, format, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                                                          usage, flags, &props) != VK_SUCCESS)
            return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
        if (info->width > props.maxExtent.width || info->height > props.maxExtent.height ||
            info->arraySize > props.maxArrayLayers)
            return XR_ERROR_FEATURE_UNSUPPORTED;

        auto sc = std::make_unique<Swapchain>(s);
        sc->info = *info;
        sc->info.next = nullptr;
        sc->format = format;
        sc->layout = (u & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL
                     : (u & XR_SWAPCHAIN_USAGE_SAMPLED_BIT)        ? VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL
                                                                   : VK_IMAGE_LAYOUT_GENERAL;
        if (const XrResult r = createImages(g, *sc, usage, flags); XR_FAILED(r)) {
            destroyImages(g, *sc);
            return r;
        }
        s->swapchains.push_back(std::move(sc));
        *out = handleOf<XrSwapchain>(s->swapchains.back().get());
        return XR_SUCCESS;
    });
}

XrResult xrDestroySwapchain(XrSwapchain handle) {
    return guarded([&]() -> XrResult {
        Swapchain* sc = find<Swapchain>(handle);
        if (!sc) return XR_ERROR_HANDLE_INVALID;
        Session& s = *sc->session;
        bool named = false;  // by the frame PALPA_SIM_CAPTURE_AT=last still has to save
        if (s.pending_capture)
            for (const CaptureView& v : s.pending_capture->views) named = named || v.swapchain == sc;
        if (named) flushPendingCapture(s);
        releaseSwapchain(*sc);
        for (auto it = s.swapchains.begin(); it != s.swapchains.end(); ++it)
            if (it->get() == sc) {
                s.swapchains.erase(it);
                break;
            }
        return XR_SUCCESS;
    });
}

XrResult xrEnumerateSwapchainImages(XrSwapchain handle, uint32_t capacity, uint32_t* count,
                                    XrSwapchainImageBaseHeader* images) {
    return guarded([&]() -> XrResult {
        Swapchain* sc = nullptr;
        XrResult error = XR_SUCCESS;
        if (!liveSwapchain(handle, sc, error)) return error;
        if (!count) return XR_ERROR_VALIDATION_FAILURE;
        *count = static_cast<std::uint32_t>(sc->images.size());
        if (capacity == 0) return XR_SUCCESS;
        if (capacity < sc->images.size()) return XR_ERROR_SIZE_INSUFFICIENT;
        if (!images) return XR_ERROR_VALIDATION_FAILURE;
        auto* out = reinterpret_cast<XrSwapchainImageVulkanKHR*>(images);
        for (std::size_t i = 0; i < sc->images.size(); ++i) {
            if (out[i].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN_KHR) return XR_ERROR_VALIDATION_FAILURE;
            out[i].image = sc->images[i].image;
        }
        return XR_SUCCESS;
    });
}

XrResult xrAcquireSwapchainImage(XrSwapchain handle, const XrSwapchainImageAcquireInfo* info, uint32_t* index) {
    return guarded([&]() -> XrResult {
        Swapchain* sc = nullptr;
        XrResult error = XR_SUCCESS;
        if (!liveSwapchain(handle, sc, error)) return error;
        if ((info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO) || !index) return XR_ERROR_VALIDATION_FAILURE;
        if (sc->held.size() >= sc->images.size()) return XR_ERROR_CALL_ORDER_INVALID;
        *index = sc->next;
        sc->held.push_back(sc->next);
        sc->next = (sc->next + 1) % static_cast<std::uint32_t>(sc->images.size());
        return XR_SUCCESS;
    });
}

XrResult xrWaitSwapchainImage(XrSwapchain handle, const XrSwapchainImageWaitInfo* info) {
    return guarded([&]() -> XrResult {
        Swapchain* sc = nullptr;
        XrResult error = XR_SUCCESS;
        if (!liveSwapchain(handle, sc, error)) return error;
        if (!info || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (sc->held.empty() || sc->front_waited) return XR_ERROR_CALL_ORDER_INVALID;
        // The runtime never reads an image the app holds, so images are ready at once, except on
        // the hiccup frames of PALPA_SIM_WAIT_TIMEOUT_AT: a finite wait times out twice there
        // (XR_TIMEOUT_EXPIRED, the image still acquired and not waited) and the third succeeds;
        // an infinite one would block until the image is ready, so it succeeds, noted as blocked.
        Session& s = *sc->session;
        if (s.instance->config.wait_timeout_at.count(s.frame)) {
            const std::string where = "session " + std::to_string(s.number) + ": frame " + std::to_string(s.frame) +
                                      ": xrWaitSwapchainImage on image " + std::to_string(sc->held.front());
            if (info->timeout == XR_INFINITE_DURATION) {
                ++s.blocked_waits;
                s.instance->log(where + " blocked until the image was ready (PALPA_SIM_WAIT_TIMEOUT_AT)");
            } else if (sc->front_timeouts < 2) {
                ++sc->front_timeouts;
                s.instance->log(where + " timed out (PALPA_SIM_WAIT_TIMEOUT_AT)");
                return XR_TIMEOUT_EXPIRED;
            }
        }
        sc->front_waited = true;
        return XR_SUCCESS;
    });
}

XrResult xrReleaseSwapchainImage(XrSwapchain handle, const XrSwapchainImageReleaseInfo* info) {
    return guarded([&]() -> XrResult {
        Swapchain* sc = nullptr;
        XrResult error = XR_SUCCESS;
        if (!liveSwapchain(handle, sc, error)) return error;
        if (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (!sc->front_waited) return XR_ERROR_CALL_ORDER_INVALID;
        sc->last_released = sc->held.front();
        sc->held.pop_front();
        sc->front_waited = false;
        sc->front_timeouts = 0;
        return XR_SUCCESS;
    });
}

}  // namespace palpa::xrsim
