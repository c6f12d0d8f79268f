// Role: the OpenXR session's implementation: a thin OpenXrSession composed of the owners that
// hold its handles (xr_system.hpp: instance, system and Vulkan device; session_lifecycle.hpp:
// the XrSession and its state machine; xr_inputs.hpp: actions, grip spaces and hand trackers;
// play_space.hpp: the reference spaces; xr_swapchain.hpp: the swapchain and the frames in
// flight), which drives the events, the loss and recreation of the session and the frame loop
// through them. Not part of the engine's interface.
#pragma once

#include <array>
#include <memory>
#include <optional>

#include "xr/play_space.hpp"
#include "xr/session.hpp"
#include "xr/session_lifecycle.hpp"
#include "xr/xr_inputs.hpp"
#include "xr/xr_platform.hpp"
#include "xr/xr_swapchain.hpp"
#include "xr/xr_system.hpp"
#include "gpu/vk_types.hpp"

namespace palpa::xr::detail {

class OpenXrSession final : public Session {
  public:
    OpenXrSession(const SessionOptions& options, std::shared_ptr<RuntimeConnection> instance);
    ~OpenXrSession() override;
    OpenXrSession(const OpenXrSession&) = delete;
    OpenXrSession& operator=(const OpenXrSession&) = delete;

    gpu::Device& device() override { return system_.device(); }
    std::string runtimeName() const override { return system_.runtime(); }
    bool handTracking() const override { return system_.handTracking(); }
    std::string spaceName() const override { return space_.name(); }
    gpu::ColourFormat colourFormat() const override { return gpu::fromVk(swapchain_.format()); }
    gpu::Extent eyeExtent() const override { return gpu::fromVk(swapchain_.extent()); }
    std::uint32_t framesInFlight() const override { return swapchain_.slotCount(); }

    bool pollEvents() override;
    SessionState state() const override { return life_.state(); }
    const std::vector<SessionState>& history() const override { return life_.history(); }
    int sessionsCreated() const override { return life_.sessions(); }
    bool runtimeLost() const override { return life_.runtimeLost(); }
    void requestExit() override { life_.requestExit(); }
    void onSwapchainRebuilt(std::function<void()> callback) override {
        swapchain_.onRebuilt(std::move(callback));
    }

    std::optional<FrameInfo> beginFrame() override;
    std::optional<FrameImage> acquireImage() override;
    bool endFrame(const FrameInfo& frame, const std::optional<FrameImage>& image) override;
    const FrameWaits& lastWaits() const override { return waits_; }
    const std::optional<FrameInfo>& currentFrame() const override { return current_; }

    input::HandFrame locateHands(const FrameInfo& frame) override {
        return inputs_.locate(life_.handle(), space_, frame, life_.calls());
    }
    Buttons buttons() const override { return inputs_.buttons(); }
    bool vibrate(int hand, float amplitude, double seconds) override {
        return inputs_.vibrate(life_.handle(), hand, amplitude, seconds);
    }
    void setWorldFromSpace(const glm::mat4& m) override { space_.setWorldFromSpace(m); }
    glm::mat4 worldFromSpace() const override { return space_.worldFromSpace(); }
    int spaceChanges() const override { return space_.changes(); }

  private:
    // A session and its children: the session, its spaces, its swapchain, its inputs attached.
    void createSession();
    // Device idle, the children go before the session; the device and the action set stay.
    void destroySession();
    void recreateAfterLoss();

    // Owners, declared parents first: members go in reverse, so the session's children (the
    // swapchain, the spaces, the grip spaces and trackers) go before the session, and every
    // GPU object and the action set before the device and the instance. destroySession() drops
    // the per-session handles in that order explicitly (and calls the rebuild callback).
    XrSystem system_;
    SessionLifecycle life_;
    XrInputs inputs_;
    PlaySpace space_;
    XrSwapchainSet swapchain_;

    // The frame loop.
    std::optional<XrTime> first_time_;
    XrFrameState frame_state_{XR_TYPE_FRAME_STATE};
    bool frame_begun_ = false;
    std::array<XrView, 2> xr_views_{};
    FrameWaits waits_;
    std::optional<FrameInfo> current_;
};

}  // namespace palpa::xr::detail
