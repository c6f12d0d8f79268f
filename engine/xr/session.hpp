// Role: the OpenXR program (hello_xr's IOpenXrProgram): instance, system, the Vulkan device
// made through the runtime (XR_KHR_vulkan_enable2), the session and its whole state machine
// (recreated after a loss where the runtime allows), the reference space (STAGE, else LOCAL),
// one two-layer array swapchain rendered with multiview, the frame loop and the inputs
// (XR_EXT_hand_tracking, else controllers). Everything it hands out is palpa's own types
// in the app's world frame; OpenXR types stay inside engine/xr. Owns every handle it makes.
#pragma once


#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gpu/device.hpp"
#include "gpu/types.hpp"
#include "input/hand.hpp"
#include "input/hand_source.hpp"
#include "xr/pose.hpp"
#include "xr/runtime_probe.hpp"

namespace palpa::xr {

enum class SessionState {
    None,
    Idle,
    Ready,
    Synchronized,
    Visible,
    Focused,
    Stopping,
    LossPending,
    Exiting
};
// "idle", "ready", ..., "loss_pending", "exiting" ("none" before any session).
const char* stateName(SessionState state);

struct SessionOptions {
    std::string application = "palpa";
    bool hand_tracking = true;  // use XR_EXT_hand_tracking when the runtime offers it
    bool validation = false;    // Vulkan validation layer on the device made through the runtime
    std::uint32_t max_eye_size = 4096;  // clamp on the recommended per-eye size
    // Extra Vulkan extensions (a desktop mirror window needs its surface and swapchain ones).
    std::vector<std::string> instance_extensions, device_extensions;
};

struct Eye {
    Pose pose;  // in the world frame
    Fov fov;
};

// One frame of the loop: what the runtime predicted for it.
struct FrameInfo {
    bool render = false;            // the runtime wants pixels (visible or focused)
    std::int64_t display_time = 0;  // predicted display time, runtime clock (ns)
    double seconds = 0.0;           // display time in seconds since the first frame
    std::array<Eye, 2> eyes;        // views located at the display time
    std::optional<Pose> head;       // the head in the world frame, when tracked
};

// The image one frame renders into (two array layers, one per eye), with a command buffer to
// record into; the session ends and submits it.
using FrameImage = gpu::FrameTarget;

// Controller buttons this frame: true on the frame a click began. [0] left hand, [1] right.
struct Buttons {
    std::array<bool, 2> select{false, false};
    std::array<bool, 2> menu{false, false};
};

// Time the last frame spent in the runtime's blocking calls and waiting for the GPU (not the
// app's own work).
struct FrameWaits {
    double wait_frame_ms = 0.0;  // xrWaitFrame
    double wait_image_ms = 0.0;  // xrWaitSwapchainImage
    double end_frame_ms = 0.0;   // xrEndFrame (the runtime takes the layers over)
    double gpu_ms = 0.0;         // waiting for the slot's previous submission

    double total() const { return wait_frame_ms + wait_image_ms + end_frame_ms + gpu_ms; }
};

class Session {
  public:
    // Creates the system and the Vulkan device through the runtime, then the session, on
    // `instance` (the probe's: one instance a run) or on a new one when null; throws XrError /
    // GpuError saying what is missing.
    static std::unique_ptr<Session> create(const SessionOptions& options,
                                           std::shared_ptr<RuntimeConnection> instance = nullptr);
    virtual ~Session() = default;

    // The Vulkan device the runtime chose (renderers are built on it).
    virtual gpu::Device& device() = 0;
    // The runtime's name and version.
    virtual std::string runtimeName() const = 0;
    // Whether hands come from XR_EXT_hand_tracking (else from controllers).
    virtual bool handTracking() const = 0;
    // "STAGE" or "LOCAL".
    virtual std::string spaceName() const = 0;
    // The swapchain's colour format and per-eye size.
    virtual gpu::ColourFormat colourFormat() const = 0;
    virtual gpu::Extent eyeExtent() const = 0;
    virtual std::uint32_t framesInFlight() const = 0;

    // Polls runtime events and drives the state machine (begins, ends, recreates after a
    // loss); false once the app should exit.
    virtual bool pollEvents() = 0;
    virtual SessionState state() const = 0;
    // Every state entered, in order, across recreated sessions.
    virtual const std::vector<SessionState>& history() const = 0;
    // Sessions created so far (more than one after a loss).
    virtual int sessionsCreated() const = 0;
    // The runtime went away (instance loss pending, or lost): the run ended early.
    virtual bool runtimeLost() const = 0;
    // Asks the runtime to end the session (the loop then sees stopping and exiting).
    virtual void requestExit() = 0;
    // Called (device idle) when swapchain images change, before their views are destroyed.
    virtual void onSwapchainRebuilt(std::function<void()> callback) = 0;

    // Waits for and begins a frame; nullopt when no frame can run now (not running, lost).
    virtual std::optional<FrameInfo> beginFrame() = 0;
    // Acquires the frame's image (only when FrameInfo::render); nullopt on failure.
    virtual std::optional<FrameImage> acquireImage() = 0;
    // Submits the image's commands (when acquired), releases it and ends the frame with a
    // projection layer; false when the runtime refused (the loop goes on polling).
    virtual bool endFrame(const FrameInfo& frame, const std::optional<FrameImage>& image) = 0;
    virtual const FrameWaits& lastWaits() const = 0;
    // The frame begun last (nullopt before the first).
    virtual const std::optional<FrameInfo>& currentFrame() const = 0;

    // Hands at the frame's display time, in the world frame (controllers give flat hands).
    virtual input::HandFrame locateHands(const FrameInfo& frame) = 0;
    virtual Buttons buttons() const = 0;
    // A haptic pulse on a controller (0 left, 1 right): amplitude 0-1 for `seconds`. False when
    // the session is not running or the runtime refused it; never throws (per-frame path).
    virtual bool vibrate(int hand, float amplitude, double seconds) = 0;
    // Where the tracking space sits in the app's world: world_from_space (rigid).
    virtual void setWorldFromSpace(const glm::mat4& world_from_space) = 0;
    virtual glm::mat4 worldFromSpace() const = 0;
    // Times the runtime moved the tracking space (XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING
    // with a pose): each is applied to worldFromSpace(), so the world stays put in the room.
    virtual int spaceChanges() const = 0;
};

// The session's hands as a HandSource (priority Articulated with hand tracking, Controllers
// without): each poll gives the hands of the frame begun last, once. `session` must outlive it.
std::unique_ptr<input::HandSource> makeHandSource(Session& session);

}  // namespace palpa::xr
