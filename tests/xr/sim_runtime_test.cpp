// The simulated OpenXR runtime (tests/sim_runtime) driven through the real Khronos loader with
// raw OpenXR calls: what it offers, the Vulkan device made through it on lavapipe (with the
// validation layer watching every call the runtime makes), the session state machine with its
// scripted stop and loss, swapchain order rules, hands from a recording, controllers and captures.
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

namespace palpa {
namespace {

namespace fs = std::filesystem;

const std::string kGoodLeft = std::string(PALPA_TEST_ASSETS) + "/recordings/good-left.jsonl";
constexpr XrTime kT0 = 1'000'000'000;

const char* const kSimVariables[] = {"PALPA_SIM_FPS",
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
                                     "PALPA_SIM_LOG"};

#define XR_OK(call) ASSERT_EQ(static_cast<int>(call), static_cast<int>(XR_SUCCESS)) << #call
#define XR_IS(expected, call) EXPECT_EQ(static_cast<int>(call), static_cast<int>(expected)) << #call

// Validation messages from the device the runtime made; any one fails the test.
std::vector<std::string> g_validation;

VKAPI_ATTR VkBool32 VKAPI_CALL onValidation(VkDebugUtilsMessageSeverityFlagBitsEXT, VkDebugUtilsMessageTypeFlagsEXT,
                                            const VkDebugUtilsMessengerCallbackDataEXT* data, void*) {
    g_validation.emplace_back(data->pMessage);
    return VK_FALSE;
}

glm::vec3 vec(const XrVector3f& v) {
    return {v.x, v.y, v.z};
}
glm::quat quat(const XrQuaternionf& q) {
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

    void begin() {
        XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
        bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        XR_OK(xrBeginSession(session_, &bi));
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

    // Runs empty frames until the session is focused (frame 0 synchronises, frame 0's end shows).
    void runToFocused() {
        begin();
        const XrFrameState first = waitAndBegin();
        EXPECT_EQ(first.shouldRender, XR_FALSE);
        XR_OK(endFrame(first.predictedDisplayTime));
        EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED,
                                         XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));
    }

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

std::vector<std::string> extensionNames() {
    std::uint32_t n = 0;
    EXPECT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr), XR_SUCCESS);
    std::vector<XrExtensionProperties> props(n, {XR_TYPE_EXTENSION_PROPERTIES});
    EXPECT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, props.data()), XR_SUCCESS);
    std::vector<std::string> names;
    for (const auto& p : props) names.emplace_back(p.extensionName);
    return names;
}

