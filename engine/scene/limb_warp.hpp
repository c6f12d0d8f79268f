// Role: a jointed limb bending the body around it (a leg lift). Two hinges in a chain, a
// proximal one (hip) and a distal one (knee), each turning the part of space beyond its
// plane, with weights that blend smoothly across the joint and across the body's midline
// (linear blend skinning whose weights come from the rest-pose position). Every structure
// takes the same warp, so what lies inside the skin stays inside it. A muscle spanning the
// joint may also thicken as it shortens. Plain math shared by the renderer's vertex shader
// (mesh.vert mirrors it) and the tests.
#pragma once

#include <optional>
#include <utility>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

namespace palpa::scene {

struct Hinge {
    glm::vec3 pivot{0.0f};                // joint centre (rest pose)
    glm::vec3 distal{0.0f, 0.0f, -1.0f};  // unit: from the joint into the segment it moves
    glm::vec3 axis{1.0f, 0.0f, 0.0f};     // unit rotation axis (right-handed)
    float angle = 0.0f;                   // radians
    float blend = 0.05f;                  // half-width of the blend across the joint (m)

    glm::mat4 matrix() const;                    // rotation about the pivot
    float weight(const glm::vec3& rest) const;   // 0 before the joint's plane, 1 beyond
};

struct LimbWarp {
    glm::vec3 side_normal{-1.0f, 0.0f, 0.0f};  // the limb's half of the body: n.p > offset
    float side_offset = 0.0f;
    float side_blend = 0.02f;
    // The limb's outer reach: beyond this distance from the midline plane (n.p, blended over
    // lateral_blend) nothing moves, so an arm lying beside the thigh stays. 0: no limit.
    float lateral_limit = 0.0f;
    float lateral_blend = 0.0f;
    Hinge proximal, distal;

    // A leg of a supine body lifting: the hip flexes (the knee rises toward +Y), the knee
    // bends (the heel falls back toward the table). side: -1 the patient's left, +1 right.
    static LimbWarp legLift(float side, const glm::vec3& hip, const glm::vec3& knee, const glm::vec3& ankle,
                            float hip_flexion_rad, float knee_flexion_rad);

    float sideWeight(const glm::vec3& rest) const;
    glm::vec3 apply(const glm::vec3& rest) const;
    glm::vec3 applyNormal(const glm::vec3& rest, const glm::vec3& normal) const;
    bool active() const { return proximal.angle != 0.0f || distal.angle != 0.0f; }
};

struct Mesh;

// The widest empty span along `normal` (a unit axis) between a mesh's vertices lying within
// `slab` of height z on the positive side of the midline (n.p > 0): say the gap between a
// thigh and the hand beside it. nullopt when no gap reaches min_gap.
std::optional<std::pair<float, float>> widestGap(const Mesh& mesh, const glm::vec3& normal, float z, float slab,
                                                 float min_gap);

// A muscle's belly swelling about its line of action as it contracts: about the segment from
// `origin` to `insertion` (warped positions), a point at fraction t along it moves away from
// the line by a factor 1 + amount * sin(pi t).
struct Bulge {
    glm::vec3 origin{0.0f}, insertion{0.0f};
    float amount = 0.0f;
    glm::vec3 apply(const glm::vec3& p) const;
};

}  // namespace palpa::scene
