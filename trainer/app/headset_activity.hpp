// Role: what the student does in the headset, behind one interface the frame loop drives: a
// practice attempt (live scoring, guide, leg lift), an anatomy walkthrough, or a quiz. Each
// activity turns the frame's hands and buttons into its state, draws its floating panel,
// adds what it shows to the frame, and reports (and stores) its outcome at the end.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include <glm/vec2.hpp>

#include "input/hand.hpp"
#include "input/hand_source.hpp"
#include "quiz/quiz.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"
#include "scoring/scorer.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

// One frame's input, in the patient frame.
struct HeadsetInput {
    double t = 0.0;          // seconds since the first frame
    input::HandFrame hands;  // tracked (or controller-simulated) hands
    std::array<bool, 2> select{false,
                               false};  // a controller select click or a pinch began ([0] left)
    std::array<bool, 2> menu{false, false};  // a controller menu click began
};

// Hands handed on by the frame loop to a live practice, one frame at a time.
class FedHands final : public input::HandSource {
  public:
    explicit FedHands(std::string name) : name_(std::move(name)) {}
    std::string_view name() const override { return name_; }
    void rename(std::string name) { name_ = std::move(name); }
    bool available() const override { return true; }
    std::optional<input::HandFrame> poll(double) override {
        return std::exchange(next_, std::nullopt);
    }
    // The frame the next poll() returns.
    void feed(const input::HandFrame& frame) { next_ = frame; }

  private:
    std::string name_;
    std::optional<input::HandFrame> next_;
};

class HeadsetActivity {
  public:
    virtual ~HeadsetActivity() = default;
    // One-line name for messages ("practice", "walkthrough", "quiz").
    virtual std::string name() const = 0;
    // Names where the hands come from ("openxr hands", "openxr controllers"), once the
    // headset is up.
    virtual void handsFrom(std::string_view) {}
    // Advances with this frame's input.
    virtual void update(const HeadsetInput& in) = 0;
    // The floating panel's contents (inside an ImGui frame of `size` pixels).
    virtual void drawPanel(glm::uvec2 size) = 0;
    // Adds what the activity shows to the frame (layers, highlight, limbs, hands).
    virtual void decorate(render::FrameDesc& frame) const = 0;
    // Which of the student's thumbs feel the patient's pulse now ([0] left) and the heart
    // rate: the loop beats the controllers with it when controllers drive the hands.
    virtual std::array<bool, 2> pulse() const { return {false, false}; }
    virtual double heartRateBpm() const { return 72.0; }
    // Whether the student may still pick another patient (a practice before any contact):
    // the loop then shows the patient menu, and builds the activity anew on the new patient.
    virtual bool offersPatients() const { return false; }
    // The live scorer's state while a practice is under way.
    virtual std::optional<scoring::LiveState> live() const { return std::nullopt; }
    // Whether the activity is over (the loop then asks the runtime to end the session).
    virtual bool done() const { return false; }
    // After the session: prints the outcome, stores it; returns the exit code.
    virtual int finish(std::ostream& out) = 0;
};

// A walkthrough whose steps someone else moves (the instructor of a class).
class LedTour : public HeadsetActivity {
  public:
    virtual void goTo(std::size_t step) = 0;  // 0-based; past the end: the last step
    virtual std::size_t steps() const = 0;
};

struct HeadsetOptions;
// The practice attempt of `palpa xr` (hands fed from the loop's input).
std::unique_ptr<HeadsetActivity> makePracticeActivity(const HeadsetOptions& options,
                                                      const scene::Scene& scene);
// An anatomy walkthrough: select/pinch with the right hand for next, the left for previous.
std::unique_ptr<HeadsetActivity> makeWalkthroughActivity(const HeadsetOptions& options,
                                                         const scene::Scene& scene);
// A walkthrough an instructor leads: no next/previous of its own.
std::unique_ptr<LedTour> makeLedTour(const HeadsetOptions& options, const scene::Scene& scene,
                                     walkthrough::Walkthrough tour);
// A class joined with --class: the instructor's tour, then practice when released.
std::unique_ptr<HeadsetActivity> makeClassActivity(const HeadsetOptions& options,
                                                   const scene::Scene& scene);
// A quiz: poke the panel's buttons; point items by aiming the index finger (or controller)
// and selecting/pinching.
std::unique_ptr<HeadsetActivity> makeQuizActivity(const HeadsetOptions& options,
                                                  const scene::Scene& scene);
// The same for a quiz already read (a class's quiz); its result is stored with options.class_code.
std::unique_ptr<HeadsetActivity> makeQuizActivity(const HeadsetOptions& options, const scene::Scene& scene,
                                                  quiz::Quiz quiz);

}  // namespace palpa::app
