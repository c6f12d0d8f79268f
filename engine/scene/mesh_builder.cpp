#include "scene/mesh_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <glm/geometric.hpp>

namespace palpa::scene::build {
namespace {

constexpr float kTwoPi = 2.0f * std::numbers::pi_v<float>;

glm::vec3 catmullRom(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2,
                     const glm::vec3& p3, float t) {
    const float t2 = t * t, t3 = t2 * t;
    return 0.5f * ((2.0f * p1) + (-p0 + p2) * t + (2.0f * p0 - 5.0f * p1 + 4.0f * p2 - p3) * t2 +
                   (-p0 + 3.0f * p1 - 3.0f * p2 + p3) * t3);
}

float catmullRom(float p0, float p1, float p2, float p3, float t) {
    const glm::vec3 r = catmullRom(glm::vec3(p0), glm::vec3(p1), glm::vec3(p2), glm::vec3(p3), t);
    return r.x;
}

// Unit tangent of the path at section i (central differences).
glm::vec3 tangentAt(const std::vector<Section>& path, std::size_t i) {
    const std::size_t a = i == 0 ? 0 : i - 1;
    const std::size_t b = i + 1 < path.size() ? i + 1 : i;
    return glm::normalize(path[b].centre - path[a].centre);
}

// Right-handed ring frame (side, up, tangent) with side x up = tangent.
void ringFrame(const glm::vec3& tangent, const glm::vec3& upHint, glm::vec3& side, glm::vec3& up) {
    glm::vec3 u = upHint - tangent * glm::dot(upHint, tangent);
    if (glm::length(u) < 1e-4f) {  // the hint follows the path here; pick any normal
        const glm::vec3 alt = std::abs(tangent.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 0, 1);
        u = alt - tangent * glm::dot(alt, tangent);
    }
    up = glm::normalize(u);
    side = glm::normalize(glm::cross(up, tangent));
}

// Triangles joining ring a to ring b (both `segments` long), outward for the frame above.
void joinRings(MeshData& m, std::uint32_t a, std::uint32_t b, int segments) {
    for (int j = 0; j < segments; ++j) {
        const std::uint32_t j1 = static_cast<std::uint32_t>((j + 1) % segments);
        const std::uint32_t jj = static_cast<std::uint32_t>(j);
        m.indices.insert(m.indices.end(), {a + jj, a + j1, b + j1, a + jj, b + j1, b + jj});
    }
}

// Fan from a ring to a pole. `atEnd`: the pole lies past the ring along the tangent.
void fanToPole(MeshData& m, std::uint32_t ring, std::uint32_t pole, int segments, bool atEnd) {
    for (int j = 0; j < segments; ++j) {
        const std::uint32_t a = ring + static_cast<std::uint32_t>(j);
        const std::uint32_t b = ring + static_cast<std::uint32_t>((j + 1) % segments);
        if (atEnd)
            m.indices.insert(m.indices.end(), {a, b, pole});
        else
            m.indices.insert(m.indices.end(), {pole, b, a});
    }
}

}  // namespace

void MeshData::append(const MeshData& other) {
    const auto base = static_cast<std::uint32_t>(positions.size());
    positions.insert(positions.end(), other.positions.begin(), other.positions.end());
    indices.reserve(indices.size() + other.indices.size());
    for (std::uint32_t i : other.indices) indices.push_back(base + i);
}

std::vector<Section> smoothPath(const std::vector<Section>& c, int n) {
    std::vector<Section> out;
    if (c.size() < 2 || n < 2) return c;
    out.reserve(static_cast<std::size_t>(n));
    const int spans = static_cast<int>(c.size()) - 1;
    for (int k = 0; k < n; ++k) {
        const float s = static_cast<float>(k) / static_cast<float>(n - 1) * static_cast<float>(spans);
        const int i = std::min(static_cast<int>(s), spans - 1);
        const float t = s - static_cast<float>(i);
        const Section& p1 = c[static_cast<std::size_t>(i)];
        const Section& p2 = c[static_cast<std::size_t>(i + 1)];
        const Section& p0 = i > 0 ? c[static_cast<std::size_t>(i - 1)] : p1;
        const Section& p3 = i + 2 < static_cast<int>(c.size()) ? c[static_cast<std::size_t>(i + 2)] : p2;
        out.push_back({catmullRom(p0.centre, p1.centre, p2.centre, p3.centre, t),
                       std::max(1e-4f, catmullRom(p0.rx, p1.rx, p2.rx, p3.rx, t)),
                       std::max(1e-4f, catmullRom(p0.ry, p1.ry, p2.ry, p3.ry, t))});
    }
    return out;
}

MeshData tube(const std::vector<Section>& path, const TubeOptions& o) {
    MeshData m;
    const int seg = std::max(3, o.segments);
    const std::size_t n = path.size();
    if (n < 2) return m;

    auto ring = [&](const glm::vec3& centre, const glm::vec3& side, const glm::vec3& up, float rx,
                    float ry, float along) {
        const auto first = static_cast<std::uint32_t>(m.positions.size());
        for (int j = 0; j < seg; ++j) {
            const float a = kTwoPi * static_cast<float>(j) / static_cast<float>(seg);
            const float s = o.radius_scale ? o.radius_scale(along, a) : 1.0f;
            m.positions.push_back(centre + side * (std::cos(a) * rx * s) + up * (std::sin(a) * ry * s));
        }
        return first;
    };

    // Start cap.
    glm::vec3 side, up;
    const glm::vec3 t0 = tangentAt(path, 0);
    ringFrame(t0, o.up, side, up);
    std::uint32_t previous = 0;
    if (o.start == Cap::Round) {
        const float depth = std::min(path[0].rx, path[0].ry);
        const auto pole = static_cast<std::uint32_t>(m.positions.size());
        m.positions.push_back(path[0].centre - t0 * depth);
        for (int k = 1; k <= o.cap_rings; ++k) {
            const float phi = 0.5f * std::numbers::pi_v<float> * static_cast<float>(k) /
                              static_cast<float>(o.cap_rings + 1);
            const float r = std::sin(phi), back = std::cos(phi);
            const std::uint32_t cur = ring(path[0].centre - t0 * (depth * back), side, up,
                                           path[0].rx * r, path[0].ry * r, 0.0f);
            if (k == 1) fanToPole(m, cur, pole, seg, false);
            else joinRings(m, previous, cur, seg);
            previous = cur;
        }
    } else {
        const auto pole = static_cast<std::uint32_t>(m.positions.size());
        m.positions.push_back(path[0].centre);
        previous = ring(path[0].centre, side, up, path[0].rx, path[0].ry, 0.0f);
        fanToPole(m, previous, pole, seg, false);
    }

    // Body rings. A flat cap's rim has the same positions as the ring next to it, with
    // normals of its own (a sharp edge); they are not joined, so no zero-area triangles.
    for (std::size_t i = 0; i < n; ++i) {
        ringFrame(tangentAt(path, i), o.up, side, up);
        const float along = static_cast<float>(i) / static_cast<float>(n - 1);
        const std::uint32_t cur = ring(path[i].centre, side, up, path[i].rx, path[i].ry, along);
        if (i > 0 || o.start == Cap::Round) joinRings(m, previous, cur, seg);
        previous = cur;
    }

    // End cap.
    const glm::vec3 tn = tangentAt(path, n - 1);
    ringFrame(tn, o.up, side, up);
    const Section& last = path[n - 1];
    if (o.end == Cap::Round) {
        const float depth = std::min(last.rx, last.ry);
        for (int k = o.cap_rings; k >= 1; --k) {
            const float phi = 0.5f * std::numbers::pi_v<float> * static_cast<float>(k) /
                              static_cast<float>(o.cap_rings + 1);
            const float r = std::sin(phi), fwd = std::cos(phi);
            const std::uint32_t cur =
                ring(last.centre + tn * (depth * fwd), side, up, last.rx * r, last.ry * r, 1.0f);
            joinRings(m, previous, cur, seg);
            previous = cur;
        }
        const auto pole = static_cast<std::uint32_t>(m.positions.size());
        m.positions.push_back(last.centre + tn * depth);
        fanToPole(m, previous, pole, seg, true);
    } else {
        const std::uint32_t rim = ring(last.centre, side, up, last.rx, last.ry, 1.0f);
        const auto pole = static_cast<std::uint32_t>(m.positions.size());
        m.positions.push_back(last.centre);
        fanToPole(m, rim, pole, seg, true);
    }
    return m;
}

MeshData ellipsoid(const glm::vec3& centre, const glm::vec3& radii, int rings, int segments,
                   const std::function<float(const glm::vec3&)>& bump) {
    MeshData m;
    const int seg = std::max(3, segments);
    const int nr = std::max(2, rings);
    auto point = [&](float theta, float phi) {
        const glm::vec3 dir(std::sin(theta) * std::cos(phi), std::sin(theta) * std::sin(phi),
                            std::cos(theta));
        const float b = bump ? bump(dir) : 0.0f;
        return centre + dir * radii + dir * b;
    };
    // South pole (-Z) first, rings northward, north pole last: rings run along +Z, the
    // angle turns counter-clockwise seen from +Z, as in tube().
    m.positions.push_back(point(std::numbers::pi_v<float>, 0.0f));
    for (int i = 1; i < nr; ++i) {
        const float theta = std::numbers::pi_v<float> * (1.0f - static_cast<float>(i) / static_cast<float>(nr));
        for (int j = 0; j < seg; ++j)
            m.positions.push_back(point(theta, kTwoPi * static_cast<float>(j) / static_cast<float>(seg)));
    }
    const auto north = static_cast<std::uint32_t>(m.positions.size());
    m.positions.push_back(point(0.0f, 0.0f));
    fanToPole(m, 1, 0, seg, false);
    for (int i = 1; i + 1 < nr; ++i)
        joinRings(m, static_cast<std::uint32_t>(1 + (i - 1) * seg), static_cast<std::uint32_t>(1 + i * seg), seg);
    fanToPole(m, static_cast<std::uint32_t>(1 + (nr - 2) * seg), north, seg, true);
    return m;
}

MeshData shell(const Surface& surface, const std::function<float(float, float)>& thickness, int nu,
               int nv) {
    MeshData m;
    nu = std::max(1, nu);
    nv = std::max(1, nv);
    const int cols = nu + 1, rows = nv + 1;
    // Orientation: make (du x dv) agree with the outward normal so the top faces outward.
    const SurfacePoint c = surface(0.5f, 0.5f);
    const glm::vec3 du = surface(0.51f, 0.5f).position - surface(0.49f, 0.5f).position;
    const glm::vec3 dv = surface(0.5f, 0.51f).position - surface(0.5f, 0.49f).position;
    const bool flip = glm::dot(glm::cross(du, dv), c.normal) < 0.0f;

    auto uAt = [&](int i) {
        const float u = static_cast<float>(i) / static_cast<float>(nu);
        return flip ? 1.0f - u : u;
    };
    for (int layer = 0; layer < 2; ++layer)
        for (int j = 0; j < rows; ++j)
            for (int i = 0; i < cols; ++i) {
                const float u = uAt(i), v = static_cast<float>(j) / static_cast<float>(nv);
                const SurfacePoint p = surface(u, v);
                m.positions.push_back(layer == 0 ? p.position : p.position - p.normal * thickness(u, v));
            }
    const auto bottom = static_cast<std::uint32_t>(cols * rows);
    auto top = [&](int i, int j) { return static_cast<std::uint32_t>(j * cols + i); };
    for (int j = 0; j < nv; ++j)
        for (int i = 0; i < nu; ++i) {
            const std::uint32_t a = top(i, j), b = top(i + 1, j), cc = top(i + 1, j + 1), d = top(i, j + 1);
            m.indices.insert(m.indices.end(), {a, b, cc, a, cc, d});
            m.indices.insert(m.indices.end(), {bottom + a, bottom + cc, bottom + b, bottom + a,
                                               bottom + d, bottom + cc});
        }
    // Boundary walls, walking the parameter square counter-clockwise.
    std::vector<std::uint32_t> loop;
    for (int i = 0; i < nu; ++i) loop.push_back(top(i, 0));
    for (int j = 0; j < nv; ++j) loop.push_back(top(nu, j));
    for (int i = nu; i > 0; --i) loop.push_back(top(i, nv));
    for (int j = nv; j > 0; --j) loop.push_back(top(0, j));
    for (std::size_t k = 0; k < loop.size(); ++k) {
        const std::uint32_t at = loop[k], bt = loop[(k + 1) % loop.size()];
        const std::uint32_t ab = bottom + at, bb = bottom + bt;
        m.indices.insert(m.indices.end(), {ab, bb, bt, ab, bt, at});
    }
    return m;
}

MeshData reflected(const MeshData& mesh, int axis) {
    MeshData out = mesh;
    for (glm::vec3& p : out.positions) p[axis] = -p[axis];
    for (std::size_t t = 0; t + 2 < out.indices.size(); t += 3) std::swap(out.indices[t + 1], out.indices[t + 2]);
    return out;
}

void deform(MeshData& mesh, const std::function<glm::vec3(const glm::vec3&)>& f) {
    for (glm::vec3& p : mesh.positions) p = f(p);
}

std::vector<glm::vec3> smoothNormals(const MeshData& mesh) {
    std::vector<glm::vec3> normals(mesh.positions.size(), glm::vec3(0.0f));
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::uint32_t a = mesh.indices[t], b = mesh.indices[t + 1], c = mesh.indices[t + 2];
        const glm::vec3 n = glm::cross(mesh.positions[b] - mesh.positions[a],
                                       mesh.positions[c] - mesh.positions[a]);  // |n| = 2 area
        normals[a] += n;
        normals[b] += n;
        normals[c] += n;
    }
    for (glm::vec3& n : normals) {
        const float len = glm::length(n);
        n = len > 0.0f ? n / len : glm::vec3(0.0f, 1.0f, 0.0f);
    }
    return normals;
}

