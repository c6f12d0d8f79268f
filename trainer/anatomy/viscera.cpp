// Organs and soft tissue beside the psoas: the kidneys on the posterior wall lateral of it,
// the diaphragm's domes on their crura, the colon framing the small-bowel loops in front of
// the psoas and the great vessels, and the femoral vessels running on from the external
// iliacs into the thigh. The kidneys are planned in the deep frame; the rest in the patient
// frame. The bowel is fitted between the abdominal wall (which follows the skin) and the deep
// structures (which follow the spine), so that it keeps clear of both at every body mass.
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include "anatomy/parts.hpp"

namespace palpa::anatomy {
namespace {

const glm::vec3 kKidney{0.50f, 0.19f, 0.16f};
const glm::vec3 kDiaphragm{0.68f, 0.27f, 0.25f};
const glm::vec3 kColon{0.80f, 0.60f, 0.46f};
const glm::vec3 kSmallBowel{0.93f, 0.63f, 0.59f};
const glm::vec3 kArtery{0.76f, 0.10f, 0.11f};
const glm::vec3 kVein{0.17f, 0.27f, 0.72f};

// The undeformed skin's cross-section at height z: the point at angle a (0 = the patient's
// right, pi/2 = the anterior midline) and its outward normal in the x-y plane.
SurfacePoint skinSection(const BodyPlan& p, float a, float z) {
    auto at = [&p, z](float angle) {
        const float w = p.skinHalfWidth(z), mid = p.skinMidline(z), back = p.skinBack(z);
        const float yc = 0.5f * (mid + back), b = 0.5f * (mid - back), n = p.skinExponent();
        const float c = std::cos(angle), s = std::sin(angle);
        const float k = std::pow(std::pow(std::abs(c), n) + std::pow(std::abs(s), n), -1.0f / n);
        return glm::vec3(w * c * k, yc + b * s * k, z);
    };
    const glm::vec3 d = at(a + 1e-3f) - at(a - 1e-3f);
    return {at(a), glm::normalize(glm::vec3(d.y, -d.x, 0.0f))};  // counter-clockwise: outward
}

// ---------------------------------------------------------------------------------------
// Kidneys (deep frame): beans 11 x 5 x 3 cm on quadratus lumborum, lateral of the psoas,
// the hilum turned anteromedially, the upper pole tilted medially and back.

MeshData kidneyLeft(const glm::vec3& centre) {
    // Local frame: +x medial, +y anterior, +z superior. The hilum dents the medial border.
    MeshData m = scene::build::ellipsoid({0.0f, 0.0f, 0.0f}, {0.026f, 0.016f, 0.055f}, 28, 36,
                                         [](const glm::vec3& d) {
                                             const float hilum = std::exp(-(1.0f - d.x) / 0.22f) *
                                                                 std::exp(-d.z * d.z / 0.09f);
                                             return -0.009f * hilum + 0.002f * d.z * (1.0f - std::abs(d.x));
                                         });
    // Turn (radians) about the long axis (hilum forward), in the coronal plane (upper pole
    // medial) and the sagittal plane (upper pole back).
    auto turn = [](float a, float b, float angle) {
        return glm::vec2(a * std::cos(angle) - b * std::sin(angle), a * std::sin(angle) + b * std::cos(angle));
    };
    scene::build::deform(m, [&](const glm::vec3& q) {
        const glm::vec2 xy = turn(q.x, q.y, 0.50f);
        const glm::vec2 zx = turn(q.z, xy.x, 0.26f);
        const glm::vec2 zy = turn(zx.x, xy.y, -0.10f);
        return centre + glm::vec3(zx.y, zy.y, zy.x);  // local medial (+x) is +X on the left
    });
    return m;
}

// Kidney centres (deep frame): T12 to L3, the left a vertebra's half-height higher.
glm::vec3 kidneyCentre(float side) {
    return side < 0.0f ? glm::vec3(-0.081f, -0.100f, 0.088f) : glm::vec3(-0.083f, -0.100f, 0.071f);
}

MeshData kidney(float side) {
    const MeshData left = kidneyLeft(kidneyCentre(side));
    return side < 0.0f ? left : scene::build::reflected(left, 0);
}

// ---------------------------------------------------------------------------------------
// The diaphragm (patient frame): a dome over the cavity's cross-section whose rim runs on
// the inner face of the body wall (anteriorly under the xiphoid, laterally along the lower
// ribs, posteriorly over quadratus lumborum, psoas and the aortic hiatus), the right dome
// higher than the left; and the two crura running down the column beside the aorta.

MeshData diaphragm(const BodyPlan& p) {
    const glm::vec3 shift = p.deepShift();
    // Under the fat and the wall muscles; in front just behind the rectus and the xiphoid.
    const float lateralInset = p.fat + 0.022f;
    const float halfWidth = p.skinHalfWidth(0.13f) - lateralInset - 0.009f;
    // The wall's inner face (shrunken skin section) in front of and behind x at height z.
    auto wall = [&](float x, float z, float sign) {
        const float inset = p.fat + 0.015f + 0.007f * smoothstep(0.04f, 0.09f, std::abs(x));
        const float a = p.skinHalfWidth(z) - inset, mid = p.skinMidline(z), back = p.skinBack(z);
        const float yc = 0.5f * (mid + back), b = 0.5f * (mid - back) - inset, n = p.skinExponent();
        return yc + sign * b * std::pow(std::max(0.0f, 1.0f - std::pow(std::abs(x) / a, n)), 1.0f / n);
    };
    // Rim heights: the front under the xiphoid falling along the costal margin to the sides;
    // the back low over quadratus lumborum and psoas, arched over the aorta at the hiatus.
    auto rimFront = [](float xn) { return 0.122f + 0.056f * (1.0f - xn * xn) * (1.0f - xn * xn); };
    auto rimBack = [](float x) { return 0.104f + 0.068f * std::exp(-x * x / (0.036f * 0.036f)); };
    auto frontY = [&](float x) { return wall(x, rimFront(x / halfWidth), 1.0f); };
    auto backY = [&](float x) {
        const float column = -0.126f + 0.055f * std::exp(-x * x / (0.040f * 0.040f)) + shift.y;
        return std::max(column, wall(x, rimBack(x), -1.0f) + 0.004f);
    };
    // Dome tops: the right near z 0.25, the left 0.23, the central tendon between them lower.
    auto top = [](float x, float dy) {
        auto bump = [](float ex, float ey) {
            return std::exp(-(ex * ex + ey * ey) / (2.0f * 0.042f * 0.042f));
        };
        return 0.200f + 0.062f * bump(x - 0.060f, dy) + 0.038f * bump(x + 0.065f, dy + 0.004f);
    };
    auto point = [&](float u, float v) {
        const float su = 2.0f * u - 1.0f, sv = 2.0f * v - 1.0f;
        const float x = su * halfWidth;
        const float y0 = backY(x), y1 = frontY(x);
        const float y = y0 + v * (y1 - y0);
        const float rim = rimBack(x) + smoothstep(0.0f, 1.0f, v) * (rimFront(su) - rimBack(x));
        const float g = std::max(0.0f, (1.0f - su * su * su * su) * (1.0f - sv * sv * sv * sv));
        return glm::vec3(x, y, rim + (top(x, y - 0.5f * (y0 + y1)) - rim) * std::sqrt(g));
    };
    auto surface = [&](float u, float v) {
        const float e = 1e-3f;
        const glm::vec3 du = point(std::min(1.0f, u + e), v) - point(std::max(0.0f, u - e), v);
        const glm::vec3 dv = point(u, std::min(1.0f, v + e)) - point(u, std::max(0.0f, v - e));
        glm::vec3 n = glm::cross(du, dv);  // x grows with u, y with v: faces up (the thorax)
        const float len = glm::length(n);
        n = len > 1e-12f ? n / len : glm::vec3(0.0f, 0.0f, 1.0f);
        return SurfacePoint{point(u, v), n};
    };
    MeshData m = scene::build::shell(surface, [](float, float) { return 0.0035f; }, 36, 36);

    // Crura: tendinous bands from the hiatus down the front-lateral bodies, clear of the aorta
    // (just left of the midline) and the vena cava (right).
    auto columnFront = [&p](float z) { return p.spineY(z) + p.vertebrae[4].half_depth; };
    const float hiatusZ = rimBack(0.0f);
    for (float side : {-1.0f, 1.0f}) {
        const float endZ = side > 0.0f ? p.vertebrae[3].centre.z : p.vertebrae[2].centre.z;
        auto at = [&](float x, float z, float inward) {
            return glm::vec3(side * x, columnFront(z) - inward, z) + shift;
        };
        m.append(smoothTube({{at(0.019f, hiatusZ + 0.002f, 0.004f), 0.0050f, 0.0035f},
                             {at(0.023f, hiatusZ - 0.030f, 0.005f), 0.0050f, 0.0035f},
                             {at(0.025f, 0.5f * (hiatusZ + endZ) - 0.012f, 0.005f), 0.0045f, 0.0032f},
                             {at(0.024f, endZ, 0.005f), 0.0030f, 0.0025f}},
                            24, 14, Cap::Round, Cap::Round));
    }
    return m;
}

// ---------------------------------------------------------------------------------------
// The cavity the bowel fills, as height fields over a grid in x and z (patient frame): the
// front of the deep structures (the floor) and the inner face of the body wall.

class Cavity {
public:
    Cavity(const BodyPlan& p, const std::vector<MeshData>& deep)
        : floor_(kCells, kNone), front_(kCells, kNone), back_(kCells, -kNone) {
        const glm::vec3 shift = p.deepShift();
        std::vector<float> raw(kCells, kNone);
        for (const MeshData& m : deep)
            for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3) {
                const glm::vec3 a = m.positions[m.indices[t]] + shift;
                const glm::vec3 b = m.positions[m.indices[t + 1]] + shift;
                const glm::vec3 c = m.positions[m.indices[t + 2]] + shift;
                const float edge = std::max({glm::length(b - a), glm::length(c - b), glm::length(a - c)});
                const int n = 1 + static_cast<int>(edge / (0.5f * kStep));
                for (int i = 0; i <= n; ++i)
                    for (int j = 0; i + j <= n; ++j) {
                        const float u = static_cast<float>(i) / static_cast<float>(n);
                        const float v = static_cast<float>(j) / static_cast<float>(n);
                        const glm::vec3 q = a + (b - a) * u + (c - a) * v;
                        const int cell = index(q.x, q.z);
                        if (cell < 0) continue;
                        float& top = raw[static_cast<std::size_t>(cell)];
                        top = std::max(top, q.y);
                    }
            }
        // Dilate by two cells so that a fitted ellipse sampled every few millimetres clears it.
        for (int iz = 0; iz < kNz; ++iz)
            for (int ix = 0; ix < kNx; ++ix) {
                float best = kNone;
                for (int dz = -2; dz <= 2; ++dz)
                    for (int dx = -2; dx <= 2; ++dx) {
                        const int jx = ix + dx, jz = iz + dz;
                        if (jx >= 0 && jx < kNx && jz >= 0 && jz < kNz)
                            best = std::max(best, raw[static_cast<std::size_t>(jz * kNx + jx)]);
                    }
                floor_[static_cast<std::size_t>(iz * kNx + ix)] = best;
            }
        // The wall's inner face: the skin's section moved in along its normal by the fat and
        // the muscle layers (thinner over the recti than over the three flat muscles).
        for (int iz = 0; iz < kNz; ++iz) {
            const float z = kZ0 + kStep * static_cast<float>(iz);
            if (z < kBowelLow || z > kBowelHigh) continue;  // no bowel there: no wall needed
            constexpr int kAngles = 720;
            glm::vec2 previous{};
            for (int k = 0; k <= kAngles; ++k) {
                const SurfacePoint s = skinSection(p, 2.0f * kPi * static_cast<float>(k) / kAngles, z);
                const float lateral = smoothstep(0.065f, 0.085f, std::abs(s.position.x));
                const float inset = p.fat + 0.0145f + 0.0065f * lateral;
                const glm::vec2 q{s.position.x - s.normal.x * inset, s.position.y - s.normal.y * inset};
                if (k > 0) rasterSpan(iz, previous, q);
                previous = q;
            }
        }
    }

