// Role: the simulated patient's response to the hands, deterministic: breathing (the abdomen
// rises and falls, slower once the student's hold is calm, caught when it hurts) and
// discomfort (a 0-1 level that rises with depth past the tissue's tolerance, fast deepening and
// pressure near a vessel, and eases when the hands ease). Past a threshold the patient reacts:
// the wall guards, the breath catches and the patient says so; a reaction the student does
// not answer by easing off in time is ignored discomfort. Parameters: the technique's
// "patient" section (docs/scoring.md). Plain value.
#pragma once

#include <optional>

#include "scoring/technique.hpp"

namespace palpa::scoring {

struct PatientState {
    double breath = 0.0;       // m: the abdomen's rise now, at full breathing weight (+ inhaled)
    double rate_bpm = 0.0;     // breaths a minute now (0 while the breath is caught)
    double discomfort = 0.0;   // 0-1
    bool reacting = false;     // guarding, breath caught, saying so
    bool ignored = false;      // a reaction went unanswered past the ease window
};

// What the hands do to the patient in one frame.
struct PressInputs {
    std::optional<double> depth;            // m: deepest checked joint in contact (none: no contact)
    double deepening = 0.0;                 // m/s: how fast the contact deepens (smoothed)
    std::optional<double> vessel_distance;  // m: nearest in-contact joint surface to a vessel
};

class PatientResponse {
  public:
    explicit PatientResponse(const PatientSpec& spec = {}) : spec_(spec) {}

    void reset();
    // Advances the breath to time t (call first each frame; `calm_hold` from the last frame).
    void breathe(double t, bool calm_hold);
    // Updates discomfort and the reaction from what the hands do at t (after breathe).
    void respond(double t, const PressInputs& in);
    const PatientState& state() const { return state_; }
    // Reactions so far, and how many were ignored.
    int reactions() const { return reactions_; }
    int ignored() const { return ignored_; }
    double peakDiscomfort() const { return peak_; }

  private:
    PatientSpec spec_;
    PatientState state_;
    bool started_ = false;
    double t_ = 0.0, phase_ = 0.0, calm_since_ = -1.0, caught_until_ = -1.0, respond_t_ = -1.0;
    double react_t_ = 0.0, react_depth_ = 0.0;
    bool answered_ = true;
    int reactions_ = 0, ignored_ = 0;
    double peak_ = 0.0;
};

}  // namespace palpa::scoring
