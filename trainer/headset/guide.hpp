// Role: the headset's step-by-step guide through the manual psoas release, driven by the live
// scorer's state and the clock: screening of contraindications, placement, press, hold with a
// slow breathing cue, the leg lift (the virtual patient's hip flexes while the psoas is shown
// under the hands), release, rest, then the other side. Pure and deterministic; unit tested.
#pragma once

#include <string>

#include "scoring/scorer.hpp"

namespace palpa::headset {

enum class Step { Screening, Placement, Press, Hold, LegLift, Release, Rest, OtherSide };
// "screening", "placement", ..., "other_side".
const char* stepName(Step step);

struct GuideState {
    Step step = Step::Screening;
    std::string title;        // "Hold"
    std::string instruction;  // what to do now, one or two sentences
    std::string breath;       // "Breathe in slowly" / "Breathe out slowly" while holding, else ""
    float hip_flexion_deg = 0.0f;  // the worked side's hip, 0 lying flat
    bool show_psoas = false;       // highlight the worked side's psoas and iliacus
};

struct GuideTiming {
    double leg_lift_s = 8.0;  // raise 2 s, hold, lower 2 s
    double lift_deg = 35.0;
    double rest_s = 10.0;
    double breath_in_s = 4.0, breath_out_s = 6.0;  // about six slow breaths a minute
};

// The contraindications screened before any contact, as shown to the student.
inline constexpr const char* kContraindications =
    "herniated disc, hip fracture, spinal instability, acute low-back pain, recent injury";

class Guide {
  public:
    explicit Guide(GuideTiming timing = {}) : timing_(timing) {}
    const GuideTiming& timing() const { return timing_; }
    // The student confirmed that none of the contraindications apply (select or pinch).
    void confirmScreening() { screened_ = true; }
    bool screened() const { return screened_; }
    // Advances to time `t` (seconds, increasing) with the scorer's live state.
    const GuideState& update(double t, const scoring::LiveState& live);
    const GuideState& state() const { return state_; }
    // Leg lifts completed so far.
    int legLifts() const { return lifts_; }

  private:
    GuideTiming timing_;
    GuideState state_;
    bool screened_ = false;
    double lift_start_ = -1.0;  // when the current leg lift began
    bool lifted_ = false;       // the leg lift of this hold is done
    double rest_start_ = -1.0;
    int lifts_ = 0;
};

}  // namespace palpa::headset
