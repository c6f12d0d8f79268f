#include "app/render_setup.hpp"

#include <cstdlib>


#include "scene/topology.hpp"

#include <cmath>
#include <sstream>

#include "core/error.hpp"

namespace palpa::app {

std::vector<render::LayerStyle> parseLayers(const std::string& spec, const scene::Scene& scene) {
    std::vector<render::LayerStyle> styles(scene.layers.size());
    std::stringstream in(spec);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        const auto eq = item.find('=');
        const std::string name = item.substr(0, eq);
        const scene::Layer* layer = scene.findLayer(name);
        if (!layer) {
            std::string known;
            for (const scene::Layer& l : scene.layers) known += (known.empty() ? "" : ", ") + l.name;
            throw InputError("--layers", name, "no such layer (the model has: " + known + ")");
        }
        float opacity = 1.0f;
        if (eq != std::string::npos) {
            try {
                std::size_t used = 0;
                opacity = std::stof(item.substr(eq + 1), &used);
                if (used != item.size() - eq - 1) throw std::invalid_argument("trailing");
            } catch (const std::exception&) {
                throw InputError("--layers", name, "expected an opacity from 0 to 1, got \"" + item.substr(eq + 1) + "\"");
            }
            if (!(opacity >= 0.0f && opacity <= 1.0f))
                throw InputError("--layers", name, "expected an opacity from 0 to 1");
        }
        auto& s = styles[static_cast<std::size_t>(layer - scene.layers.data())];
        s.opacity = opacity;
        s.visible = opacity > 0.0f;
    }
    return styles;
}

std::optional<glm::vec4> parseClip(const std::string& spec) {
    if (spec.empty()) return std::nullopt;
    if (auto plane = render::parseClipPlane(spec)) return plane;
    throw InputError("--clip", spec, "expected AXIS>METRES or AXIS<METRES, e.g. y>-0.06 (cuts away what is anterior of 6 cm deep)");
}

std::optional<std::uint32_t> enclosingSkin(const scene::Scene& scene) {
    const scene::Layer* skin = scene.findLayer("skin");
    if (!skin || skin->meshes.empty()) return std::nullopt;
    for (std::uint32_t m : skin->meshes) {
        const scene::TopologyReport t = scene::analyseTopology(scene.meshes[m]);
        if (!t.closed() || !t.outward()) return std::nullopt;
    }
    return static_cast<std::uint32_t>(skin - scene.layers.data());
}

scene::Bounds focusBounds(const scene::Scene& scene) {
    const scene::Landmark* top = scene.findLandmark("xiphoid");
    const scene::Landmark* bottom = scene.findLandmark("pubic_symphysis");
    const scene::Landmark* left = scene.findLandmark("asis_left");
    const scene::Landmark* right = scene.findLandmark("asis_right");
    if (!top || !bottom || !left || !right) return scene.bounds();
    const scene::Bounds whole = scene.bounds();
    scene::Bounds b;
    b.min = {left->position.x - 0.06f, whole.min.y, bottom->position.z - 0.10f};
    b.max = {right->position.x + 0.06f, std::max(top->position.y, 0.0f) + 0.03f, top->position.z + 0.06f};
    if (b.min.x > b.max.x) std::swap(b.min.x, b.max.x);
    return b;
}

LegLifts::LegLifts(const scene::Scene& scene) {
    for (const bool left : {true, false}) {
        std::optional<anatomy::LegLiftRig>& rig = rigs_[left ? 0 : 1];
        rig = anatomy::legLiftRig(scene, left);
        if (!rig) continue;
        for (const char* layer : {"table", "room"})
            if (const scene::Layer* l = scene.findLayer(layer)) rig->fixed.insert(rig->fixed.end(), l->meshes.begin(), l->meshes.end());
    }
}

void LegLifts::add(bool left, float fraction, render::FrameDesc& frame) const {
    const std::optional<anatomy::LegLiftRig>& rig = rigs_[left ? 0 : 1];
    if (!rig) return;
    anatomy::LegLiftPose pose = rig->at(fraction);
    frame.limb = pose.warp;
    frame.limb_fixed = std::move(pose.fixed);
    for (const auto& [mesh, bulge] : pose.bulges) frame.bulges.push_back({mesh, bulge});
}

render::FrameDesc makeFrame(const RenderRequest& r, const scene::Scene& scene) {
    render::Viewpoint vp;
    if (!render::parseViewpoint(r.view, vp))
        throw InputError("--view", r.view, "expected front, left, right, top or oblique");
    const float aspect = static_cast<float>(r.width) / static_cast<float>(r.height);
    render::FrameDesc f;
    f.views = render::views(render::frame(r.whole ? scene.bounds() : focusBounds(scene), vp, aspect), aspect,
                            r.stereo ? 2 : 1);
    f.layers = parseLayers(r.layers, scene);
    f.clip = parseClip(r.clip);
    f.xray = r.xray;
    f.enclosing_layer = enclosingSkin(scene);
    if (!r.highlight.empty()) {
        const scene::Mesh* m = scene.findMesh(r.highlight);
        if (!m) throw InputError("--highlight", r.highlight, "no such structure in the model (see palpa info)");
        f.highlight.push_back(static_cast<std::uint32_t>(m - scene.meshes.data()));
    }
    if (!r.leg_lift.empty()) {
        const std::string side = r.leg_lift.substr(0, r.leg_lift.find(':'));
        float fraction = 1.0f;
        if (side != "left" && side != "right")
            throw InputError("--leg-lift", r.leg_lift, "expected left or right, optionally :FRACTION (0-1)");
        if (const auto colon = r.leg_lift.find(':'); colon != std::string::npos) {
            const std::string rest = r.leg_lift.substr(colon + 1);
            char* end = nullptr;
            fraction = std::strtof(rest.c_str(), &end);
            if (rest.empty() || *end != '\0' || !(fraction >= 0.0f && fraction <= 1.0f))
                throw InputError("--leg-lift", r.leg_lift, "expected a fraction from 0 to 1 after the colon");
        }
        const LegLifts lifts(scene);
        if (!lifts.has(side == "left"))
            throw InputError("--leg-lift", r.leg_lift, "the model has no hip_" + side + ", knee_" + side + " and ankle_" + side + " landmarks");
        lifts.add(side == "left", fraction, f);
    }
    if (r.labels) {
        for (const scene::Landmark& l : scene.landmarks) f.labels.push_back({scene.nameOf(l.name), l.position});
        for (std::uint32_t h : f.highlight) f.labels.push_back({scene.nameOf(scene.meshes[h].name), scene.meshes[h].bounds.centre()});
    }
    return f;
}

}  // namespace palpa::app
