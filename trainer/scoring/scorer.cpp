#include "scoring/scorer.hpp"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace palpa::scoring {
namespace {

glm::vec3 toVec(const glm::dvec3& v) {
    return glm::vec3(v);
}

}  // namespace

const char* phaseName(Phase phase) {
    switch (phase) {
        case Phase::Approach:
            return "approach";
        case Phase::Press:
            return "press";
        case Phase::Settle:
            return "settle";
        case Phase::Hold:
            return "hold";
        case Phase::Release:
            return "release";
    }
    return "?";
}

Scorer::Scorer(const Technique& technique, const Patient& patient, Side worked)
    : technique_(technique), plan_(makePlan(technique, patient, worked)) {
    placement_max_ = technique_.step(Metric::Placement).acceptable_max;
    reset();
}

void Scorer::reset() {
    for (HandTrack& hand : hands_) {
        hand = HandTrack{};
        hand.tip_filter = OneEuroFilter3(plan_.filter);
        hand.from_filter = OneEuroFilter3(plan_.filter);
        hand.to_filter = OneEuroFilter3(plan_.filter);
    }
    taken_.assign(plan_.targets.size(), false);
    frames_ = 0;
    t0_ = t_ = 0.0;
    any_contact_ = any_tracked_ = false;
    first_contact_t_ = max_depth_ = max_speed_ = longest_loss_ = 0.0;
    faults_ = 0;
    hold_state_ = HoldState::Out;
    hold_start_ = hold_last_ok_ = 0.0;
    segment_.clear();
    have_best_ = have_deepest_ = false;
    best_hold_ = best_start_ = best_end_ = deepest_ = 0.0;
    best_mid_ = deepest_sample_ = Sample{};
    state_ = LiveState{};
    state_.hold_min_s = plan_.hold_min;
    updateState(0.0);
}

const LiveState& Scorer::push(const Frame& frame) {
    if (frames_ > 0 && !(frame.t > t_)) return state_;
    if (frames_ == 0) t0_ = frame.t;
    t_ = frame.t;
    ++frames_;
    for (int h = 0; h < 2; ++h) {
        const auto& pose = frame.hands[static_cast<size_t>(h)];
        updateHand(h, pose ? &*pose : nullptr, frame.t);
    }
    updateHold(frame.t);
    updateState(frame.t);
    return state_;
}

void Scorer::updateHand(int h, const HandPose* pose, double t) {
    HandTrack& k = hands_[static_cast<size_t>(h)];
    k.tracked = pose != nullptr;
    if (!pose) {
        k.speed = k.drift_speed = 0.0;
        if (!k.seen) {
            k.present = false;
            return;
        }
        const double lost = t - k.last_seen_t;
        k.present = lost <= plan_.bridge;
        if (k.in_contact) {
            longest_loss_ = std::max(longest_loss_, lost);
            if (lost > plan_.bridge) faults_ |= bit(Fault::TrackingLost);
        }
        return;
    }

    const bool long_gap = k.seen && t - k.last_seen_t > plan_.bridge;
    const bool continuing = k.seen && !long_gap;
    if (!continuing) {
        k.tip_filter.reset();
        k.from_filter.reset();
        k.to_filter.reset();
    }
    const glm::vec3 prev_tip = k.tip;
    const double prev_depth = k.depth;
    const double prev_t = k.last_seen_t;

    const JointPose& contact = (*pose)[static_cast<size_t>(plan_.contact_joint)];
    k.tip = toVec(k.tip_filter.filter(glm::dvec3(contact.position), t));
    k.from = toVec(k.from_filter.filter(
        glm::dvec3((*pose)[static_cast<size_t>(plan_.axis_from_joint)].position), t));
    k.to = toVec(k.to_filter.filter(
        glm::dvec3((*pose)[static_cast<size_t>(plan_.axis_to_joint)].position), t));
    k.depth = static_cast<double>(plan_.skin.depthBelow(k.tip) + contact.radius);
    k.speed = continuing ? static_cast<double>(glm::length(k.tip - prev_tip)) / (t - prev_t) : 0.0;
    // A moving average lags a steady motion by speed x window, so the lag reads as a speed
    // that jitter hardly moves.
    if (continuing) {
        const double w = plan_.settle_window;
        k.slow_tip += static_cast<float>((t - prev_t) / (w + t - prev_t)) * (k.tip - k.slow_tip);
        k.drift_speed = static_cast<double>(glm::length(k.tip - k.slow_tip)) / w;
    } else {
        k.slow_tip = k.tip;
        k.drift_speed = 0.0;
    }
    k.seen = k.present = true;
    k.last_seen_t = t;

    max_depth_ = any_tracked_ ? std::max(max_depth_, k.depth) : k.depth;
    any_tracked_ = true;
    if (k.depth > plan_.max_depth) faults_ |= bit(Fault::TooDeep);

    if (!k.contacted && k.depth >= plan_.contact_depth) {
        glm::vec3 at = k.tip;
        double when = t;
        if (continuing && prev_depth < plan_.contact_depth) {
            // The crossing lies between the two samples (it may sit inside a bridged dropout).
            const double f = (plan_.contact_depth - prev_depth) / (k.depth - prev_depth);
            at = prev_tip + static_cast<float>(f) * (k.tip - prev_tip);
            when = prev_t + f * (t - prev_t);
        }
        makeContact(h, at, when);
    }
    k.in_contact = k.contacted && k.depth >= plan_.contact_depth;
    if (k.in_contact && continuing) {
        max_speed_ = std::max(max_speed_, k.speed);
        if (k.speed > plan_.speed_max) faults_ |= bit(Fault::SuddenMovement);
    }
    if (k.target >= 0 && (!have_deepest_ || k.depth > deepest_)) {
        have_deepest_ = true;
        deepest_ = k.depth;
        deepest_sample_ = sampleNow(t);
    }
}

