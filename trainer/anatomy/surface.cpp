// The layers that follow the body surface: the abdominal wall (linea alba, the recti in their
// sheaths with three tendinous intersections, the external and internal obliques and
// transversus abdominis, their fibre directions suggested by a faint ripple) and the skin
// with its umbilical dimple. Built directly in the patient frame from the skin profile.
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <utility>

#include <glm/geometric.hpp>

#include "anatomy/parts.hpp"

namespace palpa::anatomy {
namespace {

const glm::vec3 kRectus{0.76f, 0.30f, 0.27f};
const glm::vec3 kExternalOblique{0.70f, 0.34f, 0.30f};
const glm::vec3 kInternalOblique{0.66f, 0.30f, 0.34f};
const glm::vec3 kTransversus{0.60f, 0.27f, 0.31f};
const glm::vec3 kLineaAlba{0.93f, 0.91f, 0.86f};
const glm::vec3 kSheath{0.88f, 0.85f, 0.79f};

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

// A wall sheet under the skin between angles (angle(u, v)) and heights z0..z1: its top face
// depth(q) under the skin point q, thickness(q) thick, nu x nv cells.
using SkinFunction = std::function<float(const glm::vec3&)>;
MeshData wallSheet(const BodyPlan& p, const std::function<float(float, float)>& angle, float z0, float z1,
                   const SkinFunction& depth, const SkinFunction& thickness, int nu, int nv) {
    auto skinPoint = [=, &p](float u, float v) { return skinFrame(p, angle(u, v), z0 + (z1 - z0) * v); };
    auto surface = [=](float u, float v) {
        const SurfacePoint s = skinPoint(u, v);
        return SurfacePoint{s.position - s.normal * depth(s.position), s.normal};
    };
    auto thick = [=](float u, float v) { return thickness(skinPoint(u, v).position); };
    return scene::build::shell(surface, thick, nu, nv);
}

std::function<float(float, float)> angleSpan(float a0, float a1) {
    return [a0, a1](float u, float) { return a0 + (a1 - a0) * u; };
}

SkinFunction constant(float value) {
    return [value](const glm::vec3&) { return value; };
}

// A faint ripple (0..1) whose crests run along a muscle's fibres: `w` is the distance around
// the body from the anterior midline, and the crests follow w * across + z * up = const.
float fibreRipple(const BodyPlan& p, const glm::vec3& q, float across, float up) {
    const float yc = 0.5f * (p.skinMidline(q.z) + p.skinBack(q.z));
    const float w = (0.5f * kPi - std::atan2(q.y - yc, std::abs(q.x))) * 0.12f;
    const float wavelength = 0.020f;
    const float d = (w * across + q.z * up) / std::sqrt(across * across + up * up);
    return 0.5f + 0.5f * std::sin(2.0f * kPi * d / wavelength);
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

}  // namespace

std::vector<Part> buildSurfaceLayers(const BodyPlan& p) {
    std::vector<Part> parts;
    const float depth = p.fat;
    const float zLow = -0.150f, zHigh = 0.200f;
    // Linea alba on the midline; the recti either side of it, narrowing toward the pubis.
    parts.push_back({"abdominal_wall", "linea_alba",
                     wallSheet(p, angleSpan(angleForX(p, 0.005f, 0.0f), angleForX(p, -0.005f, 0.0f)),
                               zLow + 0.005f, 0.185f, constant(depth), constant(0.003f), 24, 48),
                     kLineaAlba, false});
    // The rectus: thickest at mid-height; three tendinous intersections (at the umbilicus,
    // midway to the xiphoid and at its level) groove its front, adherent to the sheath.
    auto rectusThickness = [zLow, zHigh](float z) {
        return 0.007f + 0.004f * std::sin(kPi * std::clamp((z - zLow) / (zHigh - zLow), 0.0f, 1.0f));
    };
    const float xiphoidZ = std::min(p.xiphoid().z, zHigh - 0.012f);
    auto intersection = [xiphoidZ](const glm::vec3& q) {
        float g = 0.0f;
        for (float level : {0.0f, 0.5f * xiphoidZ, xiphoidZ}) {
            const float d = (q.z - level - 0.004f * std::sin(std::abs(q.x) * 90.0f)) / 0.0045f;
            g += std::exp(-d * d);
        }
        return 0.0024f * std::min(g, 1.0f);
    };
    const float arcuateZ = -0.045f;  // below it the posterior sheath is only fascia
    for (int sideIndex = 0; sideIndex < 2; ++sideIndex) {
        const float side = sideIndex == 0 ? -1.0f : 1.0f;  // -1: patient's left
        const std::string suffix = sideIndex == 0 ? "_left" : "_right";
        const float shade = sideIndex == 0 ? 1.0f : 0.96f;
        auto rectusAngle = [&p, side, zLow, zHigh](float x0, float extra) {
            return [&p, side, zLow, zHigh, x0, extra](float u, float v) {
                const float z = zLow + (zHigh - zLow) * v;
                const float width = 0.032f + 0.040f * std::min(1.0f, (z - zLow) / 0.12f);
                return angleForX(p, side * (x0 + (0.006f + width + extra - x0) * u), z);
            };
        };
        parts.push_back({"abdominal_wall", "rectus_abdominis" + suffix,
                         wallSheet(
                             p, rectusAngle(0.006f, 0.0f), zLow, zHigh,
                             [depth, intersection](const glm::vec3& q) { return depth + intersection(q); },
                             [rectusThickness, intersection](const glm::vec3& q) {
                                 return rectusThickness(q.z) - intersection(q);
                             },
                             12, 120),
                         kRectus * shade, false});
        // Its sheath's posterior layer, behind it down to the arcuate line. The anterior layer
        // is left open, as atlases show it, so the rectus and its intersections are seen
        // (and pointed at) rather than a pale fascia over them.
        const float posteriorLow = (arcuateZ - zLow) / (zHigh - zLow);
        MeshData sheath = wallSheet(
            p,
            [rectusAngle, posteriorLow](float u, float v) {
                return rectusAngle(0.0045f, 0.0025f)(u, posteriorLow + (1.0f - posteriorLow) * v);
            },
            arcuateZ, zHigh,
            [depth, rectusThickness](const glm::vec3& q) { return depth + rectusThickness(q.z) + 0.0004f; },
            constant(0.0008f), 8, 40);
        parts.push_back(
            {"abdominal_wall", "rectus_sheath" + suffix, std::move(sheath), kSheath * shade, false});

        // The three flat muscles from the rectus edge around the flank toward the back, their
        // fibres down and medial (external oblique), up and medial (internal), across
        // (transversus); each a faint ripple of its front face along the fibres.
        const float a0 = angleForX(p, side * 0.085f, 0.0f);
        const float a1 = side < 0 ? kPi + 0.25f : -0.25f;
        auto layer = [&p](float top, float thick, float across, float up) {
            const float ripple = 0.0007f;
            return std::pair<SkinFunction, SkinFunction>{
                [&p, top, across, up, ripple](const glm::vec3& q) {
                    return top + ripple * fibreRipple(p, q, across, up);
                },
                [&p, thick, across, up, ripple](const glm::vec3& q) {
                    return thick - ripple * fibreRipple(p, q, across, up);
                }};
        };
        const auto external = layer(depth, 0.005f, 1.0f, -1.0f);
        parts.push_back({"abdominal_wall", "external_oblique" + suffix,
                         wallSheet(p, angleSpan(a0, a1), -0.060f, 0.180f, external.first,
                                   external.second, 28, 56),
                         kExternalOblique * shade, false});
        const auto internal = layer(depth + 0.0065f, 0.005f, 1.0f, 1.0f);
        parts.push_back({"abdominal_wall", "internal_oblique" + suffix,
                         wallSheet(p, angleSpan(a0, a1), -0.070f, 0.160f, internal.first,
                                   internal.second, 28, 56),
                         kInternalOblique * shade, false});
        const auto transversus = layer(depth + 0.013f, 0.004f, 0.0f, 1.0f);
        parts.push_back({"abdominal_wall", "transversus_abdominis" + suffix,
                         wallSheet(p, angleSpan(angleForX(p, side * 0.074f, 0.0f), a1), -0.075f, 0.170f,
                                   transversus.first, transversus.second, 28, 56),
                         kTransversus * shade, false});
    }
    return parts;
}

}  // namespace palpa::anatomy
