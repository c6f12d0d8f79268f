// Role: the fixture shared by the simulated runtime's tests: the environment it sets and
// clears, an instance, a Vulkan device made through the runtime on lavapipe (with the
// validation layer watching every call the runtime makes) and a session, plus small helpers.
#pragma once

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>

#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
#include <stb/stb_image.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "scoring/jsonl.hpp"

namespace palpa::simtest {

namespace fs = std::filesystem;

inline const std::string kGoodLeft = std::string(PALPA_TEST_ASSETS) + "/recordings/good-left.jsonl";
constexpr XrTime kT0 = 1'000'000'000;

inline const char* const kSimVariables[] = {"PALPA_SIM_FPS",
                                     "PALPA_SIM_VIEW",
                                     "PALPA_SIM_HEAD",
                                     "PALPA_SIM_TABLE",
                                     "PALPA_SIM_HANDS",
                                     "PALPA_SIM_NO_STAGE",
                                     "PALPA_SIM_NO_HAND_TRACKING",
                                     "PALPA_SIM_STOP_AT",
                                     "PALPA_SIM_LOSE_AT",
                                     "PALPA_SIM_SELECT_AT",
                                     "PALPA_SIM_SELECT_LEFT_AT",
                                     "PALPA_SIM_MENU_AT",
                                     "PALPA_SIM_MENU_LEFT_AT",
                                     "PALPA_SIM_CAPTURE",
                                     "PALPA_SIM_CAPTURE_AT",
                                     "PALPA_SIM_LOG",
                                     "PALPA_SIM_NO_HEADSET",
                                     "PALPA_SIM_RENDER_EVERY",
                                     "PALPA_SIM_INSTANT_STATES",
                                     "PALPA_SIM_ANY_DISPLAY_TIME",
                                     "PALPA_SIM_WAIT_TIMEOUT_AT",
                                     "PALPA_SIM_ALL_TRACKED",
                                     "PALPA_SIM_UNTRACKED_AT",
                                     "PALPA_SIM_HEAD_STILL",
                                     "PALPA_SIM_GONE_FOR",
                                     "PALPA_SIM_INSTANCE_LOSS_AT",
                                     "PALPA_SIM_RECENTRE_AT"};

#define XR_OK(call) ASSERT_EQ(static_cast<int>(call), static_cast<int>(XR_SUCCESS)) << #call
#define XR_IS(expected, call) EXPECT_EQ(static_cast<int>(call), static_cast<int>(expected)) << #call

// Validation messages from the device the runtime made; any one fails the test.
inline std::vector<std::string> g_validation;

inline VKAPI_ATTR VkBool32 VKAPI_CALL onValidation(VkDebugUtilsMessageSeverityFlagBitsEXT, VkDebugUtilsMessageTypeFlagsEXT,
                                            const VkDebugUtilsMessengerCallbackDataEXT* data, void*) {
    g_validation.emplace_back(data->pMessage);
    return VK_FALSE;
}

inline glm::vec3 vec(const XrVector3f& v) {
    return {v.x, v.y, v.z};
}
inline glm::quat quat(const XrQuaternionf& q) {
    return glm::quat(q.w, q.x, q.y, q.z);
}

class SimRuntime : public ::testing::Test {
protected:
    void SetUp() override {
        setenv("XR_RUNTIME_JSON", PALPA_SIM_RUNTIME_JSON, 1);
        for (const char* v : kSimVariables) unsetenv(v);
        g_validation.clear();
    }

    void TearDown() override {
        if (session_) xrDestroySession(session_);
        if (pool_) vkDestroyCommandPool(device_, pool_, nullptr);
        if (fence_) vkDestroyFence(device_, fence_, nullptr);
        if (device_) vkDestroyDevice(device_, nullptr);
        if (messenger_) {
            auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
                vkGetInstanceProcAddr(vk_, "vkDestroyDebugUtilsMessengerEXT"));
            destroy(vk_, messenger_, nullptr);
        }
        if (vk_) vkDestroyInstance(vk_, nullptr);
        if (instance_) xrDestroyInstance(instance_);
        for (const std::string& m : g_validation) ADD_FAILURE() << "Vulkan validation: " << m;
        for (const char* v : kSimVariables) unsetenv(v);
    }

    static void env(const char* name, const std::string& value) { setenv(name, value.c_str(), 1); }