    // Front of the deep structures (dilated); kNone where there are none.
    float floorAt(glm::vec2 xz) const {
        const int cell = index(xz.x, xz.y);
        return cell < 0 ? kNone : floor_[static_cast<std::size_t>(cell)];
    }
    // The wall's inner face in front (kNone: outside the wall at this x) and behind.
    float wallFront(glm::vec2 xz) const { return sample(front_, xz, kNone); }
    float wallBack(glm::vec2 xz) const { return sample(back_, xz, -kNone); }

    static constexpr float kNone = -1.0f;

private:
    static constexpr float kX0 = -0.20f, kZ0 = -0.20f, kStep = 0.002f;
    static constexpr float kBowelLow = -0.17f, kBowelHigh = 0.16f;
    static constexpr int kNx = 201, kNz = 226;
    static constexpr std::size_t kCells = static_cast<std::size_t>(kNx * kNz);

    static int index(float x, float z) {
        const int ix = static_cast<int>(std::lround((x - kX0) / kStep));
        const int iz = static_cast<int>(std::lround((z - kZ0) / kStep));
        return ix < 0 || ix >= kNx || iz < 0 || iz >= kNz ? -1 : iz * kNx + ix;
    }

    void rasterSpan(int iz, glm::vec2 a, glm::vec2 b) {
        const float lo = std::min(a.x, b.x), hi = std::max(a.x, b.x);
        const int i0 = std::max(0, static_cast<int>(std::ceil((lo - kX0) / kStep)));
        const int i1 = std::min(kNx - 1, static_cast<int>(std::floor((hi - kX0) / kStep)));
        for (int ix = i0; ix <= i1; ++ix) {
            const float x = kX0 + kStep * static_cast<float>(ix);
            const float t = hi - lo < 1e-9f ? 0.5f : (x - a.x) / (b.x - a.x);
            const float y = a.y + t * (b.y - a.y);
            const auto cell = static_cast<std::size_t>(iz * kNx + ix);
            front_[cell] = std::max(front_[cell], y);
            back_[cell] = std::min(back_[cell], y);
        }
    }

