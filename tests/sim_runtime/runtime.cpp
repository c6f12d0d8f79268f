// The loader's entry point (negotiation), the proc-address table, instances (and their loss),
// the system (gone for a while after a session loss), view configurations, result and
// structure names, paths and the event queue (READY comes with a later poll).
#include <openxr/openxr_reflection.h>

#include <cstdio>
#include <string_view>

#include "core/error.hpp"
#include "scoring/jsonl.hpp"
#include "xrsim.hpp"

namespace palpa::xrsim {

// The loader <-> runtime interface of the OpenXR loader (loader_interfaces.h), which Debian's
// headers do not ship. Interface version 1, struct versions 1.
enum XrLoaderInterfaceStructs {
    XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
    XR_LOADER_INTERFACE_STRUCT_LOADER_INFO = 1,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST = 2,
    XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST = 3,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_CREATE_INFO = 4,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_NEXT_INFO = 5,
};
inline constexpr std::uint32_t kLoaderInfoStructVersion = 1;
inline constexpr std::uint32_t kRuntimeInfoStructVersion = 1;
inline constexpr std::uint32_t kLoaderRuntimeInterfaceVersion = 1;

struct XrNegotiateLoaderInfo {
    XrLoaderInterfaceStructs structType;
    uint32_t structVersion;
    size_t structSize;
    uint32_t minInterfaceVersion;
    uint32_t maxInterfaceVersion;
    XrVersion minApiVersion;
    XrVersion maxApiVersion;
};

struct XrNegotiateRuntimeRequest {
    XrLoaderInterfaceStructs structType;
    uint32_t structVersion;
    size_t structSize;
    uint32_t runtimeInterfaceVersion;
    XrVersion runtimeApiVersion;
    PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};

namespace {

enum class Needs { Nothing, Vulkan2, HandTracking };

struct Entry {
    const char* name;
    PFN_xrVoidFunction function;
    Needs needs;
    bool global;  // answered for XR_NULL_HANDLE
};

// clang-format off
// static_cast to the PFN type checks each entry point's signature against openxr.h.
#define XRSIM_ENTRY(name, needs, global) \
    Entry{#name, reinterpret_cast<PFN_xrVoidFunction>(static_cast<PFN_##name>(&name)), needs, global}
#define XRSIM_CORE(name) XRSIM_ENTRY(name, Needs::Nothing, false)
// clang-format on

const Entry kEntries[] = {
    XRSIM_ENTRY(xrEnumerateApiLayerProperties, Needs::Nothing, true),
    XRSIM_ENTRY(xrEnumerateInstanceExtensionProperties, Needs::Nothing, true),
    XRSIM_ENTRY(xrCreateInstance, Needs::Nothing, true),
    XRSIM_CORE(xrGetInstanceProcAddr),
    XRSIM_CORE(xrDestroyInstance),
    XRSIM_CORE(xrGetInstanceProperties),
    XRSIM_CORE(xrPollEvent),
    XRSIM_CORE(xrResultToString),
    XRSIM_CORE(xrStructureTypeToString),
    XRSIM_CORE(xrGetSystem),
    XRSIM_CORE(xrGetSystemProperties),
    XRSIM_CORE(xrEnumerateEnvironmentBlendModes),
    XRSIM_CORE(xrEnumerateViewConfigurations),
    XRSIM_CORE(xrGetViewConfigurationProperties),
    XRSIM_CORE(xrEnumerateViewConfigurationViews),
    XRSIM_CORE(xrStringToPath),
    XRSIM_CORE(xrPathToString),
    XRSIM_CORE(xrCreateSession),
    XRSIM_CORE(xrDestroySession),
    XRSIM_CORE(xrBeginSession),
    XRSIM_CORE(xrEndSession),
    XRSIM_CORE(xrRequestExitSession),
    XRSIM_CORE(xrWaitFrame),
    XRSIM_CORE(xrBeginFrame),
    XRSIM_CORE(xrEndFrame),
    XRSIM_CORE(xrLocateViews),
    XRSIM_CORE(xrEnumerateReferenceSpaces),
    XRSIM_CORE(xrCreateReferenceSpace),
    XRSIM_CORE(xrGetReferenceSpaceBoundsRect),
    XRSIM_CORE(xrDestroySpace),
    XRSIM_CORE(xrLocateSpace),
    XRSIM_CORE(xrEnumerateSwapchainFormats),
    XRSIM_CORE(xrCreateSwapchain),
    XRSIM_CORE(xrDestroySwapchain),
    XRSIM_CORE(xrEnumerateSwapchainImages),
    XRSIM_CORE(xrAcquireSwapchainImage),
    XRSIM_CORE(xrWaitSwapchainImage),
    XRSIM_CORE(xrReleaseSwapchainImage),
    XRSIM_CORE(xrCreateActionSet),
    XRSIM_CORE(xrDestroyActionSet),
    XRSIM_CORE(xrCreateAction),
    XRSIM_CORE(xrDestroyAction),
    XRSIM_CORE(xrSuggestInteractionProfileBindings),
    XRSIM_CORE(xrAttachSessionActionSets),
    XRSIM_CORE(xrSyncActions),
    XRSIM_CORE(xrGetActionStateBoolean),
    XRSIM_CORE(xrGetActionStateFloat),
    XRSIM_CORE(xrGetActionStatePose),
    XRSIM_CORE(xrCreateActionSpace),
    XRSIM_CORE(xrGetCurrentInteractionProfile),
    XRSIM_CORE(xrApplyHapticFeedback),
    XRSIM_CORE(xrStopHapticFeedback),
    XRSIM_ENTRY(xrGetVulkanGraphicsRequirements2KHR, Needs::Vulkan2, false),
    XRSIM_ENTRY(xrCreateVulkanInstanceKHR, Needs::Vulkan2, false),
    XRSIM_ENTRY(xrGetVulkanGraphicsDevice2KHR, Needs::Vulkan2, false),
    XRSIM_ENTRY(xrCreateVulkanDeviceKHR, Needs::Vulkan2, false),
    XRSIM_ENTRY(xrCreateHandTrackerEXT, Needs::HandTracking, false),
    XRSIM_ENTRY(xrDestroyHandTrackerEXT, Needs::HandTracking, false),
    XRSIM_ENTRY(xrLocateHandJointsEXT, Needs::HandTracking, false),
};
#undef XRSIM_CORE
#undef XRSIM_ENTRY

struct Extension {
    const char* name;
    std::uint32_t version;
};

std::vector<Extension> offeredExtensions() {
    std::vector<Extension> out{{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION}};
    if (handTrackingOffered()) out.push_back({XR_EXT_HAND_TRACKING_EXTENSION_NAME, XR_EXT_hand_tracking_SPEC_VERSION});
    return out;
}

// The instance of a handle, lost or not: for xrPollEvent and xrDestroyInstance.
XrResult checkInstance(XrInstance handle, Instance*& out) {
    out = find<Instance>(handle);
    return out ? XR_SUCCESS : XR_ERROR_HANDLE_INVALID;
}

XrResult checkSystem(XrInstance handle, XrSystemId system, Instance*& out) {
    if (const XrResult r = liveInstance(handle, out); XR_FAILED(r)) return r;
    return system == kSystemId ? XR_SUCCESS : XR_ERROR_SYSTEM_INVALID;
}

// Path grammar: "/" then components of [a-z0-9-_.], separated by single slashes.
bool wellFormedPath(std::string_view p) {
    if (p.size() < 2 || p.size() >= XR_MAX_PATH_LENGTH || p.front() != '/' || p.back() == '/') return false;
    char previous = '\0';
    for (char c : p) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/';
        if (!ok || (c == '/' && previous == '/')) return false;
        previous = c;
    }
    return true;
}

}  // namespace

XrResult liveInstance(XrInstance handle, Instance*& out) {
    if (const XrResult r = checkInstance(handle, out); XR_FAILED(r)) return r;
    return instanceLost(*out);
}

std::recursive_mutex& apiMutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

XrTime frameTime(const Instance& instance, std::int64_t frame) {
    return kTimeZero + instance.config.offsetNs(frame);
}

XrTime eventTime(const Instance& instance) {
    return frameTime(instance, instance.frames == 0 ? 0 : instance.frames - 1);
}

std::optional<double> recordingSeconds(const Instance& instance, XrTime time) {
    if (!instance.recording_zero || time < *instance.recording_zero) return std::nullopt;
    return static_cast<double>(time - *instance.recording_zero) * 1e-9;
}

void queueEvent(Instance& instance, const XrEventDataBuffer& event, const std::string& description) {
    instance.events.push_back(event);
    instance.log("event " + description);
}

const std::string* pathText(const Instance& instance, XrPath path) {
    if (path == XR_NULL_PATH || path > instance.paths.size()) return nullptr;
    return &instance.paths[path - 1];
}

int handOfPath(const Instance& instance, XrPath path) {
    const std::string* text = pathText(instance, path);
    if (!text) return -1;
    if (*text == "/user/hand/left") return 0;
    if (*text == "/user/hand/right") return 1;
    return -1;
}

// ---- instance

XrResult xrGetInstanceProcAddr(XrInstance instanceHandle, const char* name, PFN_xrVoidFunction* function) {
    return guarded([&]() -> XrResult {
        if (!name || !function) return XR_ERROR_VALIDATION_FAILURE;
        *function = nullptr;
        const Entry* entry = nullptr;
        for (const Entry& e : kEntries)
            if (std::strcmp(e.name, name) == 0) entry = &e;
        if (!entry) return XR_ERROR_FUNCTION_UNSUPPORTED;
        if (!instanceHandle) {
            if (!entry->global) return XR_ERROR_HANDLE_INVALID;
            *function = entry->function;
            return XR_SUCCESS;
        }
        // Answered for a lost instance too: the loader asks for xrDestroyInstance when the app
        // destroys it.
        Instance* instance = nullptr;
        if (const XrResult r = checkInstance(instanceHandle, instance); XR_FAILED(r)) return r;
        if ((entry->needs == Needs::Vulkan2 && !instance->vulkan2) ||
            (entry->needs == Needs::HandTracking && !instance->hand_extension))
            return XR_ERROR_FUNCTION_UNSUPPORTED;
        *function = entry->function;
        return XR_SUCCESS;
    });
}

XrResult xrEnumerateApiLayerProperties(uint32_t capacity, uint32_t* count, XrApiLayerProperties* properties) {
    return guarded([&] { return fillArray(capacity, count, properties, std::vector<XrApiLayerProperties>{}); });
}

XrResult xrEnumerateInstanceExtensionProperties(const char* layerName, uint32_t capacity, uint32_t* count,
                                                XrExtensionProperties* properties) {
    return guarded([&]() -> XrResult {
        if (layerName && *layerName) return XR_ERROR_API_LAYER_NOT_PRESENT;
        if (!count) return XR_ERROR_VALIDATION_FAILURE;
        const std::vector<Extension> offered = offeredExtensions();
        *count = static_cast<std::uint32_t>(offered.size());
        if (capacity == 0) return XR_SUCCESS;
        if (capacity < offered.size()) return XR_ERROR_SIZE_INSUFFICIENT;
        if (!properties) return XR_ERROR_VALIDATION_FAILURE;
        for (std::size_t i = 0; i < offered.size(); ++i) {
            if (properties[i].type != XR_TYPE_EXTENSION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
            copyName(properties[i].extensionName, offered[i].name);
            properties[i].extensionVersion = offered[i].version;
        }
        return XR_SUCCESS;
    });
}

XrResult xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* out) {
    return guarded([&]() -> XrResult {
        if (!info || !out || info->type != XR_TYPE_INSTANCE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (!terminated(info->applicationInfo.applicationName) || info->applicationInfo.applicationName[0] == '\0')
            return XR_ERROR_NAME_INVALID;
        const XrVersion api = info->applicationInfo.apiVersion;
        if (XR_VERSION_MAJOR(api) != 1 || XR_VERSION_MINOR(api) != 0) return XR_ERROR_API_VERSION_UNSUPPORTED;
        if (info->enabledApiLayerCount != 0) return XR_ERROR_API_LAYER_NOT_PRESENT;
        auto instance = std::make_unique<Instance>();
        const std::vector<Extension> offered = offeredExtensions();
        for (std::uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
            const char* name = info->enabledExtensionNames ? info->enabledExtensionNames[i] : nullptr;
            if (!name) return XR_ERROR_VALIDATION_FAILURE;
            bool found = false;
            for (const Extension& e : offered) found = found || std::strcmp(e.name, name) == 0;
            if (!found) return XR_ERROR_EXTENSION_NOT_PRESENT;
            if (std::strcmp(name, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) == 0) instance->vulkan2 = true;
            if (std::strcmp(name, XR_EXT_HAND_TRACKING_EXTENSION_NAME) == 0) instance->hand_extension = true;
        }
        try {
            instance->config = readConfig();
        } catch (const ConfigError& e) {
            logLine(std::string("error: ") + e.what());
            return XR_ERROR_INITIALIZATION_FAILED;
        }
        if (!instance->config.hands.empty()) {
            try {
                instance->recording = scoring::readRecording(instance->config.hands);
            } catch (const palpa::Error& e) {
                // InputError's text already reads "FILE: PLACE: PROBLEM".
                std::string what = e.what();
                if (what.find(instance->config.hands) == std::string::npos) what = instance->config.hands + ": " + what;
                logLine("error: PALPA_SIM_HANDS: " + what);
                return XR_ERROR_INITIALIZATION_FAILED;
            }
        }
        instance->world = World(instance->config);
        instance->log("instance " + std::to_string(instance->number) + " created for \"" + info->applicationInfo.applicationName + "\"" +
                      (instance->recording ? ", hands from " + instance->config.hands : std::string()));
        *out = handleOf<XrInstance>(instance.release());
        return XR_SUCCESS;
    });
}

XrResult xrDestroyInstance(XrInstance handle) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkInstance(handle, instance); XR_FAILED(r)) return r;
        if (instance->session) xrDestroySession(handleOf<XrSession>(instance->session.get()));
        instance->log("instance " + std::to_string(instance->number) + " destroyed");
        delete instance;
        return XR_SUCCESS;
    });
}

