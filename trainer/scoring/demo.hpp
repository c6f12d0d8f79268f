// Role: synthetic demo recordings. A kinematic hand per target follows a scripted attempt
// (approach, press, hold, release) with optional faults, then a seeded noise model adds what
// consumer hand tracking does: jitter, a constant offset and yaw error per hand, jittered
// timestamps and short dropouts. Deterministic: its own PRNG (splitmix64), no std:: random
// distributions, so the same scenario gives the same bytes everywhere.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "scoring/recording.hpp"
#include "scoring/technique.hpp"

namespace palpa::scoring {

// One scripted attempt, per hand values indexed by the practitioner's hand (0 left, 1 right).
// Times in seconds, lengths in centimetres, angles in degrees.
struct AttemptScript {
    double lead_in_s = 0.5, approach_s = 2.0, press_s = 2.0, hold_s = 22.0, release_s = 1.5,
           tail_s = 0.5;
    double approach_height_cm = 10.0;
    double depth_cm = 2.5;          // hold depth of the thumb-tip surface below the skin
    double press_angle_deg = 45.0;  // press path from the inward normal toward `along` (ideal 45)
    std::array<double, 2> placement_superior_cm{}, placement_lateral_cm{};  // contact errors
    std::array<double, 2> hand_angle_deg{};  // hand axis rotation about the normal
    // During the hold: a slow excursion deeper (too deep), a quick lateral jab of hand 0
    // (sudden movement), and a long tracking loss of one hand.
    double excursion_cm = 0.0, excursion_at_s = 0.0, excursion_s = 1.5;
    double jab_cm = 0.0, jab_at_s = 0.0, jab_s = 0.2;
    int lost_hand = -1;
    double lost_at_s = 0.0, lost_s = 0.0;
};

struct NoiseModel {
    double jitter_cm = 0.2;         // per joint per frame, Gaussian sigma
    double offset_cm = 0.3;         // per hand constant offset, uniform per axis in +-this
    double yaw_deg = 5.0;           // per hand constant yaw error, uniform in +-this
    double timestamp_jitter = 0.4;  // of a frame period, uniform spread
    double dropouts_per_s = 0.25;   // short dropouts per hand (Poisson)
    double dropout_max_s = 0.6;     // their length, uniform in [0.1, this]
};

struct Scenario {
    std::string name;  // file stem, e.g. "good-left"
    std::string description;
    Side side = Side::Left;  // the patient's side being worked
    double rate_hz = 60.0;
    std::uint64_t seed = 1;
    AttemptScript script;
    NoiseModel noise;
    bool bundled = false;  // shipped in assets/recordings (the rest are generated on demand)
};

// The demo catalogue: good attempts and one scenario per fault.
std::vector<Scenario> demoScenarios();
// The named scenario; throws palpa::Error when unknown.
Scenario demoScenario(const std::string& name);
// Generates the recording of a scenario for a technique and patient (the technique's targets
// and directions place the hands).
Recording generateRecording(const Scenario& scenario, const Technique& technique,
                            const Patient& patient);
// Decimals used when demo recordings are written (millimetres are plenty for tracking data).
inline constexpr int kDemoDecimals = 3;

}  // namespace palpa::scoring
