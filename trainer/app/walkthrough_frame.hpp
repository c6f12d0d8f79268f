// Role: turns a walkthrough step into the renderer's FrameDesc for a model and image size
// (shared by `palpa walkthrough --render-steps` and the desktop tour).
#pragma once

#include <optional>

#include "app/render_setup.hpp"
#include "render/camera.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

// The step's picture in a width x height image; with `region`, framed in that part of it (the
// desktop tour keeps its narration panel clear of the model). A step with a leg lift shows it
// at `lift_fraction` of full flexion (the tours play it, passing their `lifts` read once;
// still renders show it full).
render::FrameDesc stepFrame(const walkthrough::Step& step, const scene::Scene& scene, float width, float height,
                            std::optional<render::PixelRect> region = std::nullopt, float lift_fraction = 1.0f,
                            const LegLifts* lifts = nullptr);

// A leg lift played in a loop: raised over 2 s, held 3 s, lowered over 2 s, rested 2 s; the
// fraction of full flexion at `seconds` since the step began.
float liftCycle(double seconds);

}  // namespace palpa::app