XrResult xrGetInstanceProperties(XrInstance handle, XrInstanceProperties* properties) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(handle, instance); XR_FAILED(r)) return r;
        if (!properties || properties->type != XR_TYPE_INSTANCE_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
        properties->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
        copyName(properties->runtimeName, kRuntimeName);
        return XR_SUCCESS;
    });
}

XrResult xrPollEvent(XrInstance handle, XrEventDataBuffer* event) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkInstance(handle, instance); XR_FAILED(r)) return r;
        if (!event || event->type != XR_TYPE_EVENT_DATA_BUFFER) return XR_ERROR_VALIDATION_FAILURE;
        XrResult result = XR_EVENT_UNAVAILABLE;
        if (!instance->events.empty()) {
            *event = instance->events.front();
            instance->events.pop_front();
            result = XR_SUCCESS;
            // The app has heard of the loss: the instance is gone from now on.
            if (event->type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING && !instance->lost) {
                instance->lost = true;
                instance->log("instance " + std::to_string(instance->number) + ": lost");
            }
        }
        // READY is queued by the second poll after xrCreateSession, once that poll has answered:
        // an app that drains the queue right after creating the session sees IDLE only.
        Session* s = instance->session.get();
        if (s && s->ready_pending && ++s->polls >= 2) {
            s->ready_pending = false;
            queueState(*s, XR_SESSION_STATE_READY);
        }
        return result;
    });
}

