// Role: the simulated runtime's objects (instance, session, spaces, swapchains, hand trackers,
// action sets and actions), the helpers every API file shares (the API lock, handle checks,
// two-call arrays, events) and the OpenXR entry points each file implements.
#pragma once

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>

#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "config.hpp"
#include "scoring/recording.hpp"
#include "world.hpp"

namespace palpa::xrsim {

inline constexpr XrSystemId kSystemId = 1;
inline constexpr std::uint32_t kMaxImageSize = 4096;
inline constexpr std::uint32_t kSwapchainImages = 3;
inline constexpr std::uint32_t kMaxLayers = 16;
inline constexpr const char* kRuntimeName = "palpa simulated runtime";
inline constexpr const char* kSimpleController = "/interaction_profiles/khr/simple_controller";

struct Instance;
struct Session;
struct ActionSet;
struct Action;

// ---- handles: numbers that are never reused, mapped to the live objects they name, so stale,
// foreign and made-up handles are all recognised (XR_ERROR_HANDLE_INVALID).

inline std::uint64_t nextHandleValue() {
    static std::uint64_t next = 0x1000;
    return next += 0x10;
}
template <typename T>
std::unordered_map<std::uint64_t, T*>& registry() {
    static std::unordered_map<std::uint64_t, T*> live;
    return live;
}
template <typename T>
void track(T* object) {
    object->id = nextHandleValue();
    registry<T>()[object->id] = object;
}
template <typename T>
void untrack(const T* object) {
    registry<T>().erase(object->id);
}
template <typename T>
bool alive(const T* object) {
    return registry<T>().count(object->id) != 0;
}
// The live object behind a handle, or nullptr.
template <typename T, typename H>
T* find(H handle) {
    const auto it = registry<T>().find(reinterpret_cast<std::uint64_t>(handle));
    return it == registry<T>().end() ? nullptr : it->second;
}
template <typename H, typename T>
H handleOf(const T* object) {
    return reinterpret_cast<H>(object->id);
}

// ---- the objects

// Device functions fetched through the app's vkGetInstanceProcAddr (so through its layers).
struct VulkanFunctions {
// clang-format off
#define XRSIM_VK_FUNCTIONS(X)                                                                             \
    X(vkGetPhysicalDeviceMemoryProperties) X(vkGetPhysicalDeviceImageFormatProperties)                     \
    X(vkGetPhysicalDeviceQueueFamilyProperties) X(vkGetDeviceQueue) X(vkCreateImage) X(vkDestroyImage)     \
    X(vkGetImageMemoryRequirements) X(vkAllocateMemory) X(vkFreeMemory) X(vkBindImageMemory)               \
    X(vkCreateBuffer) X(vkDestroyBuffer) X(vkGetBufferMemoryRequirements) X(vkBindBufferMemory)            \
    X(vkMapMemory) X(vkUnmapMemory) X(vkInvalidateMappedMemoryRanges) X(vkCreateCommandPool)               \
    X(vkDestroyCommandPool) X(vkAllocateCommandBuffers) X(vkFreeCommandBuffers) X(vkBeginCommandBuffer)    \
    X(vkEndCommandBuffer) X(vkCmdPipelineBarrier) X(vkCmdCopyImageToBuffer) X(vkQueueSubmit)               \
    X(vkCreateFence) X(vkDestroyFence) X(vkWaitForFences) X(vkQueueWaitIdle)
// clang-format on
#define XRSIM_VK_MEMBER(name) PFN_##name name = nullptr;
    XRSIM_VK_FUNCTIONS(XRSIM_VK_MEMBER)
#undef XRSIM_VK_MEMBER
};

// The app's Vulkan objects named by the session's graphics binding, plus the runtime's pool.
struct Graphics {
    VkInstance instance = VK_NULL_HANDLE;
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    std::uint32_t family = 0;
    VkQueue queue = VK_NULL_HANDLE;
    VkCommandPool pool = VK_NULL_HANDLE;
    VulkanFunctions vk;
};

struct Swapchain {
    explicit Swapchain(Session* s) : session(s) { track(this); }
    ~Swapchain() { untrack(this); }
    std::uint64_t id = 0;  // the handle's value
    Session* session;
    XrSwapchainCreateInfo info{};
    VkFormat format = VK_FORMAT_UNDEFINED;
    VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;  // the layout apps receive images in
    struct Image {
        VkImage image = VK_NULL_HANDLE;
        VkDeviceMemory memory = VK_NULL_HANDLE;
    };
    std::vector<Image> images;
    std::deque<std::uint32_t> held;  // acquired, not yet released, oldest first
    bool front_waited = false;       // held.front() has been waited on
    int front_timeouts = 0;          // XR_TIMEOUT_EXPIRED answers given for held.front()
    std::uint32_t next = 0;          // the index the next acquire returns
    std::optional<std::uint32_t> last_released;
};

struct Space {
    explicit Space(Session* s) : session(s) { track(this); }
    ~Space() { untrack(this); }
    std::uint64_t id = 0;  // the handle's value
    Session* session;
    bool is_action = false;
    XrReferenceSpaceType type = XR_REFERENCE_SPACE_TYPE_VIEW;  // reference spaces
    const Action* action = nullptr;                            // action spaces
    XrPath subaction = XR_NULL_PATH;
    Pose offset;  // poseInReferenceSpace / poseInActionSpace
};

struct HandTracker {
    explicit HandTracker(Session* s) : session(s) { track(this); }
    ~HandTracker() { untrack(this); }
    std::uint64_t id = 0;  // the handle's value
    Session* session;
    int hand = 0;  // 0 left, 1 right
};

struct Action {
    explicit Action(ActionSet* s) : set(s) { track(this); }
    ~Action() { untrack(this); }
    std::uint64_t id = 0;  // the handle's value
    ActionSet* set;
    std::string name;
    XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
    std::vector<XrPath> subactions;
};

struct ActionSet {
    explicit ActionSet(Instance* i) : instance(i) { track(this); }
    ~ActionSet() { untrack(this); }
    std::uint64_t id = 0;  // the handle's value
    Instance* instance;
    std::string name;
    std::uint32_t priority = 0;
    bool attached = false;  // attached to a session: immutable from then on
    // Destroyed handles stay allocated until the instance goes (spaces may still name them).
    std::vector<std::unique_ptr<Action>> actions;
};

// What a simple_controller binding reads.
enum class Source { Select, Menu, Grip, Aim, Haptic };
struct Binding {
    const Action* action;
    int hand;  // 0 left, 1 right
    Source source;
};

// One action's state on one hand after the last xrSyncActions.
struct ActionState {
    bool active = false;
    bool value = false;  // boolean (and float != 0)
    bool changed = false;
    XrTime last_change = 0;
};

// A projection layer's views remembered for PALPA_SIM_CAPTURE_AT=last.
struct CaptureView {
    Swapchain* swapchain = nullptr;
    std::uint32_t image = 0;
    std::uint32_t layer = 0;
    XrRect2Di rect{};
};
struct PendingCapture {
    std::int64_t frame = -1;
    std::array<CaptureView, 2> views;
};

struct Session {
    explicit Session(Instance* i) : instance(i) { track(this); }
    ~Session() { untrack(this); }
    std::uint64_t id = 0;  // the handle's value
    Instance* instance;
    int number = 0;  // 1 for the instance's first session
    XrSessionState state = XR_SESSION_STATE_UNKNOWN;  // that of the last state event queued
    bool ready_pending = true;       // READY not queued yet (it comes with the second xrPollEvent)
    int polls = 0;                   // xrPollEvent calls since the session was created
    std::int64_t visible_frame = -1;  // the frame whose xrEndFrame queued VISIBLE
    bool running = false;   // between xrBeginSession and xrEndSession
    bool lost = false;      // LOSS_PENDING queued: every call fails with XR_ERROR_SESSION_LOST
    bool stopping = false;  // the stop sequence has been queued
    bool exit_requested = false;
    bool waited = false;       // xrWaitFrame returned a frame that xrBeginFrame has not begun
    bool frame_begun = false;  // between xrBeginFrame and xrEndFrame
    std::int64_t frame = -1;   // the number of the session's last waited frame
    XrTime frame_time = 0;
    Graphics graphics;
    std::vector<std::unique_ptr<Space>> spaces;
    std::vector<std::unique_ptr<Swapchain>> swapchains;
    std::vector<std::unique_ptr<HandTracker>> trackers;
    std::vector<ActionSet*> attached;
    bool profile_active = false;  // simple_controller is the current interaction profile
    std::map<std::pair<const Action*, int>, ActionState> states;
    std::optional<PendingCapture> pending_capture;
    std::array<int, 2> haptic_pulses{0, 0};  // xrApplyHapticFeedback calls by hand
    int blocked_waits = 0;  // xrWaitSwapchainImage calls that "blocked" (infinite timeout, hiccup frame)
};

struct VulkanInstanceRecord {
    VkInstance instance;
    PFN_vkGetInstanceProcAddr get_proc;
};

struct Instance {
    Instance() : number(++created()) { track(this); }
    ~Instance() { untrack(this); }
    // Instances created in this process so far: a real runtime may restart its service or
    // drop a device's connection on a second one, so the logs number them.
    static int& created() {
        static int n = 0;
        return n;
    }
    int number = 0;
    std::uint64_t id = 0;  // the handle's value
    Config config;
    World world{Config{}};
    std::optional<scoring::Recording> recording;
    bool vulkan2 = false;         // XR_KHR_vulkan_enable2 enabled
    bool hand_extension = false;  // XR_EXT_hand_tracking enabled
    bool requirements_asked = false;
    std::deque<XrEventDataBuffer> events;
    std::int64_t frames = 0;  // xrWaitFrame calls so far: the next frame's number
    std::optional<XrTime> recording_zero;
    bool stop_fired = false;
    bool loss_fired = false;           // the session loss (PALPA_SIM_LOSE_AT) happened
    std::int64_t gone_left = 0;        // xrGetSystem calls still to answer "no headset" after the loss
    bool recentre_fired = false;       // PALPA_SIM_RECENTRE_AT happened
    std::optional<XrTime> loss_time;   // INSTANCE_LOSS_PENDING queued for this time
    bool lost = false;                 // the instance is lost: see liveInstance()
    int sessions_created = 0;
    std::vector<std::string> paths;  // XrPath n is paths[n - 1]
    std::map<std::string, XrPath, std::less<>> path_ids;
    std::vector<std::unique_ptr<ActionSet>> action_sets;
    bool simple_suggested = false;
    std::vector<Binding> simple_bindings;
    std::unique_ptr<Session> session;                    // one at a time
    std::vector<VulkanInstanceRecord> vulkan_instances;  // made by xrCreateVulkanInstanceKHR
    VkInstance chosen_instance = VK_NULL_HANDLE;         // as asked in xrGetVulkanGraphicsDevice2KHR

