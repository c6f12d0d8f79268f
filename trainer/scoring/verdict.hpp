// Role: what an attempt measured (Metrics) and what that means (Result): fault codes, each
// rubric step's band, advice and points, the 0-100 score and pass/fail. judge() turns
// Metrics into a Result using only the technique's bands and texts. Plain values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "scoring/recording.hpp"
#include "scoring/technique.hpp"

namespace palpa::scoring {

// A set of faults as bits (1 << Fault).
using FaultSet = std::uint32_t;

// The fault codes, exactly as the issue names them.
enum class Fault : int {
    PlacementOff = 0,
    HandAngleOff,
    DirectionOff,
    TooShallow,
    TooDeep,
    HoldShort,
    SuddenMovement,
    TrackingLost,
    VesselPressure,     // a joint in contact too near a vessel, or deep over one
    HandLifted,         // a required hand left during the hold, which never reached its minimum
    NotMeasured,        // a step could not be measured for a required hand
    IgnoredDiscomfort,  // the patient reacted and the hands did not ease off in time
};
inline constexpr int kFaultCount = 12;
// The faults that make an attempt unsafe for a real patient: they fail it whatever else went
// well, cap its score and lead the report.
inline constexpr FaultSet kSafetyFaults = (FaultSet{1} << static_cast<int>(Fault::TooDeep)) |
                                          (FaultSet{1} << static_cast<int>(Fault::VesselPressure)) |
                                          (FaultSet{1} << static_cast<int>(Fault::IgnoredDiscomfort));
// The highest score an unsafe attempt can get.
inline constexpr int kUnsafeScoreCap = 49;

inline constexpr FaultSet bit(Fault f) {
    return FaultSet{1} << static_cast<int>(f);
}

// "placement_off", "hand_angle_off", ...
const char* faultCode(Fault fault);
// Fault codes of a set, in enum order.
std::vector<std::string> faultCodes(FaultSet faults);

enum class Band { Good, Acceptable, Fault, NotMeasured };
// "good", "acceptable", "fault", "not_measured".
const char* bandName(Band band);

// Per tracked hand (index 0 = the practitioner's left hand).
struct HandMetrics {
    bool contacted = false;
    double contact_t = 0.0;
    int target = -1;                       // index into the plan's targets; -1: none
    std::string target_id;                 // that target's id; "" when none
    std::optional<double> placement_cm;    // tangent distance from its target at contact
    std::optional<double> hand_angle_deg;  // hand axis against its target's reference
    std::optional<double> direction_deg;   // press against the ideal press direction
    // For pictures of the attempt (patient frame, m): where the thumb touched and its target;
    // the press's angle from straight in, positive toward the pelvis, and the ideal's.
    glm::vec3 contact_point{0.0f}, target_point{0.0f};
    std::optional<double> press_from_inward_deg;
    double ideal_from_inward_deg = 45.0;
};

struct Metrics {
    int frames = 0;
    double duration_s = 0.0;
    bool contact = false;  // some contact joint reached the contact depth
    double first_contact_t = 0.0;
    int targets = 0;         // targets in the technique
    int targets_missed = 0;  // targets no hand reached (after any contact)
    std::array<HandMetrics, 2> hands;
    std::optional<double> placement_cm;    // worst hand
    std::optional<double> hand_angle_deg;  // worst hand
    std::optional<double> direction_deg;   // worst hand
    std::optional<double> max_depth_cm;    // deepest the contact joint went (tracked frames)
    std::optional<double> max_joint_depth_cm;      // deepest any checked joint went (an inferred one counted 0.5 cm deeper)
    std::optional<double> min_vessel_distance_cm;  // nearest a joint in contact came to a vessel
    std::string nearest_vessel;                    // that vessel's mesh name
    std::optional<double> vessel_clearance_cm;     // thumbs to the nearest vessel at the hold's middle
    std::optional<double> max_depth_over_vessel_cm;  // deepest press over a vessel's outline
    int required_hands = 2;
    bool hold_ended_by_lift = false;  // a hold ended because a required hand left
    double peak_discomfort = 0.0;     // the patient's discomfort, 0-1
    int reactions = 0;                // times the patient reacted
    int ignored_reactions = 0;        // ...and the hands did not ease off in time
    double hold_s = 0.0;                   // longest hold
    double hold_start_t = 0.0, hold_end_t = 0.0;
    double max_speed_m_s = 0.0;   // fastest contact joint while in contact (filtered)
    double longest_loss_s = 0.0;  // longest loss of a hand that was in contact
    double inferred_hold_s = 0.0;  // s of holding while a contact joint was only inferred
    FaultSet live_faults = 0;     // faults decided while frames arrived
};

struct StepResult {
    std::string id;
    std::string title;
    Metric metric = Metric::Placement;
    std::optional<double> value;  // in `unit`
    std::string unit;             // "cm", "deg", "s", "m/s"
    Band band = Band::NotMeasured;
    std::vector<std::string> faults;
    std::string advice;
    double points = 0.0;
    double max_points = 0.0;
};

struct Result {
    bool passed = false;
    int score = 0;  // 0-100
    FaultSet faults = 0;
    Side side = Side::Left;
    std::string technique;
    Metrics metrics;
    std::vector<StepResult> steps;
    std::vector<std::string> safety;          // the safety fault codes...
    std::vector<std::string> safety_reasons;  // ...and why each is unsafe, for people
};

// One line on why a safety fault is unsafe, for the report's first lines.
std::string safetyReason(Fault fault, const Metrics& metrics);
// Bands, points, advice, score and verdict for measured metrics.
Result judge(const Technique& technique, const Metrics& metrics, Side side);

}  // namespace palpa::scoring