Mesh finish(std::string name, const MeshData& data, std::uint32_t material) {
    Mesh mesh;
    mesh.name = std::move(name);
    mesh.material = material;
    const std::vector<glm::vec3> normals = smoothNormals(data);
    mesh.vertices.reserve(data.positions.size());
    for (std::size_t i = 0; i < data.positions.size(); ++i) {
        mesh.vertices.push_back({data.positions[i], normals[i]});
        mesh.bounds.add(data.positions[i]);
    }
    mesh.indices = data.indices;
    return mesh;
}

MeshData box(const glm::vec3& lo, const glm::vec3& hi) {
    MeshData m;
    // Each face: a corner and its two edge axes, wound so that the normal points outward.
    const glm::vec3 size = hi - lo;
    const glm::vec3 x(size.x, 0, 0), y(0, size.y, 0), z(0, 0, size.z);
    const struct { glm::vec3 origin, u, v; } faces[] = {
        {lo, z, y}, {lo + x, y, z},  // -X, +X
        {lo, x, z}, {lo + y, z, x},  // -Y, +Y
        {lo, y, x}, {lo + z, x, y},  // -Z, +Z
    };
    for (const auto& f : faces) {
        const auto base = static_cast<std::uint32_t>(m.positions.size());
        m.positions.insert(m.positions.end(), {f.origin, f.origin + f.u, f.origin + f.u + f.v, f.origin + f.v});
        m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    }
    return m;
}

}  // namespace palpa::scene::build
