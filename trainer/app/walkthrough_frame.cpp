#include "app/walkthrough_frame.hpp"

#include <algorithm>
#include <cmath>

#include "app/render_setup.hpp"
#include "core/error.hpp"
#include "render/camera.hpp"

namespace palpa::app {
namespace {

// A landmark's position, or a structure's centre.
glm::vec3 placeOf(const scene::Scene& scene, const std::string& name) {
    if (const scene::Landmark* l = scene.findLandmark(name)) return l->position;
    if (const scene::Mesh* m = scene.findMesh(name)) return m->bounds.centre();
    throw Error("walkthrough names unknown \"" + name + "\"");
}

}  // namespace

render::FrameDesc stepFrame(const walkthrough::Step& step, const scene::Scene& scene, float width, float height,
                            std::optional<render::PixelRect> region, float lift_fraction, const LegLifts* lifts) {
    const float aspect = region ? region->width() / region->height() : width / height;
    render::Viewpoint vp = render::Viewpoint::Front;
    if (!render::parseViewpoint(step.view, vp)) throw InputError("walkthrough", "view", "unknown viewpoint \"" + step.view + "\"");
    render::Orbit orbit = render::frame(focusBounds(scene), vp, aspect);
    if (step.camera) {
        orbit.yaw = step.camera->yaw;
        orbit.pitch = step.camera->pitch;
        orbit.distance /= step.camera->zoom;
        if (step.camera->target) orbit.target = placeOf(scene, *step.camera->target);
    }
    render::FrameDesc f;
    f.views = region ? render::viewsInRegion(orbit, *region, width, height) : render::views(orbit, aspect, 1);
    f.layers.resize(scene.layers.size());
    for (const auto& [name, opacity] : step.layers) {
        const scene::Layer* layer = scene.findLayer(name);
        if (!layer) continue;  // walkthrough::check reports it with the file and step
        auto& style = f.layers[static_cast<std::size_t>(layer - scene.layers.data())];
        style.opacity = opacity;
        style.visible = opacity > 0.0f;
    }
    for (const std::string& h : step.highlight)
        if (const scene::Mesh* m = scene.findMesh(h)) f.highlight.push_back(static_cast<std::uint32_t>(m - scene.meshes.data()));
    for (const std::string& l : step.labels) f.labels.push_back({scene.nameOf(l), placeOf(scene, l)});
    f.xray = step.xray;
    f.clip = parseClip(step.clip);
    if (!step.leg_lift.empty()) {
        if (lifts) lifts->add(step.leg_lift == "left", lift_fraction, f);
        else LegLifts(scene).add(step.leg_lift == "left", lift_fraction, f);
    }
    return f;
}

float liftCycle(double seconds) {
    const double t = std::fmod(std::max(0.0, seconds), 9.0);
    const double k = t < 2.0 ? t / 2.0 : t < 5.0 ? 1.0 : t < 7.0 ? (7.0 - t) / 2.0 : 0.0;
    return static_cast<float>(0.5 - 0.5 * std::cos(k * 3.14159265358979));
}

}  // namespace palpa::app