    void log(const std::string& message) const {
        if (config.log) logLine(message);
    }
};

// ---- shared helpers

std::recursive_mutex& apiMutex();

// Runs an entry point's body under the API lock; exceptions become error codes.
template <typename F>
XrResult guarded(F&& body) noexcept {
    try {
        std::lock_guard<std::recursive_mutex> lock(apiMutex());
        return body();
    } catch (const std::bad_alloc&) {
        return XR_ERROR_OUT_OF_MEMORY;
    } catch (...) {
        return XR_ERROR_RUNTIME_FAILURE;
    }
}

// The two-call idiom: count first, then fill when the capacity allows.
template <typename T, typename U>
XrResult fillArray(std::uint32_t capacity, std::uint32_t* count, T* out, const std::vector<U>& values) {
    if (!count) return XR_ERROR_VALIDATION_FAILURE;
    *count = static_cast<std::uint32_t>(values.size());
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < values.size()) return XR_ERROR_SIZE_INSUFFICIENT;
    if (!out) return XR_ERROR_VALIDATION_FAILURE;
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = static_cast<T>(values[i]);
    return XR_SUCCESS;
}

// Copies a string into a fixed char array, always terminated.
template <std::size_t N>
void copyName(char (&out)[N], const std::string& text) {
    std::strncpy(out, text.c_str(), N - 1);
    out[N - 1] = '\0';
}