    // Bilinear in x and z; `none` when any corner has no wall.
    static float sample(const std::vector<float>& t, glm::vec2 xz, float none) {
        const float fx = (xz.x - kX0) / kStep, fz = (xz.y - kZ0) / kStep;
        const int ix = static_cast<int>(std::floor(fx)), iz = static_cast<int>(std::floor(fz));
        if (ix < 0 || iz < 0 || ix + 1 >= kNx || iz + 1 >= kNz) return none;
        const float tx = fx - static_cast<float>(ix), tz = fz - static_cast<float>(iz);
        float corner[4];
        for (int k = 0; k < 4; ++k) {
            corner[k] = t[static_cast<std::size_t>((iz + k / 2) * kNx + ix + k % 2)];
            if (corner[k] == none) return none;
        }
        return (corner[0] * (1.0f - tx) + corner[1] * tx) * (1.0f - tz) +
               (corner[2] * (1.0f - tx) + corner[3] * tx) * tz;
    }

    std::vector<float> floor_, front_, back_;
};

// The vertebral bodies and the sacrum as the bowel's floor between the iliac vessels (shaped
// as skeleton.cpp builds them).
MeshData columnFloor(const BodyPlan& p) {
    std::vector<Section> bodies;
    for (const Vertebra& v : p.vertebrae) bodies.push_back({v.centre, v.half_width, v.half_depth});
    MeshData m = smoothTube(bodies, 24, 16, Cap::Round, Cap::Round);
    const Vertebra& l5 = p.vertebrae[5];
    const float top = l5.centre.z - l5.half_height - p.disc_height;
    m.append(smoothTube({{{0.0f, p.spineY(top) - 0.004f, top}, 0.050f, 0.018f},
                         {{0.0f, -0.094f, top - 0.030f}, 0.047f, 0.017f},
                         {{0.0f, -0.110f, top - 0.060f}, 0.034f, 0.013f},
                         {{0.0f, -0.128f, top - 0.085f}, 0.018f, 0.009f}},
                        16, 16, Cap::Round, Cap::Round));
    return m;
}

// One control of a bowel tube: where it runs in the coronal plane, its radius, and where in
// the gap between floor and wall it would lie (0 on the floor, 1 under the wall).
struct BowelControl {
    float x, z, r, front;
};

// The y interval in which an ellipse (rx along `side` in the coronal plane, ry along y)
// around (x, ., z) clears the floor and the wall.
glm::vec2 yInterval(const Cavity& c, glm::vec2 at, glm::vec2 side, float rx, float ry) {
    constexpr float kMargin = 0.002f;
    glm::vec2 range{-1e3f, 1e3f};
    for (int k = 0; k < 32; ++k) {
        const float a = 2.0f * kPi * static_cast<float>(k) / 32.0f;
        const glm::vec2 q = at + side * (std::cos(a) * rx);
        const float dy = std::sin(a) * ry;
        const float front = c.wallFront(q);
        if (front == Cavity::kNone) return {1.0f, -1.0f};
        range.x = std::max(range.x, std::max(c.floorAt(q), c.wallBack(q)) + kMargin - dy);
        range.y = std::min(range.y, front - kMargin - dy);
    }
    return range;
}

// Gaussian smoothing of a sequence (ends held).
std::vector<float> smoothed(const std::vector<float>& v, int radius) {
    std::vector<float> out(v.size());
    const int n = static_cast<int>(v.size());
    for (int i = 0; i < n; ++i) {
        float sum = 0.0f, weight = 0.0f;
        for (int k = -radius; k <= radius; ++k) {
            const int j = std::clamp(i + k, 0, n - 1);
            const float w = std::exp(-2.0f * static_cast<float>(k * k) / static_cast<float>(radius * radius));
            sum += w * v[static_cast<std::size_t>(j)];
            weight += w;
        }
        out[static_cast<std::size_t>(i)] = sum / weight;
    }
    return out;
}

// A bowel tube's sections: the controls as a smooth coronal path, resampled every `spacing`
// metres, each section then placed in depth (and flattened, or moved medially, where the
// gap is too narrow) to lie in front of the floor and behind the wall.
std::vector<Section> fitBowel(const Cavity& c, const std::vector<BowelControl>& controls, float spacing,
                              float rMin, bool moveMedially, float widen = 1.0f) {
    std::vector<Section> path;
    for (const BowelControl& k : controls) path.push_back({{k.x * widen, k.front + 0.1f, k.z}, k.r, k.r});
    const std::vector<Section> dense = scene::build::smoothPath(path, static_cast<int>(path.size()) * 40);
    // Resample by arc length in the coronal plane.
    std::vector<glm::vec2> xz;
    std::vector<float> radius, front;
    float carried = 0.0f;
    for (std::size_t i = 0; i < dense.size(); ++i) {
        const glm::vec2 q{dense[i].centre.x, dense[i].centre.z};
        if (i > 0) {
            const glm::vec2 q0{dense[i - 1].centre.x, dense[i - 1].centre.z};
            const float len = glm::length(q - q0);
            while (carried + len >= spacing * static_cast<float>(xz.size())) {
                const float t = (spacing * static_cast<float>(xz.size()) - carried) / std::max(len, 1e-9f);
                xz.push_back(q0 + (q - q0) * t);
                radius.push_back(dense[i - 1].rx + (dense[i].rx - dense[i - 1].rx) * t);
                front.push_back(dense[i - 1].centre.y - 0.1f +
                                (dense[i].centre.y - dense[i - 1].centre.y) * t);
            }
            carried += len;
        } else {
            xz.push_back(q);
            radius.push_back(dense[i].rx);
            front.push_back(dense[i].centre.y - 0.1f);
        }
    }
    const std::size_t n = xz.size();
    std::vector<glm::vec2> side(n), along(n);
    for (std::size_t i = 0; i < n; ++i) {
        along[i] = glm::normalize(xz[std::min(i + 1, n - 1)] - xz[i > 0 ? i - 1 : 0]);
        side[i] = {along[i].y, -along[i].x};
    }
    // The y interval for section i at x with half-height ry; the end sections also keep
    // their round caps clear.
    auto rangeAt = [&](std::size_t i, float x, float ry) {
        const glm::vec2 at{x, xz[i].y};
        glm::vec2 range = yInterval(c, at, side[i], radius[i], ry);
        if (i == 0 || i + 1 == n) {
            const glm::vec2 tip = at + along[i] * ((i == 0 ? -0.7f : 0.7f) * std::min(radius[i], ry));
            const glm::vec2 cap = yInterval(c, tip, side[i], 0.7f * radius[i], 0.7f * ry);
            range = {std::max(range.x, cap.x), std::min(range.y, cap.y)};
        }
        return range;
    };
    // Fit each section: the largest ry up to r that fits, moving medially if that helps.
    std::vector<float> xs(n), ys(n), rys(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float medial = xz[i].x > 0.0f ? -1.0f : 1.0f;
        float bestRy = -1.0f, bestX = xz[i].x;
        for (int s = 0; s <= (moveMedially ? 16 : 0); ++s) {
            const float x = xz[i].x + medial * 0.0015f * static_cast<float>(s);
            auto fits = [&](float ry) {
                const glm::vec2 range = rangeAt(i, x, ry);
                return range.x <= range.y;
            };
            float ry = -1.0f;
            if (fits(radius[i])) ry = radius[i];
            else if (fits(rMin)) {  // bisect between a flattened fit and the full radius
                float lo = rMin, hi = radius[i];
                for (int k = 0; k < 8; ++k) (fits(0.5f * (lo + hi)) ? lo : hi) = 0.5f * (lo + hi);
                ry = lo;
            }
            if (ry > bestRy + 1e-6f) {
                bestRy = ry;
                bestX = x;
            }
            if (bestRy >= 0.8f * radius[i]) break;
        }
        xs[i] = bestX;
        rys[i] = bestRy > 0.0f ? bestRy : rMin;
    }
    // Smooth: x by a Gaussian; ry eroded then smoothed, so that it never exceeds its fit.
    xs = smoothed(xs, 5);
    std::vector<float> eroded(n);
    for (std::size_t i = 0; i < n; ++i) {
        eroded[i] = rys[i];
        for (std::size_t j = i > 3 ? i - 3 : 0; j < std::min(n, i + 4); ++j)
            eroded[i] = std::min(eroded[i], rys[j]);
    }
    rys = smoothed(eroded, 5);
    std::vector<glm::vec2> ranges(n);
    for (std::size_t i = 0; i < n; ++i) {
        ranges[i] = rangeAt(i, xs[i], rys[i]);
        while (ranges[i].x > ranges[i].y && rys[i] > rMin) {
            rys[i] = std::max(rMin, rys[i] - 0.0005f);
            ranges[i] = rangeAt(i, xs[i], rys[i]);
        }
        if (ranges[i].x > ranges[i].y) ranges[i] = glm::vec2(0.5f * (ranges[i].x + ranges[i].y));
        ys[i] = ranges[i].x + std::clamp(front[i], 0.0f, 1.0f) * (ranges[i].y - ranges[i].x);
    }
    ys = smoothed(ys, 6);
    std::vector<Section> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back({{xs[i], std::clamp(ys[i], ranges[i].x, ranges[i].y), xz[i].y}, radius[i], rys[i]});
    // The rings as tube() orients them tilt where the path climbs or dives: check them and
    // nudge or flatten any section that still meets the floor or the wall.
    constexpr float kClear = 0.0008f;
    for (int pass = 0; pass < 12; ++pass) {
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            const glm::vec3 t =
                glm::normalize(out[std::min(i + 1, n - 1)].centre - out[i > 0 ? i - 1 : 0].centre);
            const glm::vec3 up = glm::normalize(glm::vec3(0.0f, 1.0f, 0.0f) - t * t.y);
            const glm::vec3 across = glm::normalize(glm::cross(up, t));
            float low = 0.0f, high = 0.0f;  // worst intrusion into the floor, into the wall
            for (int k = 0; k < 24; ++k) {
                const float a = 2.0f * kPi * static_cast<float>(k) / 24.0f;
                const glm::vec3 q =
                    out[i].centre + across * (std::cos(a) * out[i].rx) + up * (std::sin(a) * out[i].ry);
                const glm::vec2 qxz{q.x, q.z};
                low = std::max(low, std::max(c.floorAt(qxz), c.wallBack(qxz)) + kClear - q.y);
                const float wall = c.wallFront(qxz);
                high = std::max(high, wall == Cavity::kNone ? 0.01f : q.y - (wall - kClear));
            }
            if (low <= 0.0f && high <= 0.0f) continue;
            changed = true;
            out[i].centre.y += 0.5f * (low - high);
            out[i].ry = std::max(0.6f * rMin, out[i].ry * 0.93f);
        }
        if (!changed) break;
    }
    return out;
}

