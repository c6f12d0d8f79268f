// Role: one XrSession at a time and the state machine around it. Owns the session handle
// (its children, the spaces, the swapchain and the input spaces, belong to other owners, which
// drop them before destroy()); follows the runtime's states (begins on ready, ends on stopping,
// exits on exiting, marks a loss on loss pending) and keeps every state entered across
// sessions; holds the run's flags (running, exit asked for, exiting, runtime lost) and the
// bookkeeping of a loss (when to try a new session, when to give up). Not part of the
// engine's interface.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "xr/session.hpp"
#include "xr/xr_check.hpp"
#include "xr/xr_handle.hpp"
#include "xr/xr_platform.hpp"

namespace palpa::xr::detail {

class SessionLifecycle {
  public:
    using Clock = std::chrono::steady_clock;

    SessionLifecycle() = default;
    SessionLifecycle(const SessionLifecycle&) = delete;
    SessionLifecycle& operator=(const SessionLifecycle&) = delete;
    // Moves construct only: assigning over a live lifecycle would end its session under its
    // children.
    SessionLifecycle(SessionLifecycle&&) noexcept = default;
    SessionLifecycle& operator=(SessionLifecycle&&) = delete;
    ~SessionLifecycle() = default;

    // Makes a session on the device `binding` names, counts it and clears a loss. Throws XrError.
    void create(XrInstance instance, XrSystemId system, const XrGraphicsBindingVulkan2KHR& binding);
    // Destroys the session (its children gone already); it is no longer running.
    void destroy() noexcept;
    XrSession handle() const { return session_; }

    // A state change for this session: enters it and answers it (xrBeginSession on ready, with
    // the exit asked for before it; xrEndSession on stopping).
    void handleState(XrSessionState state);
    // The app asks to end: the runtime is asked to stop the session when it runs, else the run
    // stops now. Stands across a loss.
    void requestExit();
    // The run stops (pollEvents returns false); `runtime_lost`: because the runtime went away.
    void stop(bool runtime_lost = false);

    // Results of calls on the session (per-frame paths); remembers a loss.
    SessionCalls& calls() { return calls_; }
    bool lost() const { return calls_.lost(); }
    bool running() const { return running_; }
    bool exiting() const { return exit_; }
    bool runtimeLost() const { return runtime_lost_; }
    SessionState state() const { return state_; }
    const std::vector<SessionState>& history() const { return history_; }
    int sessions() const { return sessions_; }

    // Recovering from a loss (the lost session destroyed): true when a new session may be tried
    // now (at most every 250 ms). An exit asked for before the loss stands instead: the run
    // stops and this is false.
    bool retryDue(Clock::time_point now);
    // The new session was made: the loss is over.
    void recovered();
    // The try begun at `now` failed: still lost. True when palpa has tried for long enough and
    // gives up (the run stops).
    bool retryFailed(Clock::time_point now);

  private:
    void enterState(SessionState state);

    XrHandle<XrSession> session_;
    SessionCalls calls_;  // the loss flag
    int sessions_ = 0;
    bool running_ = false;
    bool exit_ = false;
    bool runtime_lost_ = false;    // instance loss pending, or the instance lost
    bool exit_requested_ = false;  // the app asked to end (stands across a loss)
    std::optional<Clock::time_point> lost_since_, last_try_;
    SessionState state_ = SessionState::None;
    std::vector<SessionState> history_;
};

}  // namespace palpa::xr::detail