bool has(const std::vector<std::string>& list, const char* name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// The suite is named sim_runtime so that CTest's names read sim_runtime.<Case> (ctest -R sim_runtime).
using sim_runtime = SimRuntime;

constexpr XrViewConfigurationType kStereo = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
constexpr XrSpaceLocationFlags kLocated =
    XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT |
    XR_SPACE_LOCATION_POSITION_TRACKED_BIT | XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT;

XrTime frameTime(std::int64_t frame, double fps) {
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

int xrsimLines(const std::string& err) {
    int n = 0;
    for (std::size_t at = err.find("xrsim:"); at != std::string::npos; at = err.find("xrsim:", at + 1)) ++n;
    return n;
}

TEST_F(sim_runtime, OffersVulkanAndHandTrackingAndDescribesItsHeadset) {
    env("PALPA_SIM_VIEW", "320x240");
    const auto names = extensionNames();
    EXPECT_TRUE(has(names, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME));
    EXPECT_TRUE(has(names, XR_EXT_HAND_TRACKING_EXTENSION_NAME));
    ASSERT_NO_FATAL_FAILURE(createInstance());

    XrInstanceProperties ip{XR_TYPE_INSTANCE_PROPERTIES};
    XR_OK(xrGetInstanceProperties(instance_, &ip));
    EXPECT_STREQ(ip.runtimeName, "palpa simulated runtime");
    char text[XR_MAX_RESULT_STRING_SIZE];
    XR_OK(xrResultToString(instance_, XR_ERROR_SESSION_LOST, text));
    EXPECT_STREQ(text, "XR_ERROR_SESSION_LOST");
    char type[XR_MAX_STRUCTURE_NAME_SIZE];
    XR_OK(xrStructureTypeToString(instance_, XR_TYPE_FRAME_STATE, type));
    EXPECT_STREQ(type, "XR_TYPE_FRAME_STATE");
    PFN_xrVoidFunction f = nullptr;
    XR_IS(XR_ERROR_FUNCTION_UNSUPPORTED, xrGetInstanceProcAddr(instance_, "xrCreateSpatialAnchorMSFT", &f));
    EXPECT_EQ(f, nullptr);

    XrSystemGetInfo handheld{XR_TYPE_SYSTEM_GET_INFO};
    handheld.formFactor = XR_FORM_FACTOR_HANDHELD_DISPLAY;
    XrSystemId other = XR_NULL_SYSTEM_ID;
    XR_IS(XR_ERROR_FORM_FACTOR_UNSUPPORTED, xrGetSystem(instance_, &handheld, &other));
    XrSystemHandTrackingPropertiesEXT hand{XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT};
    XrSystemProperties sp{XR_TYPE_SYSTEM_PROPERTIES, &hand};
    XR_OK(xrGetSystemProperties(instance_, system_, &sp));
    EXPECT_EQ(hand.supportsHandTracking, XR_TRUE);
    EXPECT_EQ(sp.graphicsProperties.maxSwapchainImageWidth, 4096u);
    EXPECT_EQ(sp.trackingProperties.positionTracking, XR_TRUE);

    std::uint32_t n = 0;
    XrViewConfigurationType configs[4];
    XR_OK(xrEnumerateViewConfigurations(instance_, system_, 4, &n, configs));
    ASSERT_EQ(n, 1u);
    EXPECT_EQ(configs[0], kStereo);
    XR_OK(xrEnumerateViewConfigurationViews(instance_, system_, kStereo, 0, &n, nullptr));
    ASSERT_EQ(n, 2u);
    std::vector<XrViewConfigurationView> views(2, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
    XR_IS(XR_ERROR_SIZE_INSUFFICIENT,
          xrEnumerateViewConfigurationViews(instance_, system_, kStereo, 1, &n, views.data()));
    XR_OK(xrEnumerateViewConfigurationViews(instance_, system_, kStereo, 2, &n, views.data()));
    for (const auto& v : views) {
        EXPECT_EQ(v.recommendedImageRectWidth, 320u);
        EXPECT_EQ(v.recommendedImageRectHeight, 240u);
        EXPECT_EQ(v.maxImageRectWidth, 4096u);
        EXPECT_EQ(v.recommendedSwapchainSampleCount, 1u);
        EXPECT_EQ(v.maxSwapchainSampleCount, 4u);
    }
    XR_IS(
        XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED,
        xrEnumerateViewConfigurationViews(instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO, 0, &n, nullptr));
    XrEnvironmentBlendMode modes[4];
    XR_OK(xrEnumerateEnvironmentBlendModes(instance_, system_, kStereo, 4, &n, modes));
    ASSERT_EQ(n, 1u);
    EXPECT_EQ(modes[0], XR_ENVIRONMENT_BLEND_MODE_OPAQUE);

    XrPath left = XR_NULL_PATH, again = XR_NULL_PATH;
    XR_OK(xrStringToPath(instance_, "/user/hand/left", &left));
    XR_OK(xrStringToPath(instance_, "/user/hand/left", &again));
    EXPECT_EQ(left, again);
    char buffer[64];
    XR_OK(xrPathToString(instance_, left, sizeof buffer, &n, buffer));
    EXPECT_STREQ(buffer, "/user/hand/left");
    EXPECT_EQ(n, 16u);
    XR_IS(XR_ERROR_PATH_FORMAT_INVALID, xrStringToPath(instance_, "/user//hand", &again));
    XR_IS(XR_ERROR_PATH_FORMAT_INVALID, xrStringToPath(instance_, "/User/Hand", &again));
    XR_IS(XR_ERROR_PATH_INVALID, xrPathToString(instance_, 9999, sizeof buffer, &n, buffer));
}

TEST_F(sim_runtime, WithoutHandTrackingTheExtensionIsNotOffered) {
    env("PALPA_SIM_NO_HAND_TRACKING", "1");
    EXPECT_FALSE(has(extensionNames(), XR_EXT_HAND_TRACKING_EXTENSION_NAME));
    EXPECT_TRUE(has(extensionNames(), XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME));
    XR_IS(XR_ERROR_EXTENSION_NOT_PRESENT,
          tryInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_EXT_HAND_TRACKING_EXTENSION_NAME}));
    instance_ = XR_NULL_HANDLE;
    ASSERT_NO_FATAL_FAILURE(createInstance(false));
    XrSystemHandTrackingPropertiesEXT hand{XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT};
    hand.supportsHandTracking = XR_TRUE;
    XrSystemProperties sp{XR_TYPE_SYSTEM_PROPERTIES, &hand};
    XR_OK(xrGetSystemProperties(instance_, system_, &sp));
    EXPECT_EQ(hand.supportsHandTracking, XR_FALSE);
    PFN_xrVoidFunction f = nullptr;
    EXPECT_TRUE(XR_FAILED(xrGetInstanceProcAddr(instance_, "xrCreateHandTrackerEXT", &f)));
    EXPECT_EQ(f, nullptr);
}

TEST_F(sim_runtime, BadConfigurationFailsTheInstanceWithOneLine) {
    env("PALPA_SIM_HANDS", std::string(PALPA_TEST_DATA) + "/recordings/nan.jsonl");
    testing::internal::CaptureStderr();
    const XrResult bad = tryInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME});
    std::string err = testing::internal::GetCapturedStderr();
    instance_ = XR_NULL_HANDLE;
    EXPECT_EQ(bad, XR_ERROR_INITIALIZATION_FAILED);
    EXPECT_EQ(xrsimLines(err), 1) << err;
    EXPECT_NE(err.find("nan.jsonl"), std::string::npos) << err;

    env("PALPA_SIM_HANDS", "");
    env("PALPA_SIM_FPS", "fast");
    testing::internal::CaptureStderr();
    EXPECT_EQ(tryInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}), XR_ERROR_INITIALIZATION_FAILED);
    err = testing::internal::GetCapturedStderr();
    instance_ = XR_NULL_HANDLE;
    EXPECT_EQ(xrsimLines(err), 1) << err;
    EXPECT_NE(err.find("PALPA_SIM_FPS"), std::string::npos) << err;
}

