#include "headset/guide.hpp"

#include <algorithm>
#include <cmath>

namespace palpa::headset {

const char* stepName(Step s) {
    switch (s) {
        case Step::Screening:
            return "screening";
        case Step::Placement:
            return "placement";
        case Step::Press:
            return "press";
        case Step::Hold:
            return "hold";
        case Step::LegLift:
            return "leg_lift";
        case Step::Release:
            return "release";
        case Step::Rest:
            return "rest";
        case Step::OtherSide:
            return "other_side";
    }
    return "unknown";
}

namespace {

GuideState make(Step step, std::string title, std::string instruction) {
    GuideState s;
    s.step = step;
    s.title = std::move(title);
    s.instruction = std::move(instruction);
    return s;
}

}  // namespace

const GuideState& Guide::update(double t, const scoring::LiveState& live) {
    using scoring::Phase;
    // In contact: a thumb at least 3 mm into the skin (depth is measured for any hand in view).
    const bool contact = live.depth_cm && *live.depth_cm > 0.3;
    const bool fullHold = live.hold_min_s > 0.0 && live.longest_hold_s >= live.hold_min_s;

    // The leg lift starts once a full hold is reached with the thumbs still in contact.
    if (fullHold && contact && !lifted_ && lift_start_ < 0.0) lift_start_ = t;
    if (lift_start_ >= 0.0 && !lifted_) {
        const double u = t - lift_start_;
        if (u >= timing_.leg_lift_s || !contact) {
            lifted_ = true;
            ++lifts_;
        } else {
            state_ = make(Step::LegLift, "Leg lift",
                          "Keep the gentle contact; ask the patient to lift the leg slowly. Feel "
                          "the psoas engage "
                          "under your thumbs.");
            const double ramp = 2.0;
            const double k =
                std::clamp(std::min(u / ramp, (timing_.leg_lift_s - u) / ramp), 0.0, 1.0);
            state_.hip_flexion_deg =
                static_cast<float>(timing_.lift_deg * (0.5 - 0.5 * std::cos(k * 3.14159265358979)));
            state_.show_psoas = true;
            return state_;
        }
    }
    if (lifted_) {
        if (contact) {
            state_ =
                make(Step::Release, "Release", "Release the pressure slowly, the way you came in.");
            rest_start_ = -1.0;
        } else {
            if (rest_start_ < 0.0) rest_start_ = t;
            if (t - rest_start_ < timing_.rest_s)
                state_ = make(Step::Rest, "Rest", "Hands off. Let the patient rest and breathe.");
            else
                state_ =
                    make(Step::OtherSide, "Other side", "Now work the other side the same way.");
        }
        return state_;
    }
    if (!screened_ && live.phase == Phase::Approach) {
        state_ = make(Step::Screening, "Screening",
                      std::string("Before any contact, ask about: ") + kContraindications +
                          ". Confirm (select or pinch) when none apply; otherwise do not perform "
                          "the release.");
        return state_;
    }
    switch (live.phase) {
        case Phase::Approach:
            state_ = make(Step::Placement, "Placement",
                          "Thumbs just above the navel, hands fanned so the little fingers reach "
                          "toward the pelvis.");
            break;
        case Phase::Press:
        case Phase::Settle:
            state_ = make(Step::Press, "Press",
                          "Gentle pressure inward and down toward the pelvis. Never deep.");
            break;
        case Phase::Hold:
        case Phase::Release: {
            state_ = make(Step::Hold, "Hold", "Hold still, gentle pressure, 20-30 seconds.");
            const double cycle = timing_.breath_in_s + timing_.breath_out_s;
            const double in = std::fmod(std::max(0.0, live.hold_s), cycle);
            state_.breath = in < timing_.breath_in_s ? "Breathe in slowly" : "Breathe out slowly";
            break;
        }
    }
    return state_;
}

}  // namespace palpa::headset