// A name filled by the app into a fixed array: terminated within it.
template <std::size_t N>
bool terminated(const char (&text)[N]) {
    return std::memchr(text, '\0', N) != nullptr;
}

// XR_ERROR_INSTANCE_LOST once the instance is lost (the app polled INSTANCE_LOSS_PENDING, or
// a frame reached its loss time): every call on it or its children but xrPollEvent and the
// destroy functions fails so.
inline XrResult instanceLost(const Instance& instance) {
    return instance.lost ? XR_ERROR_INSTANCE_LOST : XR_SUCCESS;
}
// The instance of a handle, checked: HANDLE_INVALID, or INSTANCE_LOST.
XrResult liveInstance(XrInstance handle, Instance*& out);
// The session of a handle, checked: HANDLE_INVALID, INSTANCE_LOST, or SESSION_LOST after a loss.
XrResult liveSession(XrSession handle, Session*& out);
// The session of a space, swapchain or hand tracker, checked: INSTANCE_LOST or SESSION_LOST.
XrResult sessionAlive(const Session& session);

// The predicted display time of frame n.
XrTime frameTime(const Instance& instance, std::int64_t frame);
// The time stamped on events now: the session's last frame, else the instance's next frame.
XrTime eventTime(const Instance& instance);
// Seconds since the recording started, at an XrTime; nullopt before the recording zero.
std::optional<double> recordingSeconds(const Instance& instance, XrTime time);
// The hand (0 left, 1 right) at a time, when the session is focused and the hand present.
const scoring::HandPose* handAt(const Session& session, int hand, XrTime time);

