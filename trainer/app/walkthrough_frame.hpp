// Role: turns a walkthrough step into the renderer's FrameDesc for a model and image size
// (shared by `palpa walkthrough --render-steps` and the desktop tour).
#pragma once

#include "render/frame.hpp"
#include "scene/scene.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

render::FrameDesc stepFrame(const walkthrough::Step& step, const scene::Scene& scene, float aspect);

}  // namespace palpa::app