MeshData bowelTube(const std::vector<Section>& sections, int segments, Cap start, Cap end,
                   std::function<float(float, float)> ripple = {}) {
    scene::build::TubeOptions o;
    o.segments = segments;
    o.start = start;
    o.end = end;
    o.radius_scale = std::move(ripple);
    return scene::build::tube(sections, o);
}

// The colon: caecum in the right iliac fossa, ascending up the right flank, the transverse
// colon sagging across under the wall, descending down the left flank and the sigmoid over
// the left iliac fossa into the pelvis. Haustra: shallow constrictions every 3.5 cm, and
// three taeniae as faint flat bands.
MeshData colon(const Cavity& c) {
    const std::vector<BowelControl> path{
        // Caecum and ascending colon, on the right flank.
        {0.078f, -0.088f, 0.028f, 0.35f}, {0.086f, -0.058f, 0.027f, 0.2f},
        {0.090f, -0.015f, 0.025f, 0.1f}, {0.090f, 0.035f, 0.025f, 0.1f}, {0.084f, 0.078f, 0.025f, 0.3f},
        // Transverse colon, sagging across under the wall.
        {0.062f, 0.094f, 0.024f, 0.7f}, {0.032f, 0.078f, 0.023f, 0.95f},
        {0.000f, 0.070f, 0.023f, 1.0f}, {-0.034f, 0.080f, 0.023f, 0.95f}, {-0.066f, 0.100f, 0.022f, 0.6f},
        // Descending colon on the left flank.
        {-0.088f, 0.086f, 0.022f, 0.3f}, {-0.092f, 0.040f, 0.021f, 0.1f},
        {-0.091f, -0.010f, 0.021f, 0.1f},
        // Sigmoid colon over the left iliac fossa, down onto the sacrum.
        {-0.086f, -0.045f, 0.020f, 0.25f}, {-0.070f, -0.078f, 0.019f, 0.45f},
        {-0.045f, -0.094f, 0.018f, 0.55f}, {-0.021f, -0.101f, 0.018f, 0.5f},
        {-0.007f, -0.111f, 0.018f, 0.3f}, {-0.001f, -0.122f, 0.017f, 0.0f}};
    const std::vector<Section> s = fitBowel(c, path, 0.004f, 0.005f, true);
    float length = 0.0f;
    for (std::size_t i = 1; i < s.size(); ++i) length += glm::length(s[i].centre - s[i - 1].centre);
    const float haustra = std::round(length / 0.035f);
    return bowelTube(s, 20, Cap::Round, Cap::Round, [haustra](float along, float angle) {
        const float fold = std::sin(kPi * haustra * along);
        const float band = std::pow(0.5f + 0.5f * std::cos(3.0f * angle + 0.6f), 8.0f);
        return (1.0f - 0.12f * std::exp(-fold * fold / 0.06f)) * (1.0f - 0.05f * band);
    });
}