// Queues an event; logs it when PALPA_SIM_LOG=1.
void queueEvent(Instance& instance, const XrEventDataBuffer& event, const std::string& description);
// Moves the session to a state and queues XrEventDataSessionStateChanged.
void queueState(Session& session, XrSessionState state);
// Where a space is in the world (world.hpp) at a time; nullopt when untracked.
std::optional<Pose> spaceInWorld(const Space& space, XrTime time);
// A path's text, or nullptr for XR_NULL_PATH and unknown paths.
const std::string* pathText(const Instance& instance, XrPath path);
// 0 for /user/hand/left, 1 for /user/hand/right, -1 otherwise.
int handOfPath(const Instance& instance, XrPath path);

// graphics.cpp
XrResult bindGraphics(Session& session, const XrGraphicsBindingVulkanKHR& binding);
// Where and how apps use an image in the layout they receive it in (a barrier's far side).
struct LayoutUse {
    VkPipelineStageFlags stage;
    VkAccessFlags access;
};
LayoutUse layoutUse(VkImageLayout layout);
// Records commands into a one-time command buffer, submits it on the binding's queue and waits.
bool submitOnce(Graphics& graphics, const std::function<void(VkCommandBuffer)>& record);
void releaseSwapchain(Swapchain& swapchain);
void releaseGraphics(Session& session);
// capture.cpp
void captureViews(Session& session, const std::array<CaptureView, 2>& views, const std::string& tag);
void flushPendingCapture(Session& session);
// actions.cpp
void destroyActionState(Session& session);
// Where an action space's pose action puts the controller (grip/aim follow the palm), in the world.
std::optional<Pose> actionPoseInWorld(const Session& session, const Action& action, XrPath subaction, XrTime time);

// ---- entry points (palpa::xrsim::xrFoo, reached only through xrGetInstanceProcAddr)

