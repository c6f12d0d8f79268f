#include "headset/panel_layout.hpp"


namespace palpa::headset {

PixelRect patientButton(int index) {
    // 5 buttons of 112 px with 8 px gaps, centred, 56 px tall, 8 px above the bottom edge.
    constexpr float kWidth = 112.0f, kGap = 8.0f, kHeight = 56.0f;
    const float row = kPatientButtons * kWidth + (kPatientButtons - 1) * kGap;
    const float left = 0.5f * (static_cast<float>(kPanelPixels.x) - row);
    return {{left + static_cast<float>(index) * (kWidth + kGap),
             static_cast<float>(kPanelPixels.y) - kHeight - 8.0f},
            {kWidth, kHeight}};
}

glm::vec3 panelPoint(const glm::mat4& m, const glm::vec2& pixels, const glm::vec2& pixel,
                     float out_m) {
    const glm::vec2 local{pixel.x / pixels.x - 0.5f, 0.5f - pixel.y / pixels.y};
    // Columns: width, height, unit normal, centre.
    return glm::vec3(m * glm::vec4(local.x, local.y, out_m, 1.0f));
}

}  // namespace palpa::headset
