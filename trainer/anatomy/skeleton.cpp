// Bones of the psoas region: lumbar vertebrae with discs, sacrum, hip bones, femurs.
// Built on the patient's left (-X) and mirrored to the right.
#include <cmath>
#include <numbers>

#include <glm/geometric.hpp>

#include "anatomy/parts.hpp"

namespace palpa::anatomy {
namespace {

const glm::vec3 kBone{0.89f, 0.85f, 0.74f};
const glm::vec3 kDisc{0.66f, 0.78f, 0.86f};

MeshData straightTube(glm::vec3 a, glm::vec3 b, float rx, float ry, int segments, glm::vec3 up,
                      Cap cap = Cap::Round) {
    TubeOptions o;
    o.segments = segments;
    o.up = up;
    o.start = cap;
    o.end = cap;
    return scene::build::tube({{a, rx, ry}, {b, rx, ry}}, o);
}

// A vertebral body (or disc) as a short tube along +Z: a rounded box section, slightly waisted.
MeshData bodyColumn(glm::vec3 centre, float hw, float hd, float hh, float waist, int segments) {
    TubeOptions o;
    o.segments = segments;
    o.start = Cap::Flat;
    o.end = Cap::Flat;
    o.radius_scale = [](float, float angle) {
        // Superellipse (n = 2.4) with the posterior wall drawn in (the vertebral foramen side).
        const float c = std::abs(std::cos(angle)), s = std::abs(std::sin(angle));
        const float n = 2.4f;
        float k = std::pow(std::pow(c, n) + std::pow(s, n), -1.0f / n);
        if (std::sin(angle) < 0.0f) k *= 1.0f - 0.10f * s * s * s;
        return k;
    };
    std::vector<Section> sections;
    for (int i = 0; i <= 4; ++i) {
        const float t = static_cast<float>(i) / 4.0f;
        const float w = 1.0f - waist * std::sin(std::numbers::pi_v<float> * t);
        sections.push_back({centre + glm::vec3(0.0f, 0.0f, -hh + 2.0f * hh * t), hw * w, hd * w});
    }
    return scene::build::tube(sections, o);
}

MeshData vertebra(const Vertebra& v) {
    MeshData m = bodyColumn(v.centre, v.half_width, v.half_depth, v.half_height, 0.06f, 40);
    const float yBack = v.centre.y - v.half_depth;  // posterior wall of the body
    const float z = v.centre.z;
    const glm::vec3 up{0.0f, 0.0f, 1.0f};
    // Pedicles, then the laminar arch closing the vertebral foramen, and the processes.
    const float px = 0.6f * v.half_width, pedicleEnd = yBack - 0.013f;
    for (float side : {-1.0f, 1.0f})
        m.append(straightTube({side * px, yBack + 0.004f, z}, {side * px, pedicleEnd, z}, 0.0045f,
                              0.006f, 12, up));
    const float archBack = yBack - 0.030f;
    TubeOptions arch;
    arch.segments = 12;
    arch.up = up;
    m.append(scene::build::tube(
        scene::build::smoothPath({{{-px, pedicleEnd, z}, 0.004f, 0.007f},
                                  {{-0.5f * px, archBack + 0.006f, z}, 0.004f, 0.008f},
                                  {{0.0f, archBack, z}, 0.0045f, 0.008f},
                                  {{0.5f * px, archBack + 0.006f, z}, 0.004f, 0.008f},
                                  {{px, pedicleEnd, z}, 0.004f, 0.007f}},
                                 13),
        arch));
    // Transverse processes reach laterally and a little back.
    for (float side : {-1.0f, 1.0f})
        m.append(straightTube({side * px, pedicleEnd - 0.002f, z},
                              {side * v.process_reach, pedicleEnd - 0.008f, z + 0.002f}, 0.0035f,
                              0.0045f, 12, up));
    // Spinous process: a plate running posteriorly and slightly down.
    m.append(straightTube({0.0f, archBack, z}, {0.0f, archBack - 0.028f, z - 0.006f}, 0.003f,
                          0.009f, 12, up));
    return m;
}

MeshData sacrum(const BodyPlan& p) {
    const Vertebra& l5 = p.vertebrae[5];
    const float top = l5.centre.z - l5.half_height - p.disc_height;
    const float y0 = p.spineY(top);
    TubeOptions o;
    o.segments = 40;
    o.start = Cap::Flat;
    o.end = Cap::Round;
    return scene::build::tube(scene::build::smoothPath({{{0.0f, y0 - 0.004f, top}, 0.050f, 0.018f},
                                                        {{0.0f, -0.094f, top - 0.030f}, 0.047f, 0.017f},
                                                        {{0.0f, -0.110f, top - 0.060f}, 0.034f, 0.013f},
                                                        {{0.0f, -0.128f, top - 0.085f}, 0.018f, 0.009f},
                                                        {{0.0f, -0.146f, top - 0.100f}, 0.006f, 0.005f}},
                                                       25),
                              o);
}

// The left hip bone: iliac wing and crest, acetabulum, pubic and ischial rami.
MeshData hipBone(const BodyPlan& p) {
    const glm::vec3 asis = p.asis_left;
    const glm::vec3 hip = p.hip_centre_left;
    // The crest runs from the posterior superior spine, over its highest point near L4, to
    // the ASIS; the wing fans down from it to the pelvic brim.
    const std::vector<glm::vec3> crest{{-0.045f, -0.160f, -0.055f},
                                       {-0.095f, -0.150f, -0.010f},
                                       {-0.131f, -0.105f, 0.000f},
                                       {-0.133f, -0.065f, -0.035f},
                                       asis};
    const std::vector<glm::vec3> brim{{-0.048f, -0.118f, -0.080f},
                                      {-0.062f, -0.105f, -0.092f},
                                      {-0.072f, -0.090f, -0.100f},
                                      {-0.084f, -0.075f, -0.106f},
                                      {-0.096f, -0.058f, -0.100f}};
    auto along = [](const std::vector<glm::vec3>& pts, float u) {
        const float s = u * static_cast<float>(pts.size() - 1);
        const std::size_t i = std::min(static_cast<std::size_t>(s), pts.size() - 2);
        const float t = s - static_cast<float>(i);
        return pts[i] * (1.0f - t) + pts[i + 1] * t;
    };
    auto wingPoint = [&](float u, float v) {
        glm::vec3 q = along(crest, u) * (1.0f - v) + along(brim, u) * v;
        q.x -= 0.012f * std::sin(std::numbers::pi_v<float> * v) * std::sin(std::numbers::pi_v<float> * u);
        return q;  // the fossa bulges laterally: concave on its inner face
    };
    auto wing = [&](float u, float v) {
        const float e = 0.01f;
        const glm::vec3 du = wingPoint(std::min(1.0f, u + e), v) - wingPoint(std::max(0.0f, u - e), v);
        const glm::vec3 dv = wingPoint(u, std::min(1.0f, v + e)) - wingPoint(u, std::max(0.0f, v - e));
        glm::vec3 n = glm::normalize(glm::cross(du, dv));
        if (n.x > 0.0f) n = -n;  // outward = lateral (the gluteal face)
        return scene::build::SurfacePoint{wingPoint(u, v), n};
    };
    MeshData m = scene::build::shell(wing, [](float, float) { return 0.007f; }, 24, 12);

    TubeOptions crestTube;
    crestTube.segments = 14;
    std::vector<Section> crestSections;
    for (std::size_t i = 0; i < crest.size(); ++i)
        crestSections.push_back({crest[i], i + 1 == crest.size() ? 0.006f : 0.008f, 0.008f});
    crestSections.back().centre -= glm::normalize(crest[crest.size() - 1] - crest[crest.size() - 2]) * 0.006f;
    m.append(scene::build::tube(scene::build::smoothPath(crestSections, 33), crestTube));

    // Acetabular body medial of the femoral head, and the thick sacroiliac part.
    m.append(scene::build::ellipsoid(hip + glm::vec3(0.018f, 0.0f, 0.008f), {0.018f, 0.028f, 0.032f}, 14, 20));
    m.append(scene::build::ellipsoid({-0.058f, -0.135f, -0.070f}, {0.014f, 0.024f, 0.034f}, 12, 18));
    // Superior pubic ramus to the symphysis; inferior ramus and ischium back to the socket.
    const glm::vec3 sym = p.pubic_symphysis;
    TubeOptions ramus;
    ramus.segments = 14;
    m.append(scene::build::tube(
        scene::build::smoothPath({{hip + glm::vec3(0.012f, 0.010f, 0.000f), 0.009f, 0.010f},
                                  {{-0.045f, -0.068f, -0.142f}, 0.008f, 0.009f},
                                  {{-0.010f, sym.y - 0.008f, sym.z}, 0.008f, 0.011f}},
                                 17),
        ramus));
    m.append(scene::build::tube(
        scene::build::smoothPath({{{-0.010f, sym.y - 0.016f, sym.z - 0.012f}, 0.007f, 0.008f},
                                  {{-0.038f, -0.090f, -0.195f}, 0.007f, 0.008f},
                                  {{-0.058f, -0.130f, -0.175f}, 0.012f, 0.011f},
                                  {hip + glm::vec3(0.010f, -0.028f, -0.005f), 0.011f, 0.012f}},
                                 25),
        ramus));
    return m;
}

// The left femur: head, neck, trochanters, the shaft down the thigh and the condyles around
// the figure's knee (moved into the deep frame like the rest of the femur).
MeshData femur(const BodyPlan& p, const Figure& f) {
    const glm::vec3 head = p.hip_centre_left;
    const glm::vec3 knee = f.leg.knee - p.deepShift();
    const glm::vec3 neckEnd = p.femoral_neck_end_left;
    MeshData m = scene::build::ellipsoid(head, glm::vec3(p.femoral_head_radius), 16, 24);
    m.append(straightTube(head + glm::normalize(neckEnd - head) * 0.012f, neckEnd, 0.015f, 0.016f,
                          20, {0.0f, 1.0f, 0.0f}));
    m.append(scene::build::ellipsoid(neckEnd + glm::vec3(-0.006f, -0.004f, -0.004f),
                                     {0.013f, 0.017f, 0.022f}, 12, 18));
    // The shaft (8 samples a span, so the proximal spans keep their shape), widening into the
    // distal metaphysis above the knee.
    const glm::vec3 mid{-0.108f, -0.091f, -0.330f};
    TubeOptions shaft;
    shaft.segments = 24;
    m.append(scene::build::tube(
        scene::build::smoothPath({{neckEnd + glm::vec3(0.004f, 0.000f, 0.002f), 0.016f, 0.017f},
                                  {{-0.126f, -0.099f, -0.200f}, 0.0145f, 0.0145f},
                                  {{-0.116f, -0.094f, -0.270f}, 0.0135f, 0.0135f},
                                  {mid, 0.0135f, 0.0135f},
                                  {mid + (knee + glm::vec3(0.0f, 0.002f, 0.08f) - mid) * 0.5f, 0.0128f, 0.0128f},
                                  {knee + glm::vec3(0.0f, 0.0f, 0.075f), 0.0150f, 0.0140f},
                                  {knee + glm::vec3(0.0f, -0.003f, 0.036f), 0.0220f, 0.0170f}},
                                 49),
        shaft));
    // Epicondyles, the trochlea under the patella, and the two condyles reaching back and
    // down to the joint.
    m.append(scene::build::ellipsoid(knee + glm::vec3(0.0f, -0.004f, 0.030f), {0.033f, 0.018f, 0.019f}, 10, 20));
    m.append(scene::build::ellipsoid(knee + glm::vec3(0.0f, 0.008f, 0.026f), {0.021f, 0.013f, 0.016f}, 8, 14));
    for (float side : {-1.0f, 1.0f})
        m.append(scene::build::ellipsoid(knee + glm::vec3(side * 0.020f, -0.008f, 0.014f), {0.0155f, 0.024f, 0.019f},
                                         10, 16));
    m.append(scene::build::ellipsoid(p.lesser_trochanter_left + glm::vec3(-0.003f, 0.002f, 0.0f),
                                     {0.007f, 0.007f, 0.009f}, 10, 14));
    return m;
}

}  // namespace

MeshData smoothTube(const std::vector<Section>& controls, int samples, int segments, Cap start,
                    Cap end, glm::vec3 up) {
    TubeOptions o;
    o.segments = segments;
    o.start = start;
    o.end = end;
    o.up = up;
    return scene::build::tube(scene::build::smoothPath(controls, samples), o);
}

std::vector<Part> buildSkeleton(const BodyPlan& p, const Figure& figure) {
    std::vector<Part> parts;
    for (std::size_t i = 0; i < p.vertebrae.size(); ++i) {
        const Vertebra& v = p.vertebrae[i];
        parts.push_back({"skeleton", "vertebra_" + v.name, vertebra(v), kBone, true});
    }
    // Discs between consecutive bodies, then L5-S1.
    for (std::size_t i = 0; i + 1 <= p.vertebrae.size(); ++i) {
        const Vertebra& upper = p.vertebrae[i];
        const bool last = i + 1 == p.vertebrae.size();
        const std::string lowerName = last ? "S1" : p.vertebrae[i + 1].name;
        const float top = upper.centre.z - upper.half_height;
        const float bottom = top - p.disc_height;
        const float zc = 0.5f * (top + bottom);
        glm::vec3 c{0.0f, p.spineY(zc), zc};
        parts.push_back({"skeleton", "disc_" + upper.name + "_" + lowerName,
                         bodyColumn(c, upper.half_width * 0.98f, upper.half_depth * 0.98f,
                                    0.5f * p.disc_height - 0.0002f, -0.03f, 40),
                         kDisc, true});
    }
    parts.push_back({"skeleton", "sacrum", sacrum(p), kBone * 0.97f, true});
    const MeshData hip = hipBone(p);
    parts.push_back({"skeleton", "hip_bone_left", hip, kBone * glm::vec3(0.98f, 0.97f, 0.95f), true});
    parts.push_back({"skeleton", "hip_bone_right", scene::build::reflected(hip, 0),
                     kBone * glm::vec3(0.97f, 0.97f, 0.96f), true});
    const MeshData f = femur(p, figure);
    parts.push_back({"skeleton", "femur_left", f, kBone * glm::vec3(0.95f, 0.95f, 0.98f), true});
    parts.push_back({"skeleton", "femur_right", scene::build::reflected(f, 0),
                     kBone * glm::vec3(0.94f, 0.96f, 0.98f), true});
    return parts;
}

}  // namespace palpa::anatomy
