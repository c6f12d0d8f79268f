#include "scoring/scorer.hpp"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace palpa::scoring {
namespace {

glm::vec3 toVec(const glm::dvec3& v) {
    return glm::vec3(v);
}

constexpr double kDeepeningWindow = 0.15;  // s: smoothing of the rate of deepening
constexpr double kHoverDepth = 0.03;       // m above the skin a hovering thumb is "near"
constexpr double kCueAfter = 2.0;          // s a shallow press or a hover lasts before its cue
constexpr double kEasing = 0.005;          // m/s: a thumb rising faster is easing off or releasing
constexpr double kCueHold = 0.3;           // s a placement, angle or direction is off before its cue
constexpr double kCueHysteresisDeg = 5.0;  // ...and how far back inside its band it must come
constexpr double kCueHysteresisM = 0.005;
constexpr float kOverVesselReuse = 0.001f;  // m: a skin point this near the last keeps its answer
// m: an inferred joint (a thumb tip hidden under the palm) may be off by about hand tracking's
// error; for the safety rules it counts this much deeper and nearer the vessels.
constexpr double kInferredMargin = 0.005;

std::string replaceAll(std::string text, std::string_view key, std::string_view value) {
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
        text.replace(pos, key.size(), value);
    return text;
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

const std::vector<std::string>& liveCueKeys() {
    static const std::vector<std::string> keys = {
        "approach", "press", "settle", "hold", "release",  // the phases'
        "vessel_pressure", "too_deep", "discomfort", "pulse", "sudden_movement", "tracking_lost", "hand_lifted",
        "past_gentle", "off_target", "direction", "hand_angle", "too_shallow", "hold_short", "hold_done"};
    return keys;
}

Scorer::Scorer(const Technique& technique, const Patient& patient, Side worked)
    : technique_(technique), plan_(makePlan(technique, patient, worked)), response_(technique.patient) {
    reset();
}

void Scorer::reset() {
    const auto& joints = plan_.safety.joints;
    contact_slot_ = static_cast<int>(std::find(joints.begin(), joints.end(), plan_.contact_joint) - joints.begin());
    for (HandTrack& hand : hands_) {
        hand = HandTrack{};
        hand.from_filter = OneEuroFilter3(plan_.filter);
        hand.to_filter = OneEuroFilter3(plan_.filter);
        for (int j : joints) {
            JointTrack& track = hand.joints.emplace_back();
            track.joint = j;
            track.filter = OneEuroFilter3(plan_.filter);
        }
    }
    taken_.assign(plan_.targets.size(), false);
    frames_ = 0;
    t0_ = t_ = 0.0;
    any_contact_ = any_tracked_ = false;
    first_contact_t_ = max_depth_ = max_speed_ = longest_loss_ = inferred_hold_ = 0.0;
    max_joint_depth_.reset();
    min_vessel_gap_.reset();
    max_over_vessel_.reset();
    nearest_vessel_.clear();
    faults_ = 0;
    response_.reset();
    hold_state_ = HoldState::Out;
    hold_start_ = hold_last_ok_ = 0.0;
    segment_.clear();
    have_best_ = have_deepest_ = any_lifted_hold_ = false;
    best_hold_ = best_start_ = best_end_ = deepest_ = 0.0;
    best_mid_ = deepest_sample_ = Sample{};
    state_ = LiveState{};
    state_.hold_min_s = plan_.hold_min;
    updateState(0.0);
}

const LiveState& Scorer::push(const Frame& frame) {
    if (frames_ > 0 && !(frame.t > t_)) return state_;
    // A gap between frames longer than the bridge is time nobody tracked: it is counted as a
    // dropout (a frame with no hands just after the last one), not as a still hand.
    if (frames_ > 0 && frame.t - t_ > plan_.bridge && (frame.hands[0] || frame.hands[1])) {
        Frame gap;
        gap.t = t_ + std::min(1e-3, 0.5 * (frame.t - t_));
        push(gap);
    }
    if (frames_ == 0) t0_ = frame.t;
    const double dt = frames_ > 0 ? frame.t - t_ : 0.0;
    t_ = frame.t;
    ++frames_;
    response_.breathe(frame.t, hold_state_ == HoldState::Holding);
    for (int h = 0; h < 2; ++h) {
        const auto& pose = frame.hands[static_cast<size_t>(h)];
        updateHand(h, pose ? &*pose : nullptr, frame.t);
    }
    updateHold(frame.t);
    if (hold_state_ == HoldState::Holding &&
        std::any_of(hands_.begin(), hands_.end(), [](const HandTrack& k) { return k.target >= 0 && k.tracked && k.tip_inferred; }))
        inferred_hold_ += dt;
    updatePatient(frame.t);
    updateState(frame.t);
    return state_;
}

void Scorer::checkJoints(HandTrack& k, const HandPose& pose, double t, bool continuing) {
    const Patient& patient = plan_.patient;
    const SafetySpec& safety = plan_.safety;
    const double breath = response_.state().breath;
    const float reach = static_cast<float>(std::max({safety.vessel_keep_out, safety.pulse_within,
                                                     plan_.response.discomfort.vessel_within}));
    k.deepest_joint = k.deepest_safety = -1.0;
    k.pulse = k.vessel_alert = false;
    k.vessel_gap.reset();
    for (size_t slot = 0; slot < k.joints.size(); ++slot) {
        JointTrack& j = k.joints[slot];
        const JointPose& jp = pose[static_cast<size_t>(j.joint)];
        if (!continuing) j.filter.reset();
        const glm::vec3 p = toVec(j.filter.filter(glm::dvec3(jp.position), t));
        const SkinSample s = patient.skin(p, j.skin);
        // Depth of the joint's surface under the moving skin (the breath lifts the skin along
        // its normal, so a still joint sinks as the patient breathes in).
        const double still = static_cast<double>(s.depth + jp.radius);
        const double depth = still + breath * patient.breathWeight(s.point, s.normal);
        // A joint the runtime only inferred counts as it is for credit and for the patient, and
        // kInferredMargin deeper and nearer every vessel for the safety rules (docs/scoring.md).
        const double margin = jp.tracked ? 0.0 : kInferredMargin;
        if (static_cast<int>(slot) == contact_slot_) {
            k.tip_inferred = !jp.tracked;
            k.tip = p;
            k.tip_skin = s.point;
            k.tip_normal = s.normal;
            k.depth = depth;
            k.still_depth = still;
            k.tip_radius = jp.radius;
        }
        k.deepest_joint = std::max(k.deepest_joint, depth);
        k.deepest_safety = std::max(k.deepest_safety, depth + margin);
        if (depth + margin < plan_.contact_depth) continue;  // not pressing: no vessel rule applies

        // Keep-out: the joint's surface near a vessel (the probes make a joint far from every
        // vessel, or hardly moving, cost no search).
        const bool thumb = static_cast<int>(slot) == contact_slot_;
        const float limit = reach + jp.radius;
        if (const auto v = patient.nearestVessel(p, limit, j.vessel)) {
            const double gap = static_cast<double>(v->distance - jp.radius) - margin;
            if (!k.vessel_gap || gap < *k.vessel_gap) k.vessel_gap = gap;
            if (!min_vessel_gap_ || gap < *min_vessel_gap_) {
                min_vessel_gap_ = gap;
                nearest_vessel_ = std::string(v->name);
            }
            if (gap < safety.vessel_keep_out) {
                faults_ |= bit(Fault::VesselPressure);
                k.vessel_alert = true;
            }
            if (thumb) {
                const auto pulsing = v->pulses ? v : patient.nearestVessel(p, limit, j.pulse, true);
                if (pulsing && pulsing->distance - jp.radius - margin < safety.pulse_within) k.pulse = true;
            }
        }
        // Deep over a vessel's outline.
        if (depth + margin > safety.over_vessel_depth) {
            if (glm::length(s.point - j.last_over_at) > kOverVesselReuse) {
                j.last_over = patient.overVessel(s.point);
                j.last_over_at = s.point;
            }
            if (j.last_over) {
                faults_ |= bit(Fault::VesselPressure);
                k.vessel_alert = true;
                max_over_vessel_ = std::max(max_over_vessel_.value_or(depth), depth);
            }
        }
    }
}

void Scorer::updateHand(int h, const HandPose* pose, double t) {
    HandTrack& k = hands_[static_cast<size_t>(h)];
    k.tracked = pose != nullptr;
    if (!pose) {
        k.speed = k.drift_speed = k.deepening = 0.0;
        k.pulse = k.vessel_alert = false;
        k.vessel_gap.reset();
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
        k.from_filter.reset();
        k.to_filter.reset();
    }
    const glm::vec3 prev_tip = k.tip;
    const double prev_depth = k.depth, prev_still = k.still_depth;
    const double prev_t = k.last_seen_t;

    checkJoints(k, *pose, t, continuing);
    k.from = toVec(k.from_filter.filter(
        glm::dvec3((*pose)[static_cast<size_t>(plan_.axis_from_joint)].position), t));
    k.to = toVec(k.to_filter.filter(
        glm::dvec3((*pose)[static_cast<size_t>(plan_.axis_to_joint)].position), t));
    const double dt = t - prev_t;
    k.speed = continuing ? static_cast<double>(glm::length(k.tip - prev_tip)) / dt : 0.0;
    if (continuing) {
        // How fast the hand presses in (against the model's skin: the breath is not the hand).
        const double rate = (k.still_depth - prev_still) / dt;
        k.deepening += (rate - k.deepening) * (1.0 - std::exp(-dt / kDeepeningWindow));
    } else {
        k.deepening = 0.0;
    }
    // A moving average lags a steady motion by speed x window, so the lag reads as a speed
    // that jitter hardly moves.
    if (continuing) {
        const double w = plan_.settle_window;
        k.slow_tip += static_cast<float>(dt / (w + dt)) * (k.tip - k.slow_tip);
        k.drift_speed = static_cast<double>(glm::length(k.tip - k.slow_tip)) / w;
    } else {
        k.slow_tip = k.tip;
        k.drift_speed = 0.0;
    }
    k.seen = k.present = true;
    k.last_seen_t = t;

    max_depth_ = any_tracked_ ? std::max(max_depth_, k.depth) : k.depth;
    any_tracked_ = true;
    max_joint_depth_ = std::max(max_joint_depth_.value_or(k.deepest_safety), k.deepest_safety);  // as the safety rules count it
    if (k.deepest_safety > plan_.max_depth) faults_ |= bit(Fault::TooDeep);

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
    if (k.in_contact) k.last_contact_t = t;
    if (k.in_contact && continuing) {
        max_speed_ = std::max(max_speed_, k.speed);
        if (k.speed > plan_.speed_max) faults_ |= bit(Fault::SuddenMovement);
    }
    if (k.target >= 0) {
        // Off target: from where a press along the ideal line from the target would be at
        // this depth, in the skin's tangent plane (pressing as taught keeps a thumb on target;
        // gliding along the skin takes it off).
        const ResolvedTarget& target = plan_.targets[static_cast<size_t>(k.target)];
        const glm::vec3 ideal = plan_.idealPress(target.normal);
        const float inward = std::max(glm::dot(ideal, -target.normal), 0.2f);
        const glm::vec3 expected =
            target.point + ideal * static_cast<float>(std::max(k.depth, 0.0) / inward);
        k.off_target = static_cast<double>(glm::length(tangential(k.tip - expected, target.normal)));
        const glm::vec3 axis = tangential(k.to - k.from, target.normal);
        if (glm::length(axis) > 1e-6f) k.live_angle = angleDeg(axis, target.hand_axis);
        const glm::vec3 press = k.tip - k.contact_tip;
        // Read once the press is long enough to have a direction, and not while easing off
        // (the last reading stands then).
        if (!k.in_contact)
            k.live_direction.reset();
        else if (k.deepening > -kEasing && glm::length(press) >= 2.0f * static_cast<float>(plan_.contact_depth))
            k.live_direction = angleDeg(press, plan_.idealPress(k.contact_normal));
        const auto track = [t](double& since, bool off, bool well_inside) {
            if (off && since < 0.0) since = t;
            if (well_inside) since = -1.0;
        };
        track(k.angle_off_since, k.in_contact && k.live_angle && *k.live_angle > plan_.angle_max,
              !k.in_contact || !k.live_angle || *k.live_angle < plan_.angle_max - kCueHysteresisDeg);
        track(k.direction_off_since, k.live_direction && *k.live_direction > plan_.direction_max,
              !k.live_direction || *k.live_direction < plan_.direction_max - kCueHysteresisDeg);
        track(k.target_off_since, k.in_contact && k.off_target > plan_.placement_max,
              !k.in_contact || k.off_target < plan_.placement_max - kCueHysteresisM);
    }
    // A thumb hovering within a few centimetres of the skin without pressing in.
    if (!k.contacted && k.depth > -kHoverDepth)
        k.near_since = k.near_since < 0.0 ? t : k.near_since;
    else
        k.near_since = -1.0;
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
    k.contact_normal = k.tip_normal;
    k.last_contact_t = t;
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
    if (best_distance > plan_.placement_max) faults_ |= bit(Fault::PlacementOff);
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
    // The hold needs the required hands on their targets, each present, at gentle depth and
    // within the placement band of its target. During a hold, a hand off the skin or out of
    // view for up to the bridge keeps its place; longer, it has lifted and the hold ends.
    int on_target = 0, pressing = 0;
    bool cond = true, start = true, lifted = false, all_slow = true;
    for (const HandTrack& k : hands_) {
        if (k.target < 0) continue;
        ++on_target;
        const bool off_skin = !k.in_contact && t - k.last_contact_t > plan_.bridge;
        if (!k.present || off_skin) {
            lifted = true;
            cond = start = false;
            continue;
        }
        if (k.in_contact && k.tracked) ++pressing;
        if (!k.in_contact) {  // lifted for no longer than the bridge: only keeps a hold going
            start = false;
            continue;
        }
        // The breath moves the skin about a centimetre: a thumb that rides it and one held
        // still both hold, so either depth within the gentle band will do.
        const auto gentle = [&](double d) { return d >= plan_.gentle_min && d <= plan_.gentle_max; };
        if (!(gentle(k.depth) || gentle(k.still_depth)) || k.off_target > plan_.placement_max)
            cond = start = false;
        if (k.drift_speed >= plan_.settle_speed) all_slow = false;
    }
    const bool enough = on_target >= plan_.required_hands;
    cond = cond && enough;
    start = start && enough;
    // A hand that leaves while another still presses has lifted off mid-hold; both leaving
    // together is a release.
    lifted = lifted && pressing > 0;

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
        endHold(lifted);
        hold_state_ = start ? HoldState::Settling : HoldState::Out;
        return;  // a new hold starts no earlier than the next frame
    }
    if (!start) {
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

void Scorer::endHold(bool lifted) {
    const double length = hold_last_ok_ - hold_start_;
    if (lifted && length < plan_.hold_min) any_lifted_hold_ = true;
    if (!segment_.empty() && (!have_best_ || length > best_hold_)) {
        have_best_ = true;
        best_hold_ = length;
        best_start_ = hold_start_;
        best_end_ = hold_last_ok_;
        best_mid_ = middleSample(segment_, 0.5 * (hold_start_ + hold_last_ok_));
    }
    segment_.clear();
}

void Scorer::updatePatient(double t) {
    PressInputs in;
    for (const HandTrack& k : hands_) {
        if (!k.tracked || k.deepest_joint < plan_.contact_depth) continue;
        in.depth = std::max(in.depth.value_or(k.deepest_joint), k.deepest_joint);
        if (k.in_contact) in.deepening = std::max(in.deepening, k.deepening);
        if (k.vessel_gap) in.vessel_distance = std::min(in.vessel_distance.value_or(*k.vessel_gap), *k.vessel_gap);
    }
    response_.respond(t, in);
    if (response_.ignored() > 0) faults_ |= bit(Fault::IgnoredDiscomfort);
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
    // Each candidate cue with the hands it concerns; the first that applies wins.
    std::array<bool, 2> deep{}, fast{}, lost{}, vessel{}, lifted{}, past{}, off{}, direction{}, angle{},
        shallow{}, pulse{};
    int pressing = 0;
    for (size_t h = 0; h < 2; ++h) {
        const HandTrack& k = hands_[h];
        state_.pulse[h] = k.present && k.pulse;
        state_.on_target[h] = k.target >= 0 && k.present && k.off_target <= plan_.placement_max;
        state_.press[h].reset();
        if (k.present && k.live_direction)
            state_.press[h] = PressLine{k.contact_tip, unitOrZero(k.tip - k.contact_tip), plan_.idealPress(k.contact_normal),
                                        *k.live_direction};
        if (k.present) {
            state_.depth_cm = std::max(state_.depth_cm.value_or(-1e9), k.depth * 100.0);
            deep[h] = k.deepest_safety > plan_.max_depth;
            fast[h] = k.tracked && k.in_contact && k.speed > plan_.speed_max;
            vessel[h] = k.vessel_alert;
            pulse[h] = k.pulse;
            const auto lasting = [t](double since) { return since >= 0.0 && t - since >= kCueHold; };
            if (k.in_contact) {
                past[h] = k.depth > plan_.gentle_max && k.still_depth > plan_.gentle_max;
                shallow[h] = k.depth < plan_.gentle_min && t - k.contact_t > kCueAfter && k.deepening > -kEasing;
            }
            off[h] = lasting(k.target_off_since);
            direction[h] = lasting(k.direction_off_since);
            angle[h] = lasting(k.angle_off_since);
            if (k.near_since >= 0.0 && t - k.near_since > kCueAfter) shallow[h] = true;
        } else if (k.seen && k.in_contact) {
            lost[h] = true;
        }
        if (k.target >= 0 && (!k.present || (!k.in_contact && t - k.last_contact_t > plan_.bridge))) lifted[h] = true;
        if (k.target >= 0 && k.present && k.in_contact) ++pressing;
    }
    // A hand has come off while the other still presses, before the hold was long enough.
    if (!(pressing > 0 && state_.longest_hold_s < plan_.hold_min)) lifted = {false, false};
    // Released before the hold was long enough.
    const bool released_early = any_contact_ && pressing == 0 && have_best_ && state_.longest_hold_s < plan_.hold_min;
    const bool done = holding && state_.hold_s >= plan_.hold_ideal_max;
    state_.patient = response_.state();
    state_.patient_says = state_.patient.reacting ? std::string_view(plan_.response.discomfort.says) : std::string_view();
    state_.faults = faults_;

    const auto any = [](const std::array<bool, 2>& a) { return a[0] || a[1]; };
    const std::array<bool, 2> both{true, true};
    struct Candidate {
        const char* key;
        std::array<bool, 2> hands;
        bool applies;
        bool fault;
    };
    // Keep liveCueKeys() (above) with these keys.
    const Candidate candidates[] = {
        {"vessel_pressure", vessel, any(vessel), true},
        {"too_deep", deep, any(deep), true},
        {"discomfort", both, state_.patient.reacting, true},
        {"pulse", pulse, any(pulse), true},
        {"sudden_movement", fast, any(fast), true},
        {"tracking_lost", lost, any(lost), true},
        {"hand_lifted", lifted, any(lifted) && any_contact_, true},
        {"past_gentle", past, any(past), true},
        {"off_target", off, any(off), true},
        {"direction", direction, any(direction), true},
        {"hand_angle", angle, any(angle), true},
        {"too_shallow", shallow, any(shallow), true},
        {"hold_short", both, released_early, true},
        {"hold_done", both, done, false},
    };
    state_.cue_key = phaseName(state_.phase);
    state_.cue_hands = both;
    state_.fault_cue = false;
    for (const Candidate& c : candidates) {
        if (!c.applies) continue;
        state_.cue_key = c.key;
        state_.cue_hands = c.hands;
        state_.fault_cue = c.fault;
        break;
    }
    std::string cue = technique_.cue(state_.cue_key);
    const bool one = state_.cue_hands[0] != state_.cue_hands[1];
    const bool left = state_.cue_hands[0];
    cue = replaceAll(std::move(cue), "{thumb}", !one ? "both thumbs" : left ? "your left thumb" : "your right thumb");
    cue = replaceAll(std::move(cue), "{hand}", !one ? "both hands" : left ? "your left hand" : "your right hand");
    if (state_.patient.reacting) cue = replaceAll(std::move(cue), "{says}", plan_.response.discomfort.says);
    state_.cue = std::move(cue);
}

}  // namespace palpa::scoring