// The name of an enum value into an API-sized buffer (the fallback when the enum has no name).
static XrResult writeName(XrInstance handle, const char* name, const std::string& fallback, char* buffer, std::size_t size) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(handle, instance); XR_FAILED(r)) return r;
        if (!buffer) return XR_ERROR_VALIDATION_FAILURE;
        std::snprintf(buffer, size, "%s", name ? name : fallback.c_str());
        return XR_SUCCESS;
    });
}

XrResult xrResultToString(XrInstance handle, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
    const char* name = nullptr;
    // clang-format off
    switch (value) {
#define XRSIM_RESULT_NAME(n, v) \
    case n: name = #n; break;
        XR_LIST_ENUM_XrResult(XRSIM_RESULT_NAME)
#undef XRSIM_RESULT_NAME
        default: break;
    }
    // clang-format on
    return writeName(handle, name,
                     std::string("XR_UNKNOWN_") + (value >= 0 ? "SUCCESS_" : "FAILURE_") + std::to_string(static_cast<int>(value)),
                     buffer, XR_MAX_RESULT_STRING_SIZE);
}

XrResult xrStructureTypeToString(XrInstance handle, XrStructureType value, char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
    const char* name = nullptr;
    // clang-format off
    switch (value) {
#define XRSIM_TYPE_NAME(n, v) \
    case n: name = #n; break;
        XR_LIST_ENUM_XrStructureType(XRSIM_TYPE_NAME)
#undef XRSIM_TYPE_NAME
        default: break;
    }
    // clang-format on
    return writeName(handle, name, "XR_UNKNOWN_STRUCTURE_TYPE_" + std::to_string(static_cast<int>(value)), buffer,
                     XR_MAX_STRUCTURE_NAME_SIZE);
}