TEST_F(sim_runtime, MakesTheVulkanDeviceAndAsksForTheGraphicsRequirements) {
    ASSERT_NO_FATAL_FAILURE(createInstance());
    XR_IS(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, trySession(false));
    ASSERT_NO_FATAL_FAILURE(createVulkan());
    XR_IS(XR_ERROR_GRAPHICS_DEVICE_INVALID, trySession(false));
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(physical_, &p);
    EXPECT_TRUE(p.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU ||
                std::string(p.deviceName).find("llvmpipe") != std::string::npos)
        << p.deviceName;
    XR_OK(trySession());
    XrSession first = session_;
    XR_IS(XR_ERROR_LIMIT_REACHED, trySession());
    session_ = first;
    XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
    bi.primaryViewConfigurationType = kStereo;
    XR_IS(XR_ERROR_HANDLE_INVALID, xrBeginSession(reinterpret_cast<XrSession>(0x1234), &bi));
}

TEST_F(sim_runtime, SessionStatesFollowTheFramesOnASimulatedClock) {
    env("PALPA_SIM_FPS", "60");
    testing::internal::CaptureStderr();
    ASSERT_NO_FATAL_FAILURE(start());
    std::vector<XrTime> times;
    EXPECT_EQ(states(&times), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
    XrFrameState fs{XR_TYPE_FRAME_STATE};
    XR_IS(XR_ERROR_SESSION_NOT_RUNNING, xrWaitFrame(session_, nullptr, &fs));
    XR_IS(XR_ERROR_SESSION_NOT_RUNNING, xrEndSession(session_));
    XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
    bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO;
    XR_IS(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, xrBeginSession(session_, &bi));
    begin();
    bi.primaryViewConfigurationType = kStereo;
    XR_IS(XR_ERROR_SESSION_RUNNING, xrBeginSession(session_, &bi));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrBeginFrame(session_, nullptr));

    const XrFrameState f0 = waitAndBegin();
    EXPECT_EQ(f0.predictedDisplayTime, kT0);
    EXPECT_EQ(f0.predictedDisplayPeriod, 16666667);
    EXPECT_EQ(f0.shouldRender, XR_FALSE);
    times.clear();
    EXPECT_EQ(states(&times), (std::vector{XR_SESSION_STATE_SYNCHRONIZED}));
    EXPECT_EQ(times, (std::vector<XrTime>{kT0}));
    XR_IS(XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED, endFrame(kT0, nullptr, XR_ENVIRONMENT_BLEND_MODE_ADDITIVE));
    XR_OK(endFrame(kT0));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, endFrame(kT0));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));
    for (int n = 1; n <= 3; ++n) {
        const XrFrameState f = waitAndBegin();
        EXPECT_EQ(f.predictedDisplayTime, frameTime(n, 60.0));
        EXPECT_EQ(f.shouldRender, XR_TRUE);
        XR_OK(endFrame(f.predictedDisplayTime));
    }
    EXPECT_TRUE(states().empty());

    // The head at the default place looks at the patient's navel on the default table.
    std::uint32_t n = 0;
    XrReferenceSpaceType types[4];
    XR_OK(xrEnumerateReferenceSpaces(session_, 4, &n, types));
    EXPECT_EQ(std::vector(types, types + n), (std::vector{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                          XR_REFERENCE_SPACE_TYPE_STAGE}));
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = kStereo;
    li.displayTime = frameTime(3, 60.0);
    li.space = stage;
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> eyes{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    XR_OK(xrLocateViews(session_, &li, &vs, 2, &n, eyes.data()));
    EXPECT_EQ(vs.viewStateFlags & 3u, 3u);
    const glm::vec3 forward = glm::normalize(glm::vec3(0.0f, 0.92f - 1.5f, -0.45f - 0.05f));
    for (int i = 0; i < 2; ++i) {
        EXPECT_NEAR(eyes[i].pose.position.x, i == 0 ? -0.032f : 0.032f, 1e-5f);
        EXPECT_NEAR(eyes[i].pose.position.y, 1.5f, 1e-5f);
        EXPECT_NEAR(eyes[i].pose.position.z, 0.05f, 1e-5f);
        EXPECT_NEAR(glm::dot(quat(eyes[i].pose.orientation) * glm::vec3(0, 0, -1), forward), 1.0f, 1e-5f);
        EXPECT_NEAR(eyes[i].fov.angleLeft, -0.785398f, 1e-5f);
        EXPECT_NEAR(eyes[i].fov.angleUp, 0.785398f, 1e-5f);
    }
    li.space = view;
    XR_OK(xrLocateViews(session_, &li, &vs, 2, &n, eyes.data()));
    EXPECT_NEAR(glm::length(vec(eyes[1].pose.position) - glm::vec3(0.032f, 0, 0)), 0.0f, 1e-5f);
    XrSpaceLocation at{XR_TYPE_SPACE_LOCATION};
    XR_OK(xrLocateSpace(local, stage, li.displayTime, &at));
    EXPECT_EQ(at.locationFlags, kLocated);
    EXPECT_NEAR(glm::length(vec(at.pose.position) - glm::vec3(0.0f, 1.5f, 0.05f)), 0.0f, 1e-5f);
    EXPECT_NEAR(std::abs(at.pose.orientation.w), 1.0f, 1e-5f) << "looking down -Z: no yaw";

    XR_OK(xrRequestExitSession(session_));
    EXPECT_EQ(states(),
              (std::vector{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING}));
    XR_OK(xrEndSession(session_));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
    XR_IS(XR_ERROR_SESSION_NOT_RUNNING, xrWaitFrame(session_, nullptr, &fs));
    EXPECT_EQ(xrsimLines(testing::internal::GetCapturedStderr()), 0) << "quiet without PALPA_SIM_LOG";
}

