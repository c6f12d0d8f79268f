// Bones of the limbs away from the hip: humerus, radius and ulna, the hand skeleton palm down;
// patella, tibia, fibula and the foot skeleton pointing up from the heel on the table (the
// femur runs on from skeleton.cpp to its condyles). Planned in the patient frame around the
// Figure's joint centres and kept under the skin with skinField; built on the left (-X) and
// mirrored to the right.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <glm/geometric.hpp>

#include "anatomy/parts.hpp"

namespace palpa::anatomy {
namespace {

const glm::vec3 kBone{0.89f, 0.85f, 0.74f};
constexpr float kMargin = 0.0055f;  // every vertex at least this far under the skin (field)

MeshData tubeThrough(const std::vector<Section>& controls, int samples, int segments,
                     glm::vec3 up = {0.0f, 1.0f, 0.0f}) {
    TubeOptions o;
    o.segments = segments;
    o.up = up;
    o.cap_rings = 2;
    return scene::build::tube(controls.size() > 2 ? scene::build::smoothPath(controls, samples) : controls, o);
}

MeshData rod(glm::vec3 a, glm::vec3 b, float ra, float rb, int segments = 8) {
    return tubeThrough({{a, ra, ra}, {b, rb, rb}}, 2, segments);
}

// An ellipsoid with half-axes r along the orthonormal frame (u, v, u x v).
MeshData orientedEllipsoid(glm::vec3 centre, glm::vec3 u, glm::vec3 v, glm::vec3 r, int rings = 8, int segments = 12) {
    MeshData m = scene::build::ellipsoid({0.0f, 0.0f, 0.0f}, r, rings, segments);
    const glm::vec3 w = glm::cross(u, v);
    scene::build::deform(m, [=](const glm::vec3& q) { return centre + u * q.x + v * q.y + w * q.z; });
    return m;
}

// Final guard: any vertex nearer the skin than kMargin is pushed inward along the gradient.
void keepInside(MeshData& m, const BodyPlan& plan, const Figure& f) {
    auto field = [&](const glm::vec3& p) { return skinField(plan, f, p); };
    for (glm::vec3& p : m.positions)
        for (int i = 0; i < 12; ++i) {
            const float d = field(p);
            if (d <= -kMargin) break;
            const float e = 5e-4f;
            glm::vec3 g{field(p + glm::vec3(e, 0, 0)) - field(p - glm::vec3(e, 0, 0)),
                        field(p + glm::vec3(0, e, 0)) - field(p - glm::vec3(0, e, 0)),
                        field(p + glm::vec3(0, 0, e)) - field(p - glm::vec3(0, 0, e))};
            if (glm::length(g) < 1e-9f) break;
            p -= glm::normalize(g) * (d + kMargin + 2e-4f);
        }
}

// ---------------------------------------------------------------------------- arm

MeshData humerus(const Arm& a) {
    const glm::vec3 s = a.shoulder, e = a.elbow, d = glm::normalize(e - s);
    MeshData m = scene::build::ellipsoid(s, glm::vec3(0.022f), 12, 16);
    // Greater tubercle lateral and in front of the head.
    m.append(scene::build::ellipsoid(s + glm::vec3(-0.015f, 0.007f, -0.010f), {0.010f, 0.011f, 0.013f}, 8, 12));
    m.append(tubeThrough({{s + d * 0.012f, 0.016f, 0.015f},
                          {s + d * 0.055f, 0.0120f, 0.0115f},
                          {s + (e - s) * 0.5f, 0.0105f, 0.0100f},
                          {e - d * 0.055f, 0.0140f, 0.0095f},
                          {e - d * 0.014f, 0.0200f, 0.0100f}},
                         21, 14));
    // Condyles: the trochlea and capitulum, the medial epicondyle toward the body.
    m.append(scene::build::ellipsoid(e + glm::vec3(0.001f, 0.0f, 0.004f), {0.019f, 0.011f, 0.011f}, 8, 14));
    m.append(scene::build::ellipsoid(e + glm::vec3(0.017f, -0.004f, 0.012f), {0.007f, 0.006f, 0.008f}, 6, 10));
    return m;
}

// Forearm pronated (palm down): the ulna runs from the trochlea to the little-finger side of
// the wrist, the radius crosses in front of it from the capitulum to the thumb side.
MeshData ulna(const Arm& a) {
    const glm::vec3 e = a.elbow, w = a.wrist;
    MeshData m = tubeThrough({{e + glm::vec3(0.007f, -0.011f, 0.014f), 0.0085f, 0.0090f},
                              {e + glm::vec3(0.008f, -0.007f, -0.008f), 0.0085f, 0.0085f},
                              {e + (w - e) * 0.30f + glm::vec3(0.004f, 0.002f, 0.0f), 0.0065f, 0.0065f},
                              {e + (w - e) * 0.70f + glm::vec3(-0.005f, 0.004f, 0.0f), 0.0055f, 0.0055f},
                              {w + glm::vec3(-0.011f, 0.002f, 0.010f), 0.0062f, 0.0062f}},
                             21, 12);
    m.append(scene::build::ellipsoid(w + glm::vec3(-0.012f, 0.002f, 0.004f), glm::vec3(0.0058f), 6, 10));
    return m;
}

MeshData radius(const Arm& a) {
    const glm::vec3 e = a.elbow, w = a.wrist;
    MeshData m = tubeThrough({{e + glm::vec3(-0.012f, 0.002f, -0.004f), 0.0095f, 0.0095f},
                              {e + glm::vec3(-0.011f, 0.001f, -0.016f), 0.0065f, 0.0065f},
                              {e + (w - e) * 0.35f + glm::vec3(-0.006f, -0.006f, 0.0f), 0.0060f, 0.0060f},
                              {e + (w - e) * 0.72f + glm::vec3(0.004f, -0.006f, 0.0f), 0.0070f, 0.0065f},
                              {w + glm::vec3(0.008f, -0.002f, 0.014f), 0.0100f, 0.0070f},
                              {w + glm::vec3(0.009f, -0.001f, 0.005f), 0.0105f, 0.0070f}},
                             21, 12);
    m.append(scene::build::ellipsoid(e + glm::vec3(-0.012f, 0.002f, -0.004f), {0.011f, 0.011f, 0.005f}, 6, 12));
    return m;
}

// p, or the point on the way from p to `inner` where the skin is first `depth` away.
glm::vec3 limited(const BodyPlan& plan, const Figure& f, const glm::vec3& p, const glm::vec3& inner, float depth) {
    if (skinField(plan, f, p) <= -depth) return p;
    float lo = 0.0f, hi = 1.0f;
    for (int i = 0; i < 24; ++i) {
        const float mid = 0.5f * (lo + hi);
        (skinField(plan, f, p + (inner - p) * mid) <= -depth ? hi : lo) = mid;
    }
    return p + (inner - p) * hi;
}

// The hand palm down beside the thigh, after the figure's hand: carpals, five metacarpals and
// the phalanges, thumb on the side toward the body.
MeshData hand(const BodyPlan& plan, const Figure& f) {
    const Arm& a = f.arm;
    const glm::vec3 wr = a.wrist;
    const glm::vec3 along = glm::normalize(a.fingertip - wr);
    const float length = glm::length(a.fingertip - wr);
    const glm::vec3 across{1.0f, 0.0f, 0.0f};
    const glm::vec3 side = glm::normalize(across - along * glm::dot(across, along));
    const glm::vec3 knuckles = wr + along * (0.50f * length);
    const float w = a.hand_half_width - a.hand_half_thickness;
    // Carpals: proximal and distal rows.
    MeshData m = orientedEllipsoid(wr + along * 0.010f, side, along, {0.015f, 0.0055f, 0.0065f});
    m.append(orientedEllipsoid(wr + along * 0.023f, side, along, {0.017f, 0.0060f, 0.0060f}));
    for (int i = 0; i < 4; ++i) {
        const float t = -1.0f + 2.0f * static_cast<float>(i) / 3.0f;  // little (-1) to index (+1)
        const float sgn = t < 0.0f ? -1.0f : 1.0f;
        const glm::vec3 base = knuckles + across * (t * w);
        // Metacarpal: straight from the carpus to the knuckle, kept inside the figure's palm
        // (drawn toward the nearer of its two rods where the palm is thin).
        const glm::vec3 rod0 = wr + along * 0.01f + across * (sgn * 0.4f * w);
        const glm::vec3 rod1 = knuckles + across * (sgn * w);
        const bool inner = std::abs(t) < 0.5f;  // middle and ring share a rod with their neighbour
        const glm::vec3 from = wr + along * 0.033f + across * (t * 0.45f * w);
        const glm::vec3 to = base + along * (inner ? 0.005f : -0.002f);
        const glm::vec3 beside = across * (sgn * (inner ? -0.0045f : 0.002f));
        std::vector<Section> c;
        for (int k = 0; k <= 4; ++k) {
            const float u = static_cast<float>(k) / 4.0f;
            const float r = k == 4 ? (inner ? 0.0035f : 0.0046f) : k == 0 ? 0.0042f : 0.0035f;
            const glm::vec3 q = from + (to - from) * u;
            const glm::vec3 d = rod1 - rod0;
            const float s = std::clamp(glm::dot(q - rod0, d) / glm::dot(d, d), 0.0f, 1.0f);
            c.push_back({limited(plan, f, q, rod0 + d * s + beside, r + kMargin + (k == 4 ? 0.0f : 0.0005f)), r, r});
        }
        m.append(tubeThrough(c, 13, 8));
    const float reach = length * (0.5f - 0.08f * std::abs(t + 0.3f));
        const float l = reach - 0.004f;
        const std::array<float, 4> cut{0.006f, 0.006f + 0.44f * l, 0.008f + 0.72f * l, l};
        const std::array<float, 3> r{0.0042f, 0.0036f, 0.0030f};
        for (std::size_t k = 0; k < 3; ++k)
            m.append(rod(base + along * (cut[k] + 0.0012f), base + along * (cut[k + 1] - 0.0012f - r[k]),
                         r[k], r[k] * 0.85f));
    }
    // Thumb from the trapezium, along the figure's thumb capsule.
    const glm::vec3 t0 = wr + along * 0.03f + across * (w + 0.004f);
    const glm::vec3 t1 = t0 + along * 0.065f + across * 0.022f;
    const glm::vec3 dir = glm::normalize(t1 - t0);
    m.append(tubeThrough({{wr + along * 0.024f + across * 0.018f, 0.0050f, 0.0050f},
                          {t0 + dir * 0.004f, 0.0045f, 0.0045f},
                          {t0 + dir * 0.026f, 0.0050f, 0.0050f}},
                         7, 8));
    m.append(rod(t0 + dir * 0.033f, t0 + dir * 0.052f, 0.0045f, 0.0040f));
    m.append(rod(t0 + dir * 0.060f, t1 + dir * 0.0005f, 0.0038f, 0.0030f));
    return m;
}

// ---------------------------------------------------------------------------- leg

// The leg skin's axis and radius at height z (knee to calf to ankle, as the figure's skin).
struct LegAxis {
    glm::vec3 knee, calf, ankle;
    float knee_r, calf_r, ankle_r;
    glm::vec3 at(float z) const {
        if (z >= calf.z) return knee + (calf - knee) * ((knee.z - z) / (knee.z - calf.z));
        return calf + (ankle - calf) * std::clamp((calf.z - z) / (calf.z - ankle.z), 0.0f, 1.0f);
    }
};

LegAxis legAxis(const Figure& f) {
    const Leg& l = f.leg;
    const glm::vec3 calf{0.5f * (l.knee.x + l.ankle.x), f.table_y + l.calf_r, l.knee.z - 0.13f};
    return {l.knee, calf, l.ankle, l.knee_r, l.calf_r, l.ankle_r};
}

MeshData patella(const Leg& l) {
    return scene::build::ellipsoid(l.knee + glm::vec3(0.0f, 0.033f, 0.026f), {0.020f, 0.0085f, 0.022f}, 8, 14);
}

MeshData tibia(const Figure& f) {
    const LegAxis ax = legAxis(f);
    const glm::vec3 k = ax.knee, an = ax.ankle;
    // Plateau, tuberosity, the shaft anterior-medial in the leg (the shin), the distal end and
    // the medial malleolus (toward the body: +x on the left).
    MeshData m = scene::build::ellipsoid(k + glm::vec3(0.0f, -0.004f, -0.019f), {0.035f, 0.024f, 0.011f}, 8, 16);
    m.append(scene::build::ellipsoid(k + glm::vec3(0.0f, 0.020f, -0.042f), {0.010f, 0.007f, 0.013f}, 6, 10));
    auto shaft = [&](float z, float dx, float dy) { return ax.at(z) + glm::vec3(dx, dy, 0.0f); };
    const float len = k.z - an.z;
    m.append(tubeThrough({{k + glm::vec3(0.001f, -0.002f, -0.026f), 0.022f, 0.017f},
                          {shaft(k.z - 0.075f, 0.004f, 0.006f), 0.0135f, 0.0125f},
                          {shaft(k.z - 0.40f * len, 0.006f, 0.012f), 0.0120f, 0.0110f},
                          {shaft(an.z + 0.13f, 0.006f, 0.010f), 0.0110f, 0.0100f},
                          {an + glm::vec3(0.004f, 0.004f, 0.040f), 0.0120f, 0.0110f},
                          {an + glm::vec3(0.003f, 0.002f, 0.014f), 0.0160f, 0.0120f}},
                         31, 14));
    m.append(rod(an + glm::vec3(0.011f, 0.002f, 0.018f), an + glm::vec3(0.015f, 0.001f, -0.005f), 0.0055f, 0.0045f));
    return m;
}

MeshData fibula(const Figure& f) {
    const LegAxis ax = legAxis(f);
    const glm::vec3 k = ax.knee, an = ax.ankle;
    MeshData m = scene::build::ellipsoid(k + glm::vec3(-0.029f, -0.014f, -0.047f), {0.009f, 0.009f, 0.011f}, 6, 10);
    m.append(tubeThrough({{k + glm::vec3(-0.028f, -0.014f, -0.050f), 0.0070f, 0.0070f},
                          {ax.at(k.z - 0.16f) + glm::vec3(-0.024f, -0.012f, 0.0f), 0.0055f, 0.0055f},
                          {ax.at(an.z + 0.12f) + glm::vec3(-0.018f, -0.008f, 0.0f), 0.0050f, 0.0050f},
                          {an + glm::vec3(-0.019f, -0.005f, 0.010f), 0.0060f, 0.0060f},
                          {an + glm::vec3(-0.020f, -0.005f, -0.010f), 0.0060f, 0.0055f}},
                         21, 10));
    return m;
}

// The foot pointing up from the heel: talus under the tibia, calcaneus to the heel, the
// midfoot block, five metatarsals and the toes (great toe toward the body).
MeshData foot(const BodyPlan& plan, const Figure& fig) {
    const Leg& l = fig.leg;
    const glm::vec3 h = l.heel;
    const glm::vec3 f = glm::normalize(l.toe - h);
    const float length = glm::length(l.toe - h);
    const glm::vec3 x = glm::normalize(glm::vec3(1.0f, 0.0f, 0.0f) - f * f.x);
    const glm::vec3 n = glm::cross(x, f);  // dorsum
    auto at = [&](float along, float across, float up) { return h + f * along + x * across + n * up; };
    const float ball = 0.72f * length;
    MeshData m = orientedEllipsoid(at(0.024f, 0.002f, 0.019f), x, f, {0.013f, 0.020f, 0.010f});
    m.append(tubeThrough({{at(0.022f, -0.002f, -0.001f), 0.011f, 0.012f},
                          {at(0.050f, -0.003f, 0.001f), 0.010f, 0.011f},
                          {at(0.078f, -0.005f, 0.002f), 0.009f, 0.009f}},
                         7, 12, n));
    m.append(orientedEllipsoid(at(0.098f, 0.000f, 0.005f), x, f, {0.018f, 0.020f, 0.009f}));
    // Metatarsals: heads at the ball, the first one stout; a little toward the dorsum, under
    // which there is less soft tissue than under the sole.
    static constexpr std::array<float, 5> kHead{0.017f, 0.004f, -0.004f, -0.011f, -0.018f};
    for (std::size_t i = 0; i < 5; ++i) {
        const float r = i == 0 ? 0.0060f : 0.0038f;
        m.append(tubeThrough({{at(0.112f, kHead[i] * 0.55f, 0.005f), r, r},
                              {at(0.150f, kHead[i] * 0.80f, 0.004f), r * 0.85f, r * 0.85f},
                              {at(ball - 0.006f, kHead[i], 0.002f), r * 1.15f, r * 1.15f}},
                             7, 8));
    }
    // Great toe along the figure's toe capsule; the lesser toes straight on from their
    // metatarsals, as far as the skin leaves them room (the figure's foot gathers them).
    m.append(rod(at(ball + 0.004f, 0.0135f, 0.0f), at(ball + 0.038f, 0.0085f, 0.0f), 0.0055f, 0.0048f));
    m.append(rod(at(ball + 0.045f, 0.0078f, 0.0f), at(length - 0.017f, 0.0040f, 0.0f), 0.0045f, 0.0038f));
    for (std::size_t i = 1; i < 5; ++i) {
        auto point = [&](float d) { return at(ball + 0.004f + d, kHead[i], 0.002f); };
        const float need = 0.0032f + kMargin + 0.0005f;
        float lo = 0.0f, hi = 0.046f - 0.004f * static_cast<float>(i);
        if (skinField(plan, fig, point(hi)) > -need)
            for (int k = 0; k < 20; ++k) {
                const float mid = 0.5f * (lo + hi);
                (skinField(plan, fig, point(mid)) <= -need ? lo : hi) = mid;
            }
        else
            lo = hi;
        const float reach = lo;
        if (reach < 0.010f) {
            m.append(rod(point(0.0f), point(std::max(reach, 0.004f)), 0.0033f, 0.0030f));
            continue;
        }
        m.append(rod(point(0.0f), point(0.55f * reach), 0.0033f, 0.0029f));
        m.append(rod(point(0.55f * reach + 0.0045f), point(reach), 0.0027f, 0.0024f));
    }
    return m;
}

}  // namespace

std::vector<Part> buildLimbSkeleton(const BodyPlan& plan, const Figure& figure) {
    std::vector<Part> parts;
    auto addPair = [&](const std::string& name, MeshData left, glm::vec3 colour) {
        keepInside(left, plan, figure);
        MeshData right = scene::build::reflected(left, 0);
        parts.push_back({"skeleton", name + "_left", std::move(left), colour, false});
        parts.push_back({"skeleton", name + "_right", std::move(right), colour * glm::vec3(0.99f, 0.99f, 1.0f), false});
    };
    const Arm& a = figure.arm;
    addPair("humerus", humerus(a), kBone * glm::vec3(0.97f, 0.96f, 0.98f));
    addPair("radius", radius(a), kBone * glm::vec3(0.98f, 0.96f, 0.94f));
    addPair("ulna", ulna(a), kBone * glm::vec3(0.96f, 0.95f, 0.95f));
    addPair("hand_bones", hand(plan, figure), kBone * glm::vec3(0.99f, 0.96f, 0.92f));
    addPair("patella", patella(figure.leg), kBone * glm::vec3(1.0f, 0.97f, 0.93f));
    addPair("tibia", tibia(figure), kBone * glm::vec3(0.96f, 0.96f, 0.97f));
    addPair("fibula", fibula(figure), kBone * glm::vec3(0.95f, 0.94f, 0.93f));
    addPair("foot_bones", foot(plan, figure), kBone * glm::vec3(0.98f, 0.95f, 0.92f));
    return parts;
}

}  // namespace palpa::anatomy
