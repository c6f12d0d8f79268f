// Role: the desktop window's Dear ImGui panels: layers (visibility, opacity), structures
// (pick one to highlight), view options (x-ray, clipping) and the technique panel. Reads and
// writes a DesktopState; draws nothing itself outside ImGui calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "render/camera.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"

namespace palpa::app {

// The window's panels sit in two columns at its edges (the layer and structure panels on the
// left, the technique or quiz panel on the right) and a tour's narration along the bottom; the
// model is framed in what is left, so no panel covers it.
inline constexpr float kLeftColumnWidth = 300.0f;
inline constexpr float kRightColumnWidth = 420.0f;
inline constexpr float kTourPanelHeight = 170.0f;
inline constexpr float kPanelMargin = 10.0f;
inline constexpr float kStatusLineHeight = 30.0f;

// A column of panels: each one placed in it sits just below the one before.
struct PanelColumn {
    float x = kPanelMargin, y = kPanelMargin, width = kLeftColumnWidth;
    float bottom = 0.0f;  // the lowest a panel may reach
};
// The right-hand column of a window `size` wide and high.
PanelColumn rightColumn(float width, float height);
// Right before ImGui::Begin: places the next window at the column's top, as wide as the
// column, growing to fit what it holds up to the column's bottom.
void placeInColumn(const PanelColumn& column);
// Right before ImGui::End: the column continues below the window.
void advanceColumn(PanelColumn& column);
// The part of a width x height window that the desktop's panels leave to the model.
render::PixelRect modelRegion(float width, float height, bool tour);

// The desktop's patient menu: set when the student picks another patient (the window closes,
// and the caller loads that patient and opens it again).
struct PatientChoice {
    bool chosen = false;
    std::optional<float> bmi;  // none: the bundled patient
};

struct DesktopState {
    std::vector<render::LayerStyle> layers;
    int highlight = -1;
    bool xray = false;
    bool clip = false;
    bool labels = true;
    bool practice = false;      // a practice attempt owns the technique panel
    bool show_help = false;     // the practice's controls overlay (F1 or ?)
    bool guides = true;         // the target zones and press arrows on the body (G)
    float clip_depth = -0.06f;  // cut away what lies anterior of this y (metres)
    render::Orbit orbit;
    std::optional<std::uint32_t> enclosing;  // the skin when it hides what lies under it
    std::string status;         // one line shown at the bottom (device, frame time)
    bool patient_menu = false;  // offer the patients of other sizes
    std::optional<float> bmi;   // the patient shown (none: the bundled one)
    std::optional<PatientChoice> picked;  // the patient the student picked this frame
};
// The menu's next patient after `bmi` (P in the window), round to the bundled one.
PatientChoice nextPatient(std::optional<float> bmi);

// Draws the panels for this frame (between UiOverlay::newFrame and endFrame).
void drawDesktopUi(const scene::Scene& scene, DesktopState& state);
// The frame the renderer draws for the current state.
render::FrameDesc desktopFrame(const scene::Scene& scene, const DesktopState& state, float width, float height);

}  // namespace palpa::app
