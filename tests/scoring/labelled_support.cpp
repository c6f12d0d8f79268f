#include "labelled_support.hpp"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "input/hand_model.hpp"

namespace palpa::scoring::labelled {
namespace {

constexpr float kCell = 0.01f;
constexpr float kX0 = -0.30f, kZ0 = -0.45f;
constexpr int kNx = 60, kNz = 80;
constexpr double kPi = 3.141592653589793;
constexpr float kRest = 0.003f;  // fingers and palm rest this lightly on the skin

int cellOf(float v, float v0, int n) {
    return std::clamp(static_cast<int>(std::floor((v - v0) / kCell)), 0, n - 1);
}

double smooth(double u) {
    u = std::clamp(u, 0.0, 1.0);
    return u * u * (3.0 - 2.0 * u);
}

}  // namespace

Body::Body(const scene::Scene& scene) : scene_(scene), buckets_(static_cast<std::size_t>(kNx * kNz)) {
    skin_ = &scene.meshes.at(scene.findLayer("skin")->meshes.at(0));
    for (std::size_t t = 0; t + 2 < skin_->indices.size(); t += 3) {
        glm::vec3 lo(1e9f), hi(-1e9f);
        for (int k = 0; k < 3; ++k) {
            const glm::vec3& p = skin_->vertices[skin_->indices[t + static_cast<std::size_t>(k)]].position;
            lo = glm::min(lo, p);
            hi = glm::max(hi, p);
        }
        for (int ix = cellOf(lo.x, kX0, kNx); ix <= cellOf(hi.x, kX0, kNx); ++ix)
            for (int iz = cellOf(lo.z, kZ0, kNz); iz <= cellOf(hi.z, kZ0, kNz); ++iz)
                buckets_[static_cast<std::size_t>(iz * kNx + ix)].push_back(static_cast<std::uint32_t>(t));
    }
}

Body::SkinPoint Body::skinAbove(float x, float z) const {
    // The topmost crossing of a vertical line through (x, z) with the skin's triangles.
    const auto& cell = buckets_[static_cast<std::size_t>(cellOf(z, kZ0, kNz) * kNx + cellOf(x, kX0, kNx))];
    SkinPoint best{{x, -1e9f, z}, {0, 1, 0}};
    for (std::uint32_t t : cell) {
        const glm::vec3 a = skin_->vertices[skin_->indices[t]].position;
        const glm::vec3 b = skin_->vertices[skin_->indices[t + 1]].position;
        const glm::vec3 c = skin_->vertices[skin_->indices[t + 2]].position;
        // Barycentric coordinates of (x, z) in the triangle's projection on the x-z plane.
        const float det = (b.x - a.x) * (c.z - a.z) - (c.x - a.x) * (b.z - a.z);
        if (std::abs(det) < 1e-14f) continue;
        const float u = ((x - a.x) * (c.z - a.z) - (c.x - a.x) * (z - a.z)) / det;
        const float v = ((b.x - a.x) * (z - a.z) - (x - a.x) * (b.z - a.z)) / det;
        if (u < 0.0f || v < 0.0f || u + v > 1.0f) continue;
        const float y = a.y + u * (b.y - a.y) + v * (c.y - a.y);
        if (y <= best.point.y) continue;
        glm::vec3 n = glm::normalize(glm::cross(b - a, c - a));
        if (n.y < 0.0f) n = -n;
        best = {{x, y, z}, n};
    }
    return best;
}

Body::Section Body::vesselSection(const char* mesh, float z) const {
    const scene::Mesh* m = scene_.findMesh(mesh);
    float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f;
    for (const scene::Vertex& v : m->vertices) {
        if (std::abs(v.position.z - z) > 0.004f) continue;
        x0 = std::min(x0, v.position.x), x1 = std::max(x1, v.position.x);
        y0 = std::min(y0, v.position.y), y1 = std::max(y1, v.position.y);
    }
    return {0.5f * (x0 + x1), 0.5f * (y0 + y1), 0.5f * (x1 - x0)};
}

glm::vec3 rotated(const glm::vec3& v, const glm::vec3& axis, double deg) {
    return glm::angleAxis(static_cast<float>(deg * kPi / 180.0), glm::normalize(axis)) * v;
}

glm::vec3 pressDirection(const glm::vec3& normal, const glm::vec3& along, double angle_deg) {
    const glm::vec3 t = glm::normalize(along - glm::dot(along, normal) * normal);
    const double a = angle_deg * kPi / 180.0;
    return glm::normalize(static_cast<float>(std::cos(a)) * -normal + static_cast<float>(std::sin(a)) * t);
}

TaughtPlacement taughtPlacement(const Body& body, Side side, double clear_cm) {
    const char* belly = side == Side::Left ? "psoas_belly_left" : "psoas_belly_right";
    const char* asis = side == Side::Left ? "asis_left" : "asis_right";
    const float outward = side == Side::Left ? -1.0f : 1.0f;
    const glm::vec3 navel = body.landmark("umbilicus");
    // Over the psoas belly, but never within clear_cm of the outline of the vessel on that
    // side (the aorta on the left, the vena cava on the right).
    const float z = navel.z + 0.02f;
    const Body::Section vessel = body.vesselSection(side == Side::Left ? "aorta" : "inferior_vena_cava", z);
    const float edge = vessel.x + outward * vessel.half_width;
    float x = body.landmark(belly).x;
    if (outward * (x - edge) < static_cast<float>(clear_cm) * 0.01f) x = edge + outward * static_cast<float>(clear_cm + 0.05) * 0.01f;
    TaughtPlacement out;
    for (int h = 0; h < 2; ++h) {
        const Body::SkinPoint s = body.skinAbove(x, z + (h == 0 ? 0.008f : -0.008f));
        out.thumbs[static_cast<std::size_t>(h)] = s.point;
        out.normals[static_cast<std::size_t>(h)] = s.normal;
    }
    const glm::vec3 toward = 0.5f * (body.landmark(asis) + body.landmark("pubic_symphysis")) - navel;
    const glm::vec3 n = out.normals[0];
    out.pelvis = glm::normalize(toward - glm::dot(toward, n) * n);
    return out;
}

Attempt goodAttempt(const Body& body, Side side, double depth_cm, double hold_s) {
    const TaughtPlacement p = taughtPlacement(body, side);
    Attempt a;
    a.side = side;
    a.hold_s = hold_s;
    for (std::size_t h = 0; h < 2; ++h) {
        HandScript& hs = a.hands[h];
        hs.skin = p.thumbs[h];
        hs.normal = p.normals[h];
        hs.press = pressDirection(hs.normal, p.pelvis, 45.0);
        hs.forward = p.pelvis;
        hs.depth_cm = depth_cm;
    }
    return a;
}

Frame Attempt::frameAt(const Body& body, double t) const {
    Frame frame;
    frame.t = t;
    const double hold0 = holdStart();
    const double press0 = hold0 - press_s;
    const double approach0 = press0 - approach_s;
    const double release0 = hold0 + hold_s;
    for (int h = 0; h < 2; ++h) {
        const HandScript& hs = hands[static_cast<std::size_t>(h)];
        if (!hs.used) continue;
        if (hs.gone_at && t >= hold0 + *hs.gone_at) continue;
        double depth = hs.depth_cm;
        if (depth_override)
            if (auto d = depth_override(h, t)) depth = *d;
        const double along = depth * 0.01 / std::max(0.1, static_cast<double>(glm::dot(hs.press, -hs.normal)));
        glm::vec3 surface;
        if (t < press0) {
            surface = hs.skin + static_cast<float>(0.10 * (1.0 - smooth((t - approach0) / approach_s))) * hs.normal;
        } else if (t < hold0) {
            surface = hs.skin + static_cast<float>(along * smooth((t - press0) / press_s)) * hs.press;
        } else if (t < release0) {
            surface = hs.skin + static_cast<float>(along) * hs.press +
                      static_cast<float>(smooth((t - hold0 - hs.glide_at) / hs.glide_s)) * hs.glide;
        } else {
            surface = hs.skin + static_cast<float>(along) * hs.press + hs.glide +
                      static_cast<float>((depth * 0.01 + 0.1) * smooth((t - release0) / release_s)) * hs.normal;
        }
        const auto hand = static_cast<input::Hand>(h);
        const float radius = input::poseHand(hand, glm::vec3(0.0f), hs.forward, hs.normal, 5.0f)[5].radius;
        HandPose pose = input::poseHand(hand, surface + radius * hs.normal, hs.forward, hs.normal, 5.0f);
        input::restOnSurface(
            pose,
            [&body](const glm::vec3& q) {
                const Body::SkinPoint s = body.skinAbove(q.x, q.z);
                return input::SurfaceSample{glm::dot(s.point - q, s.normal), s.normal};
            },
            kRest);
        frame.hands[static_cast<std::size_t>(h)] = pose;
    }
    return frame;
}

Recording Attempt::record(const Body& body) const {
    Recording rec;
    rec.header.technique = "psoas-release";
    rec.header.side = side;
    const double dt = 1.0 / rate_hz;
    for (double t = dt; t < end(); t += dt) rec.frames.push_back(frameAt(body, t));
    return rec;
}

}  // namespace palpa::scoring::labelled