// ---- system and view configurations

XrResult xrGetSystem(XrInstance handle, const XrSystemGetInfo* info, XrSystemId* system) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(handle, instance); XR_FAILED(r)) return r;
        if (!info || !system || info->type != XR_TYPE_SYSTEM_GET_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
        if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) return XR_ERROR_VALIDATION_FAILURE;
        if (!instance->config.headset) return XR_ERROR_FORM_FACTOR_UNAVAILABLE;  // runtime up, headset unplugged
        if (instance->gone_left > 0) {  // PALPA_SIM_GONE_FOR: the lost headset is still reconnecting
            --instance->gone_left;
            instance->log("xrGetSystem: no headset yet (lost; " + std::to_string(instance->gone_left) + " more)");
            return XR_ERROR_FORM_FACTOR_UNAVAILABLE;
        }
        *system = kSystemId;
        return XR_SUCCESS;
    });
}

XrResult xrGetSystemProperties(XrInstance handle, XrSystemId system, XrSystemProperties* properties) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkSystem(handle, system, instance); XR_FAILED(r)) return r;
        if (!properties || properties->type != XR_TYPE_SYSTEM_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
        properties->systemId = kSystemId;
        properties->vendorId = 0x50414C50;  // "PALP"
        copyName(properties->systemName, "palpa simulated headset");
        properties->graphicsProperties = {kMaxImageSize, kMaxImageSize, kMaxLayers};
        properties->trackingProperties = {XR_TRUE, XR_TRUE};
        for (auto* s = static_cast<XrBaseOutStructure*>(properties->next); s; s = s->next)
            if (s->type == XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT)
                reinterpret_cast<XrSystemHandTrackingPropertiesEXT*>(s)->supportsHandTracking =
                    instance->config.hand_tracking ? XR_TRUE : XR_FALSE;
        return XR_SUCCESS;
    });
}

