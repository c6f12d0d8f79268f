// Role: hand recordings in memory: one header plus a frame per tracking sample, each frame
// holding up to two hands of 26 joints in XR_EXT_hand_tracking order, in the patient frame
// (RAS metres, origin at the umbilicus on the skin). Plain values: a Recording owns its frames.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include "input/hand.hpp"

namespace palpa::scoring {

inline constexpr int kJointCount = input::kJointCount;
inline constexpr int kRecordingVersion = 1;

// XR_EXT_hand_tracking joint indices (the extension's joint enum values).
enum JointIndex : int {
    kPalm = 0,
    kWrist = 1,
    kThumbMetacarpal = 2,
    kThumbTip = 5,
    kIndexMetacarpal = 6,
    kIndexTip = 10,
    kMiddleMetacarpal = 11,
    kMiddleTip = 15,
    kRingMetacarpal = 16,
    kRingTip = 20,
    kLittleMetacarpal = 21,
    kLittleTip = 25,
};

// Joint name without the XR prefix, e.g. "thumb_tip", "middle_intermediate"; "" when out of range.
std::string_view jointName(int index);
// Joint index for a name as returned by jointName(); -1 when unknown.
int jointIndex(std::string_view name);

// One tracked joint and a hand of 26: the engine's hand types (input/hand.hpp).
using JointPose = input::JointPose;
using HandPose = input::HandPose;

// The practitioner's hands (tracked hands) and the patient's sides share this type.
enum class Side : int { Left = 0, Right = 1 };

// "left" or "right".
std::string_view sideName(Side side);
// Parses "left"/"right"; nullopt otherwise.
std::optional<Side> parseSide(std::string_view text);
// The other side.
inline Side opposite(Side side) {
    return side == Side::Left ? Side::Right : Side::Left;
}

// The simulated patient's state in a frame (written by live practice; informative).
struct RecordedPatient {
    double breath_cm = 0.0;   // abdomen's rise
    double discomfort = 0.0;  // 0-1
    bool reacting = false;
};

// One tracking sample. hands[0] is the practitioner's left hand, hands[1] the right;
// an empty optional means that hand was not tracked in this frame.
struct Frame {
    double t = 0.0;  // seconds, strictly increasing through a recording
    std::array<std::optional<HandPose>, 2> hands;
    std::optional<RecordedPatient> patient;

    // The practitioner's hand on that side (empty when untracked).
    const std::optional<HandPose>& hand(Side side) const { return hands[static_cast<int>(side)]; }
};

// The model a recording was made on, and the body size measured on it.
struct RecordedModel {
    std::string file;    // file name
    std::string sha256;  // of the file
    double waist_cm = 0.0;
    double vessel_depth_cm = 0.0;
};

// The first JSONL line. side is the patient's side being worked.
struct RecordingHeader {
    int version = kRecordingVersion;
    std::string frame = "patient_ras";
    std::string units = "m";
    std::string joints = "XR_EXT_hand_tracking";
    std::string technique;  // technique id; empty when the header names none
    Side side = Side::Left;
    std::optional<RecordedModel> model;  // absent in recordings that name none
};

struct Recording {
    RecordingHeader header;
    std::vector<Frame> frames;

    // Seconds from the first frame to the last (0 for fewer than two frames).
    double duration() const { return frames.size() < 2 ? 0.0 : frames.back().t - frames.front().t; }
};

}  // namespace palpa::scoring
