// Bones of the axial skeleton and the shoulder girdles away from the psoas region: the skull,
// cervical and thoracic vertebrae (continuing the plan's column up from T12 with the thoracic
// kyphosis), twelve pairs of ribs with their costal cartilages, the sternum ending in the
// xiphoid at the plan's landmark, clavicles and scapulae. Planned in the patient frame around
// the Figure and fitted under the skin with skinField; built on the left (-X), mirrored right.
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include "anatomy/parts.hpp"

namespace palpa::anatomy {
namespace {

const glm::vec3 kBone{0.89f, 0.85f, 0.74f};
const glm::vec3 kCartilage{0.74f, 0.82f, 0.88f};
const glm::vec3 kUpZ{0.0f, 0.0f, 1.0f};
constexpr float kMargin = 0.0055f;  // every vertex at least this far under the skin (field)

MeshData straightTube(glm::vec3 a, glm::vec3 b, float rx, float ry, int segments, glm::vec3 up = kUpZ) {
    TubeOptions o;
    o.segments = segments;
    o.up = up;
    o.cap_rings = 2;
    return scene::build::tube({{a, rx, ry}, {b, rx, ry}}, o);
}

MeshData curvedTube(const std::vector<Section>& controls, int samples, int segments, glm::vec3 up = kUpZ) {
    TubeOptions o;
    o.segments = segments;
    o.up = up;
    o.cap_rings = 2;
    return scene::build::tube(scene::build::smoothPath(controls, samples), o);
}

// The body the bones are fitted into: the plan's torso cross-sections and the figure's skin.
struct Body {
    const BodyPlan& plan;
    const Figure& figure;

    float field(const glm::vec3& p) const { return skinField(plan, figure, p); }

    glm::vec3 gradient(const glm::vec3& p) const {
        const float e = 5e-4f;
        const glm::vec3 g{field(p + glm::vec3(e, 0, 0)) - field(p - glm::vec3(e, 0, 0)),
                          field(p + glm::vec3(0, e, 0)) - field(p - glm::vec3(0, e, 0)),
                          field(p + glm::vec3(0, 0, e)) - field(p - glm::vec3(0, 0, e))};
        const float len = glm::length(g);
        return len > 1e-9f ? g / len : glm::vec3(0.0f, -1.0f, 0.0f);
    }

    // p moved down the field's gradient until it lies at least `depth` under the skin.
    glm::vec3 sunk(glm::vec3 p, float depth) const {
        for (int i = 0; i < 12; ++i) {
            const float d = field(p);
            if (d <= -depth) break;
            p -= gradient(p) * (d + depth + 2e-4f);
        }
        return p;
    }

    // p, or the point on the way from p to `inner` where the skin is first `depth` away.
    glm::vec3 limited(const glm::vec3& p, const glm::vec3& inner, float depth) const {
        if (field(p) <= -depth) return p;
        float lo = 0.0f, hi = 1.0f;  // fraction toward inner: hi inside enough, lo not
        for (int i = 0; i < 24; ++i) {
            const float mid = 0.5f * (lo + hi);
            (field(p + (inner - p) * mid) <= -depth ? hi : lo) = mid;
        }
        return p + (inner - p) * hi;
    }

    // Point `depth` under the torso skin at height z, at `psi` around the left half of the
    // cross-section (0: back midline, pi/2: flank, pi: front midline); never nearer the real
    // skin (rounded shoulders, top of the torso) than `minDepth` by the field.
    glm::vec3 wall(float psi, float z, float depth, float minDepth) const {
        const float a = plan.skinHalfWidth(z), mid = plan.skinMidline(z), back = plan.skinBack(z);
        const float yc = 0.5f * (mid + back), b = 0.5f * (mid - back), n = plan.skinExponent();
        const float c = std::cos(psi), sy = c >= 0.0f ? -1.0f : 1.0f;
        const float ux = std::pow(std::abs(std::sin(psi)), 2.0f / n), uy = std::pow(std::abs(c), 2.0f / n);
        const glm::vec3 skin{-a * ux, yc + sy * b * uy, z};
        glm::vec3 normal{-std::pow(ux, n - 1.0f) / a, sy * std::pow(uy, n - 1.0f) / b, 0.0f};
        normal = glm::length(normal) > 1e-9f ? glm::normalize(normal) : glm::vec3(-1.0f, 0.0f, 0.0f);
        return limited(skin - normal * depth, {0.0f, yc, z}, minDepth);
    }

