// The layers that follow the body surface: the bowel mass, the abdominal wall muscles and the
// skin with its umbilical dimple. Built directly in the patient frame from the skin profile.
#include <algorithm>
#include <cmath>
#include <numbers>

#include <glm/geometric.hpp>

#include "anatomy/parts.hpp"

namespace palpa::anatomy {
namespace {

using scene::build::Cap;
using scene::build::MeshData;
using scene::build::Section;
using scene::build::SurfacePoint;

constexpr float kPi = std::numbers::pi_v<float>;
const glm::vec3 kSkin{0.87f, 0.68f, 0.56f};
const glm::vec3 kBowel{0.90f, 0.60f, 0.54f};
const glm::vec3 kRectus{0.76f, 0.30f, 0.27f};
const glm::vec3 kExternalOblique{0.70f, 0.34f, 0.30f};
const glm::vec3 kInternalOblique{0.66f, 0.30f, 0.34f};
const glm::vec3 kLineaAlba{0.93f, 0.91f, 0.86f};

// Point on the undeformed skin at cross-section angle `a` (0 = patient's right side,
// pi/2 = anterior midline, pi = left side) and height z.
glm::vec3 skinAt(const BodyPlan& p, float a, float z) {
    const float w = p.skinHalfWidth(z), mid = p.skinMidline(z), back = p.skinBack(z);
    const float yc = 0.5f * (mid + back), b = 0.5f * (mid - back), n = p.skinExponent();
    const float c = std::cos(a), s = std::sin(a);
    const float k = std::pow(std::pow(std::abs(c), n) + std::pow(std::abs(s), n), -1.0f / n);
    return {w * c * k, yc + b * s * k, z};
}

// The skin point and its outward normal, by finite differences of skinAt.
SurfacePoint skinFrame(const BodyPlan& p, float a, float z) {
    const float e = 1e-3f;
    const glm::vec3 da = skinAt(p, a + e, z) - skinAt(p, a - e, z);
    const glm::vec3 dz = skinAt(p, a, z + e) - skinAt(p, a, z - e);
    glm::vec3 n = glm::normalize(glm::cross(dz, da));
    const glm::vec3 q = skinAt(p, a, z);
    if (glm::dot(n, q - glm::vec3(0.0f, 0.5f * (p.skinMidline(z) + p.skinBack(z)), z)) < 0.0f) n = -n;
    return {q, n};
}

// A wall muscle sheet lying `depth` under the skin between two angles and heights.
MeshData wallSheet(const BodyPlan& p, float a0, float a1, float z0, float z1, float depth,
                   const std::function<float(float, float)>& thickness,
                   const std::function<float(float, float)>& angleWarp = {}) {
    auto surface = [=, &p](float u, float v) {
        const float z = z0 + (z1 - z0) * v;
        const float a = angleWarp ? angleWarp(u, v) : a0 + (a1 - a0) * u;
        const SurfacePoint s = skinFrame(p, a, z);
        return SurfacePoint{s.position - s.normal * depth, s.normal};
    };
    return scene::build::shell(surface, thickness, 24, 48);
}

// Cross-section angle at which the anterior skin reaches x (x > 0: patient's right).
float angleForX(const BodyPlan& p, float x, float z) {
    float lo = 0.0f, hi = kPi;  // skinAt's x falls from +w to -w as the angle grows
    for (int i = 0; i < 40; ++i) {
        const float mid = 0.5f * (lo + hi);
        if (skinAt(p, mid, z).x > x) lo = mid;
        else hi = mid;
    }
    return 0.5f * (lo + hi);
}

MeshData skin(const BodyPlan& p) {
    // Rings closer together around the navel so its dimple is smooth.
    std::vector<float> zs;
    for (float z = p.bottomZ(); z < p.topZ();) {
        zs.push_back(z);
        const float spacing = 0.0012f + 0.0018f * std::min(1.0f, std::abs(z) / 0.03f);
        z += spacing;
    }
    zs.push_back(p.topZ());
    std::vector<Section> sections;
    for (float z : zs) {
        const float w = p.skinHalfWidth(z), mid = p.skinMidline(z), back = p.skinBack(z);
        sections.push_back({{0.0f, 0.5f * (mid + back), z}, w, 0.5f * (mid - back)});
    }
    scene::build::TubeOptions o;
    o.segments = 320;
    o.start = Cap::Flat;
    o.end = Cap::Flat;
    const float n = p.skinExponent();
    o.radius_scale = [n](float, float a) {
        const float c = std::abs(std::cos(a)), s = std::abs(std::sin(a));
        return std::pow(std::pow(c, n) + std::pow(s, n), -1.0f / n);
    };
    MeshData m = scene::build::tube(sections, o);
    // The umbilicus: a small dimple (about 1.5 cm across, 6 mm deep) at the origin.
    scene::build::deform(m, [](const glm::vec3& q) {
        if (q.y < -0.05f) return q;
        const float r2 = q.x * q.x + q.z * q.z;
        return q - glm::vec3(0.0f, 0.006f * std::exp(-r2 / (2.0f * 0.0038f * 0.0038f)), 0.0f);
    });
    return m;
}

MeshData bowel(const BodyPlan& p) {
    // A lumpy mass filling the abdominal cavity in front of the psoas and the great vessels:
    // built as a unit sphere then fitted between a front under the wall and a back that rises
    // over the midline (aorta and column).
    const float wallDepth = p.fat + 0.010f + 0.003f;
    const glm::vec3 centre{0.0f, 0.0f, -0.025f};
    const float rx = 0.105f, rz = 0.095f;
    MeshData m = scene::build::ellipsoid({0.0f, 0.0f, 0.0f}, {1.0f, 1.0f, 1.0f}, 48, 64);
    scene::build::deform(m, [&](const glm::vec3& d) {
        // d on the unit sphere: x, z across the cavity; y from back (-1) to front (+1).
        const float x = centre.x + rx * d.x, z = centre.z + rz * d.z;
        const float front = p.skinAnteriorY(x, z) - wallDepth;
        const float back = -0.088f - p.soft + 0.044f * std::exp(-x * x / (2.0f * 0.034f * 0.034f));
        const float lumps = 0.0025f * std::sin(x * 95.0f) * std::sin(z * 85.0f);
        const float top = front + lumps, bottom = std::min(back, front - 0.010f);
        const float mid = 0.5f * (top + bottom), half = 0.5f * (top - bottom);
        return glm::vec3(x, mid + half * d.y, z);
    });
    return m;
}

}  // namespace

std::vector<Part> buildSurfaceLayers(const BodyPlan& p) {
    std::vector<Part> parts;
    parts.push_back({"viscera", "bowel", bowel(p), kBowel, false});

    const float depth = p.fat;
    const float zLow = -0.150f, zHigh = 0.200f;
    // Linea alba on the midline; the recti either side of it, narrowing toward the pubis.
    parts.push_back({"abdominal_wall", "linea_alba",
                     wallSheet(p, angleForX(p, 0.005f, 0.0f), angleForX(p, -0.005f, 0.0f), zLow + 0.005f,
                               0.185f, depth, [](float, float) { return 0.003f; }),
                     kLineaAlba, false});
    for (int sideIndex = 0; sideIndex < 2; ++sideIndex) {
        const float side = sideIndex == 0 ? -1.0f : 1.0f;  // -1: patient's left
        const std::string suffix = sideIndex == 0 ? "_left" : "_right";
        auto rectusAngle = [&p, side, zLow, zHigh](float u, float v) {
            const float z = zLow + (zHigh - zLow) * v;
            const float width = 0.032f + 0.040f * std::min(1.0f, (z - zLow) / 0.12f);
            const float x = side * (0.006f + width * u);
            return angleForX(p, x, z);
        };
        parts.push_back({"abdominal_wall", "rectus_abdominis" + suffix,
                         wallSheet(p, 0, 0, zLow, zHigh, depth,
                                   [](float, float v) { return 0.007f + 0.004f * std::sin(kPi * v); },
                                   rectusAngle),
                         kRectus * (sideIndex == 0 ? 1.0f : 0.96f), false});
        // Obliques from the rectus edge around the flank toward the back.
        const float a0 = side < 0 ? angleForX(p, -0.085f, 0.0f) : angleForX(p, 0.085f, 0.0f);
        const float a1 = side < 0 ? kPi + 0.25f : -0.25f;
        parts.push_back({"abdominal_wall", "external_oblique" + suffix,
                         wallSheet(p, a0, a1, -0.060f, 0.180f, depth,
                                   [](float, float) { return 0.005f; }),
                         kExternalOblique * (sideIndex == 0 ? 1.0f : 0.96f), false});
        parts.push_back({"abdominal_wall", "internal_oblique" + suffix,
                         wallSheet(p, a0, a1, -0.070f, 0.160f, depth + 0.0065f,
                                   [](float, float) { return 0.005f; }),
                         kInternalOblique * (sideIndex == 0 ? 1.0f : 0.96f), false});
    }
    parts.push_back({"skin", "skin", skin(p), kSkin, false});
    return parts;
}

}  // namespace palpa::anatomy
