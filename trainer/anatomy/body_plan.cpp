#include "anatomy/body_plan.hpp"

#include <algorithm>
#include <cmath>

namespace palpa::anatomy {
namespace {

// Interpolation through (x, y) knots, clamped at the ends. `smooth` eases in and out of each
// knot (C1, no kinks: a kink in a skin profile shows as a shading band).
template <std::size_t N>
float interpolate(const std::array<std::array<float, 2>, N>& knots, float x, bool smooth = false) {
    if (x <= knots.front()[0]) return knots.front()[1];
    for (std::size_t i = 1; i < N; ++i)
        if (x <= knots[i][0]) {
            float t = (x - knots[i - 1][0]) / (knots[i][0] - knots[i - 1][0]);
            if (smooth) t = t * t * (3.0f - 2.0f * t);
            return knots[i - 1][1] + t * (knots[i][1] - knots[i - 1][1]);
        }
    return knots.back()[1];
}

}  // namespace

BodyPlan BodyPlan::forBmi(float bmi) {
    BodyPlan p;
    p.bmi = std::clamp(bmi, 17.0f, 40.0f);
    // Skin to aorta at the umbilicus by body mass: 4.5 cm normal, 5.7 overweight, 7.9 obese
    // (docs/anatomy.md), through BMI 22, 27.5 and 32.5.
    static constexpr std::array<std::array<float, 2>, 3> kAortaDepth{
        {{22.0f, 0.045f}, {27.5f, 0.057f}, {32.5f, 0.079f}}};
    // Below 22 extrapolate gently so that thin bodies are a little shallower.
    p.aorta_depth = p.bmi < 22.0f ? 0.045f - 0.0015f * (22.0f - p.bmi) : interpolate(kAortaDepth, p.bmi);
    p.soft = p.aorta_depth - 0.045f;
    p.fat = 0.015f + 0.6f * p.soft;

    // Lumbar bodies: heights ~2.4-2.7 cm, discs ~1.1 cm; L4's centre under the umbilicus.
    struct Dim { const char* name; float hw, hd, hh, reach; };
    static constexpr std::array<Dim, 6> kDims{{{"T12", 0.021f, 0.0150f, 0.0120f, 0.030f},
                                                {"L1", 0.022f, 0.0155f, 0.0125f, 0.040f},
                                                {"L2", 0.023f, 0.0160f, 0.0130f, 0.045f},
                                                {"L3", 0.024f, 0.0170f, 0.0135f, 0.050f},
                                                {"L4", 0.025f, 0.0175f, 0.0135f, 0.047f},
                                                {"L5", 0.026f, 0.0175f, 0.0135f, 0.045f}}};
    // Stack upward from L4 (index 4) and downward to L5.
    std::array<float, 6> z{};
    z[4] = 0.0f;
    for (int i = 3; i >= 0; --i)
        z[static_cast<std::size_t>(i)] = z[static_cast<std::size_t>(i + 1)] +
                                         kDims[static_cast<std::size_t>(i + 1)].hh + p.disc_height +
                                         kDims[static_cast<std::size_t>(i)].hh;
    z[5] = z[4] - kDims[4].hh - p.disc_height - kDims[5].hh;
    for (std::size_t i = 0; i < 6; ++i)
        p.vertebrae[i] = {kDims[i].name, {0.0f, p.spineY(z[i]), z[i]}, kDims[i].hw, kDims[i].hd,
                          kDims[i].hh, kDims[i].reach};

    // Pelvis and hips (left side; the right mirrors). Inter-ASIS 24 cm, the ASIS line 7 cm
    // below the umbilicus and 9 cm above the symphysis; hip centres 16 cm apart.
    p.asis_left = {-0.120f, -0.041f, -0.070f};
    p.pubic_symphysis = {0.0f, -0.048f, -0.160f};
    p.hip_centre_left = {-0.080f, -0.095f, -0.125f};
    p.femoral_neck_end_left = {-0.135f, -0.100f, -0.152f};
    p.lesser_trochanter_left = {-0.110f, -0.112f, -0.188f};
    // The aorta lies on the bodies' front, just left of the midline, and divides at L4.
    const Vertebra& l4 = p.vertebrae[4];
    p.aortic_bifurcation = {-0.008f, l4.centre.y + l4.half_depth + 0.001f + p.aorta_radius, -0.005f};
    return p;
}

float BodyPlan::spineY(float z) const {
    // Body centres lie 8.25 cm under the skin at L4 and curve back above and below it.
    return -0.0825f - 0.3f * z * z;
}

float BodyPlan::skinHalfWidth(float z) const {
    // Hips to the waist (the torso's part of the psoas region), then the chest: breadth
    // 32-35 cm at the nipples, to the shoulders, where the arms take over.
    static constexpr std::array<std::array<float, 2>, 8> kWidth{{{-0.34f, 0.160f},
                                                                 {-0.20f, 0.172f},
                                                                 {-0.12f, 0.175f},
                                                                 {0.00f, 0.150f},
                                                                 {0.15f, 0.150f},
                                                                 {0.25f, 0.160f},
                                                                 {0.33f, 0.168f},
                                                                 {0.42f, 0.150f}}};
    return interpolate(kWidth, z, true) + 0.9f * soft;
}

float BodyPlan::skinMidline(float z) const {
    // Nearly flat abdomen, falling a little toward the pubis and rising over the ribs; a
    // larger body bulges anteriorly above and below the navel too.
    float y;
    if (z > 0.20f) {
        // The chest: from the epigastric hollow under the xiphoid, the sternum rises to its
        // highest at the fourth rib (z 0.30) and falls toward the jugular notch.
        const float t = std::min(z, 0.30f) - 0.20f;
        y = -0.01753f - 0.1173f * t + 7.59f * t * t - 46.7f * t * t * t;
        if (z > 0.30f) y -= 1.5f * (z - 0.30f) * (z - 0.30f);
    } else if (z >= 0.0f)
        y = -0.012f * (z / 0.15f) * (z / 0.15f) + (z > 0.12f ? 0.6f * (z - 0.12f) * (z - 0.12f) : 0.0f);
    else  // falls ~1 cm by the ASIS line and levels out over the thighs, 4.5 cm down
        y = -0.045f * (1.0f - std::exp(-(z / 0.16f) * (z / 0.16f)));
    return y * (1.0f - std::min(0.6f, 8.0f * soft));
}

float BodyPlan::skinBack(float z) const {
    (void)z;
    return -0.190f - 1.3f * soft;
}

float BodyPlan::skinAnteriorY(float x, float z) const {
    const float a = skinHalfWidth(z), mid = skinMidline(z), back = skinBack(z);
    const float yc = 0.5f * (mid + back), b = 0.5f * (mid - back);
    const float n = skinExponent();
    const float u = std::min(std::abs(x) / a, 1.0f);
    return yc + b * std::pow(std::max(0.0f, 1.0f - std::pow(u, n)), 1.0f / n);
}

glm::vec3 BodyPlan::xiphoid() const {
    const float z = 0.185f;
    return {0.0f, skinMidline(z) - 0.012f - 0.3f * soft, z};
}

}  // namespace palpa::anatomy