// The small bowel: from the duodenojejunal flexure left of L2 in loops across the middle of
// the cavity, inside the colon's frame, to the terminal ileum entering the caecum.
MeshData smallBowel(const Cavity& c, const BodyPlan& p) {
    const float r = 0.013f;
    // Jejunum in the upper left, ileum in the lower right and the pelvis.
    const std::vector<BowelControl> path{
        {-0.026f, 0.031f, r, 0.6f}, {-0.046f, 0.029f, r, 0.5f}, {-0.057f, 0.015f, r, 0.5f},
        {-0.044f, 0.003f, r, 0.5f}, {-0.012f, 0.007f, r, 0.5f}, {0.014f, 0.019f, r, 0.5f},
        {0.036f, 0.029f, r, 0.5f}, {0.050f, 0.015f, r, 0.5f}, {0.041f, 0.001f, r, 0.5f},
        {0.021f, -0.012f, r, 0.5f}, {-0.006f, -0.019f, r, 0.5f}, {-0.036f, -0.016f, r, 0.5f},
        {-0.055f, -0.028f, r, 0.5f}, {-0.044f, -0.043f, r, 0.5f}, {-0.016f, -0.046f, r, 0.5f},
        {0.016f, -0.038f, r, 0.5f}, {0.040f, -0.040f, r, 0.5f}, {0.046f, -0.053f, r, 0.5f},
        {0.036f, -0.066f, r, 0.5f}, {0.010f, -0.064f, r, 0.5f}, {-0.002f, -0.076f, r, 0.5f},
        {0.020f, -0.086f, r, 0.5f}, {0.030f, -0.101f, r, 0.4f}, {0.046f, -0.097f, r, 0.4f},
        {0.060f, -0.087f, r, 0.4f}};
    // A larger body's wider cavity spreads the loops.
    const float widen = 1.0f + 2.5f * std::max(p.soft, 0.0f);
    const std::vector<Section> s = fitBowel(c, path, 0.005f, 0.004f, false, widen);
    return bowelTube(s, 16, Cap::Round, Cap::Round);
}

