#include "anatomy/generator.hpp"

#include <algorithm>
#include <string>

#include "anatomy/parts.hpp"
#include "core/error.hpp"
#include "scene/exporter.hpp"

namespace palpa::anatomy {
namespace {

void addLandmarks(scene::Scene& s, const BodyPlan& p, const Figure& f) {
    const glm::vec3 shift = p.deepShift();
    auto add = [&s](std::string name, glm::vec3 pos) { s.landmarks.push_back({std::move(name), pos}); };
    add("umbilicus", {0.0f, 0.0f, 0.0f});
    add("xiphoid", p.xiphoid());
    add("pubic_symphysis", p.pubic_symphysis + shift);
    add("asis_left", p.asis_left + shift);
    add("asis_right", mirrorX(p.asis_left) + shift);
    add("psoas_belly_left", psoasBellyLeft(p) + shift);
    add("psoas_belly_right", mirrorX(psoasBellyLeft(p)) + shift);
    add("lesser_trochanter_left", p.lesser_trochanter_left + shift);
    add("lesser_trochanter_right", mirrorX(p.lesser_trochanter_left) + shift);
    add("aortic_bifurcation", p.aortic_bifurcation + shift);
    for (std::size_t i = 1; i < p.vertebrae.size(); ++i)
        add(p.vertebrae[i].name, p.vertebrae[i].centre + shift);
    // The legs' joint centres: the pivots of the leg lift.
    add("hip_left", p.hip_centre_left + shift);
    add("hip_right", mirrorX(p.hip_centre_left) + shift);
    add("knee_left", f.leg.knee);
    add("knee_right", mirrorX(f.leg.knee));
    add("ankle_left", f.leg.ankle);
    add("ankle_right", mirrorX(f.leg.ankle));
}

}  // namespace

scene::Scene generatePsoasRegion(const GeneratorOptions& options) {
    const BodyPlan plan = BodyPlan::forBmi(options.bmi);
    const Figure figure = Figure::forPlan(plan);
    std::vector<Part> parts = buildSkeleton(plan, figure);
    for (auto&& group : {buildAxialSkeleton(plan, figure), buildLimbSkeleton(plan, figure), buildDeepSoftTissue(plan),
                         buildViscera(plan, figure), buildSurfaceLayers(plan)})
        parts.insert(parts.end(), group.begin(), group.end());
    parts.push_back(buildSkin(plan, figure));

    // Structures of one kind (vertebrae, discs, ...) share a base colour; shade each a little
    // darker than the one before, and nudge any remaining clash, so that every structure keeps
    // a colour of its own (picking and highlighting rely on it).
    std::vector<glm::vec3> bases, finals;
    for (Part& part : parts) {
        const auto k = std::count(bases.begin(), bases.end(), part.colour);
        bases.push_back(part.colour);
        part.colour *= 1.0f - 0.03f * static_cast<float>(k);
        while (std::find(finals.begin(), finals.end(), part.colour) != finals.end()) part.colour.b += 0.004f;
        finals.push_back(part.colour);
    }

    scene::Scene s;
    for (std::string_view name : kLayerOrder) s.layers.push_back({std::string(name), {}});
    for (Part& part : parts) {
        const auto layer = std::find_if(s.layers.begin(), s.layers.end(),
                                        [&](const scene::Layer& l) { return l.name == part.layer; });
        if (layer == s.layers.end()) throw Error("generator: part " + part.name + " names unknown layer " + part.layer);
        if (part.deep) {
            const glm::vec3 shift = plan.deepShift();
            scene::build::deform(part.mesh, [shift](const glm::vec3& q) { return q + shift; });
        }
        const auto material = static_cast<std::uint32_t>(s.materials.size());
        s.materials.push_back({part.name, glm::vec4(part.colour, 1.0f)});
        scene::Mesh mesh = scene::build::finish(part.name, part.mesh, material);
        mesh.layer = static_cast<std::uint32_t>(layer - s.layers.begin());
        layer->meshes.push_back(static_cast<std::uint32_t>(s.meshes.size()));
        s.meshes.push_back(std::move(mesh));
    }
    addLandmarks(s, plan, figure);
    return s;
}

void writePsoasRegion(const std::filesystem::path& path, const GeneratorOptions& options) {
    scene::exportScene(generatePsoasRegion(options), path, "glb2", "psoas_region");
}

}  // namespace palpa::anatomy
