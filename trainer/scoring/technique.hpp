// Role: techniques as data (docs/technique-format.md). A Technique lists the targets (placed
// from the model's landmarks), reference directions, the seven rubric steps with their bands
// and advice, the safety rules, the simulated patient's breathing and discomfort, live cue
// texts and filter parameters. The patient itself comes from the model (scoring/patient.hpp).
// The loader validates and throws palpa::InputError naming the file and the JSON path.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "scoring/one_euro.hpp"
#include "scoring/patient.hpp"

namespace palpa::scoring {

inline constexpr int kTechniqueVersion = 2;

// The measurements the scorer knows; every technique sets the parameters of all seven.
enum class Metric { Placement, HandAngle, PressDirection, Depth, Hold, Smoothness, Tracking };

// "placement", "hand_angle", "press_direction", "depth", "hold", "smoothness", "tracking".
const char* metricName(Metric metric);

// One rubric step. Which fields apply depends on the metric (see docs/technique-format.md);
// lengths in metres, angles in degrees, times in seconds, speeds in m/s.
struct StepSpec {
    std::string id;
    std::string title;
    Metric metric = Metric::Placement;
    double weight = 1.0;          // share of the 0-100 score
    double good_max = 0.0;        // placement, angles, smoothness, tracking: good at most this
    double acceptable_max = 0.0;  // ...acceptable at most this, else the step's fault
    double contact = 0.0;         // depth: contact depth (starts placement and smoothness)
    double gentle_min = 0.0;      // depth: gentle band
    double gentle_max = 0.0;
    double max = 0.0;            // depth: deeper than this at any moment is too deep
    double min = 0.0;            // hold: shorter than this is too short
    double ideal_max = 0.0;      // hold: longer than this is acceptable, not good
    double drift = 0.0;          // hold: thumbs stay within this of where they settled
    double settle_speed = 0.0;   // hold: thumbs count as settled below this speed...
    double settle_window = 0.0;  // ...averaged over about this long
    std::map<std::string, std::string, std::less<>> advice;  // band or fault code -> text
};

// A point the contact joint should reach: on the skin over a landmark moved superior and
// lateral (toward `side`) in the coronal plane; `lateral_over` adds the lateral distance of
// another landmark (the psoas belly) from the first, and the point then moves further
// lateral until it is `clear_of_vessels` from every vessel's outline projected onto the skin.
struct TargetSpec {
    std::string id;
    std::string side;  // lateral side: "left", "right", "worked" or "opposite" (patient's)
    std::string landmark;
    double superior = 0.0;     // m toward the head
    double lateral = 0.0;      // m toward `side`
    std::string lateral_over;  // landmark ("{side}" allowed) whose lateral distance is added
    double clear_of_vessels = 0.0;  // m in the skin's tangent plane; 0: no clearance asked
    std::string hand_axis;          // direction name the hand's axis is compared with
};

// Safety rules judged on every checked joint (docs/scoring.md, "Safety").
struct SafetySpec {
    double vessel_keep_out = 0.015;    // m: a joint in contact this near a vessel surface
    double over_vessel_depth = 0.02;   // m: deeper than this over a vessel's outline
    double pulse_within = 0.025;       // m: a contact joint this near a pulsing vessel feels it
    double heart_rate_bpm = 72.0;      // the pulse felt (and the controllers' haptic rhythm)
    std::vector<int> joints;           // joints checked for depth and keep-out
};

// The simulated patient's breathing (docs/scoring.md, "A patient who responds").
struct BreathingSpec {
    double amplitude = 0.01;     // m, rise of the abdomen from full exhale to full inhale
    double rate_bpm = 12.0;      // breaths a minute
    double calm_rate_bpm = 8.0;  // ...while the student's hold has been calm for calm_after
    double calm_after = 5.0;     // s
    double catch_s = 2.0;        // s the breath stops when discomfort strikes
};

// The simulated patient's discomfort: a level 0-1 that follows what the hands do.
struct DiscomfortSpec {
    double tolerance = 0.035;     // m of depth the tissue takes without discomfort
    double per_m = 50.0;          // level per metre of depth past the tolerance
    double press_speed = 0.03;    // m/s of deepening taken without discomfort
    double per_m_s = 8.0;         // level per m/s of deepening past that
    double vessel_within = 0.025; // m: pressing this near a vessel hurts...
    double vessel_level = 0.8;    // ...up to this level at its surface
    double rise_s = 0.4;          // time constants toward the level the hands cause
    double fall_s = 1.2;
    double react_at = 0.6;        // the patient reacts (guards, says so) above this
    double calm_at = 0.3;         // ...and settles below this
    double ease_within = 2.0;     // s the student has to ease off
    double ease = 0.005;          // m shallower than at the reaction counts as easing off
    std::string says = "That's a bit much.";
};

struct PatientSpec {
    BreathingSpec breathing;
    DiscomfortSpec discomfort;
};

// A direction from a landmark to a landmark or to the midpoint of several.
struct DirectionSpec {
    std::string from;
    std::vector<std::string> to;
};

// The ideal press: the normalised blend of the inward normal and a tangent direction.
struct PressSpec {
    std::string along;  // direction name; "{side}" is replaced by the worked side
    double inward_weight = 1.0;
    double along_weight = 1.0;
};

struct Technique {
    std::string source;  // file it came from (for error messages)
    std::string id;
    std::string name;
    std::string description;
    int contact_joint = 5;    // joint pressed into the skin (index, XR_EXT_hand_tracking order)
    int axis_from_joint = 1;  // the hand axis runs from this joint...
    int axis_to_joint = 15;   // ...to this one
    OneEuroParams filter;
    std::vector<TargetSpec> targets;
    int required_hands = 2;  // hands that must be on their targets through the hold
    std::map<std::string, DirectionSpec, std::less<>> directions;
    PressSpec press;
    std::vector<StepSpec> steps;                           // report order; each Metric exactly once
    std::map<std::string, std::string, std::less<>> cues;  // live cue key -> text
    SafetySpec safety;
    PatientSpec patient;

    // The step measuring `metric` (every loaded technique has all seven).
    const StepSpec& step(Metric metric) const;
    // The cue text for key, or "" when the technique has none.
    const std::string& cue(std::string_view key) const;
};

// Parses a technique from JSON text; `source` names it in errors.
Technique parseTechnique(std::string_view text, const std::string& source);
// Reads and parses a technique file.
Technique loadTechnique(const std::filesystem::path& path);

}  // namespace palpa::scoring
