// Role: the OpenXR session's internals, shared by its implementation files (instance and
// Vulkan binding, session lifecycle and frames, inputs). Not part of the engine's interface.
#pragma once

// Vulkan first: openxr_platform.h uses its types once XR_USE_GRAPHICS_API_VULKAN is set.
#include <vulkan/vulkan.h>

#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <chrono>
#include <optional>

#include "gpu/handle.hpp"
#include "input/hand_model.hpp"
#include "xr/runtime_probe.hpp"
#include "xr/session.hpp"
#include "xr/xr_handle.hpp"
#include "xr/xr_check.hpp"

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

Pose toPose(const XrPosef& p);
// A flat simulated hand whose palm centre sits at a controller grip pose (world frame).
input::HandPose flatHandAtGrip(input::Hand hand, const Pose& grip);

// Extension functions fetched with xrGetInstanceProcAddr.
struct Functions {
    PFN_xrGetVulkanGraphicsRequirements2KHR graphicsRequirements = nullptr;
    PFN_xrCreateVulkanInstanceKHR createVulkanInstance = nullptr;
    PFN_xrGetVulkanGraphicsDevice2KHR graphicsDevice = nullptr;
    PFN_xrCreateVulkanDeviceKHR createVulkanDevice = nullptr;
    PFN_xrCreateHandTrackerEXT createHandTracker = nullptr;
    PFN_xrDestroyHandTrackerEXT destroyHandTracker = nullptr;
    PFN_xrLocateHandJointsEXT locateHandJoints = nullptr;
};

// Controller actions (always made: buttons also serve hand-tracked students holding one).
struct Actions {
    XrHandle<XrActionSet> set;  // owns its actions
    XrAction grip = XR_NULL_HANDLE;
    XrAction select = XR_NULL_HANDLE;
    XrAction menu = XR_NULL_HANDLE;
    XrAction haptic = XR_NULL_HANDLE;
    std::array<XrPath, 2> hands{XR_NULL_PATH, XR_NULL_PATH};
    std::array<XrHandle<XrSpace>, 2> grip_spaces;
    std::array<bool, 2> select_was{false, false};
    std::array<bool, 2> menu_was{false, false};
};

class OpenXrSession final : public Session {
  public:
    OpenXrSession(const SessionOptions& options, std::shared_ptr<RuntimeConnection> instance);
    ~OpenXrSession() override;

    gpu::Device& device() override { return *device_; }
    std::string runtimeName() const override { return runtime_; }
    bool handTracking() const override { return hand_tracking_; }
    std::string spaceName() const override { return stage_ ? "STAGE" : "LOCAL"; }
    VkFormat colourFormat() const override { return format_; }
    VkExtent2D eyeExtent() const override { return extent_; }
    std::uint32_t framesInFlight() const override {
        return static_cast<std::uint32_t>(slots_.size());
    }

    bool pollEvents() override;
    SessionState state() const override { return state_; }
    const std::vector<SessionState>& history() const override { return history_; }
    int sessionsCreated() const override { return sessions_; }
    bool runtimeLost() const override { return runtime_lost_; }
    void requestExit() override;
    void onSwapchainRebuilt(std::function<void()> callback) override {
        on_rebuilt_ = std::move(callback);
    }

    std::optional<FrameInfo> beginFrame() override;
    std::optional<FrameImage> acquireImage() override;
    bool endFrame(const FrameInfo& frame, const std::optional<FrameImage>& image) override;
    const FrameWaits& lastWaits() const override { return waits_; }
    const std::optional<FrameInfo>& currentFrame() const override { return current_; }

    input::HandFrame locateHands(const FrameInfo& frame) override;
    Buttons buttons() const override { return buttons_; }
    bool vibrate(int hand, float amplitude, double seconds) override;
    void setWorldFromSpace(const glm::mat4& m) override { world_from_space_ = m; }
    glm::mat4 worldFromSpace() const override { return world_from_space_; }
    int spaceChanges() const override { return space_changes_; }

  private:
    // instance.cpp
    void createInstance();
    void createDevice();
    // session.cpp
    void createSession();
    void destroySession();
    void createSwapchain();
    void enterState(SessionState state);
    void handleState(XrSessionState state);
    void recreateAfterLoss();
    bool sessionCall(XrResult result, const char* what);
    // inputs.cpp
    void createActions();
    void attachInputs();
    void destroyInputs();
    void syncActions();

    SessionOptions options_;
    std::shared_ptr<RuntimeConnection> owner_;  // shared with the probe that made it
    XrInstance instance_ = XR_NULL_HANDLE;   // owner_'s handle
    XrSystemId system_ = XR_NULL_SYSTEM_ID;
    Functions fn_;
    std::string runtime_;
    bool hand_tracking_ = false;
    std::unique_ptr<gpu::Device> device_;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;

    // Per-session handles (RAII; destroySession() resets them children first, and declared
    // session first, they also go in that order with the object).
    XrHandle<XrSession> session_;
    int sessions_ = 0;
    bool running_ = false;
    bool exit_ = false;
    bool runtime_lost_ = false;  // instance loss pending, or the instance lost
    bool lost_ = false;
    bool exit_requested_ = false;  // the app asked to end (stands across a loss)
    std::optional<std::chrono::steady_clock::time_point> lost_since_, last_try_;
    SessionState state_ = SessionState::None;
    std::vector<SessionState> history_;

    XrHandle<XrSpace> space_;
    XrHandle<XrSpace> view_space_;
    bool stage_ = false;
    glm::mat4 world_from_space_{1.0f};
    int space_changes_ = 0;  // reference-space changes applied to world_from_space_

    XrHandle<XrSwapchain> swapchain_;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkExtent2D extent_{0, 0};
    std::vector<VkImage> images_;
    std::vector<gpu::Handle<VkImageView>> views_;
    std::function<void()> on_rebuilt_;

    struct Slot {
        VkCommandBuffer commands = VK_NULL_HANDLE;
        gpu::Handle<VkFence> done;
        bool submitted = false;
    };
    gpu::Handle<VkCommandPool> pool_;
    std::vector<Slot> slots_;
    std::uint32_t frame_index_ = 0;

    std::optional<XrTime> first_time_;
    XrFrameState frame_state_{XR_TYPE_FRAME_STATE};
    bool frame_begun_ = false;
    std::optional<std::uint32_t> unwaited_;  // an acquired image whose wait timed out
    static constexpr XrDuration kImageWaitTimeoutNs = 100'000'000;  // 100 ms a wait...
    static constexpr int kImageWaitTries = 5;                        // ...this many a frame
    std::array<XrView, 2> xr_views_{};
    FrameWaits waits_;
    std::optional<FrameInfo> current_;

    std::array<XrHandle<XrHandTrackerEXT>, 2> trackers_;
    Actions actions_;
    Buttons buttons_;
};

}  // namespace palpa::xr::detail