void Scorer::makeContact(int h, const glm::vec3& at, double t) {
    HandTrack& k = hands_[static_cast<size_t>(h)];
    k.contacted = true;
    k.contact_t = t;
    k.contact_tip = at;
    if (!any_contact_ || t < first_contact_t_) first_contact_t_ = t;
    any_contact_ = true;
    // The hand takes the nearest target no other hand has taken.
    int best = -1;
    double best_distance = 0.0;
    for (size_t i = 0; i < plan_.targets.size(); ++i) {
        if (taken_[i]) continue;
        const ResolvedTarget& target = plan_.targets[i];
        const double d = glm::length(tangential(at - target.point, target.normal));
        if (best < 0 || d < best_distance) best = static_cast<int>(i), best_distance = d;
    }
    k.target = best;
    if (best < 0) return;
    taken_[static_cast<size_t>(best)] = true;
    k.placement = best_distance;
    if (best_distance > placement_max_) faults_ |= bit(Fault::PlacementOff);
}

Scorer::Sample Scorer::sampleNow(double t) const {
    Sample s;
    s.t = t;
    for (size_t h = 0; h < 2; ++h) {
        const HandTrack& k = hands_[h];
        s.hands[h] = HandSample{k.present, k.tip, k.from, k.to};
    }
    return s;
}

void Scorer::updateHold(double t) {
    // The hold needs every target taken, every assigned hand that is present at gentle depth
    // (a hand lost beyond the bridge is excused: tracking_lost covers it), and one present.
    bool cond = std::all_of(taken_.begin(), taken_.end(), [](bool b) { return b; });
    bool any_present = false, all_slow = true;
    for (const HandTrack& k : hands_) {
        if (k.target < 0 || !k.present) continue;
        any_present = true;
        if (k.depth < plan_.gentle_min || k.depth > plan_.gentle_max) cond = false;
        if (k.drift_speed >= plan_.settle_speed) all_slow = false;
    }
    cond = cond && any_present;

    if (hold_state_ == HoldState::Holding) {
        bool drifted = false;
        if (cond) {
            for (HandTrack& k : hands_) {
                if (k.target < 0 || !k.present) continue;
                if (!k.anchored) {
                    k.anchored = true;
                    k.anchor = k.tip;
                } else if (glm::length(k.tip - k.anchor) > plan_.hold_drift) {
                    drifted = true;
                }
            }
        }
        if (cond && !drifted) {
            hold_last_ok_ = t;
            segment_.push_back(sampleNow(t));
            return;
        }
        endHold();
        hold_state_ = cond ? HoldState::Settling : HoldState::Out;
        return;  // a new hold starts no earlier than the next frame
    }
    if (!cond) {
        hold_state_ = HoldState::Out;
        return;
    }
    hold_state_ = HoldState::Settling;
    if (!all_slow) return;
    hold_state_ = HoldState::Holding;
    hold_start_ = hold_last_ok_ = t;
    for (HandTrack& k : hands_) {
        k.anchored = k.target >= 0 && k.present;
        k.anchor = k.tip;
    }
    segment_.clear();
    segment_.push_back(sampleNow(t));
}

Scorer::Sample Scorer::middleSample(const std::vector<Sample>& segment, double mid) {
    auto it = std::lower_bound(segment.begin(), segment.end(), mid,
                               [](const Sample& s, double t) { return s.t < t; });
    if (it == segment.end()) return segment.back();
    return *it;
}

void Scorer::endHold() {
    const double length = hold_last_ok_ - hold_start_;
    if (!segment_.empty() && (!have_best_ || length > best_hold_)) {
        have_best_ = true;
        best_hold_ = length;
        best_start_ = hold_start_;
        best_end_ = hold_last_ok_;
        best_mid_ = middleSample(segment_, 0.5 * (hold_start_ + hold_last_ok_));
    }
    segment_.clear();
}