TEST_F(sim_runtime, LocalIsTheHeadsStartWithYawOnlyAndStageCanBeAbsent) {
    env("PALPA_SIM_NO_STAGE", "1");
    env("PALPA_SIM_HEAD", "1,1.7,0");
    env("PALPA_SIM_TABLE", "0,0.9,-1,90");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    std::uint32_t n = 0;
    XrReferenceSpaceType types[4];
    XR_OK(xrEnumerateReferenceSpaces(session_, 4, &n, types));
    EXPECT_EQ(std::vector(types, types + n),
              (std::vector{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL}));
    XrReferenceSpaceCreateInfo ci{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    ci.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
    ci.poseInReferenceSpace.orientation.w = 1.0f;
    XrSpace stage = XR_NULL_HANDLE;
    XR_IS(XR_ERROR_REFERENCE_SPACE_UNSUPPORTED, xrCreateReferenceSpace(session_, &ci, &stage));
    ci.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
    ci.poseInReferenceSpace.orientation.w = 2.0f;
    XR_IS(XR_ERROR_POSE_INVALID, xrCreateReferenceSpace(session_, &ci, &stage));

    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    const XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    XrSpaceLocation at{XR_TYPE_SPACE_LOCATION};
    XR_OK(xrLocateSpace(view, local, kT0, &at));
    EXPECT_NEAR(glm::length(vec(at.pose.position)), 0.0f, 1e-5f) << "LOCAL starts at the head";
    const glm::vec3 forward = quat(at.pose.orientation) * glm::vec3(0, 0, -1);
    const glm::vec3 expected = glm::normalize(glm::vec3(0.0f, -0.8f, -std::sqrt(2.0f)));
    EXPECT_NEAR(glm::dot(forward, expected), 1.0f, 1e-5f) << "in LOCAL the head only pitches";
}

TEST_F(sim_runtime, SwapchainImagesAreAcquiredWaitedAndReleasedInOrder) {
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    std::uint32_t n = 0;
    std::int64_t formats[8];
    XR_OK(xrEnumerateSwapchainFormats(session_, 8, &n, formats));
    EXPECT_EQ(std::vector(formats, formats + n),
              (std::vector<std::int64_t>{VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM}));
    swapchain(VK_FORMAT_R8G8B8A8_UNORM, 64, 48, 3, XR_ERROR_FEATURE_UNSUPPORTED);
    swapchain(VK_FORMAT_R16G16B16A16_SFLOAT, 64, 48, 1, XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
    const XrSwapchain sc = swapchain(VK_FORMAT_R8G8B8A8_SRGB, 64, 48, 2);
    ASSERT_NE(sc, XR_NULL_HANDLE);
    const std::vector<VkImage> imgs = images(sc);
    ASSERT_EQ(imgs.size(), 3u);
    EXPECT_NE(imgs[0], imgs[1]);
    EXPECT_NE(imgs[1], imgs[2]);
    EXPECT_NE(imgs[0], VK_NULL_HANDLE);

    XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    wi.timeout = XR_INFINITE_DURATION;
    std::uint32_t index = 99;
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrWaitSwapchainImage(sc, &wi));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrReleaseSwapchainImage(sc, nullptr));
    XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
    EXPECT_EQ(index, 0u);
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrReleaseSwapchainImage(sc, nullptr));
    XR_OK(xrWaitSwapchainImage(sc, &wi));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrWaitSwapchainImage(sc, &wi));
    XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
    EXPECT_EQ(index, 1u);
    XR_OK(xrReleaseSwapchainImage(sc, nullptr));  // image 0, the oldest

    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const Projection layer(stage, sc, {{0, 0}, {64, 48}});
    const XrFrameState f = waitAndBegin();
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, endFrame(f.predictedDisplayTime, layer.header())) << "image 1 is still held";
    XR_OK(xrWaitSwapchainImage(sc, &wi));
    XR_OK(xrReleaseSwapchainImage(sc, nullptr));
    const Projection tooWide(stage, sc, {{8, 0}, {64, 48}});
    XR_IS(XR_ERROR_SWAPCHAIN_RECT_INVALID, endFrame(f.predictedDisplayTime, tooWide.header()));
    Projection badLayer(stage, sc, {{0, 0}, {64, 48}});
    badLayer.views[1].subImage.imageArrayIndex = 2;
    XR_IS(XR_ERROR_VALIDATION_FAILURE, endFrame(f.predictedDisplayTime, badLayer.header()));
    XR_OK(endFrame(f.predictedDisplayTime, layer.header()));
    for (std::uint32_t want : {2u, 0u, 1u}) {
        XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
        EXPECT_EQ(index, want);
        XR_OK(xrWaitSwapchainImage(sc, &wi));
        XR_OK(xrReleaseSwapchainImage(sc, nullptr));
    }
    XR_OK(xrDestroySwapchain(sc));
    XR_IS(XR_ERROR_HANDLE_INVALID, xrAcquireSwapchainImage(sc, nullptr, &index));
}

