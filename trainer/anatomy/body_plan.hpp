// Role: the measured plan of the adult lower torso that the psoas-region generator builds:
// every dimension in one place, in the patient frame (metres, RAS: +X patient's right,
// +Y anterior, +Z superior, origin at the umbilicus on the skin). Sources: docs/anatomy.md.
// Deep structures are planned for a normal body mass and moved posteriorly by `soft` (the
// extra soft tissue of a larger body), so the skin stays at the origin.
#pragma once

#include <array>
#include <string>

#include <glm/vec3.hpp>

namespace palpa::anatomy {

// One vertebra of the plan (T12..L5).
struct Vertebra {
    std::string name;   // "T12", "L1", ..., "L5"
    glm::vec3 centre;   // body centre (deep frame, before the soft-tissue shift)
    float half_width;   // left-right
    float half_depth;   // anterior-posterior
    float half_height;  // superior-inferior
    float process_reach;  // transverse process tip distance from the midline
};

struct BodyPlan {
    float bmi = 22.0f;
    float soft = 0.0f;         // extra anterior soft-tissue depth versus BMI 22 (m)
    float aorta_depth = 0.045f;  // skin to the aorta's front at the umbilicus (m)
    float fat = 0.015f;        // subcutaneous fat over the abdominal wall (m)

    std::array<Vertebra, 6> vertebrae;  // T12, L1..L5 (deep frame)
    float disc_height = 0.011f;

    // Deep-frame points (add deepShift() for the patient frame).
    glm::vec3 hip_centre_left, femoral_neck_end_left, lesser_trochanter_left;
    glm::vec3 asis_left, pubic_symphysis, aortic_bifurcation;
    float femoral_head_radius = 0.023f;
    float aorta_radius = 0.0095f;

    // The planned body for a body-mass index (clamped to 17..40).
    static BodyPlan forBmi(float bmi);

    // Translation from the deep frame to the patient frame.
    glm::vec3 deepShift() const { return {0.0f, -soft, 0.0f}; }

    // Skin cross-section at height z: superellipse |x/a|^n + |(y-yc)/b|^n = 1.
    float skinHalfWidth(float z) const;
    float skinMidline(float z) const;   // anterior midline y
    float skinBack(float z) const;      // posterior y (lying on the table)
    float skinExponent() const { return 2.6f; }
    // Anterior skin y at (x, z), undeformed (no navel dimple); x within the half width.
    float skinAnteriorY(float x, float z) const;
    // Top (superior) and bottom (inferior) cuts of the modelled torso.
    float topZ() const { return 0.25f; }
    float bottomZ() const { return -0.34f; }
    // Xiphoid tip (patient frame: it sits under the skin, not in the deep frame).
    glm::vec3 xiphoid() const;

    // Lumbar-lordosis body-centre y for a height z (deep frame).
    float spineY(float z) const;
};

// Mirrors a left-side point to the right (x -> -x).
inline glm::vec3 mirrorX(glm::vec3 p) { return {-p.x, p.y, p.z}; }

}  // namespace palpa::anatomy