XrResult xrEnumerateViewConfigurations(XrInstance handle, XrSystemId system, uint32_t capacity, uint32_t* count,
                                       XrViewConfigurationType* types) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkSystem(handle, system, instance); XR_FAILED(r)) return r;
        return fillArray(capacity, count, types, std::vector{XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO});
    });
}

XrResult xrGetViewConfigurationProperties(XrInstance handle, XrSystemId system, XrViewConfigurationType type,
                                          XrViewConfigurationProperties* properties) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkSystem(handle, system, instance); XR_FAILED(r)) return r;
        if (!properties || properties->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES)
            return XR_ERROR_VALIDATION_FAILURE;
        if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
        properties->viewConfigurationType = type;
        properties->fovMutable = XR_TRUE;
        return XR_SUCCESS;
    });
}

XrResult xrEnumerateViewConfigurationViews(XrInstance handle, XrSystemId system, XrViewConfigurationType type,
                                           uint32_t capacity, uint32_t* count, XrViewConfigurationView* views) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkSystem(handle, system, instance); XR_FAILED(r)) return r;
        if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
        if (!count) return XR_ERROR_VALIDATION_FAILURE;
        *count = 2;
        if (capacity == 0) return XR_SUCCESS;
        if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
        if (!views) return XR_ERROR_VALIDATION_FAILURE;
        for (std::uint32_t i = 0; i < 2; ++i) {
            if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
            views[i].recommendedImageRectWidth = instance->config.view_width;
            views[i].recommendedImageRectHeight = instance->config.view_height;
            views[i].maxImageRectWidth = kMaxImageSize;
            views[i].maxImageRectHeight = kMaxImageSize;
            views[i].recommendedSwapchainSampleCount = 1;
            views[i].maxSwapchainSampleCount = 4;
        }
        return XR_SUCCESS;
    });
}