    // The cross-section angle of the skin at |x| = w on the back (front = false) or front.
    float psiAt(float w, float z, bool front) const {
        const float u = std::clamp(w / plan.skinHalfWidth(z), 0.0f, 1.0f);
        const float s = std::asin(std::pow(u, 0.5f * plan.skinExponent()));
        return front ? kPi - s : s;
    }

    // A smooth tube through the controls with every section's centre sunk deep enough for
    // its radii (the field changes at most about as fast as the distance).
    MeshData fittedTube(const std::vector<Section>& controls, int samples, int segments) const {
        std::vector<Section> path = scene::build::smoothPath(controls, samples);
        for (Section& q : path) q.centre = sunk(q.centre, std::max(q.rx, q.ry) + kMargin + 0.0015f);
        TubeOptions o;
        o.segments = segments;
        o.up = kUpZ;
        o.cap_rings = 2;
        return scene::build::tube(path, o);
    }

    // Final guard: any vertex nearer the skin than kMargin is pushed inward.
    void keepInside(MeshData& m) const {
        for (glm::vec3& p : m.positions) p = sunk(p, kMargin);
    }
};

// ---------------------------------------------------------------------------- vertebrae

struct Level {
    std::string name;
    glm::vec3 c;  // body centre (patient frame)
    float hw, hd, hh;
    float reach;        // transverse process tip from the midline
    float canal;        // depth of the vertebral canal behind the body
    float spine_len, spine_angle;  // spinous process length and downward slope (radians)
};

glm::vec3 transverseTip(const Level& v) { return {-v.reach, v.c.y - v.hd - 0.55f * v.canal - 0.010f, v.c.z}; }

MeshData bodyColumn(glm::vec3 c, float hw, float hd, float hh) {
    TubeOptions o;
    o.segments = 16;
    o.start = Cap::Flat;
    o.end = Cap::Flat;
    o.radius_scale = [](float, float angle) {
        const float cs = std::abs(std::cos(angle)), sn = std::abs(std::sin(angle));
        return std::pow(std::pow(cs, 2.4f) + std::pow(sn, 2.4f), -1.0f / 2.4f);
    };
    std::vector<Section> s;
    for (int i = 0; i <= 3; ++i) {
        const float t = static_cast<float>(i) / 3.0f;
        const float w = 1.0f - 0.06f * std::sin(kPi * t);
        s.push_back({c + glm::vec3(0.0f, 0.0f, -hh + 2.0f * hh * t), hw * w, hd * w});
    }
    return scene::build::tube(s, o);
}

// A vertebra simplified to its body, the arch around the canal, transverse and spinous processes.
MeshData vertebra(const Level& v) {
    MeshData m = bodyColumn(v.c, v.hw, v.hd, v.hh);
    const float yBack = v.c.y - v.hd, z = v.c.z, px = 0.62f * std::max(v.hw, 0.009f);
    const float lamina = yBack - v.canal, ry = std::clamp(0.5f * v.hh, 0.0035f, 0.0055f);
    m.append(curvedTube({{{-px, yBack + 0.002f, z}, 0.0028f, ry},
                         {{-1.05f * px, yBack - 0.55f * v.canal, z}, 0.0028f, ry},
                         {{-0.45f * px, lamina + 0.002f, z}, 0.0025f, ry},
                         {{0.0f, lamina, z}, 0.0025f, ry},
                         {{0.45f * px, lamina + 0.002f, z}, 0.0025f, ry},
                         {{1.05f * px, yBack - 0.55f * v.canal, z}, 0.0028f, ry},
                         {{px, yBack + 0.002f, z}, 0.0028f, ry}},
                        13, 8));
    const glm::vec3 tip = transverseTip(v);
    for (float side : {-1.0f, 1.0f})
        m.append(straightTube({side * px, yBack - 0.55f * v.canal, z}, {side * tip.x, tip.y, tip.z}, 0.0032f,
                              0.0035f, 8));
    const glm::vec3 spine{0.0f, lamina - v.spine_len * std::cos(v.spine_angle), z - v.spine_len * std::sin(v.spine_angle)};
    m.append(straightTube({0.0f, lamina + 0.002f, z}, spine, 0.0025f, 0.0050f, 8));
    return m;
}

// T1..T11 (index 0..10) above the plan's T12 (index 11), in the patient frame.
std::array<Level, 12> thoracicLevels(const BodyPlan& plan, const Figure& f) {
    std::array<Level, 12> out;
    const Vertebra& t12 = plan.vertebrae[0];
    out[11] = {"T12", t12.centre + plan.deepShift(), t12.half_width, t12.half_depth, t12.half_height,
               t12.process_reach, 0.016f, 0.028f, 0.2f};
    // Heights grow downward (1.6 cm at T1 to 2.4 cm at T11 before scaling), discs 5-7 mm; the
    // column is scaled so that T1 sits just under the top of the torso.
    std::array<float, 11> hh{}, disc{};
    float raw = t12.half_height;
    for (int k = 10; k >= 0; --k) {
        const auto i = static_cast<std::size_t>(k);
        hh[i] = 0.0075f + 0.0004f * static_cast<float>(k + 1);
        disc[i] = 0.0045f + 0.00025f * static_cast<float>(k + 1);
        raw += disc[i] + 2.0f * hh[i];
    }
    raw -= hh[0];
    const float top = f.torso_top_z - 0.012f;
    const float scale = (top - out[11].c.z) / raw;
    // Kyphosis: bodies curve back from T12 to T6 and forward again to T1 (metres behind T12).
    static constexpr std::array<float, 11> kBack{0.014f, 0.022f, 0.028f, 0.033f, 0.036f, 0.037f,
                                                 0.035f, 0.030f, 0.023f, 0.016f, 0.008f};
    float z = out[11].c.z + scale * out[11].hh;
    for (int k = 10; k >= 0; --k) {
        const auto i = static_cast<std::size_t>(k);
        const float t = static_cast<float>(k) / 10.0f;  // 0 at T1, 1 at T11
        z += scale * (disc[i] + hh[i]);
        out[i] = {"T" + std::to_string(k + 1), {0.0f, out[11].c.y - kBack[i], z},
                  0.0135f + 0.0065f * t, 0.0085f + 0.0050f * t, scale * hh[i],
                  0.036f - 0.007f * t, 0.016f, 0.030f,
                  0.45f + 0.55f * std::sin(kPi * std::clamp(0.15f + 0.9f * t, 0.0f, 1.0f))};
        z += scale * hh[i];
    }
    return out;
}

// C1..C7 (index 0..6), from the skull base down to T1.
std::array<Level, 7> cervicalLevels(const Figure& f, const Level& t1) {
    std::array<Level, 7> out;
    const glm::vec3 c1{0.0f, f.neck_top.y - 0.004f, f.head_centre.z - 0.068f};
    const glm::vec3 c7{0.0f, t1.c.y + 0.002f, t1.c.z + t1.hh + 0.0045f + 0.0065f};
    for (int k = 0; k < 7; ++k) {
        const auto i = static_cast<std::size_t>(k);
        const float t = static_cast<float>(k) / 6.0f;  // 0 at C1, 1 at C7
        glm::vec3 c = c1 + (c7 - c1) * t;
        c.y += 0.008f * std::sin(kPi * t);  // cervical lordosis
        const float hh = k == 0 ? 0.005f : 0.0058f + 0.0009f * t;
        const float len = k == 6 ? 0.024f : k == 1 ? 0.017f : 0.011f + 0.006f * t;
        out[i] = {"C" + std::to_string(k + 1), c, 0.0078f + 0.0030f * t, 0.0072f + 0.0006f * t, hh,
                  k == 0 ? 0.034f : 0.022f + 0.008f * t, 0.013f, len, 0.30f + 0.15f * t};
    }
    return out;
}

// The atlas: a ring of arches and lateral masses with wide transverse processes.
MeshData atlas(const Level& v) {
    const glm::vec3 c = v.c;
    MeshData m = curvedTube({{c + glm::vec3(-0.016f, 0.003f, 0.0f), 0.0030f, 0.0045f},
                             {c + glm::vec3(0.0f, 0.011f, 0.0f), 0.0035f, 0.0050f},
                             {c + glm::vec3(0.016f, 0.003f, 0.0f), 0.0030f, 0.0045f}},
                            9, 8);
    m.append(curvedTube({{c + glm::vec3(-0.017f, -0.006f, 0.0f), 0.0030f, 0.0040f},
                         {c + glm::vec3(-0.011f, -0.019f, 0.0f), 0.0030f, 0.0040f},
                         {c + glm::vec3(0.0f, -0.024f, 0.0f), 0.0035f, 0.0045f},
                         {c + glm::vec3(0.011f, -0.019f, 0.0f), 0.0030f, 0.0040f},
                         {c + glm::vec3(0.017f, -0.006f, 0.0f), 0.0030f, 0.0040f}},
                        11, 8));
    for (float side : {-1.0f, 1.0f}) {
        m.append(scene::build::ellipsoid(c + glm::vec3(side * 0.018f, -0.002f, 0.0f), {0.006f, 0.009f, 0.006f}, 6, 10));
        m.append(straightTube(c + glm::vec3(side * 0.018f, -0.002f, 0.0f),
                              c + glm::vec3(side * v.reach, -0.004f, -0.001f), 0.0035f, 0.0035f, 8));
    }
    return m;
}

// ---------------------------------------------------------------------------- thorax

struct Sternum {
    float notch, angle, junction;  // jugular notch, sternal angle, xiphisternal junction (z)
    std::array<float, 7> costal;   // where cartilages 1-7 meet it (z)
};

Sternum sternumPlan(const BodyPlan& plan, const Figure& f) {
    Sternum s;
    s.notch = f.torso_top_z - 0.036f;
    s.angle = s.notch - 0.050f;
    s.junction = plan.xiphoid().z + 0.047f;
    s.costal[0] = s.notch - 0.018f;
    s.costal[1] = s.angle;
    static constexpr std::array<float, 5> kFraction{0.24f, 0.45f, 0.64f, 0.82f, 1.0f};
    for (std::size_t i = 0; i < 5; ++i) s.costal[i + 2] = s.angle - kFraction[i] * (s.angle - s.junction);
    return s;
}

// Sternum centre line y (its front 1-1.3 cm under the skin, like the xiphoid) and half width.
float sternumY(const BodyPlan& plan, float z) { return plan.skinMidline(z) - 0.0165f - 0.3f * plan.soft; }

float sternumHalfWidth(const Sternum& s, float z) {
    if (z > s.angle) return 0.016f + 0.010f * smoothstep(s.angle, s.notch - 0.012f, z);
    const float t = (s.angle - z) / (s.angle - s.junction);
    return 0.0135f + 0.0045f * std::sin(kPi * std::min(1.0f, t * 0.85f)) - 0.002f * t;
}

MeshData sternum(const Body& body, const Sternum& s) {
    auto at = [&](float z, float ry) {
        return body.sunk({0.0f, sternumY(body.plan, z), z}, ry + kMargin + 0.001f);
    };
    const glm::vec3 up{0.0f, 1.0f, 0.0f};
    MeshData m = curvedTube({{at(s.notch, 0.006f), 0.022f, 0.006f},
                             {at(s.notch - 0.016f, 0.0065f), sternumHalfWidth(s, s.notch - 0.016f), 0.0065f},
                             {at(s.angle + 0.004f, 0.006f), 0.016f, 0.006f}},
                            7, 16, up);
    std::vector<Section> bodyControls;
    for (int i = 0; i <= 5; ++i) {
        const float z = s.angle + 0.002f - (s.angle + 0.002f - s.junction) * static_cast<float>(i) / 5.0f;
        bodyControls.push_back({at(z, 0.0052f), sternumHalfWidth(s, z), 0.0052f});
    }
    m.append(curvedTube(bodyControls, 13, 16, up));
    // The xiphoid: its round tip's pole lands exactly on the plan's landmark.
    const glm::vec3 tip = body.plan.xiphoid();
    const glm::vec3 top = at(s.junction + 0.002f, 0.0032f);
    const float rEnd = 0.0025f;
    const glm::vec3 last = tip - glm::normalize(tip - top) * rEnd;
    TubeOptions o;
    o.segments = 12;
    o.up = up;
    o.cap_rings = 3;
    m.append(scene::build::tube({{top, 0.0095f, 0.0032f}, {last, 0.0045f, rEnd}}, o));
    return m;
}

// Posterior rib depth is larger (back muscles and the scapula over it), 1.8 cm in front.
float ribDepth(float psi, float soft) {
    const float d = 0.030f - 0.0045f * smoothstep(0.95f, 1.4f, psi) - 0.0075f * smoothstep(1.4f, 1.95f, psi);
    return d + 0.25f * soft;
}

struct RibPlan {
    float squeeze;  // narrowing of the upper ribs inside the thoracic inlet
    float x_end, z_end;
    bool front;     // ends at the front (costal cartilage) or floats on the back/flank
    float psi_end;  // used when x_end is 0
};

constexpr std::array<RibPlan, 12> kRibs{{{0.42f, 0.040f, 0.0f, true, 0.0f},
                                         {0.62f, 0.058f, 0.0f, true, 0.0f},
                                         {0.78f, 0.070f, 0.0f, true, 0.0f},
                                         {0.89f, 0.080f, 0.0f, true, 0.0f},
                                         {0.95f, 0.089f, 0.0f, true, 0.0f},
                                         {0.98f, 0.097f, 0.0f, true, 0.0f},
                                         {1.0f, 0.105f, 0.0f, true, 0.0f},
                                         {1.0f, 0.114f, 0.0f, true, 0.0f},
                                         {1.0f, 0.124f, 0.0f, true, 0.0f},
                                         {1.0f, 0.133f, 0.0f, true, 0.0f},
                                         {1.0f, 0.0f, 0.080f, false, 0.5f * kPi + 0.30f},
                                         {1.0f, 0.0f, 0.095f, false, 0.88f}}};

// Anterior end heights (costochondral junctions) of ribs 1-10.
std::array<float, 10> ribEndZ(const Sternum& s) {
    std::array<float, 10> z{};
    z[0] = s.costal[0] - 0.012f;
    for (std::size_t i = 1; i < 7; ++i) z[i] = s.costal[i] - 0.026f - 0.0115f * static_cast<float>(i);
    z[7] = z[6] - 0.030f;
    z[8] = z[7] - 0.025f;
    z[9] = z[8] - 0.020f;
    return z;
}

// Rib k (0-based) from its vertebra around the chest; `end` receives the anterior end.
MeshData rib(const Body& body, const Level& v, std::size_t k, float zEnd, glm::vec3& end) {
    const RibPlan& r = kRibs[k];
    const float soft = body.plan.soft;
    const glm::vec3 head{-(v.hw + 0.003f), v.c.y - 0.25f * v.hd, v.c.z + 0.25f * v.hh};
    const glm::vec3 tp = transverseTip(v);
    const glm::vec3 tubercle = tp + glm::vec3(0.004f, 0.006f, -0.002f);
    // Radii (up = z): broad and flat for rib 1, tall and thin for the others.
    const bool first = k == 0, second = k == 1;
    const float rx = first ? 0.0065f : second ? 0.0042f : 0.0030f;
    const float ry = first ? 0.0028f : second ? 0.0048f : k >= 10 ? 0.0055f : 0.0065f;
    std::vector<Section> c{{head, 0.0045f, 0.0045f}, {tubercle, 0.0045f, 0.005f}};
    const float zStart = v.c.z - 0.006f;
    const float psi0 = body.psiAt((-tp.x + (first ? 0.012f : 0.018f)) / r.squeeze, zStart, false);
    const float zLast = r.front ? zEnd : r.z_end;
    const float psi1 = r.front ? body.psiAt(r.x_end / r.squeeze, zLast, true) : r.psi_end;
    const int n = std::max(4, static_cast<int>((psi1 - psi0) / 0.16f));
    const float backLimit = first ? 0.0f : second ? 0.006f : 0.016f;
    for (int i = 0; i <= n; ++i) {
        const float u = static_cast<float>(i) / static_cast<float>(n);
        const float psi = psi0 + (psi1 - psi0) * u;
        const float z = zStart + (zLast - zStart) * (1.0f - std::pow(1.0f - u, 1.4f));
        glm::vec3 q = body.wall(psi, z, ribDepth(psi, soft), ry + kMargin + 0.0015f);
        q.x *= r.squeeze;
        if (psi < 0.5f * kPi) q.y = std::max(q.y, tubercle.y - backLimit);
        const float taper = r.front ? 1.0f : 1.0f - 0.5f * u * u;
        c.push_back({q, rx * (r.front ? 1.0f + 0.2f * u : taper), ry * taper});
    }
    end = c.back().centre;
    return curvedTube(c, 8 + 2 * n, 10);
}

// Costal cartilages: 1-7 to the sternum, 8-10 each to the cartilage above.
MeshData cartilages(const Body& body, const Sternum& s, const std::array<glm::vec3, 10>& ends) {
    MeshData m;
    const float depth = 0.019f + 0.25f * body.plan.soft;
    std::vector<glm::vec3> previous;
    for (std::size_t k = 0; k < 10; ++k) {
        const glm::vec3 a = ends[k];
        glm::vec3 b;
        if (k < 7) {
            const float z = s.costal[k];
            b = {-(sternumHalfWidth(s, z) - 0.003f), sternumY(body.plan, z), z};
        } else {
            b = previous[previous.size() * 11 / 20] + glm::vec3(0.0f, -0.002f, 0.0f);
        }
        const float rx = k == 0 ? 0.0060f : 0.0042f, ry = k == 0 ? 0.0035f : 0.0055f;
        std::vector<Section> c{{a, rx, ry}};
        for (int i = 1; i <= 3; ++i) {
            const float u = static_cast<float>(i) / 4.0f;
            const float x = a.x + (b.x - a.x) * u;
            const float z = a.z + (b.z - a.z) * (k >= 5 ? u * u : u);
            glm::vec3 q{x, body.plan.skinAnteriorY(x, z) - depth, z};
            c.push_back({body.sunk(q, ry + kMargin + 0.0015f), rx, ry});
        }
        c.push_back({b, rx, ry});
        const std::vector<Section> path = scene::build::smoothPath(c, 14);
        previous.clear();
        for (const Section& q : path) previous.push_back(q.centre);
        TubeOptions o;
        o.segments = 8;
        o.up = kUpZ;
        o.cap_rings = 2;
        m.append(scene::build::tube(path, o));
    }
    return m;
}

// ---------------------------------------------------------------------------- girdle

// The left scapula: a curved triangular blade over the back of the ribs, its spine and
// acromion, the glenoid beside the humeral head and the coracoid process.
MeshData scapula(const Body& body, glm::vec3& acromionEnd) {
    const Figure& f = body.figure;
    const float soft = body.plan.soft, d = 0.016f + 0.25f * soft;
    const glm::vec3 sh = f.arm.shoulder;
    // Corners in (psi, z): inferior angle (a short edge) about T8, superior angle about T2,
    // lateral angle at the glenoid.
    const float zInf = sh.z - 0.125f;
    const glm::vec2 bl{0.39f, zInf}, br{0.45f, zInf - 0.002f}, tl{0.28f, sh.z + 0.020f}, tr{1.28f, sh.z - 0.008f};
    auto point = [&](float u, float v) {
        const glm::vec2 q = (bl * (1.0f - u) + br * u) * (1.0f - v) + (tl * (1.0f - u) + tr * u) * v;
        return body.wall(q.x, q.y, d, 0.0125f);
    };
    auto surface = [&](float u, float v) {
        const float e = 0.01f;
        const glm::vec3 du = point(std::min(1.0f, u + e), v) - point(std::max(0.0f, u - e), v);
        const glm::vec3 dv = point(u, std::min(1.0f, v + e)) - point(u, std::max(0.0f, v - e));
        const glm::vec3 p = point(u, v);
        glm::vec3 n = glm::normalize(glm::cross(du, dv));
        const float z = p.z;
        const glm::vec3 centre{0.0f, 0.5f * (body.plan.skinMidline(z) + body.plan.skinBack(z)), z};
        if (glm::dot(n, p - centre) < 0.0f) n = -n;  // outward: toward the back skin
        return SurfacePoint{p, n};
    };
    MeshData m = scene::build::shell(surface, [](float u, float) { return 0.0035f + 0.002f * u * u; }, 14, 12);

    // Glenoid and neck facing the humeral head; coracoid hooking forward above it.
    const glm::vec3 glenoid = sh + glm::vec3(0.031f, 0.0f, -0.002f);
    m.append(scene::build::ellipsoid(glenoid, {0.007f, 0.012f, 0.017f}, 8, 12));
    m.append(straightTube(point(0.92f, 0.9f), glenoid + glm::vec3(0.006f, 0.0f, 0.0f), 0.008f, 0.010f, 10));
    m.append(body.fittedTube({{glenoid + glm::vec3(0.006f, 0.004f, 0.018f), 0.0045f, 0.0045f},
                         {glenoid + glm::vec3(0.004f, 0.018f, 0.020f), 0.0045f, 0.0045f},
                         {glenoid + glm::vec3(-0.002f, 0.028f, 0.012f), 0.004f, 0.004f}},
                        7, 8));
    // Spine: a ridge from the medial border out to the acromion over the shoulder.
    acromionEnd = body.sunk(sh + glm::vec3(-0.002f, 0.004f, 0.033f), 0.0045f + kMargin);
    const float zs = sh.z - 0.020f;
    std::vector<Section> spine{{body.wall(0.30f, zs, d - 0.006f, 0.0100f), 0.003f, 0.005f},
                               {body.wall(0.70f, zs + 0.006f, d - 0.007f, 0.0105f), 0.003f, 0.006f},
                               {body.wall(1.10f, zs + 0.016f, d - 0.007f, 0.0130f), 0.004f, 0.006f},
                               {body.sunk(sh + glm::vec3(0.012f, -0.016f, 0.030f), 0.0045f + kMargin + 0.003f), 0.009f, 0.0045f},
                               {acromionEnd, 0.010f, 0.0035f}};
    m.append(body.fittedTube(spine, 17, 10));
    return m;
}

MeshData clavicle(const Body& body, const Sternum& s, const glm::vec3& acromionEnd) {
    const float z0 = s.notch - 0.004f;
    const glm::vec3 medial{-(sternumHalfWidth(s, z0) - 0.002f), sternumY(body.plan, z0) + 0.002f, z0 + 0.002f};
    const glm::vec3 lateral = acromionEnd + glm::vec3(0.008f, 0.008f, 0.0f);
    const glm::vec3 span = lateral - medial;
    auto at = [&](float t, glm::vec3 offset, float rx, float ry) {
        return Section{body.sunk(medial + span * t + offset, std::max(rx, ry) + kMargin + 0.002f), rx, ry};
    };
    return body.fittedTube({at(0.0f, {0.0f, 0.0f, 0.0f}, 0.008f, 0.008f),
                       at(0.3f, {0.0f, 0.010f, 0.004f}, 0.006f, 0.0055f),
                       at(0.6f, {0.0f, 0.006f, 0.005f}, 0.0055f, 0.005f),
                       at(0.85f, {0.0f, -0.004f, 0.003f}, 0.0075f, 0.0042f),
                       at(1.0f, {0.0f, 0.0f, 0.0f}, 0.0085f, 0.0038f)},
                      17, 10);
}

// ---------------------------------------------------------------------------- skull

// Cranium, facial skeleton and mandible, planned in the head ellipsoid's unit coordinates
// (q = (p - centre) / radii) so that they keep the same margin under the scalp and face.
MeshData skull(const Figure& f) {
    const glm::vec3 hc = f.head_centre, hr = f.head_radii;
    auto at = [&](glm::vec3 q) { return hc + q * hr; };
    // Cranium: the head's ellipsoid shrunk under the scalp, its base flattened (smoothly and
    // monotonically, so that nothing folds) from the orbits' roof down to the occiput.
    MeshData m = scene::build::ellipsoid(hc, hr * 0.905f, 18, 28);
    scene::build::deform(m, [&](const glm::vec3& p) {
        glm::vec3 q = (p - hc) / hr;
        const float base = -0.20f - 0.40f * smoothstep(0.3f, -0.3f, q.y), k = 0.08f;
        if (q.z < base + k) q.z = base + k * std::exp((q.z - base - k) / k);
        return hc + q * hr;
    });
    // Face: maxilla, cheek bones, nasal bones and the zygomatic arches.
    m.append(scene::build::ellipsoid(at({0.0f, 0.52f, -0.30f}), glm::vec3(0.42f, 0.34f, 0.28f) * hr, 10, 16));
    for (float side : {-1.0f, 1.0f}) {
        m.append(scene::build::ellipsoid(at({side * 0.50f, 0.50f, -0.12f}), glm::vec3(0.18f, 0.16f, 0.14f) * hr, 8, 12));
        m.append(straightTube(at({side * 0.58f, 0.46f, -0.16f}), at({side * 0.78f, -0.06f, -0.22f}), 0.004f,
                              0.0045f, 8, {0.0f, 1.0f, 0.0f}));
    }
    m.append(straightTube(at({0.0f, 0.83f, 0.04f}), at({0.0f, 0.89f, -0.12f}), 0.0045f, 0.0035f, 8, {0.0f, 1.0f, 0.0f}));
    // Mandible: condyle, ramus, angle, body to the chin and back up the other side.
    std::vector<Section> jaw;
    for (float side : {-1.0f, 1.0f}) {
        const float s = side;
        std::vector<Section> half{{at({s * 0.64f, -0.10f, -0.30f}), 0.0050f, 0.0060f},
                                  {at({s * 0.62f, -0.06f, -0.48f}), 0.0035f, 0.0100f},
                                  {at({s * 0.58f, -0.02f, -0.64f}), 0.0045f, 0.0095f},
                                  {at({s * 0.46f, 0.36f, -0.74f}), 0.0055f, 0.0100f},
                                  {at({s * 0.26f, 0.62f, -0.78f}), 0.0060f, 0.0105f}};
        if (side < 0.0f) jaw.insert(jaw.end(), half.begin(), half.end());
        else jaw.insert(jaw.end(), half.rbegin(), half.rend());
        if (side < 0.0f) jaw.push_back({at({0.0f, 0.74f, -0.77f}), 0.0070f, 0.0110f});
    }
    m.append(curvedTube(jaw, 41, 10, glm::normalize(glm::vec3(0.0f, 0.45f, 0.9f))));
    return m;
}

}  // namespace

std::vector<Part> buildAxialSkeleton(const BodyPlan& plan, const Figure& figure) {
    const Body body{plan, figure};
    std::vector<Part> parts;
    auto add = [&](std::string name, MeshData mesh, glm::vec3 colour) {
        body.keepInside(mesh);
        parts.push_back({"skeleton", std::move(name), std::move(mesh), colour, false});
    };
    auto addPair = [&](const std::string& name, MeshData left, glm::vec3 colour) {
        body.keepInside(left);
        MeshData right = scene::build::reflected(left, 0);
        parts.push_back({"skeleton", name + "_left", std::move(left), colour, false});
        parts.push_back({"skeleton", name + "_right", std::move(right), colour * glm::vec3(0.99f, 0.99f, 1.0f), false});
    };

    add("skull", skull(figure), kBone * glm::vec3(1.0f, 0.99f, 0.97f));
    const std::array<Level, 12> thoracic = thoracicLevels(plan, figure);
    const std::array<Level, 7> cervical = cervicalLevels(figure, thoracic[0]);
    for (std::size_t i = 0; i < cervical.size(); ++i) {
        MeshData m = i == 0 ? atlas(cervical[0]) : vertebra(cervical[i]);
        if (i == 1)  // the dens of the axis rises into the atlas ring
            m.append(straightTube(cervical[1].c, cervical[0].c + glm::vec3(0.0f, 0.004f, 0.004f), 0.0045f, 0.0045f, 8));
        add("vertebra_" + cervical[i].name, std::move(m), kBone * glm::vec3(0.98f, 0.97f, 0.96f));
    }
    for (std::size_t i = 0; i < 11; ++i)
        add("vertebra_" + thoracic[i].name, vertebra(thoracic[i]), kBone);

    const Sternum st = sternumPlan(plan, figure);
    const std::array<float, 10> zEnds = ribEndZ(st);
    std::array<glm::vec3, 10> ends{};
    for (std::size_t k = 0; k < 12; ++k) {
        glm::vec3 end;
        MeshData m = rib(body, thoracic[k], k, k < 10 ? zEnds[k] : 0.0f, end);
        if (k < 10) ends[k] = end;
        addPair("rib_" + std::to_string(k + 1), std::move(m), kBone * glm::vec3(0.97f, 0.96f, 0.93f));
    }
    addPair("costal_cartilages", cartilages(body, st, ends), kCartilage);
    add("sternum", sternum(body, st), kBone * glm::vec3(0.99f, 0.97f, 0.95f));
    glm::vec3 acromionEnd;
    MeshData scap = scapula(body, acromionEnd);
    addPair("clavicle", clavicle(body, st, acromionEnd), kBone * glm::vec3(0.96f, 0.97f, 0.95f));
    addPair("scapula", std::move(scap), kBone * glm::vec3(0.95f, 0.94f, 0.92f));
    return parts;
}

}  // namespace palpa::anatomy
