// The session's handle and state machine, the run's flags and the bookkeeping of a loss.
#include "xr/session_lifecycle.hpp"

#include "core/log.hpp"

namespace palpa::xr {

const char* stateName(SessionState s) {
    switch (s) {
        case SessionState::None:
            return "none";
        case SessionState::Idle:
            return "idle";
        case SessionState::Ready:
            return "ready";
        case SessionState::Synchronized:
            return "synchronized";
        case SessionState::Visible:
            return "visible";
        case SessionState::Focused:
            return "focused";
        case SessionState::Stopping:
            return "stopping";
        case SessionState::LossPending:
            return "loss_pending";
        case SessionState::Exiting:
            return "exiting";
    }
    return "unknown";
}

namespace detail {

namespace {

SessionState fromXr(XrSessionState s) {
    switch (s) {
        case XR_SESSION_STATE_IDLE:
            return SessionState::Idle;
        case XR_SESSION_STATE_READY:
            return SessionState::Ready;
        case XR_SESSION_STATE_SYNCHRONIZED:
            return SessionState::Synchronized;
        case XR_SESSION_STATE_VISIBLE:
            return SessionState::Visible;
        case XR_SESSION_STATE_FOCUSED:
            return SessionState::Focused;
        case XR_SESSION_STATE_STOPPING:
            return SessionState::Stopping;
        case XR_SESSION_STATE_LOSS_PENDING:
            return SessionState::LossPending;
        case XR_SESSION_STATE_EXITING:
            return SessionState::Exiting;
        default:
            return SessionState::None;
    }
}

// How long palpa keeps trying to recreate a lost session before it gives up.
constexpr double kRecreateSeconds = 10.0;

}  // namespace

void SessionLifecycle::create(XrInstance instance, XrSystemId system,
                              const XrGraphicsBindingVulkan2KHR& binding) {
    XrSessionCreateInfo ci{XR_TYPE_SESSION_CREATE_INFO};
    ci.next = &binding;
    ci.systemId = system;
    PALPA_XR(xrCreateSession(instance, &ci, session_.put(xrDestroySession)));
    ++sessions_;
    calls_.clear();
}

void SessionLifecycle::destroy() noexcept {
    session_.reset();
    running_ = false;
}

void SessionLifecycle::enterState(SessionState s) {
    state_ = s;
    history_.push_back(s);
    log::info("openxr: session ", stateName(s));
}

void SessionLifecycle::handleState(XrSessionState state) {
    enterState(fromXr(state));
    if (state == XR_SESSION_STATE_READY) {
        XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
        bi.primaryViewConfigurationType = kStereo;
        running_ = calls_(xrBeginSession(session_, &bi), "xrBeginSession");
        if (running_ && exit_requested_)
            calls_(xrRequestExitSession(session_), "xrRequestExitSession");
    } else if (state == XR_SESSION_STATE_STOPPING) {
        calls_(xrEndSession(session_), "xrEndSession");
        running_ = false;
    } else if (state == XR_SESSION_STATE_EXITING) {
        exit_ = true;
    } else if (state == XR_SESSION_STATE_LOSS_PENDING) {
        calls_.setLost();
    }
}

void SessionLifecycle::requestExit() {
    exit_requested_ = true;
    if (session_ && running_) {
        calls_(xrRequestExitSession(session_), "xrRequestExitSession");
    } else {
        exit_ = true;
    }
}

void SessionLifecycle::stop(bool runtime_lost) {
    exit_ = true;
    runtime_lost_ = runtime_lost_ || runtime_lost;
}

bool SessionLifecycle::retryDue(Clock::time_point now) {
    if (exit_requested_) {
        exit_ = true;
        return false;
    }
    if (!lost_since_) lost_since_ = now;
    if (last_try_ && now - *last_try_ < std::chrono::milliseconds(250)) return false;
    last_try_ = now;
    return true;
}

void SessionLifecycle::recovered() {
    lost_since_.reset();
    last_try_.reset();
}

bool SessionLifecycle::retryFailed(Clock::time_point now) {
    calls_.setLost();
    if (now - *lost_since_ > std::chrono::duration<double>(kRecreateSeconds)) {
        exit_ = true;
        return true;
    }
    return false;
}

}  // namespace detail
}  // namespace palpa::xr