XrResult xrEnumerateEnvironmentBlendModes(XrInstance handle, XrSystemId system, XrViewConfigurationType type,
                                          uint32_t capacity, uint32_t* count, XrEnvironmentBlendMode* modes) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = checkSystem(handle, system, instance); XR_FAILED(r)) return r;
        if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
        return fillArray(capacity, count, modes, std::vector{XR_ENVIRONMENT_BLEND_MODE_OPAQUE});
    });
}

// ---- paths

XrResult xrStringToPath(XrInstance handle, const char* text, XrPath* path) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(handle, instance); XR_FAILED(r)) return r;
        if (!text || !path) return XR_ERROR_VALIDATION_FAILURE;
        const std::string_view view(text, strnlen(text, XR_MAX_PATH_LENGTH));
        if (!wellFormedPath(view)) return XR_ERROR_PATH_FORMAT_INVALID;
        if (const auto it = instance->path_ids.find(view); it != instance->path_ids.end()) {
            *path = it->second;
            return XR_SUCCESS;
        }
        instance->paths.emplace_back(view);
        *path = static_cast<XrPath>(instance->paths.size());
        instance->path_ids.emplace(std::string(view), *path);
        return XR_SUCCESS;
    });
}

XrResult xrPathToString(XrInstance handle, XrPath path, uint32_t capacity, uint32_t* count, char* buffer) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(handle, instance); XR_FAILED(r)) return r;
        const std::string* text = pathText(*instance, path);
        if (!text) return XR_ERROR_PATH_INVALID;
        if (!count) return XR_ERROR_VALIDATION_FAILURE;
        *count = static_cast<std::uint32_t>(text->size() + 1);
        if (capacity == 0) return XR_SUCCESS;
        if (capacity < *count) return XR_ERROR_SIZE_INSUFFICIENT;
        if (!buffer) return XR_ERROR_VALIDATION_FAILURE;
        std::memcpy(buffer, text->c_str(), *count);
        return XR_SUCCESS;
    });
}

}  // namespace palpa::xrsim

// The one exported symbol: the loader negotiates the interface and gets the proc-address table.
extern "C" __attribute__((visibility("default"))) XrResult XRAPI_CALL xrNegotiateLoaderRuntimeInterface(
    const palpa::xrsim::XrNegotiateLoaderInfo* loaderInfo, palpa::xrsim::XrNegotiateRuntimeRequest* runtimeRequest) {
    using namespace palpa::xrsim;
    if (!loaderInfo || !runtimeRequest) return XR_ERROR_INITIALIZATION_FAILED;
    if (loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
        loaderInfo->structVersion != kLoaderInfoStructVersion ||
        loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo))
        return XR_ERROR_INITIALIZATION_FAILED;
    if (runtimeRequest->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
        runtimeRequest->structVersion != kRuntimeInfoStructVersion ||
        runtimeRequest->structSize != sizeof(XrNegotiateRuntimeRequest))
        return XR_ERROR_INITIALIZATION_FAILED;
    if (loaderInfo->minInterfaceVersion > kLoaderRuntimeInterfaceVersion ||
        loaderInfo->maxInterfaceVersion < kLoaderRuntimeInterfaceVersion)
        return XR_ERROR_INITIALIZATION_FAILED;
    if (loaderInfo->minApiVersion > XR_CURRENT_API_VERSION || loaderInfo->maxApiVersion < XR_MAKE_VERSION(1, 0, 0))
        return XR_ERROR_INITIALIZATION_FAILED;
    runtimeRequest->runtimeInterfaceVersion = kLoaderRuntimeInterfaceVersion;
    runtimeRequest->runtimeApiVersion = XR_CURRENT_API_VERSION;
    runtimeRequest->getInstanceProcAddr = &palpa::xrsim::xrGetInstanceProcAddr;
    return XR_SUCCESS;
}