TEST_F(sim_runtime, AScriptedLossEndsTheSessionAndANewOneCarriesOnTheClock) {
    env("PALPA_SIM_LOSE_AT", "3");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());  // frame 0
    for (int frame = 1; frame <= 2; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_TRUE(states().empty());
    XrFrameState fs{XR_TYPE_FRAME_STATE};
    XR_OK(xrWaitFrame(session_, nullptr, &fs));  // frame 3 is delivered, then the session is lost
    EXPECT_EQ(fs.predictedDisplayTime, frameTime(3, 90.0));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_LOSS_PENDING}));
    XR_IS(XR_ERROR_SESSION_LOST, xrBeginFrame(session_, nullptr));
    XR_IS(XR_ERROR_SESSION_LOST, xrWaitFrame(session_, nullptr, &fs));
    std::uint32_t n = 0;
    XR_IS(XR_ERROR_SESSION_LOST, xrEnumerateReferenceSpaces(session_, 0, &n, nullptr));
    XR_IS(XR_ERROR_SESSION_LOST, xrRequestExitSession(session_));
    XR_OK(xrDestroySession(session_));
    session_ = XR_NULL_HANDLE;

    XR_OK(trySession());
    begin();
    const XrFrameState f = waitAndBegin();
    EXPECT_EQ(f.predictedDisplayTime, frameTime(4, 90.0)) << "the clock carries on across sessions";
    XR_OK(endFrame(f.predictedDisplayTime));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED,
                                     XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));
    for (int frame = 5; frame <= 8; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_TRUE(states().empty()) << "the loss happens once";
}

