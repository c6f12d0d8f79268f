// Role: the live technique scorer. Feed it frames in time order (from the headset, or from a
// recording); it measures every depth, placement and vessel distance on the patient built
// from the loaded model, runs the simulated patient (breathing, discomfort), and after each
// frame reports the phase, the hold timer, the patient's state and the most urgent cue;
// finish() judges everything fed so far. Scoring a file is exactly feeding its frames
// (scoreRecording). Owns a copy of the technique and its resolved plan; not copyable
// (LiveState's cue views point into it), movable.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>

#include "scoring/one_euro.hpp"
#include "scoring/plan.hpp"
#include "scoring/recording.hpp"
#include "scoring/response.hpp"
#include "scoring/technique.hpp"
#include "scoring/verdict.hpp"

namespace palpa::scoring {

// Where the attempt is: before contact, pressing in, settling, holding, after a full hold.
enum class Phase { Approach, Press, Settle, Hold, Release };
// "approach", "press", "settle", "hold", "release" (also the technique's cue keys).
const char* phaseName(Phase phase);
// Every live cue key the scorer can show: the phases' and the faults' (docs/technique-format.md,
// "cues"); a technique needs a text for each.
const std::vector<std::string>& liveCueKeys();

// One hand's press as the scorer reads it now, for drawing beside the ideal one.
struct PressLine {
    glm::vec3 contact{0.0f};   // where the contact joint met the skin
    glm::vec3 measured{0.0f};  // unit: the press so far (contact to now)
    glm::vec3 ideal{0.0f};     // unit: the technique's ideal press there
    double off_deg = 0.0;      // angle between them
};

struct LiveState {
    double t = 0.0;
    Phase phase = Phase::Approach;
    double hold_s = 0.0;             // the hold in progress (0 when not holding)
    double longest_hold_s = 0.0;     // including the one in progress
    double hold_min_s = 0.0;         // the technique's minimum hold
    std::optional<double> depth_cm;  // deepest contact joint among the hands present now
    FaultSet faults = 0;             // faults already certain (placement, depth, speed, tracking)
    // The most urgent of "vessel_pressure", "too_deep", "discomfort", "pulse",
    // "sudden_movement", "tracking_lost", "hand_lifted", "past_gentle", "off_target",
    // "direction", "hand_angle", "too_shallow", "hold_short", "hold_done", else the phase.
    std::string_view cue_key;
    std::string cue;                 // its text from the technique ("" when it has none)
    std::array<bool, 2> cue_hands{}; // the hands the cue is about (both for a general cue)
    bool fault_cue = false;          // the cue warns of a fault (not a phase or "hold_done")
    std::array<bool, 2> pulse{};     // the practitioner's thumb on that hand feels a pulse
    std::array<bool, 2> on_target{}; // that hand is within the placement band of its target
    std::array<std::optional<PressLine>, 2> press;  // a hand pressing long enough to have a direction
    PatientState patient;            // breathing, discomfort, reaction
    std::string_view patient_says;   // what the patient says while reacting ("" otherwise)
};

class Scorer {
  public:
    // Resolves the technique against the patient for the worked side (throws InputError when a
    // landmark is missing).
    Scorer(const Technique& technique, const Patient& patient, Side worked);
    Scorer(const Scorer&) = delete;
    Scorer& operator=(const Scorer&) = delete;
    Scorer(Scorer&&) = default;
    Scorer& operator=(Scorer&&) = default;

    // Feeds one frame; frames whose t does not advance are ignored. Returns the live state.
    const LiveState& push(const Frame& frame);
    // The state after the last frame.
    const LiveState& state() const { return state_; }
    // What has been measured so far (an ongoing hold or dropout counts up to the last frame).
    Metrics metrics() const;
    // Judges everything fed so far; does not change the scorer (more frames may follow).
    Result finish() const { return judge(technique_, metrics(), plan_.worked); }
    // The simulated patient's response (breathing, discomfort).
    const PatientResponse& response() const { return response_; }
    // The technique resolved for this patient and side.
    const Plan& plan() const { return plan_; }
    // Frames accepted so far.
    int frames() const { return frames_; }
    // Forgets all frames (same technique, patient and side).
    void reset();

