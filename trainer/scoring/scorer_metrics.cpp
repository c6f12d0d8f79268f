// The scorer's measurements so far (Scorer::metrics): the longest hold, each hand's
// placement, angle and press read at its middle, the clearance from the vessels, the patient's
// response; and scoring a whole recording.
#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "scoring/scorer.hpp"

namespace palpa::scoring {

Metrics Scorer::metrics() const {
    Metrics m;
    m.frames = frames_;
    m.duration_s = t_ - t0_;
    m.contact = any_contact_;
    m.first_contact_t = first_contact_t_;
    m.targets = static_cast<int>(plan_.targets.size());
    m.targets_missed = static_cast<int>(std::count(taken_.begin(), taken_.end(), false));
    m.required_hands = plan_.required_hands;
    if (any_tracked_) {
        m.max_depth_cm = max_depth_ * 100.0;
        if (max_joint_depth_) m.max_joint_depth_cm = *max_joint_depth_ * 100.0;
    }
    if (min_vessel_gap_) m.min_vessel_distance_cm = *min_vessel_gap_ * 100.0;
    m.nearest_vessel = nearest_vessel_;
    if (max_over_vessel_) m.max_depth_over_vessel_cm = *max_over_vessel_ * 100.0;
    m.max_speed_m_s = max_speed_;
    m.longest_loss_s = longest_loss_;
    m.inferred_hold_s = inferred_hold_;
    m.live_faults = faults_;
    m.peak_discomfort = response_.peakDiscomfort();
    m.reactions = response_.reactions();
    m.ignored_reactions = response_.ignored();

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
    m.hold_ended_by_lift = any_lifted_hold_;
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
        out.contact_point = k.contact_tip;
        if (k.target >= 0) out.target_point = plan_.targets[static_cast<size_t>(k.target)].point;
        if (k.target < 0 || !have_reference || !reference.hands[h].present) {
            worst(m.placement_cm, out.placement_cm);
            continue;
        }
        const ResolvedTarget& target = plan_.targets[static_cast<size_t>(k.target)];
        const HandSample& s = reference.hands[h];
        const glm::vec3 axis = tangential(s.to - s.from, target.normal);
        if (glm::length(axis) > 1e-6f) out.hand_angle_deg = angleDeg(axis, target.hand_axis);
        const glm::vec3 press = s.tip - k.contact_tip;
        const glm::vec3 n = plan_.patient.skin(k.contact_tip).normal;
        const glm::vec3 ideal = plan_.idealPress(n);
        const glm::vec3 along = unitOrZero(tangential(ideal, n));
        const auto fromInward = [&](const glm::vec3& v) {
            return std::atan2(static_cast<double>(glm::dot(v, along)), static_cast<double>(glm::dot(v, -n))) *
                   57.29577951308232;
        };
        out.ideal_from_inward_deg = fromInward(ideal);
        if (glm::length(press) >= static_cast<float>(plan_.contact_depth)) {
            out.direction_deg = angleDeg(press, ideal);
            out.press_from_inward_deg = fromInward(press);
        }
        worst(m.placement_cm, out.placement_cm);
        worst(m.hand_angle_deg, out.hand_angle_deg);
        worst(m.direction_deg, out.direction_deg);
        // How clear of the vessels the thumb was then (its surface to the nearest vessel).
        if (const auto v = plan_.patient.nearestVessel(s.tip, 1.0f)) {
            const double clear = (static_cast<double>(v->distance) - static_cast<double>(k.tip_radius)) * 100.0;
            if (!m.vessel_clearance_cm || clear < *m.vessel_clearance_cm) m.vessel_clearance_cm = clear;
        }
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