#define XRSIM_DECLARE(name, ...) XRAPI_ATTR XrResult XRAPI_CALL name(__VA_ARGS__);
// runtime.cpp
XRSIM_DECLARE(xrGetInstanceProcAddr, XrInstance, const char*, PFN_xrVoidFunction*)
XRSIM_DECLARE(xrEnumerateApiLayerProperties, uint32_t, uint32_t*, XrApiLayerProperties*)
XRSIM_DECLARE(xrEnumerateInstanceExtensionProperties, const char*, uint32_t, uint32_t*, XrExtensionProperties*)
XRSIM_DECLARE(xrCreateInstance, const XrInstanceCreateInfo*, XrInstance*)
XRSIM_DECLARE(xrDestroyInstance, XrInstance)
XRSIM_DECLARE(xrGetInstanceProperties, XrInstance, XrInstanceProperties*)
XRSIM_DECLARE(xrPollEvent, XrInstance, XrEventDataBuffer*)
XRSIM_DECLARE(xrResultToString, XrInstance, XrResult, char[XR_MAX_RESULT_STRING_SIZE])
XRSIM_DECLARE(xrStructureTypeToString, XrInstance, XrStructureType, char[XR_MAX_STRUCTURE_NAME_SIZE])
XRSIM_DECLARE(xrGetSystem, XrInstance, const XrSystemGetInfo*, XrSystemId*)
XRSIM_DECLARE(xrGetSystemProperties, XrInstance, XrSystemId, XrSystemProperties*)
XRSIM_DECLARE(xrEnumerateEnvironmentBlendModes, XrInstance, XrSystemId, XrViewConfigurationType, uint32_t, uint32_t*,
              XrEnvironmentBlendMode*)
XRSIM_DECLARE(xrEnumerateViewConfigurations, XrInstance, XrSystemId, uint32_t, uint32_t*, XrViewConfigurationType*)
XRSIM_DECLARE(xrGetViewConfigurationProperties, XrInstance, XrSystemId, XrViewConfigurationType,
              XrViewConfigurationProperties*)
XRSIM_DECLARE(xrEnumerateViewConfigurationViews, XrInstance, XrSystemId, XrViewConfigurationType, uint32_t, uint32_t*,
              XrViewConfigurationView*)