void Scorer::updateState(double t) {
    state_.t = t;
    const bool holding = hold_state_ == HoldState::Holding;
    state_.hold_s = holding ? hold_last_ok_ - hold_start_ : 0.0;
    state_.longest_hold_s = std::max(have_best_ ? best_hold_ : 0.0, state_.hold_s);
    state_.phase = !any_contact_                             ? Phase::Approach
                   : holding                                 ? Phase::Hold
                   : hold_state_ == HoldState::Settling      ? Phase::Settle
                   : state_.longest_hold_s >= plan_.hold_min ? Phase::Release
                                                             : Phase::Press;
    state_.depth_cm.reset();
    bool deep = false, fast = false, lost = false;
    for (const HandTrack& k : hands_) {
        if (k.present) {
            state_.depth_cm = std::max(state_.depth_cm.value_or(-1e9), k.depth * 100.0);
            deep = deep || k.depth > plan_.max_depth;
            fast = fast || (k.tracked && k.in_contact && k.speed > plan_.speed_max);
        } else if (k.seen && k.in_contact) {
            lost = true;
        }
    }
    state_.faults = faults_;
    state_.cue_key = deep   ? "too_deep"
                     : fast ? "sudden_movement"
                     : lost ? "tracking_lost"
                            : phaseName(state_.phase);
    state_.cue = technique_.cue(state_.cue_key);
}

Metrics Scorer::metrics() const {
    Metrics m;
    m.frames = frames_;
    m.duration_s = t_ - t0_;
    m.contact = any_contact_;
    m.first_contact_t = first_contact_t_;
    m.targets = static_cast<int>(plan_.targets.size());
    m.targets_missed = static_cast<int>(std::count(taken_.begin(), taken_.end(), false));
    if (any_tracked_) m.max_depth_cm = max_depth_ * 100.0;
    m.max_speed_m_s = max_speed_;
    m.longest_loss_s = longest_loss_;
    m.live_faults = faults_;

    // The longest hold, counting the one in progress.
    bool have_hold = have_best_;
    double length = best_hold_;
    Sample reference = best_mid_;
    m.hold_start_t = best_start_;
    m.hold_end_t = best_end_;
    if (hold_state_ == HoldState::Holding && !segment_.empty() &&
        (!have_hold || hold_last_ok_ - hold_start_ > length)) {
        have_hold = true;
        length = hold_last_ok_ - hold_start_;
        m.hold_start_t = hold_start_;
        m.hold_end_t = hold_last_ok_;
        reference = middleSample(segment_, 0.5 * (hold_start_ + hold_last_ok_));
    }
    m.hold_s = have_hold ? length : 0.0;
    // Hand angle and press direction are read at the middle of the longest hold, or at the
    // deepest moment when there was no hold.
    const bool have_reference = have_hold || have_deepest_;
    if (!have_hold) reference = deepest_sample_;

    const auto worst = [](std::optional<double>& into, std::optional<double> v) {
        if (v) into = std::max(into.value_or(*v), *v);
    };
    for (size_t h = 0; h < 2; ++h) {
        const HandTrack& k = hands_[h];
        HandMetrics& out = m.hands[h];
        out.contacted = k.contacted;
        out.contact_t = k.contact_t;
        out.target = k.target;
        if (k.target >= 0) out.target_id = plan_.targets[static_cast<size_t>(k.target)].id;
        if (k.placement) out.placement_cm = *k.placement * 100.0;
        if (k.target < 0 || !have_reference || !reference.hands[h].present) {
            worst(m.placement_cm, out.placement_cm);
            continue;
        }
        const ResolvedTarget& target = plan_.targets[static_cast<size_t>(k.target)];
        const HandSample& s = reference.hands[h];
        const glm::vec3 axis = tangential(s.to - s.from, target.normal);
        if (glm::length(axis) > 1e-6f) out.hand_angle_deg = angleDeg(axis, target.hand_axis);
        const glm::vec3 press = s.tip - k.contact_tip;
        if (glm::length(press) >= static_cast<float>(plan_.contact_depth)) {
            const glm::vec3 n = plan_.skin.normal(k.contact_tip.x, k.contact_tip.z);
            out.direction_deg = angleDeg(press, plan_.idealPress(n));
        }
        worst(m.placement_cm, out.placement_cm);
        worst(m.hand_angle_deg, out.hand_angle_deg);
        worst(m.direction_deg, out.direction_deg);
    }
    return m;
}

Result scoreRecording(const Recording& recording, const Technique& technique,
                      const Patient& patient) {
    Scorer scorer(technique, patient, recording.header.side);
    for (const Frame& frame : recording.frames) scorer.push(frame);
    return scorer.finish();
}

}  // namespace palpa::scoring