// ---------------------------------------------------------------------------------------
// Femoral vessels (patient frame): from the external iliacs' ends under the inguinal
// ligament, the artery lateral of the vein, down the front-medial thigh in the femoral
// triangle to the adductor canal at mid-thigh, the vein passing behind the artery.

MeshData femoralVessel(const BodyPlan& p, const Figure& f, float side, bool artery) {
    const glm::vec3 shift = p.deepShift();
    // The left femoral shaft's centre line at height z: the proximal shaft as skeleton.cpp
    // plans it (deep frame), then on toward the knee joint.
    const glm::vec3 shaft0 = glm::vec3(-0.116f, -0.094f, -0.270f) + shift;
    const glm::vec3 shaft1 = glm::vec3(-0.108f, -0.091f, -0.330f) + shift;
    auto femur = [&](float z) {
        if (z >= shaft1.z) return glm::mix(shaft0, shaft1, (shaft0.z - z) / (shaft0.z - shaft1.z));
        return glm::mix(shaft1, f.leg.knee, (shaft1.z - z) / (shaft1.z - f.leg.knee.z));
    };
    // A point `medial` and `anterior` of the shaft.
    auto onFemur = [&](float z, float medial, float anterior) {
        return femur(z) + glm::vec3(medial, anterior, 0.0f);
    };
    // The external iliacs' last two controls (soft_tissue.cpp), deep frame.
    const glm::vec3 iliacEnd =
        artery ? glm::vec3(-0.058f, -0.050f, -0.118f) : glm::vec3(-0.047f, -0.059f, -0.120f);
    const glm::vec3 iliacBefore =
        artery ? glm::vec3(-0.052f, -0.070f, -0.080f) : glm::vec3(-0.045f, -0.072f, -0.090f);
    const glm::vec3 start = iliacEnd - glm::normalize(iliacEnd - iliacBefore) * 0.004f + shift;
    const float zMid = f.leg.hip.z - 0.25f, zApex = 0.5f * (shaft0.z + shaft1.z);
    std::vector<Section> controls;
    // At the ligament the artery's centre lies about 3 cm under the skin (ultrasound depths of
    // the common femoral artery in adults of normal build: 2.5-4 cm; docs/anatomy.md).
    if (artery)  // under the ligament in front of the hip, to the adductor canal
        controls = {{start, 0.0042f, 0.0042f},
                    {glm::vec3(-0.066f, -0.060f, -0.145f) + shift, 0.0042f, 0.0042f},
                    {glm::vec3(-0.071f, -0.058f, -0.225f) + shift, 0.0041f, 0.0041f},
                    {onFemur(zApex, 0.024f, 0.026f), 0.0039f, 0.0039f},
                    {onFemur(zMid, 0.020f, 0.020f), 0.0037f, 0.0037f}};
    else  // medial of the artery at the groin, behind it by mid-thigh
        controls = {{start, 0.0050f, 0.0050f},
                    {glm::vec3(-0.054f, -0.063f, -0.148f) + shift, 0.0052f, 0.0050f},
                    {glm::vec3(-0.061f, -0.066f, -0.225f) + shift, 0.0050f, 0.0048f},
                    {onFemur(zApex, 0.026f, 0.011f), 0.0048f, 0.0046f},
                    {onFemur(zMid, 0.021f, 0.006f), 0.0046f, 0.0044f}};
    MeshData m = smoothTube(controls, 48, 16, Cap::Round, Cap::Flat, {1.0f, 0.0f, 0.0f});
    return side < 0.0f ? m : scene::build::reflected(m, 0);
}

}  // namespace

