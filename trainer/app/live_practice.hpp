// Role: a live practice attempt (desktop window or headset): hands from a HandSource (a replayed
// recording now; the simulator and the headset use the same path) fed frame by frame to the
// live scorer, drawn tinted by its feedback, with the technique panel (step, depth, hold timer,
// cue) and the report at the end.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/desktop_ui.hpp"
#include "input/hand_source.hpp"
#include "input/simulator.hpp"
#include "scoring/plan.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"
#include "scoring/scorer.hpp"

namespace palpa::app {

class LivePractice {
public:
    LivePractice(const scoring::Technique& technique, const scoring::Patient& patient, scoring::Side worked,
                    std::unique_ptr<input::HandSource> source);

    // Feeds every frame the source has up to `now` (seconds since the window opened).
    void update(double now);
    // Judges the attempt now (a live source never finishes by itself).
    void finishNow();
    // Starts a new attempt on `worked` (same technique and patient).
    void restart(scoring::Side worked);
    // Everything fed so far, as a recording (header: technique id and worked side).
    const scoring::Recording& recorded() const { return recorded_; }
    scoring::Side worked() const { return worked_; }
    // Called once for each judged attempt (by finishNow() or when the source ends), with the
    // attempt as recorded: the app stores it before the next attempt starts.
    void onJudged(std::function<void(const scoring::Result&, const scoring::Recording&)> hook) { on_judged_ = std::move(hook); }
    // Prints a line to standard output whenever the step or the cue changes, and when an
    // attempt is judged (a terminal beside the window follows the attempt; scripts wait on it).
    void narrate(bool on) { narrate_ = on; }
    // A help line shown in the panel (the simulator's controls).
    void setHelp(std::string help) { help_ = std::move(help); }
    // The technique panel (inside an ImGui frame), in the desktop window's right-hand column.
    void draw(PanelColumn& column) const;
    // Adds the latest tracked hands, tinted green, amber or red by the live feedback.
    void addHands(render::FrameDesc& frame) const;
    // Adds the targets' zones on the skin, the ideal press and the press as measured.
    void addGuides(render::FrameDesc& frame) const;
    // Adds the patient's response: the breath swelling the abdomen, and the abdominal wall
    // tensed (tinted, breath caught) while the patient reacts.
    void addPatient(render::FrameDesc& frame, const scene::Scene& scene) const;
    // The attempt judged as it stands (the live scorer is not changed); judged again only
    // when new frames came in, so a panel may ask every frame.
    const scoring::Result& judgeNow() const;
    // The judged attempt once the source is finished.
    const std::optional<scoring::Result>& result() const { return result_; }
    int framesScored() const { return scorer_.frames(); }
    // The live scorer's state after the last frame.
    const scoring::LiveState& state() const { return scorer_.state(); }
    // The hands of the last frame fed.
    const input::HandFrame& hands() const { return latest_; }

  private:
    scoring::Technique technique_;
    scoring::Patient patient_;
    scoring::Side worked_;
    scoring::Scorer scorer_;
    scoring::Recording recorded_;
    std::string help_;
    std::unique_ptr<input::HandSource> source_;
    input::HandFrame latest_;
    std::optional<scoring::Result> result_;
    std::function<void(const scoring::Result&, const scoring::Recording&)> on_judged_;
    mutable std::optional<scoring::Result> judged_now_;
    mutable int judged_frames_ = -1;
    bool narrate_ = false;
    std::string narrated_;  // the step and cue last narrated
    void judged();
    void narrateNow();
};

// The desktop simulator's hands and what the app needs to steer them: the patient (skin and
// landmarks, as the scorer sees them) and the toward-the-pelvis directions.
struct SimulatorControl {
    // Lets the simulated fingers and palm rest on the patient's skin; the technique gives the
    // ideal press at each side.
    SimulatorControl(input::HandSimulator* hands, scoring::Patient patient, const scoring::Technique& technique);
    input::HandSimulator* hands = nullptr;  // owned by the practice's source slot
    scoring::Patient patient;
    std::array<scoring::Plan, 2> plans;     // the technique on the patient's left and right
    static constexpr float kThumbSpacing = 0.016f;  // m between the two thumb tips
    // The student's own errors, set with the keys: the press tilted from the ideal line toward
    // the pelvis (+) or inward (-), and the hands turned about the skin normal.
    float tilt_deg = 0.0f, turn_deg = 0.0f;
    // Places both thumbs together at `skinHit` (one just above the other), on the side of the
    // midline it lies on, fingers toward that side's pelvis (ASIS-symphysis midpoint), to press
    // along the technique's ideal line tilted by tilt_deg.
    void placeBoth(const glm::vec3& skinHit);
    // Places them again where they were, with the errors as they are now.
    void replace();
    // Takes both hands out of tracking (as if they left the cameras' view) or brings them
    // back where they were: the tracking fault made on purpose.
    void setHidden(bool hidden);
    bool hidden() const { return hidden_; }

  private:
    std::optional<glm::vec3> last_;
    bool hidden_ = false;
};

// The help overlay of the desktop practice: the controls, and the errors now set.
void drawSimulatorHelp(const SimulatorControl& control);

// The keys of the desktop practice, for the help overlay and the panel.
inline constexpr const char* kSimulatorHelp =
    "Left-drag on the belly: place both thumbs (over the psoas: 2 cm above navel level, 5 cm out)\n"
    "Wheel: press in (away) / ease off (toward you); the thumbs move there slowly, along the ideal line\n"
    "Up / Down: tilt the press toward the pelvis / straight in (5 degrees a press)\n"
    "Q / E: turn the hands (10 degrees a press)    C: back to the ideal line and fan\n"
    "Left-drag while pressing: glide the thumbs over the skin (fast: a sudden movement)   H: hide the hands from tracking\n"
    "S: switch side   R: restart   F: judge now   G: guides on the body   L: the patient lifts the leg   P: next patient size\n"
    "Right-drag: orbit   F1 or ?: this help\n"
    "On the body: blue rings mark the target zones; the pale arrow is the ideal press, the green or red one yours";

// The tracked hands as the renderer draws them (joints, orientations, radii, which hand), all
// in `colour` (linear).
void addHandsToFrame(const input::HandFrame& hands, const glm::vec3& colour, render::FrameDesc& frame);

// The patient breathing quietly in a view without practice (walkthroughs, quizzes): the
// scoring patient model's breath at its resting rate, drawn as in practice.
class IdleBreathing {
  public:
    IdleBreathing(const scene::Scene& scene, const scoring::Patient& patient) : scene_(scene), patient_(patient) {}
    // Adds the breath at `seconds` since the view began.
    void add(double seconds, render::FrameDesc& frame);

  private:
    const scene::Scene& scene_;
    scoring::Patient patient_;
    scoring::PatientResponse response_;
};

}  // namespace palpa::app