    XrResult tryInstance(std::vector<const char*> extensions) {
        XrInstanceCreateInfo ci{XR_TYPE_INSTANCE_CREATE_INFO};
        std::strcpy(ci.applicationInfo.applicationName, "sim_runtime_test");
        ci.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
        ci.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
        ci.enabledExtensionNames = extensions.data();
        return xrCreateInstance(&ci, &instance_);
    }

    void createInstance(bool hands = true) {
        std::vector<const char*> ext{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
        if (hands) ext.push_back(XR_EXT_HAND_TRACKING_EXTENSION_NAME);
        XR_OK(tryInstance(ext));
        XrSystemGetInfo si{XR_TYPE_SYSTEM_GET_INFO};
        si.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
        XR_OK(xrGetSystem(instance_, &si, &system_));
    }

    template <typename F>
    F fn(const char* name) {
        PFN_xrVoidFunction f = nullptr;
        EXPECT_EQ(xrGetInstanceProcAddr(instance_, name, &f), XR_SUCCESS) << name;
        return reinterpret_cast<F>(f);
    }

    // The Vulkan instance and device made through the runtime, with the validation layer on.
    void createVulkan() {
        XrGraphicsRequirementsVulkan2KHR req{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
        XR_OK(fn<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR")(instance_, system_,
                                                                                                 &req));
        EXPECT_EQ(req.minApiVersionSupported, XR_MAKE_VERSION(1, 0, 0));
        EXPECT_EQ(req.maxApiVersionSupported, XR_MAKE_VERSION(1, 3, 0));

        VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
        app.apiVersion = VK_API_VERSION_1_1;
        VkDebugUtilsMessengerCreateInfoEXT dm{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
        dm.messageSeverity =
            VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
        dm.messageType =
            VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
        dm.pfnUserCallback = &onValidation;
        const char* layers[] = {"VK_LAYER_KHRONOS_validation"};
        const char* extensions[] = {VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
        VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
        ici.pNext = &dm;
        ici.pApplicationInfo = &app;
        ici.enabledLayerCount = 1;
        ici.ppEnabledLayerNames = layers;
        ici.enabledExtensionCount = 1;
        ici.ppEnabledExtensionNames = extensions;
        XrVulkanInstanceCreateInfoKHR xi{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
        xi.systemId = system_;
        xi.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
        xi.vulkanCreateInfo = &ici;
        VkResult vr = VK_ERROR_UNKNOWN;
        XR_OK(fn<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR")(instance_, &xi, &vk_, &vr));
        ASSERT_EQ(vr, VK_SUCCESS) << "is vulkan-validationlayers installed?";
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(vk_, "vkCreateDebugUtilsMessengerEXT"));
        ASSERT_EQ(create(vk_, &dm, nullptr, &messenger_), VK_SUCCESS);

        XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
        gi.systemId = system_;
        gi.vulkanInstance = vk_;
        XR_OK(fn<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR")(instance_, &gi, &physical_));
        ASSERT_NE(physical_, VK_NULL_HANDLE);
        std::uint32_t n = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(physical_, &n, nullptr);
        std::vector<VkQueueFamilyProperties> families(n);
        vkGetPhysicalDeviceQueueFamilyProperties(physical_, &n, families.data());
        family_ = n;
        for (std::uint32_t i = 0; i < n && family_ == n; ++i)
            if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) family_ = i;
        ASSERT_LT(family_, n) << "the runtime chose a device without a graphics queue";

        const float priority = 1.0f;
        VkDeviceQueueCreateInfo qi{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
        qi.queueFamilyIndex = family_;
        qi.queueCount = 1;
        qi.pQueuePriorities = &priority;
        VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
        dci.queueCreateInfoCount = 1;
        dci.pQueueCreateInfos = &qi;
        XrVulkanDeviceCreateInfoKHR xd{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
        xd.systemId = system_;
        xd.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
        xd.vulkanPhysicalDevice = physical_;
        xd.vulkanCreateInfo = &dci;
        XR_OK(fn<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR")(instance_, &xd, &device_, &vr));
        ASSERT_EQ(vr, VK_SUCCESS);
        vkGetDeviceQueue(device_, family_, 0, &queue_);
    }

    XrResult trySession(bool withBinding = true) {
        XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
        binding.instance = vk_;
        binding.physicalDevice = physical_;
        binding.device = device_;
        binding.queueFamilyIndex = family_;
        XrSessionCreateInfo ci{XR_TYPE_SESSION_CREATE_INFO};
        ci.next = withBinding ? &binding : nullptr;
        ci.systemId = system_;
        return xrCreateSession(instance_, &ci, &session_);
    }

    // Instance, Vulkan and a session, as an app starts.
    void start(bool hands = true) {
        ASSERT_NO_FATAL_FAILURE(createInstance(hands));
        ASSERT_NO_FATAL_FAILURE(createVulkan());
        XR_OK(trySession());
    }

    // The session states queued so far (other events are skipped), checking who they are for.
    std::vector<XrSessionState> states(std::vector<XrTime>* times = nullptr) {
        std::vector<XrSessionState> out;
        XrEventDataBuffer e{XR_TYPE_EVENT_DATA_BUFFER};
        while (xrPollEvent(instance_, &e) == XR_SUCCESS) {
            if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
                const auto& s = reinterpret_cast<const XrEventDataSessionStateChanged&>(e);
                EXPECT_EQ(s.session, session_);
                out.push_back(s.state);
                if (times) times->push_back(s.time);
            }
            e = {XR_TYPE_EVENT_DATA_BUFFER};
        }
        return out;
    }

    // Drains the queue until a state arrives (READY comes with a later poll than IDLE): the
    // states seen, that one last; gives up after a few drains.
    std::vector<XrSessionState> statesUntil(XrSessionState wanted, std::vector<XrTime>* times = nullptr) {
        std::vector<XrSessionState> seen;
        for (int drain = 0; drain < 5; ++drain) {
            const std::vector<XrSessionState> more = states(times);
            seen.insert(seen.end(), more.begin(), more.end());
            if (std::find(seen.begin(), seen.end(), wanted) != seen.end()) break;
        }
        return seen;
    }

    void begin() {
        XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
        bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        XR_OK(xrBeginSession(session_, &bi));
    }

    // Polls until the new session is READY, then begins it.
    void beginWhenReady() {
        EXPECT_EQ(statesUntil(XR_SESSION_STATE_READY), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
        begin();
    }

    XrFrameState waitAndBegin() {
        XrFrameState fs{XR_TYPE_FRAME_STATE};
        XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
        EXPECT_EQ(xrWaitFrame(session_, &wi, &fs), XR_SUCCESS);
        XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
        EXPECT_EQ(xrBeginFrame(session_, &bi), XR_SUCCESS);
        return fs;
    }

    XrResult endFrame(XrTime time, const XrCompositionLayerBaseHeader* layer = nullptr,
                      XrEnvironmentBlendMode blend = XR_ENVIRONMENT_BLEND_MODE_OPAQUE) {
        XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
        ei.displayTime = time;
        ei.environmentBlendMode = blend;
        ei.layerCount = layer ? 1 : 0;
        ei.layers = layer ? &layer : nullptr;
        return xrEndFrame(session_, &ei);
    }

    // Polls until the new session is READY, begins it and runs empty frames until it is focused
    // (the first frame synchronises, its end shows, focus follows a few frames later). The
    // frames it ran are in focus_frames_: the next frame is the instance's focus_frames_.size()-th
    // when this is its first session.
    void runToFocused() {
        focus_frames_.clear();
        std::vector<XrSessionState> seen = statesUntil(XR_SESSION_STATE_READY);
        begin();
        while (std::find(seen.begin(), seen.end(), XR_SESSION_STATE_FOCUSED) == seen.end()) {
            ASSERT_LT(focus_frames_.size(), 10u) << "never focused";
            const XrFrameState f = waitAndBegin();
            if (focus_frames_.empty()) {
                EXPECT_EQ(f.shouldRender, XR_FALSE);
            }
            focus_frames_.push_back(f.predictedDisplayTime);
            XR_OK(endFrame(f.predictedDisplayTime));
            const std::vector<XrSessionState> more = states();
            seen.insert(seen.end(), more.begin(), more.end());
        }
        EXPECT_EQ(seen, (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED,
                                     XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));
    }
    std::vector<XrTime> focus_frames_;  // the display times of the frames runToFocused ran

    XrSpace referenceSpace(XrReferenceSpaceType type) {
        XrReferenceSpaceCreateInfo ci{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
        ci.referenceSpaceType = type;
        ci.poseInReferenceSpace.orientation.w = 1.0f;
        XrSpace space = XR_NULL_HANDLE;
        EXPECT_EQ(xrCreateReferenceSpace(session_, &ci, &space), XR_SUCCESS);
        return space;
    }

    XrSwapchain swapchain(std::int64_t format, std::uint32_t w, std::uint32_t h, std::uint32_t layers,
                          XrResult expected = XR_SUCCESS) {
        XrSwapchainCreateInfo ci{XR_TYPE_SWAPCHAIN_CREATE_INFO};
        ci.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
        ci.format = format;
        ci.sampleCount = 1;
        ci.width = w;
        ci.height = h;
        ci.faceCount = 1;
        ci.arraySize = layers;
        ci.mipCount = 1;
        XrSwapchain sc = XR_NULL_HANDLE;
        EXPECT_EQ(xrCreateSwapchain(session_, &ci, &sc), expected);
        return sc;
    }

    std::vector<VkImage> images(XrSwapchain sc) {
        std::uint32_t n = 0;
        EXPECT_EQ(xrEnumerateSwapchainImages(sc, 0, &n, nullptr), XR_SUCCESS);
        std::vector<XrSwapchainImageVulkan2KHR> imgs(n, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
        EXPECT_EQ(xrEnumerateSwapchainImages(sc, n, &n, reinterpret_cast<XrSwapchainImageBaseHeader*>(imgs.data())),
                  XR_SUCCESS);
        std::vector<VkImage> out;
        for (const auto& i : imgs) out.push_back(i.image);
        return out;
    }

    XrInstance instance_ = XR_NULL_HANDLE;
    XrSystemId system_ = XR_NULL_SYSTEM_ID;
    XrSession session_ = XR_NULL_HANDLE;
    VkInstance vk_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    std::uint32_t family_ = 0;
    VkQueue queue_ = VK_NULL_HANDLE;
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
};

inline std::vector<std::string> extensionNames() {
    std::uint32_t n = 0;
    EXPECT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr), XR_SUCCESS);
    std::vector<XrExtensionProperties> props(n, {XR_TYPE_EXTENSION_PROPERTIES});
    EXPECT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, props.data()), XR_SUCCESS);
    std::vector<std::string> names;
    for (const auto& p : props) names.emplace_back(p.extensionName);
    return names;
}

inline bool has(const std::vector<std::string>& list, const char* name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// The suite is named sim_runtime so that CTest's names read sim_runtime.<Case> (ctest -R sim_runtime).
using sim_runtime = SimRuntime;

constexpr XrViewConfigurationType kStereo = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
constexpr XrSpaceLocationFlags kValid =
    XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;  // located, inferred
constexpr XrSpaceLocationFlags kLocated =
    XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT |
    XR_SPACE_LOCATION_POSITION_TRACKED_BIT | XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT;

inline XrTime frameTime(std::int64_t frame, double fps) {
    return kT0 + std::llround(static_cast<double>(frame) * 1e9 / fps);
}

// A projection layer over one two-layer swapchain: view i shows array layer i.
struct Projection {
    Projection(XrSpace space, XrSwapchain swapchain, XrRect2Di rect) {
        for (std::uint32_t i = 0; i < 2; ++i) {
            views[i] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
            views[i].pose.orientation.w = 1.0f;
            views[i].fov = {-0.7f, 0.7f, 0.7f, -0.7f};
            views[i].subImage.swapchain = swapchain;
            views[i].subImage.imageRect = rect;
            views[i].subImage.imageArrayIndex = i;
        }
        layer.space = space;
        layer.viewCount = 2;
        layer.views = views.data();
    }
    const XrCompositionLayerBaseHeader* header() const {
        return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer);
    }
    std::array<XrCompositionLayerProjectionView, 2> views{};
    XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
};

// The recording's hand at a time since its start, as the runtime should show it.
inline const scoring::HandPose* recorded(const scoring::Recording& rec, int hand, double seconds) {
    const scoring::Frame* shown = nullptr;
    for (const scoring::Frame& f : rec.frames)
        if (f.t - rec.frames.front().t <= seconds + 1e-9) shown = &f;
    return shown && shown->hands[hand] ? &*shown->hands[hand] : nullptr;
}

inline int xrsimLines(const std::string& err) {
    int n = 0;
    for (std::size_t at = err.find("xrsim:"); at != std::string::npos; at = err.find("xrsim:", at + 1)) ++n;
    return n;
}

}  // namespace palpa::simtest