  private:
    // One checked joint (contact joint, fingertips, palm) of one hand.
    struct JointTrack {
        int joint = 0;
        OneEuroFilter3 filter{OneEuroParams{}};
        SkinProbe skin;
        VesselProbe vessel, pulse;  // any vessel, and the pulsing ones
        glm::vec3 last_over_at{1e9f};   // skin point of the last over-vessel test...
        bool last_over = false;         // ...and its answer
    };
    struct HandTrack {
        OneEuroFilter3 from_filter{OneEuroParams{}}, to_filter{OneEuroParams{}};
        std::vector<JointTrack> joints;  // the technique's checked joints; [contact_slot] presses
        bool seen = false;     // tracked since the last reset or long loss
        bool tracked = false;  // tracked in the current frame
        bool present = false;  // tracked, or lost no longer than the bridge
        double last_seen_t = 0.0;
        glm::vec3 tip{0.0f}, from{0.0f}, to{0.0f};  // filtered
        glm::vec3 tip_skin{0.0f}, tip_normal{0.0f, 1.0f, 0.0f};
        double depth = 0.0;        // m below the moving skin of the contact joint's surface
        double still_depth = 0.0;  // ...below the skin as the model has it (no breath)
        float tip_radius = 0.0f;   // the contact joint's radius
        double deepest_joint = -1.0;  // m: deepest checked joint this frame
        // ...for the safety rules, an inferred joint counted kInferredMargin deeper.
        double deepest_safety = -1.0;
        bool tip_inferred = false;    // the contact joint is only inferred this frame
        double deepening = 0.0;    // m/s, smoothed rate the hand presses the contact joint in (no breath)
        double speed = 0.0;        // m/s of the filtered contact joint, frame to frame
        glm::vec3 slow_tip{0.0f};  // tip averaged over the settle window (exponential)
        double drift_speed = 0.0;  // m/s: |tip - slow_tip| / window, a low-noise speed
        bool in_contact = false;   // at the last tracked frame
        bool contacted = false;
        double contact_t = 0.0;
        glm::vec3 contact_tip{0.0f};
        double last_contact_t = 0.0;  // last frame the contact joint was at contact depth
        int target = -1;
        std::optional<double> placement;  // m, at contact
        double off_target = 0.0;          // m, tangent distance from the target now
        glm::vec3 contact_normal{0.0f, 1.0f, 0.0f};  // the skin's normal where it touched
        std::optional<double> live_angle;      // deg: hand axis against its target's, now
        std::optional<double> live_direction;  // deg: press so far against the ideal, now
        double near_since = -1.0;  // s: since when the thumb hovers near the skin without contact
        // Since when the press direction / the hand angle / the placement has been off (< 0: it
        // is not); a cue needs it off for a moment, and back well inside its band to clear.
        double direction_off_since = -1.0, angle_off_since = -1.0, target_off_since = -1.0;
        bool pulse = false;
        bool vessel_alert = false;  // a joint presses too near or deep over a vessel now
        std::optional<double> vessel_gap;  // m: nearest in-contact joint surface to a vessel now
        bool anchored = false;
        glm::vec3 anchor{0.0f};
    };
    struct HandSample {
        bool present = false;
        glm::vec3 tip{0.0f}, from{0.0f}, to{0.0f};
    };
    struct Sample {
        double t = 0.0;
        std::array<HandSample, 2> hands;
    };
    enum class HoldState { Out, Settling, Holding };

    void updateHand(int h, const HandPose* pose, double t);
    void checkJoints(HandTrack& k, const HandPose& pose, double t, bool continuing);
    void makeContact(int h, const glm::vec3& at, double t);
    void updateHold(double t);
    void endHold(bool lifted);
    void updatePatient(double t);
    void updateState(double t);
    Sample sampleNow(double t) const;
    static Sample middleSample(const std::vector<Sample>& segment, double mid);

    Technique technique_;
    Plan plan_;
    int contact_slot_ = 0;  // index of the contact joint in HandTrack::joints

    std::array<HandTrack, 2> hands_;
    std::vector<bool> taken_;  // targets with a hand
    int frames_ = 0;
    double t0_ = 0.0, t_ = 0.0;
    bool any_contact_ = false;
    double first_contact_t_ = 0.0;
    bool any_tracked_ = false;
    double max_depth_ = 0.0;
    std::optional<double> max_joint_depth_;
    std::optional<double> min_vessel_gap_;
    std::string nearest_vessel_;
    std::optional<double> max_over_vessel_;
    double max_speed_ = 0.0;
    double longest_loss_ = 0.0;
    double inferred_hold_ = 0.0;  // s of holding with a contact joint only inferred
    FaultSet faults_ = 0;
    PatientResponse response_;

    HoldState hold_state_ = HoldState::Out;
    double hold_start_ = 0.0, hold_last_ok_ = 0.0;
    std::vector<Sample> segment_;  // samples of the hold in progress
    bool have_best_ = false;
    double best_hold_ = 0.0, best_start_ = 0.0, best_end_ = 0.0;
    bool any_lifted_hold_ = false;  // some hold ended because a required hand left
    Sample best_mid_;
    bool have_deepest_ = false;
    double deepest_ = 0.0;
    Sample deepest_sample_;

    LiveState state_;
};

// Scores a whole recording as one attempt: a fresh Scorer fed every frame, then finish().
Result scoreRecording(const Recording& recording, const Technique& technique,
                      const Patient& patient);

}  // namespace palpa::scoring