TEST_F(sim_runtime, AScriptedStopTakesTheSessionDownToExiting) {
    env("PALPA_SIM_STOP_AT", "4");
    env("PALPA_SIM_LOG", "1");
    testing::internal::CaptureStderr();
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    XR_IS(XR_ERROR_SESSION_NOT_STOPPING, xrEndSession(session_));
    for (int frame = 1; frame <= 3; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_TRUE(states().empty());
    const XrFrameState f = waitAndBegin();
    EXPECT_EQ(f.shouldRender, XR_FALSE);
    std::vector<XrTime> times;
    EXPECT_EQ(states(&times),
              (std::vector{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING}));
    EXPECT_EQ(times.back(), frameTime(4, 90.0));
    XR_OK(endFrame(f.predictedDisplayTime));
    XR_OK(xrEndSession(session_));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
    const std::string log = testing::internal::GetCapturedStderr();
    EXPECT_GE(xrsimLines(log), 10) << log;
    EXPECT_NE(log.find("STOPPING"), std::string::npos) << log;
}

// The recording's hand at a time since its start, as the runtime should show it.
const scoring::HandPose* recorded(const scoring::Recording& rec, int hand, double seconds) {
    const scoring::Frame* shown = nullptr;
    for (const scoring::Frame& f : rec.frames)
        if (f.t - rec.frames.front().t <= seconds + 1e-9) shown = &f;
    return shown && shown->hands[hand] ? &*shown->hands[hand] : nullptr;
}

TEST_F(sim_runtime, HandJointsFromTheRecordingArriveOnTheTableInStage) {
    env("PALPA_SIM_HANDS", kGoodLeft);
    env("PALPA_SIM_FPS", "30");
    env("PALPA_SIM_TABLE", "0.1,0.9,-0.5,90");
    env("PALPA_SIM_HEAD", "0,1.6,0.1");
    const scoring::Recording rec = scoring::readRecording(kGoodLeft);
    ASSERT_NO_FATAL_FAILURE(start());
    const auto create = fn<PFN_xrCreateHandTrackerEXT>("xrCreateHandTrackerEXT");
    const auto locate = fn<PFN_xrLocateHandJointsEXT>("xrLocateHandJointsEXT");
    std::array<XrHandTrackerEXT, 2> trackers{};
    for (int h = 0; h < 2; ++h) {
        XrHandTrackerCreateInfoEXT ci{XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT};
        ci.hand = h == 0 ? XR_HAND_LEFT_EXT : XR_HAND_RIGHT_EXT;
        ci.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
        XR_OK(create(session_, &ci, &trackers[h]));
    }
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
    std::array<XrHandJointVelocityEXT, XR_HAND_JOINT_COUNT_EXT> speeds{};
    XrHandJointVelocitiesEXT velocities{XR_TYPE_HAND_JOINT_VELOCITIES_EXT};
    velocities.jointCount = XR_HAND_JOINT_COUNT_EXT;
    velocities.jointVelocities = speeds.data();
    XrHandJointLocationsEXT locations{XR_TYPE_HAND_JOINT_LOCATIONS_EXT, &velocities};
    locations.jointCount = XR_HAND_JOINT_COUNT_EXT;
    locations.jointLocations = joints.data();
    XrHandJointsLocateInfoEXT li{XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT};
    li.baseSpace = stage;
    li.time = kT0;
    XR_OK(locate(trackers[0], &li, &locations));
    EXPECT_EQ(locations.isActive, XR_FALSE) << "no hands before the session is focused";

    ASSERT_NO_FATAL_FAILURE(runToFocused());  // frame 0 is the recording's start
    const glm::quat tableTurn = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
    const glm::vec3 table(0.1f, 0.9f, -0.5f), head(0.0f, 1.6f, 0.1f);
    const glm::vec3 look = table - head;
    const glm::quat localTurn = glm::angleAxis(std::atan2(-look.x, -look.z), glm::vec3(0, 1, 0));
    int active = 0, absent = 0;
    for (int frame = 1; frame <= 70; ++frame) {
        const XrFrameState f = waitAndBegin();
        const double seconds = static_cast<double>(f.predictedDisplayTime - kT0) * 1e-9;
        for (int h = 0; h < 2; ++h) {
            const scoring::HandPose* want = recorded(rec, h, seconds);
            li.baseSpace = stage;
            li.time = f.predictedDisplayTime;
            XR_OK(locate(trackers[h], &li, &locations));
            ASSERT_EQ(locations.isActive == XR_TRUE, want != nullptr) << "frame " << frame << " hand " << h;
            if (!want) {
                ++absent;
                EXPECT_EQ(joints[0].locationFlags, 0u);
                continue;
            }
            ++active;
            for (int j = 0; j < XR_HAND_JOINT_COUNT_EXT; ++j) {
                const glm::vec3 p = table + tableTurn * (*want)[j].position;
                EXPECT_NEAR(glm::length(vec(joints[j].pose.position) - p), 0.0f, 1e-5f) << frame << "/" << j;
                const glm::quat q = tableTurn * (*want)[j].orientation;
                EXPECT_NEAR(std::abs(glm::dot(glm::normalize(q), quat(joints[j].pose.orientation))), 1.0f, 1e-4f);
                EXPECT_FLOAT_EQ(joints[j].radius, (*want)[j].radius);
                EXPECT_EQ(joints[j].locationFlags, kLocated);
                EXPECT_EQ(speeds[j].velocityFlags, 0u);
            }
            li.baseSpace = local;
            XR_OK(locate(trackers[h], &li, &locations));
            const glm::vec3 inLocal = glm::conjugate(localTurn) * (table + tableTurn * (*want)[5].position - head);
            EXPECT_NEAR(glm::length(vec(joints[5].pose.position) - inLocal), 0.0f, 1e-5f) << "thumb tip in LOCAL";
        }
        XR_OK(endFrame(f.predictedDisplayTime));
    }
    EXPECT_GT(active, 100);
    EXPECT_GT(absent, 5) << "the recording's left hand leaves view near 1.7 s";

    // With no PALPA_SIM_STOP_AT, the runtime stops one second after the recording's last frame.
    std::int64_t frame = 70;
    std::vector<XrSessionState> seen;
    while (seen.empty() && frame < 2000) {
        ++frame;
        XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
        seen = states();
    }
    std::int64_t expected = 0;
    while (static_cast<double>(frameTime(expected, 30.0) - kT0) * 1e-9 < rec.duration() + 1.0) ++expected;
    EXPECT_EQ(frame, expected);
    EXPECT_EQ(seen.back(), XR_SESSION_STATE_STOPPING);
}

TEST_F(sim_runtime, ControllersFollowThePalmAndClickOnScriptedFrames) {
    env("PALPA_SIM_NO_HAND_TRACKING", "1");
    env("PALPA_SIM_HANDS", kGoodLeft);
    env("PALPA_SIM_FPS", "30");
    env("PALPA_SIM_TABLE", "0,0.92,-0.45,90");
    env("PALPA_SIM_SELECT_AT", "3");
    env("PALPA_SIM_SELECT_LEFT_AT", "5");
    env("PALPA_SIM_MENU_AT", "7,8");
    const scoring::Recording rec = scoring::readRecording(kGoodLeft);
    ASSERT_NO_FATAL_FAILURE(start(false));
    auto path = [&](const char* text) {
        XrPath p = XR_NULL_PATH;
        EXPECT_EQ(xrStringToPath(instance_, text, &p), XR_SUCCESS) << text;
        return p;
    };
    const std::array<XrPath, 2> hands{path("/user/hand/left"), path("/user/hand/right")};
    XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
    std::strcpy(si.actionSetName, "trainer");
    std::strcpy(si.localizedActionSetName, "Trainer");
    XrActionSet set = XR_NULL_HANDLE;
    XR_OK(xrCreateActionSet(instance_, &si, &set));
    auto action = [&](const char* name, XrActionType type) {
        XrActionCreateInfo ai{XR_TYPE_ACTION_CREATE_INFO};
        std::strcpy(ai.actionName, name);
        std::strcpy(ai.localizedActionName, name);
        ai.actionType = type;
        ai.countSubactionPaths = 2;
        ai.subactionPaths = hands.data();
        XrAction a = XR_NULL_HANDLE;
        EXPECT_EQ(xrCreateAction(set, &ai, &a), XR_SUCCESS) << name;
        return a;
    };
    const XrAction grip = action("grip", XR_ACTION_TYPE_POSE_INPUT);
    const XrAction select = action("select", XR_ACTION_TYPE_BOOLEAN_INPUT);
    const XrAction menu = action("menu", XR_ACTION_TYPE_BOOLEAN_INPUT);
    std::vector<XrActionSuggestedBinding> bindings;
    for (const char* side : {"/user/hand/left", "/user/hand/right"}) {
        const std::string s = side;
        bindings.push_back({grip, path((s + "/input/grip/pose").c_str())});
        bindings.push_back({select, path((s + "/input/select/click").c_str())});
        bindings.push_back({menu, path((s + "/input/menu/click").c_str())});
    }
    XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    sb.interactionProfile = path("/interaction_profiles/oculus/touch_controller");
    sb.countSuggestedBindings = static_cast<std::uint32_t>(bindings.size());
    sb.suggestedBindings = bindings.data();
    XR_IS(XR_ERROR_PATH_UNSUPPORTED, xrSuggestInteractionProfileBindings(instance_, &sb));
    const XrPath simple = path("/interaction_profiles/khr/simple_controller");
    sb.interactionProfile = simple;
    XR_OK(xrSuggestInteractionProfileBindings(instance_, &sb));
    XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
    attach.countActionSets = 1;
    attach.actionSets = &set;
    XR_OK(xrAttachSessionActionSets(session_, &attach));
    XR_IS(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, xrAttachSessionActionSets(session_, &attach));
    XR_IS(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, xrSuggestInteractionProfileBindings(instance_, &sb));
    XrInteractionProfileState profile{XR_TYPE_INTERACTION_PROFILE_STATE};
    XR_OK(xrGetCurrentInteractionProfile(session_, hands[0], &profile));
    EXPECT_EQ(profile.interactionProfile, simple);

    std::array<XrSpace, 2> gripSpaces{};
    for (int h = 0; h < 2; ++h) {
        XrActionSpaceCreateInfo ci{XR_TYPE_ACTION_SPACE_CREATE_INFO};
        ci.action = grip;
        ci.subactionPath = hands[h];
        ci.poseInActionSpace.orientation.w = 1.0f;
        XR_OK(xrCreateActionSpace(session_, &ci, &gripSpaces[h]));
    }
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    XrActiveActionSet active{set, XR_NULL_PATH};
    XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
    sync.countActiveActionSets = 1;
    sync.activeActionSets = &active;
    begin();
    const XrFrameState first = waitAndBegin();
    XR_IS(XR_SESSION_NOT_FOCUSED, xrSyncActions(session_, &sync));
    XR_OK(endFrame(first.predictedDisplayTime));
    const glm::quat tableTurn = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
    for (int frame = 1; frame <= 9; ++frame) {
        const XrFrameState f = waitAndBegin();
        XR_OK(xrSyncActions(session_, &sync));
        for (int h = 0; h < 2; ++h) {
            XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO};
            gi.subactionPath = hands[h];
            gi.action = select;
            XrActionStateBoolean b{XR_TYPE_ACTION_STATE_BOOLEAN};
            XR_OK(xrGetActionStateBoolean(session_, &gi, &b));
            EXPECT_EQ(b.isActive, XR_TRUE);
            EXPECT_EQ(b.currentState == XR_TRUE, frame == (h == 0 ? 5 : 3)) << "select, frame " << frame;
            gi.action = menu;
            XR_OK(xrGetActionStateBoolean(session_, &gi, &b));
            EXPECT_EQ(b.currentState == XR_TRUE, h == 1 && (frame == 7 || frame == 8)) << "menu, frame " << frame;
            XrActionStatePose pose{XR_TYPE_ACTION_STATE_POSE};
            gi.action = grip;
            XR_IS(XR_ERROR_ACTION_TYPE_MISMATCH, xrGetActionStateBoolean(session_, &gi, &b));
            XR_OK(xrGetActionStatePose(session_, &gi, &pose));
            const double seconds = static_cast<double>(f.predictedDisplayTime - kT0) * 1e-9;
            const scoring::HandPose* want = recorded(rec, h, seconds);
            EXPECT_EQ(pose.isActive == XR_TRUE, want != nullptr);
            XrSpaceLocation at{XR_TYPE_SPACE_LOCATION};
            XR_OK(xrLocateSpace(gripSpaces[h], stage, f.predictedDisplayTime, &at));
            ASSERT_TRUE(want) << "the recording has both hands in its first second";
            EXPECT_EQ(at.locationFlags, kLocated);
            const glm::vec3 palm = glm::vec3(0.0f, 0.92f, -0.45f) + tableTurn * (*want)[0].position;
            EXPECT_NEAR(glm::length(vec(at.pose.position) - palm), 0.0f, 1e-5f) << "grip at the palm";
        }
        XR_OK(endFrame(f.predictedDisplayTime));
    }
}

