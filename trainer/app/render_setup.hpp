// Role: turns the user's render options (layer opacities, clip plane, highlight, viewpoint)
// into the renderer's plain FrameDesc, with bad values reported as InputError naming the
// option. Shared by `palpa render`, the main job and the desktop window.
#pragma once

#include <optional>
#include <string>

#include "anatomy/leg_lift.hpp"
#include "render/camera.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"

namespace palpa::app {

struct RenderRequest {
    std::string view = "front";
    std::string layers;     // "skin=0.3,muscles_deep=1"
    std::string clip;       // "y>-0.06": cut away where the inequality holds (metres)
    std::string highlight;  // mesh name
    bool xray = false;
    bool stereo = false;
    bool labels = false;    // landmark names and the highlighted structure's name
    bool whole = false;     // frame the whole patient rather than the psoas region
    std::string leg_lift;   // "left" or "right", optionally ":FRACTION" of the full lift
    std::uint32_t width = 1280;
    std::uint32_t height = 720;
};

// Per-layer styles from "name=opacity,..." (names must be layers of the scene).
std::vector<render::LayerStyle> parseLayers(const std::string& spec, const scene::Scene& scene);
// The plane for "x|y|z <|> value"; nullopt for an empty spec.
std::optional<glm::vec4> parseClip(const std::string& spec);
// The skin layer when it encloses every deeper layer (each of its meshes closed and outward:
// the renderer may then skip what lies under it while it is opaque), else nullopt.
std::optional<std::uint32_t> enclosingSkin(const scene::Scene& scene);
// What the views frame: the psoas region (from the xiphoid to below the lesser trochanters,
// flank to flank) when the model has its landmarks, else the whole model.
scene::Bounds focusBounds(const scene::Scene& scene);
// The patient's leg lifts on one scene: what each needs from the model is read once (the
// table and room the app added stay put too); each frame then gets the limb warp, the fixed
// bones and the contracting muscles at a fraction of full flexion.
class LegLifts {
  public:
    explicit LegLifts(const scene::Scene& scene);
    // Whether the model has the joints of that leg.
    bool has(bool left) const { return rigs_[left ? 0 : 1].has_value(); }
    // Nothing when the model has no joints for that leg.
    void add(bool left, float fraction, render::FrameDesc& frame) const;

  private:
    std::optional<anatomy::LegLiftRig> rigs_[2];
};
// The whole frame: views framing the scene, styles, clip, highlight.
render::FrameDesc makeFrame(const RenderRequest& request, const scene::Scene& scene);

}  // namespace palpa::app
