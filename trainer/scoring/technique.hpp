// Role: techniques and patients as data (docs/technique-format.md). A Technique lists the
// targets, reference directions, the seven rubric steps with their bands and advice, live cue
// texts and filter parameters; a Patient holds landmark positions and the skin surface.
// Loaders validate and throw palpa::InputError naming the file and the JSON path. Plain values.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "scoring/one_euro.hpp"
#include "scoring/skin.hpp"

namespace palpa::scoring {

inline constexpr int kTechniqueVersion = 1;
inline constexpr int kPatientVersion = 1;

using Landmarks = std::map<std::string, glm::vec3, std::less<>>;

// The patient the attempt is scored against: landmark name -> position (patient frame, m),
// and the undeformed skin.
struct Patient {
    Landmarks landmarks;
    SkinSurface skin;
};

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

// A point the contact joint should reach: a landmark moved along the skin's tangent frame.
struct TargetSpec {
    std::string id;
    std::string side;  // lateral side: "left", "right", "worked" or "opposite" (patient's)
    std::string landmark;
    double superior = 0.0;  // m along the tangent-projected superior axis
    double lateral = 0.0;   // m along the tangent-projected lateral axis of `side`
    std::string hand_axis;  // direction name the hand's axis is compared with
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
    std::map<std::string, DirectionSpec, std::less<>> directions;
    PressSpec press;
    std::vector<StepSpec> steps;                           // report order; each Metric exactly once
    std::map<std::string, std::string, std::less<>> cues;  // live cue key -> text
    std::optional<Patient> default_patient;

    // The step measuring `metric` (every loaded technique has all seven).
    const StepSpec& step(Metric metric) const;
    // The cue text for key, or "" when the technique has none.
    const std::string& cue(std::string_view key) const;
};

// Parses a technique from JSON text; `source` names it in errors.
Technique parseTechnique(std::string_view text, const std::string& source);
// Reads and parses a technique file.
Technique loadTechnique(const std::filesystem::path& path);
// Parses a patient file ({"palpa_patient": 1, "landmarks": {...}, "skin": {...}}).
Patient parsePatient(std::string_view text, const std::string& source);
// Reads and parses a patient (landmarks and skin) file.
Patient loadPatient(const std::filesystem::path& path);

}  // namespace palpa::scoring
