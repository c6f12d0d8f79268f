// Role: turns a walkthrough step into the renderer's FrameDesc for a model and image size
// (shared by `palpa walkthrough --render-steps` and the desktop tour).
#pragma once

#include <optional>

#include "render/camera.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

// The step's picture in a width x height image; with `region`, framed in that part of it (the
// desktop tour keeps its narration panel clear of the model).
render::FrameDesc stepFrame(const walkthrough::Step& step, const scene::Scene& scene, float width, float height,
                            std::optional<render::PixelRect> region = std::nullopt);

}  // namespace palpa::app
