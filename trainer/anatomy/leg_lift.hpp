// Role: the patient's leg lift on the loaded model: the worked side's hip flexes and its knee
// bends a little (scene::LimbWarp about the model's hip, knee and ankle landmarks), the psoas
// major and iliacus of that side shorten and thicken as they contract (scene::Bulge), and the
// spine, sacrum and hip bones stay put. Used by every view that plays the lift and by the
// tests that check it.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <glm/vec3.hpp>

#include "scene/limb_warp.hpp"
#include "scene/scene.hpp"

namespace palpa::anatomy {

// Full lift: the hip flexed 30 degrees, the knee 12 (a slow active straight-leg raise, the
// foot well clear of the table).
inline constexpr float kLegLiftHipDeg = 30.0f;
inline constexpr float kLegLiftKneeDeg = 12.0f;
inline constexpr float kLegLiftBulge = 0.30f;  // the bellies' swelling at full lift

struct LegLiftPose {
    scene::LimbWarp warp;
    std::vector<std::pair<std::uint32_t, scene::Bulge>> bulges;  // psoas major, iliacus
    std::vector<std::uint32_t> fixed;                            // meshes the warp leaves

    // Where a rest-pose vertex of `mesh` lies in this pose.
    glm::vec3 apply(std::uint32_t mesh, const glm::vec3& rest) const;
};

// What a leg lift needs from the model, read once (the joints, the gap between the thigh and
// the hand, the bones that stay, the muscles' origins); each frame's pose is then cheap.
struct LegLiftRig {
    bool left = true;
    glm::vec3 hip{0.0f}, knee{0.0f}, ankle{0.0f};
    float lateral_limit = 0.0f, lateral_blend = 0.0f;
    std::vector<std::uint32_t> fixed;
    struct Muscle {
        std::uint32_t mesh;
        glm::vec3 origin, insertion;  // rest pose: the top's centre, the lesser trochanter
    };
    std::vector<Muscle> muscles;

    // The pose at `fraction` of the full lift (0 flat, 1 full).
    LegLiftPose at(float fraction) const;
};

// The rig of the patient's left or right leg; nullopt when the model lacks the hip, knee and
// ankle landmarks of that side.
std::optional<LegLiftRig> legLiftRig(const scene::Scene& scene, bool left);
// legLiftRig(scene, left)->at(fraction), for a single pose.
std::optional<LegLiftPose> legLiftPose(const scene::Scene& scene, bool left, float fraction);

}  // namespace palpa::anatomy
