// Role: where the headset's floating panel hangs beside the patient and where its fixed
// controls sit on it (the patient menu's buttons), as plain numbers: the frame loop draws and
// hit-tests with them, and a test can aim a recorded fingertip at a button from them.
#pragma once

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace palpa::headset {

// The panel's texture size in pixels.
inline const glm::uvec2 kPanelPixels{640, 400};

// The panel beyond the patient's far side, 25 cm above the navel, facing the student
// (patient frame; see render::panelTransform for the matrix these make).
struct PanelPlacement {
    glm::vec3 centre{0.45f, 0.25f, 0.0f};
    glm::vec3 right{0.0f, 0.0f, 1.0f};
    glm::vec3 up{0.0f, 1.0f, 0.0f};
    float width_m = 0.48f, height_m = 0.30f;
};
inline const PanelPlacement kPanel{};

struct PixelRect {
    glm::vec2 min{0.0f}, size{0.0f};
    glm::vec2 centre() const { return min + 0.5f * size; }
};

// The patient menu: one button per patient on a row along the panel's bottom edge.
inline constexpr int kPatientButtons = 5;  // the bundled patient, then BMI 20, 24, 30, 36
PixelRect patientButton(int index);

// The point `out_m` in front of the panel (behind it when negative) over `pixel` (from the
// top-left corner): touchPanel's inverse.
glm::vec3 panelPoint(const glm::mat4& world_from_panel, const glm::vec2& pixels,
                     const glm::vec2& pixel, float out_m);

}  // namespace palpa::headset
