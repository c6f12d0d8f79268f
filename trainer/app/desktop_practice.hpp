// Role: a practice attempt in the desktop window: hands from a HandSource (a replayed
// recording now; the simulator and the headset use the same path) fed frame by frame to the
// live scorer, drawn tinted by its feedback, with the technique panel (step, depth, hold timer,
// cue) and the report at the end.
#pragma once

#include <memory>
#include <optional>

#include "input/hand_source.hpp"
#include "render/frame.hpp"
#include "scoring/scorer.hpp"

namespace palpa::app {

class DesktopPractice {
public:
    DesktopPractice(const scoring::Technique& technique, const scoring::Patient& patient, scoring::Side worked,
                    std::unique_ptr<input::HandSource> source);

    // Feeds every frame the source has up to `now` (seconds since the window opened).
    void update(double now);
    // The technique panel (inside an ImGui frame).
    void draw() const;
    // Adds the latest tracked hands, tinted green, amber or red by the live feedback.
    void addHands(render::FrameDesc& frame) const;
    // The judged attempt once the source is finished.
    const std::optional<scoring::Result>& result() const { return result_; }
    int framesScored() const { return scorer_.frames(); }

private:
    scoring::Scorer scorer_;
    std::unique_ptr<input::HandSource> source_;
    input::HandFrame latest_;
    std::optional<scoring::Result> result_;
};

// The feedback colour of a live state: red for a fault cue, green while holding, amber else.
glm::vec3 feedbackColour(const scoring::LiveState& state);

}  // namespace palpa::app
