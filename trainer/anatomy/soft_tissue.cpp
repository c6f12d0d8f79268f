// Deep soft tissue of the psoas region: the great vessels and the deep muscles (psoas major,
// iliacus, quadratus lumborum). Planned in the deep frame, left side mirrored to the right.
#include <cmath>
#include <numbers>

#include <glm/geometric.hpp>

#include "anatomy/parts.hpp"

namespace palpa::anatomy {
namespace {

const glm::vec3 kArtery{0.74f, 0.09f, 0.10f};
const glm::vec3 kVein{0.16f, 0.26f, 0.70f};
const glm::vec3 kPsoas{0.72f, 0.24f, 0.24f};
const glm::vec3 kIliacus{0.80f, 0.36f, 0.30f};
const glm::vec3 kQuadratus{0.62f, 0.27f, 0.34f};

// Front of the vertebral column at height z (deep frame), for vessels lying on it.
float columnFront(const BodyPlan& p, float z) {
    return p.spineY(z) + p.vertebrae[4].half_depth;
}

MeshData aorta(const BodyPlan& p) {
    const float r = p.aorta_radius;
    const glm::vec3 bif = p.aortic_bifurcation;
    const float topZ = p.vertebrae[0].centre.z + 0.010f;
    auto onColumn = [&](float x, float z, float radius) {
        return Section{{x, columnFront(p, z) + 0.001f + radius, z}, radius, radius};
    };
    MeshData m = smoothTube({onColumn(-0.014f, topZ, r * 1.08f), onColumn(-0.012f, 0.080f, r * 1.04f),
                             onColumn(-0.010f, 0.035f, r), {bif + glm::vec3(0, 0, 0.004f), r, r}},
                            31, 28, Cap::Flat, Cap::Round);
    // Common iliac arteries diverge from the bifurcation and run on as the external iliacs
    // along the psoas's medial edge toward the groin.
    for (float side : {-1.0f, 1.0f}) {
        const glm::vec3 start = bif + glm::vec3(side * 0.004f, 0.0f, -0.002f);
        m.append(smoothTube({{start, 0.0055f, 0.0055f},
                             {{bif.x + side * 0.030f, bif.y - 0.006f, -0.045f}, 0.005f, 0.005f},
                             {{side * 0.052f, -0.070f, -0.080f}, 0.0045f, 0.0045f},
                             {{side * 0.058f, -0.050f, -0.118f}, 0.0042f, 0.0042f}},
                            31, 16, Cap::Round, Cap::Flat));
    }
    return m;
}

MeshData venaCava(const BodyPlan& p) {
    const float topZ = p.vertebrae[0].centre.z + 0.010f;
    const float confluence = p.vertebrae[5].centre.z + 0.004f;
    auto onColumn = [&](float z) {
        return Section{{0.021f, columnFront(p, z) + 0.001f + 0.0085f, z}, 0.0115f, 0.0085f};
    };
    MeshData m = smoothTube({onColumn(topZ), onColumn(0.070f), onColumn(0.0f), onColumn(confluence)},
                            31, 28, Cap::Flat, Cap::Round);
    // Common iliac veins, the left crossing behind the right common iliac artery.
    for (float side : {-1.0f, 1.0f}) {
        const glm::vec3 start{0.021f + side * 0.006f, columnFront(p, confluence) + 0.009f, confluence};
        m.append(smoothTube({{start, 0.0065f, 0.0060f},
                             {{side * 0.035f, -0.078f, -0.060f}, 0.0060f, 0.0055f},
                             {{side * 0.045f, -0.072f, -0.090f}, 0.0055f, 0.0050f},
                             {{side * 0.047f, -0.059f, -0.120f}, 0.0050f, 0.0050f}},
                            31, 16, Cap::Round, Cap::Flat));
    }
    return m;
}

// Left psoas major: from the T12-L4 bodies and processes along the column, over the pelvic
// brim and in front of the hip joint, to the lesser trochanter. Centre 4.0/4.7/5.5 cm from
// the midline at L3/L4/L5; the belly's front 8-9 cm under the skin at L4.
std::vector<Section> psoasControls(const BodyPlan& p) {
    const auto& v = p.vertebrae;
    const glm::vec3 lt = p.lesser_trochanter_left;
    return {{{-0.023f, p.spineY(v[0].centre.z) - 0.006f, v[0].centre.z}, 0.006f, 0.006f},
            {{-0.028f, -0.094f, v[1].centre.z}, 0.010f, 0.009f},
            {{-0.033f, -0.097f, v[2].centre.z}, 0.014f, 0.012f},
            {{-0.040f, -0.099f, v[3].centre.z}, 0.018f, 0.014f},
            {{-0.047f, -0.101f, v[4].centre.z}, 0.020f, 0.016f},
            {{-0.055f, -0.099f, v[5].centre.z}, 0.021f, 0.016f},
            {{-0.066f, -0.090f, -0.080f}, 0.019f, 0.015f},
            {{-0.076f, -0.064f, -0.125f}, 0.015f, 0.010f},
            {{-0.094f, -0.082f, -0.170f}, 0.010f, 0.009f},
            {lt + glm::vec3(-0.001f, 0.003f, 0.002f), 0.005f, 0.005f}};
}

// Left iliacus: a fan lining the iliac fossa that converges on the psoas tendon.
MeshData iliacus(const BodyPlan& p) {
    (void)p;
    auto fossa = [](float u, float v) {
        // u: posterior (0) to anterior (1) along the crest; v: crest (0) to the brim (1).
        const glm::vec3 crestPt = glm::mix(glm::vec3(-0.080f, -0.135f, -0.030f),
                                           glm::vec3(-0.122f, -0.060f, -0.045f), u);
        const glm::vec3 brimPt = glm::mix(glm::vec3(-0.066f, -0.100f, -0.088f),
                                          glm::vec3(-0.086f, -0.070f, -0.100f), u);
        glm::vec3 q = glm::mix(crestPt, brimPt, v);
        q.x += 0.010f * std::sin(std::numbers::pi_v<float> * v);  // lies in the concave fossa
        return q;
    };
    auto surface = [&](float u, float v) {
        const float e = 0.01f;
        const glm::vec3 du = fossa(std::min(1.0f, u + e), v) - fossa(std::max(0.0f, u - e), v);
        const glm::vec3 dv = fossa(u, std::min(1.0f, v + e)) - fossa(u, std::max(0.0f, v - e));
        glm::vec3 n = glm::normalize(glm::cross(du, dv));
        if (n.x < 0.0f) n = -n;  // outward = medial, facing the abdomen
        return scene::build::SurfacePoint{fossa(u, v), n};
    };
    MeshData m = scene::build::shell(surface, [](float, float v) { return 0.006f + 0.010f * v; }, 16, 12);
    m.append(smoothTube({{{-0.078f, -0.085f, -0.094f}, 0.016f, 0.010f},
                         {{-0.086f, -0.066f, -0.128f}, 0.012f, 0.009f},
                         {{-0.098f, -0.084f, -0.168f}, 0.008f, 0.007f}},
                        17, 18, Cap::Round, Cap::Round));
    return m;
}

MeshData quadratusLumborum(const BodyPlan& p) {
    (void)p;
    return smoothTube({{{-0.075f, -0.136f, -0.030f}, 0.024f, 0.008f},
                       {{-0.070f, -0.133f, 0.030f}, 0.028f, 0.009f},
                       {{-0.066f, -0.130f, 0.090f}, 0.025f, 0.009f},
                       {{-0.058f, -0.128f, 0.145f}, 0.016f, 0.007f}},
                      31, 24, Cap::Round, Cap::Round);
}

}  // namespace

std::vector<Part> buildDeepSoftTissue(const BodyPlan& p) {
    std::vector<Part> parts;
    parts.push_back({"vessels", "aorta", aorta(p), kArtery, true});
    parts.push_back({"vessels", "inferior_vena_cava", venaCava(p), kVein, true});
    const MeshData psoas = smoothTube(psoasControls(p), 82, 32, Cap::Round, Cap::Round);
    parts.push_back({"muscles_deep", "psoas_major_left", psoas, kPsoas, true});
    parts.push_back({"muscles_deep", "psoas_major_right", scene::build::reflected(psoas, 0),
                     kPsoas * glm::vec3(0.96f, 1.0f, 1.0f), true});
    const MeshData il = iliacus(p);
    parts.push_back({"muscles_deep", "iliacus_left", il, kIliacus, true});
    parts.push_back({"muscles_deep", "iliacus_right", scene::build::reflected(il, 0),
                     kIliacus * glm::vec3(0.96f, 1.0f, 1.0f), true});
    const MeshData ql = quadratusLumborum(p);
    parts.push_back({"muscles_deep", "quadratus_lumborum_left", ql, kQuadratus, true});
    parts.push_back({"muscles_deep", "quadratus_lumborum_right", scene::build::reflected(ql, 0),
                     kQuadratus * glm::vec3(0.96f, 1.0f, 1.0f), true});
    return parts;
}

glm::vec3 psoasBellyLeft(const BodyPlan& p) {
    const Section s = psoasControls(p)[4];
    return s.centre + glm::vec3(0.0f, s.ry, 0.0f);
}

}  // namespace palpa::anatomy
