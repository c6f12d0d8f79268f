#include "anatomy/leg_lift.hpp"

#include <algorithm>
#include <string>

#include <glm/trigonometric.hpp>

namespace palpa::anatomy {
namespace {

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// The centre of a mesh's top (most superior) 2 cm: a muscle's origin.
glm::vec3 topCentre(const scene::Mesh& m) {
    glm::vec3 sum(0.0f);
    float n = 0.0f;
    for (const scene::Vertex& v : m.vertices)
        if (v.position.z > m.bounds.max.z - 0.02f) sum += v.position, n += 1.0f;
    return n > 0.0f ? sum / n : m.bounds.centre();
}

}  // namespace

glm::vec3 LegLiftPose::apply(std::uint32_t mesh, const glm::vec3& rest) const {
    if (std::find(fixed.begin(), fixed.end(), mesh) != fixed.end()) return rest;
    glm::vec3 p = warp.apply(rest);
    for (const auto& [m, bulge] : bulges)
        if (m == mesh) p = bulge.apply(p);
    return p;
}

std::optional<LegLiftRig> legLiftRig(const scene::Scene& scene, bool left) {
    const std::string side = left ? "_left" : "_right";
    const scene::Landmark* hip = scene.findLandmark("hip" + side);
    const scene::Landmark* knee = scene.findLandmark("knee" + side);
    const scene::Landmark* ankle = scene.findLandmark("ankle" + side);
    if (!hip || !knee || !ankle) return std::nullopt;
    LegLiftRig rig;
    rig.left = left;
    rig.hip = hip->position;
    rig.knee = knee->position;
    rig.ankle = ankle->position;
    // The arm lying beside the thigh stays: the warp reaches out only into the skin's gap
    // between them, at the height of the hand.
    if (const scene::Mesh* skin = scene.findMesh("skin")) {
        const glm::vec3 outward(left ? -1.0f : 1.0f, 0.0f, 0.0f);
        if (const auto gap = scene::widestGap(*skin, outward, rig.hip.z - 0.2f, 0.02f, 0.008f)) {
            const float width = gap->second - gap->first;
            rig.lateral_limit = gap->second - 0.2f * width;
            rig.lateral_blend = 0.6f * width;
        }
    }
    const scene::Landmark* trochanter = scene.findLandmark("lesser_trochanter" + side);
    for (std::uint32_t i = 0; i < scene.meshes.size(); ++i) {
        const scene::Mesh& m = scene.meshes[i];
        if (startsWith(m.name, "vertebra_") || startsWith(m.name, "disc_") || startsWith(m.name, "hip_bone_") ||
            m.name == "sacrum")
            rig.fixed.push_back(i);
        if (trochanter && (m.name == "psoas_major" + side || m.name == "iliacus" + side))
            rig.muscles.push_back({i, topCentre(m), trochanter->position});
    }
    return rig;
}

LegLiftPose LegLiftRig::at(float fraction) const {
    const float k = std::clamp(fraction, 0.0f, 1.0f);
    LegLiftPose pose;
    pose.warp = scene::LimbWarp::legLift(left ? -1.0f : 1.0f, hip, knee, ankle, glm::radians(kLegLiftHipDeg) * k,
                                         glm::radians(kLegLiftKneeDeg) * k);
    pose.warp.lateral_limit = lateral_limit;
    pose.warp.lateral_blend = lateral_blend;
    pose.fixed = fixed;
    for (const Muscle& m : muscles)
        pose.bulges.push_back({m.mesh, {m.origin, pose.warp.apply(m.insertion), kLegLiftBulge * k}});
    return pose;
}

std::optional<LegLiftPose> legLiftPose(const scene::Scene& scene, bool left, float fraction) {
    const std::optional<LegLiftRig> rig = legLiftRig(scene, left);
    if (!rig) return std::nullopt;
    return rig->at(fraction);
}

}  // namespace palpa::anatomy
