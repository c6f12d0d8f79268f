#include "scoring/response.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace palpa::scoring {

void PatientResponse::reset() {
    state_ = PatientState{};
    started_ = false;
    t_ = phase_ = 0.0;
    calm_since_ = caught_until_ = respond_t_ = -1.0;
    react_t_ = react_depth_ = 0.0;
    answered_ = true;
    reactions_ = ignored_ = 0;
    peak_ = 0.0;
}

void PatientResponse::breathe(double t, bool calm_hold) {
    const BreathingSpec& b = spec_.breathing;
    if (!started_) {
        started_ = true;
        t_ = t;
    }
    const double dt = std::max(0.0, t - t_);
    t_ = t;
    if (calm_hold) {
        if (calm_since_ < 0.0) calm_since_ = t;
    } else {
        calm_since_ = -1.0;
    }
    const bool calm = calm_since_ >= 0.0 && t - calm_since_ >= b.calm_after;
    state_.rate_bpm = t < caught_until_ ? 0.0 : calm ? b.calm_rate_bpm : b.rate_bpm;
    phase_ = std::fmod(phase_ + 2.0 * std::numbers::pi * state_.rate_bpm / 60.0 * dt, 2.0 * std::numbers::pi);
    state_.breath = 0.5 * b.amplitude * std::sin(phase_);
}

void PatientResponse::respond(double t, const PressInputs& in) {
    const DiscomfortSpec& d = spec_.discomfort;
    double level = 0.0;
    if (in.depth) {
        level += d.per_m * std::max(0.0, *in.depth - d.tolerance);
        level += d.per_m_s * std::max(0.0, in.deepening - d.press_speed);
        if (in.vessel_distance && d.vessel_within > 0)
            level += d.vessel_level * std::max(0.0, 1.0 - *in.vessel_distance / d.vessel_within);
    }
    level = std::clamp(level, 0.0, 1.0);
    const double dt = respond_t_ < 0.0 ? 0.0 : std::max(0.0, t - respond_t_);
    respond_t_ = t;
    const double tau = level > state_.discomfort ? d.rise_s : d.fall_s;
    state_.discomfort += (level - state_.discomfort) * (1.0 - std::exp(-dt / tau));
    peak_ = std::max(peak_, state_.discomfort);

    if (!state_.reacting && state_.discomfort >= d.react_at) {
        state_.reacting = true;
        ++reactions_;
        react_t_ = t;
        react_depth_ = in.depth.value_or(0.0);
        answered_ = false;
        caught_until_ = t + spec_.breathing.catch_s;
    }
    if (state_.reacting && !answered_) {
        if (!in.depth || *in.depth <= react_depth_ - d.ease || state_.discomfort < d.calm_at) {
            answered_ = true;
        } else if (t - react_t_ > d.ease_within) {
            answered_ = true;  // counted once per reaction
            ++ignored_;
            state_.ignored = true;
        }
    }
    if (state_.reacting && state_.discomfort < d.calm_at) state_.reacting = false;
}

}  // namespace palpa::scoring