std::vector<Part> buildViscera(const BodyPlan& plan, const Figure& figure) {
    std::vector<Part> parts;
    const MeshData kidneyL = kidney(-1.0f), kidneyR = kidney(1.0f);
    parts.push_back({"viscera", "kidney_left", kidneyL, kKidney, true});
    parts.push_back({"viscera", "kidney_right", kidneyR, kKidney * glm::vec3(0.96f, 1.0f, 1.0f), true});
    parts.push_back({"muscles_deep", "diaphragm", diaphragm(plan), kDiaphragm, false});

    // The bowel lies in front of everything planned on the posterior wall.
    std::vector<MeshData> deep{kidneyL, kidneyR, columnFloor(plan)};
    for (const Part& part : buildDeepSoftTissue(plan)) deep.push_back(part.mesh);
    const Cavity cavity(plan, deep);
    parts.push_back({"viscera", "colon", colon(cavity), kColon, false});
    parts.push_back({"viscera", "small_bowel", smallBowel(cavity, plan), kSmallBowel, false});

    for (float side : {-1.0f, 1.0f}) {
        const std::string suffix = side < 0.0f ? "_left" : "_right";
        const float shade = side < 0.0f ? 1.0f : 0.96f;
        parts.push_back({"vessels", "femoral_artery" + suffix, femoralVessel(plan, figure, side, true),
                         kArtery * shade, false});
        parts.push_back({"vessels", "femoral_vein" + suffix, femoralVessel(plan, figure, side, false),
                         kVein * shade, false});
    }
    return parts;
}

}  // namespace palpa::anatomy
