// Role: a class in the desktop window (`palpa desktop --class CODE --student NAME`): the
// window's tour follows the instructor (steps, pause, the structure pointed at, the class's
// line in the tour panel); released, the mouse simulator's practice runs and reports live to
// the console, its attempts stored with the class's code; on the class's quiz the window plays
// it (practical items with the simulator), its result stored with the code; the class's mode
// changing closes the session for the next one, and its end ends the run.
#pragma once

#include <cstddef>
#include <string>

#include "classroom/class_link.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"
#include "scoring/patient.hpp"
#include "scoring/scorer.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

struct SimulatorOptions;

// The structure a class points at pulses gold, about once a second (nothing for "").
void addPointed(const scene::Scene& scene, const std::string& pointed, double seconds, render::FrameDesc& frame);

class DesktopClass {
  public:
    // Serves the class's current mode (its tour, the practice or the quiz) until it changes.
    explicit DesktopClass(classroom::ClassLink& link);

    // Each tour frame: the instructor's step into `step`; the class's line to show (never
    // empty); `leaving` when the class is no longer on its tour.
    std::string follow(std::size_t& step, bool& leaving);
    // The pointed structure pulses.
    void decorate(const scene::Scene& scene, double seconds, render::FrameDesc& frame) const;
    // Each practice or quiz frame: the live state to the console (`live`: a practice's scorer,
    // null between a quiz's practical items); `leaving` when the class has moved on.
    void report(const scoring::LiveState* live, bool& leaving);

    classroom::ClassLink& link() { return link_; }
    const records::ClassRecord& shown() const { return shown_; }

  private:
    void take();  // the newest class state, saying what changed

    classroom::ClassLink& link_;
    records::ClassRecord shown_;
    walkthrough::Walkthrough tour_;  // read once: the class's tour text never changes
    records::ClassMode serving_;
};

// Runs the class in the window until it ends (exit 0) or the student closes the window.
int runDesktopClass(const scene::Scene& scene, const scoring::Patient& patient, classroom::ClassLink& link,
                    SimulatorOptions options);

}  // namespace palpa::app
