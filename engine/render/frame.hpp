// Role: the plain data a renderer draws from each frame: views, per-layer styles, highlight,
// x-ray, clipping, hands and labels. No Vulkan, no sessions: hello_xr style, the renderer
// receives data, never the systems that produced it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "scene/limb_warp.hpp"

namespace palpa::render {

// One eye or camera: world (patient frame) to clip space, and where the eye is.
struct View {
    glm::mat4 view{1.0f};
    glm::mat4 projection{1.0f};
    glm::vec3 eye{0.0f};
};

struct LayerStyle {
    bool visible = true;
    float opacity = 1.0f;  // 0 hides the layer entirely; below 1 blends it
};

// A tracked hand: XR_EXT_hand_tracking's 26 joints (positions, orientations and radii,
// patient frame), drawn as a skinned hand mesh (input::HandMesh) in its tint, its nails paler.
inline constexpr std::size_t kHandJoints = 26;
struct HandPose {
    std::array<glm::vec3, kHandJoints> joints{};
    // -Z along the bone toward the tip, +Y dorsal; identity where unknown (the palm's plane
    // then gives the back of the hand).
    std::array<glm::quat, kHandJoints> orientations = identities();
    std::array<float, kHandJoints> radii{};
    bool left = false;                    // the practitioner's left hand
    glm::vec3 colour{0.0f, 0.34f, 0.17f};  // feedback tint (linear)

    static std::array<glm::quat, kHandJoints> identities() {
        std::array<glm::quat, kHandJoints> q;
        q.fill(glm::identity<glm::quat>());
        return q;
    }
};

// A guide drawn over the body in its own solid colour: a rod from `from` to `to`, an arrow
// when `head` (the ideal press beside the one measured), or one side of a zone's outline.
struct Guide {
    glm::vec3 from{0.0f}, to{0.0f};
    float radius = 0.0015f;  // m
    glm::vec3 colour{1.0f};  // linear
    bool head = false;       // a cone at `to`, a quarter of the length long
};

struct Label {
    std::string text;
    glm::vec3 position{0.0f};
};

// A mesh moved rigidly this frame (a limb in an animation), in the patient frame.
struct MeshTransform {
    std::uint32_t mesh = 0;
    glm::mat4 model{1.0f};
};

// A smooth swelling of soft tissue toward +Y (anterior, up for a supine patient): a breath,
// a tensed wall. Over the region, vertices facing up rise by their mesh's amount times
// sin(pi (z - z0) / (z1 - z0)) * max(0, 1 - ((x - x0) / half_width)^2) * max(0, normal.y).
struct SwellRegion {
    float z0 = 0.0f, z1 = 0.0f, x0 = 0.0f, half_width = 1.0f;
};
struct MeshSwell {
    std::uint32_t mesh = 0;
    float amount = 0.0f;  // metres at the bump's peak
};
// A muscle of one mesh swelling about its line of action (scene::Bulge), after the limb warp.
struct MeshBulge {
    std::uint32_t mesh = 0;
    scene::Bulge bulge;
};
// A colour mixed into one mesh's own: rgb (linear) and how much (a).
struct MeshTint {
    std::uint32_t mesh = 0;
    glm::vec4 colour{1.0f, 0.0f, 0.0f, 0.0f};
};

struct FrameDesc {
    std::vector<View> views;          // 1 (mono) or 2 (stereo, one per multiview layer)
    std::vector<LayerStyle> layers;   // per scene layer; missing entries draw as default
    std::vector<std::uint32_t> highlight;  // meshes tinted and kept solid in x-ray

    bool highlighted(std::size_t mesh) const {
        for (std::uint32_t h : highlight)
            if (h == mesh) return true;
        return false;
    }
    bool xray = false;                // ghost every mesh but the highlighted one
    std::optional<glm::vec4> clip;    // plane (n, d): fragments with n.p + d > 0 are cut away
    std::vector<MeshTransform> transforms;  // meshes not listed stay where the scene has them
    SwellRegion swell_region;
    // A second region (the chest) where each swelling mesh rises by chest_share of its amount,
    // by the same bump; the two add where they overlap.
    SwellRegion chest_region;
    float chest_share = 0.0f;
    std::vector<MeshSwell> swells;    // meshes not listed do not swell
    std::vector<MeshTint> tints;
    // A jointed limb bending every scene mesh (a leg lift) except those listed as fixed (bones
    // that stay put, such as the pelvis); meshes listed in bulges also swell.
    std::optional<scene::LimbWarp> limb;
    std::vector<std::uint32_t> limb_fixed;
    std::vector<MeshBulge> bulges;
    std::vector<HandPose> hands;
    bool hand_joints = false;  // debugging: the joints as spheres and sticks instead of the mesh
    std::vector<Guide> guides;
    std::vector<Label> labels;
    // A closed, outward-wound layer enclosing every deeper (lower-index) layer, such as the
    // skin. While it is drawn opaque, unclipped and not in x-ray, with every eye outside its
    // bounds, nothing deeper can be seen: the renderer skips those layers (meshes moved by a
    // transform excepted). Meshes outside every view's frustum are always skipped.
    std::optional<std::uint32_t> enclosing_layer;
    glm::vec4 clear_colour{0.11f, 0.12f, 0.14f, 1.0f};  // linear
};

}  // namespace palpa::render