// Clears array layer 0 and 1 of a colour image the app received in COLOR_ATTACHMENT_OPTIMAL.
void clearLayers(VkCommandBuffer cb, VkImage image, const std::array<VkClearColorValue, 2>& colours) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 2};
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &b);
    for (std::uint32_t layer = 0; layer < 2; ++layer) {
        const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
        vkCmdClearColorImage(cb, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &colours[layer], 1, &range);
    }
    b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &b);
}

// Every pixel of a PNG is one RGBA colour (and the PNG has the given size).
void expectPng(const fs::path& file, int width, int height, std::array<unsigned char, 4> rgba) {
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(file.c_str(), &w, &h, &channels, 4);
    ASSERT_NE(pixels, nullptr) << file;
    EXPECT_EQ(w, width) << file;
    EXPECT_EQ(h, height) << file;
    int wrong = 0;
    for (int i = 0; i < w * h; ++i) wrong += std::memcmp(pixels + 4 * i, rgba.data(), 4) != 0;
    stbi_image_free(pixels);
    EXPECT_EQ(wrong, 0) << file << " should be " << int(rgba[0]) << "," << int(rgba[1]) << "," << int(rgba[2]);
}

TEST_F(sim_runtime, CapturesTheScriptedFrameAndTheLastOneAsPngs) {
    const fs::path dir = fs::temp_directory_path() / "palpa_sim_runtime_capture";
    fs::remove_all(dir);
    env("PALPA_SIM_CAPTURE", dir.string());
    env("PALPA_SIM_CAPTURE_AT", "2,last");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());  // frame 0 submits no layer
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSwapchain sc = swapchain(VK_FORMAT_B8G8R8A8_SRGB, 64, 48, 2);  // BGRA: the PNG is swizzled
    const std::vector<VkImage> imgs = images(sc);
    ASSERT_EQ(imgs.size(), 3u);
    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pci.queueFamilyIndex = family_;
    ASSERT_EQ(vkCreateCommandPool(device_, &pci, nullptr, &pool_), VK_SUCCESS);
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = pool_;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cb = VK_NULL_HANDLE;
    ASSERT_EQ(vkAllocateCommandBuffers(device_, &ai, &cb), VK_SUCCESS);
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    ASSERT_EQ(vkCreateFence(device_, &fci, nullptr, &fence_), VK_SUCCESS);

    const VkClearColorValue red{{1, 0, 0, 1}}, green{{0, 1, 0, 1}}, blue{{0, 0, 1, 1}}, white{{1, 1, 1, 1}};
    const Projection layer(stage, sc, {{8, 4}, {48, 40}});
    for (int frame = 1; frame <= 4; ++frame) {
        const XrFrameState f = waitAndBegin();
        std::uint32_t index = 0;
        XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
        XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
        wi.timeout = XR_INFINITE_DURATION;
        XR_OK(xrWaitSwapchainImage(sc, &wi));
        VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        ASSERT_EQ(vkBeginCommandBuffer(cb, &bi), VK_SUCCESS);
        clearLayers(cb, imgs[index],
                    frame == 2   ? std::array{red, green}
                    : frame == 4 ? std::array{white, blue}
                                 : std::array{blue, blue});
        ASSERT_EQ(vkEndCommandBuffer(cb), VK_SUCCESS);
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cb;
        ASSERT_EQ(vkQueueSubmit(queue_, 1, &submit, fence_), VK_SUCCESS);  // not waited: queue order suffices
        XR_OK(xrReleaseSwapchainImage(sc, nullptr));
        XR_OK(endFrame(f.predictedDisplayTime, layer.header()));
        ASSERT_EQ(vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX), VK_SUCCESS);
        ASSERT_EQ(vkResetFences(device_, 1, &fence_), VK_SUCCESS);
        ASSERT_EQ(vkResetCommandBuffer(cb, 0), VK_SUCCESS);
    }
    expectPng(dir / "frame-2-left.png", 48, 40, {255, 0, 0, 255});
    expectPng(dir / "frame-2-right.png", 48, 40, {0, 255, 0, 255});
    EXPECT_FALSE(fs::exists(dir / "frame-1-left.png"));
    EXPECT_FALSE(fs::exists(dir / "frame-3-left.png"));
    EXPECT_FALSE(fs::exists(dir / "frame-last-left.png")) << "saved when the session ends";
    XR_OK(xrRequestExitSession(session_));
    states();
    XR_OK(xrEndSession(session_));
    expectPng(dir / "frame-last-left.png", 48, 40, {255, 255, 255, 255});
    expectPng(dir / "frame-last-right.png", 48, 40, {0, 0, 255, 255});
    fs::remove_all(dir);
}

}  // namespace
}  // namespace palpa
