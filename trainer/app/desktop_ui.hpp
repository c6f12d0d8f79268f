// Role: the desktop window's Dear ImGui panels: layers (visibility, opacity), structures
// (pick one to highlight), view options (x-ray, clipping) and the technique panel. Reads and
// writes a DesktopState; draws nothing itself outside ImGui calls.
#pragma once

#include <string>
#include <vector>

#include "render/camera.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"

namespace palpa::app {

struct DesktopState {
    std::vector<render::LayerStyle> layers;
    int highlight = -1;
    bool xray = false;
    bool clip = false;
    bool labels = true;
    bool practice = false;      // a practice attempt owns the technique panel
    bool show_help = false;     // the practice's controls overlay (F1 or ?)
    float clip_depth = -0.06f;  // cut away what lies anterior of this y (metres)
    render::Orbit orbit;
    std::string status;         // one line shown at the bottom (device, frame time)
};

// Draws the panels for this frame (between UiOverlay::newFrame and endFrame).
void drawDesktopUi(const scene::Scene& scene, DesktopState& state);
// The frame the renderer draws for the current state.
render::FrameDesc desktopFrame(const scene::Scene& scene, const DesktopState& state, float aspect);

}  // namespace palpa::app
