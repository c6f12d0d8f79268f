// Role: a technique resolved against one patient (the loaded model) and one worked side:
// target points on the model's skin placed from its landmarks and clear of its vessels,
// reference directions and thresholds as plain numbers, ready for per-frame use. Shared by the
// scorer and the demo generator, so both read the rubric the same way. Plain value (the
// patient's geometry is shared, not copied).
#pragma once

#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "scoring/recording.hpp"
#include "scoring/technique.hpp"

namespace palpa::scoring {

struct ResolvedTarget {
    std::string id;
    Side side = Side::Left;     // the patient's side the target lies on (its lateral direction)
    glm::vec3 point{0.0f};      // on the skin
    glm::vec3 normal{0.0f};     // outward skin normal at point
    glm::vec3 hand_axis{0.0f};  // unit reference for the hand axis, in the tangent plane at point
    double vessel_clearance = 0.0;  // m from the vessels' projected outline, in the tangent plane
};

struct Plan {
    Side worked = Side::Left;
    std::vector<ResolvedTarget> targets;
    glm::vec3 press_along{0.0f};  // unprojected direction toward which thumbs should press
    double inward_weight = 1.0;
    double along_weight = 1.0;
    int contact_joint = kThumbTip;
    int axis_from_joint = kWrist;
    int axis_to_joint = kMiddleTip;
    OneEuroParams filter;
    Patient patient;
    int required_hands = 2;
    SafetySpec safety;
    PatientSpec response;

    double contact_depth = 0.0;                                  // m
    double gentle_min = 0.0, gentle_max = 0.0, max_depth = 0.0;  // m
    double hold_min = 0.0, hold_drift = 0.0, settle_speed = 0.0,
           settle_window = 0.0;  // s, m, m/s, s
    double speed_max = 0.0;      // m/s
    double bridge = 0.0;         // s: dropouts up to this are bridged
    double placement_max = 0.0;  // m: acceptable placement (the hold needs the thumbs within it)
    double angle_max = 0.0, direction_max = 0.0;  // deg: acceptable hand angle and press direction
    double hold_ideal_max = 0.0;                  // s: a hold this long is done

    // The ideal press direction (unit) at a skin point with outward normal n.
    glm::vec3 idealPress(const glm::vec3& n) const;
};

// Resolves technique against patient for the worked side. Throws InputError (naming the
// technique file) when a landmark the technique needs is missing from the patient, a target
// finds no skin, or the technique has vessel rules and the model no vessels layer.
Plan makePlan(const Technique& technique, const Patient& patient, Side worked);

// v with its component along unit n removed.
glm::vec3 tangential(const glm::vec3& v, const glm::vec3& n);
// Unit vector of v, or zero when v is (nearly) zero.
glm::vec3 unitOrZero(const glm::vec3& v);
// Angle between two vectors in degrees (0-180); both must be non-zero.
double angleDeg(const glm::vec3& a, const glm::vec3& b);
// Unit tangent vectors at normal n: superior (+Z projected) and lateral toward the patient's
// side (-X for left, +X for right, projected).
// "{side}" in a name replaced by "left" or "right".
std::string withSide(std::string name, Side side);
glm::vec3 superiorAt(const glm::vec3& n);
glm::vec3 lateralAt(const glm::vec3& n, Side side);

}  // namespace palpa::scoring