XRSIM_DECLARE(xrStringToPath, XrInstance, const char*, XrPath*)
XRSIM_DECLARE(xrPathToString, XrInstance, XrPath, uint32_t, uint32_t*, char*)
// session.cpp
XRSIM_DECLARE(xrCreateSession, XrInstance, const XrSessionCreateInfo*, XrSession*)
XRSIM_DECLARE(xrDestroySession, XrSession)
XRSIM_DECLARE(xrBeginSession, XrSession, const XrSessionBeginInfo*)
XRSIM_DECLARE(xrEndSession, XrSession)
XRSIM_DECLARE(xrRequestExitSession, XrSession)
XRSIM_DECLARE(xrWaitFrame, XrSession, const XrFrameWaitInfo*, XrFrameState*)
XRSIM_DECLARE(xrBeginFrame, XrSession, const XrFrameBeginInfo*)
XRSIM_DECLARE(xrEndFrame, XrSession, const XrFrameEndInfo*)
XRSIM_DECLARE(xrLocateViews, XrSession, const XrViewLocateInfo*, XrViewState*, uint32_t, uint32_t*, XrView*)
// spaces.cpp
XRSIM_DECLARE(xrEnumerateReferenceSpaces, XrSession, uint32_t, uint32_t*, XrReferenceSpaceType*)
XRSIM_DECLARE(xrCreateReferenceSpace, XrSession, const XrReferenceSpaceCreateInfo*, XrSpace*)
XRSIM_DECLARE(xrGetReferenceSpaceBoundsRect, XrSession, XrReferenceSpaceType, XrExtent2Df*)
XRSIM_DECLARE(xrDestroySpace, XrSpace)
XRSIM_DECLARE(xrLocateSpace, XrSpace, XrSpace, XrTime, XrSpaceLocation*)
// graphics.cpp
XRSIM_DECLARE(xrGetVulkanGraphicsRequirements2KHR, XrInstance, XrSystemId, XrGraphicsRequirementsVulkanKHR*)
XRSIM_DECLARE(xrCreateVulkanInstanceKHR, XrInstance, const XrVulkanInstanceCreateInfoKHR*, VkInstance*, VkResult*)
XRSIM_DECLARE(xrGetVulkanGraphicsDevice2KHR, XrInstance, const XrVulkanGraphicsDeviceGetInfoKHR*, VkPhysicalDevice*)
XRSIM_DECLARE(xrCreateVulkanDeviceKHR, XrInstance, const XrVulkanDeviceCreateInfoKHR*, VkDevice*, VkResult*)
XRSIM_DECLARE(xrEnumerateSwapchainFormats, XrSession, uint32_t, uint32_t*, int64_t*)
XRSIM_DECLARE(xrCreateSwapchain, XrSession, const XrSwapchainCreateInfo*, XrSwapchain*)
XRSIM_DECLARE(xrDestroySwapchain, XrSwapchain)
XRSIM_DECLARE(xrEnumerateSwapchainImages, XrSwapchain, uint32_t, uint32_t*, XrSwapchainImageBaseHeader*)
XRSIM_DECLARE(xrAcquireSwapchainImage, XrSwapchain, const XrSwapchainImageAcquireInfo*, uint32_t*)
XRSIM_DECLARE(xrWaitSwapchainImage, XrSwapchain, const XrSwapchainImageWaitInfo*)
XRSIM_DECLARE(xrReleaseSwapchainImage, XrSwapchain, const XrSwapchainImageReleaseInfo*)
// hands.cpp
XRSIM_DECLARE(xrCreateHandTrackerEXT, XrSession, const XrHandTrackerCreateInfoEXT*, XrHandTrackerEXT*)
XRSIM_DECLARE(xrDestroyHandTrackerEXT, XrHandTrackerEXT)
XRSIM_DECLARE(xrLocateHandJointsEXT, XrHandTrackerEXT, const XrHandJointsLocateInfoEXT*, XrHandJointLocationsEXT*)
// actions.cpp
XRSIM_DECLARE(xrCreateActionSet, XrInstance, const XrActionSetCreateInfo*, XrActionSet*)
XRSIM_DECLARE(xrDestroyActionSet, XrActionSet)
XRSIM_DECLARE(xrCreateAction, XrActionSet, const XrActionCreateInfo*, XrAction*)
XRSIM_DECLARE(xrDestroyAction, XrAction)
XRSIM_DECLARE(xrSuggestInteractionProfileBindings, XrInstance, const XrInteractionProfileSuggestedBinding*)
XRSIM_DECLARE(xrAttachSessionActionSets, XrSession, const XrSessionActionSetsAttachInfo*)
XRSIM_DECLARE(xrSyncActions, XrSession, const XrActionsSyncInfo*)
XRSIM_DECLARE(xrGetActionStateBoolean, XrSession, const XrActionStateGetInfo*, XrActionStateBoolean*)
XRSIM_DECLARE(xrGetActionStateFloat, XrSession, const XrActionStateGetInfo*, XrActionStateFloat*)
XRSIM_DECLARE(xrGetActionStatePose, XrSession, const XrActionStateGetInfo*, XrActionStatePose*)
XRSIM_DECLARE(xrCreateActionSpace, XrSession, const XrActionSpaceCreateInfo*, XrSpace*)
XRSIM_DECLARE(xrGetCurrentInteractionProfile, XrSession, XrPath, XrInteractionProfileState*)
XRSIM_DECLARE(xrApplyHapticFeedback, XrSession, const XrHapticActionInfo*, const XrHapticBaseHeader*)
XRSIM_DECLARE(xrStopHapticFeedback, XrSession, const XrHapticActionInfo*)
#undef XRSIM_DECLARE

}  // namespace palpa::xrsim
