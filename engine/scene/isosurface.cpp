#include "scene/isosurface.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>
#include <thread>

#include <glm/geometric.hpp>

#include "core/error.hpp"

namespace palpa::scene::build {
namespace {

// Samples the field at every grid point, slices of z shared among the cores (each sample is
// independent, so the result does not depend on how many there are).
std::vector<float> sample(const Field& field, const IsoGrid& g) {
    const std::size_t nx = g.xs.size(), ny = g.ys.size(), nz = g.zs.size();
    std::vector<float> values(nx * ny * nz);
    const unsigned workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w)
        threads.emplace_back([&, w] {
            for (std::size_t k = w; k < nz; k += workers)
                for (std::size_t j = 0; j < ny; ++j)
                    for (std::size_t i = 0; i < nx; ++i)
                        values[i + nx * (j + ny * k)] = field({g.xs[i], g.ys[j], g.zs[k]});
        });
    for (std::thread& t : threads) t.join();
    return values;
}

glm::vec3 gradient(const Field& field, const glm::vec3& p) {
    const float h = 2e-4f;
    return glm::vec3(field(p + glm::vec3(h, 0, 0)) - field(p - glm::vec3(h, 0, 0)),
                     field(p + glm::vec3(0, h, 0)) - field(p - glm::vec3(0, h, 0)),
                     field(p + glm::vec3(0, 0, h)) - field(p - glm::vec3(0, 0, h))) /
           (2.0f * h);
}

}  // namespace

std::vector<float> gradedAxis(float lo, float hi, float coarse, float fine, const std::vector<float>& foci,
                              float band) {
    if (!(hi > lo) || !(fine > 0.0f) || coarse < fine) throw Error("gradedAxis: bad range or steps");
    std::vector<float> axis;
    for (float x = lo; x < hi;) {
        axis.push_back(x);
        float distance = 1e9f;
        for (float f : foci) distance = std::min(distance, std::abs(x - f));
        x += std::clamp(fine + 0.5f * (distance - band), fine, coarse);
    }
    axis.push_back(hi);
    return axis;
}

MeshData surfaceNets(const Field& field, const IsoGrid& g, int project) {
    const std::size_t nx = g.xs.size(), ny = g.ys.size(), nz = g.zs.size();
    if (nx < 3 || ny < 3 || nz < 3) throw Error("surfaceNets: the grid needs at least 3 samples per axis");
    const std::vector<float> v = sample(field, g);
    auto at = [&](std::size_t i, std::size_t j, std::size_t k) { return v[i + nx * (j + ny * k)]; };
    auto point = [&](std::size_t i, std::size_t j, std::size_t k) { return glm::vec3(g.xs[i], g.ys[j], g.zs[k]); };

    // One vertex per crossed cell: the mean of its edges' crossings.
    const std::size_t cx = nx - 1, cy = ny - 1;
    std::vector<std::int32_t> cellVertex(cx * cy * (nz - 1), -1);
    MeshData mesh;
    static constexpr std::array<std::array<int, 2>, 12> kEdges{{{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3},
                                                                {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}}};
    for (std::size_t k = 0; k + 1 < nz; ++k)
        for (std::size_t j = 0; j + 1 < ny; ++j)
            for (std::size_t i = 0; i + 1 < nx; ++i) {
                std::array<float, 8> f{};
                std::array<glm::vec3, 8> p{};
                int inside = 0;
                for (int c = 0; c < 8; ++c) {
                    const std::size_t di = c & 1, dj = (c >> 1) & 1, dk = (c >> 2) & 1;
                    f[c] = at(i + di, j + dj, k + dk);
                    p[c] = point(i + di, j + dj, k + dk);
                    inside += f[c] < 0.0f;
                }
                if (inside == 0 || inside == 8) continue;
                glm::vec3 sum(0.0f);
                int n = 0;
                for (const auto& e : kEdges) {
                    const float a = f[e[0]], b = f[e[1]];
                    if ((a < 0.0f) == (b < 0.0f)) continue;
                    sum += p[e[0]] + (p[e[1]] - p[e[0]]) * (a / (a - b));
                    ++n;
                }
                cellVertex[i + cx * (j + cy * k)] = static_cast<std::int32_t>(mesh.positions.size());
                mesh.positions.push_back(sum / static_cast<float>(n));
            }

    auto cell = [&](std::size_t i, std::size_t j, std::size_t k) {
        const std::int32_t c = cellVertex[i + cx * (j + cy * k)];
        if (c < 0) throw Error("surfaceNets: a crossed edge without its cell's vertex");
        return static_cast<std::uint32_t>(c);
    };
    auto quad = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d, bool flip) {
        if (flip) std::swap(b, d);
        const auto& P = mesh.positions;
        if (glm::distance(P[a], P[c]) <= glm::distance(P[b], P[d]))
            mesh.indices.insert(mesh.indices.end(), {a, b, c, a, c, d});
        else
            mesh.indices.insert(mesh.indices.end(), {a, b, d, b, c, d});
    };
    // One quad per crossed grid edge, joining the four cells around it; wound so that it
    // faces from the inside end toward the outside one.
    for (std::size_t k = 1; k + 1 < nz; ++k)
        for (std::size_t j = 1; j + 1 < ny; ++j)
            for (std::size_t i = 1; i + 1 < nx; ++i) {
                const bool in = at(i, j, k) < 0.0f;
                if (in != (at(i + 1, j, k) < 0.0f))
                    quad(cell(i, j - 1, k - 1), cell(i, j, k - 1), cell(i, j, k), cell(i, j - 1, k), !in);
                if (in != (at(i, j + 1, k) < 0.0f))
                    quad(cell(i - 1, j, k - 1), cell(i - 1, j, k), cell(i, j, k), cell(i, j, k - 1), !in);
                if (in != (at(i, j, k + 1) < 0.0f))
                    quad(cell(i - 1, j - 1, k), cell(i, j - 1, k), cell(i, j, k), cell(i - 1, j, k), !in);
            }

    // Onto the surface: Newton steps along the gradient, each at most a fine cell's half.
    float fine = 1e9f;
    for (const auto* axis : {&g.xs, &g.ys, &g.zs})
        for (std::size_t i = 1; i < axis->size(); ++i) fine = std::min(fine, (*axis)[i] - (*axis)[i - 1]);
    for (glm::vec3& p : mesh.positions)
        for (int it = 0; it < project; ++it) {
            const float f = field(p);
            const glm::vec3 grad = gradient(field, p);
            const float g2 = glm::dot(grad, grad);
            if (g2 < 1e-12f) break;
            glm::vec3 step = grad * (f / g2);
            const float len = glm::length(step);
            if (len > 0.5f * fine) step *= 0.5f * fine / len;
            p -= step;
        }

    // Two cells crossed only through their shared face get (nearly) the same vertex: weld
    // vertices closer than kWeld and drop the triangles that collapse (an edge collapse; the
    // surface stays closed, and no later vertex joining, such as a loader's, can open it).
    constexpr float kWeld = 3e-4f;  // above the 1e-4 of the bounds that a glTF export joins
    std::map<std::tuple<int, int, int>, std::vector<std::uint32_t>> buckets;
    auto key = [](const glm::vec3& p, int dx, int dy, int dz) {
        return std::tuple<int, int, int>{static_cast<int>(std::floor(p.x / kWeld)) + dx,
                                         static_cast<int>(std::floor(p.y / kWeld)) + dy,
                                         static_cast<int>(std::floor(p.z / kWeld)) + dz};
    };
    std::vector<std::uint32_t> remap(mesh.positions.size());
    MeshData welded;
    for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
        const glm::vec3& p = mesh.positions[i];
        std::int64_t found = -1;
        for (int dz = -1; dz <= 1 && found < 0; ++dz)
            for (int dy = -1; dy <= 1 && found < 0; ++dy)
                for (int dx = -1; dx <= 1 && found < 0; ++dx) {
                    const auto it = buckets.find(key(p, dx, dy, dz));
                    if (it == buckets.end()) continue;
                    for (std::uint32_t w : it->second)
                        if (glm::distance(welded.positions[w], p) < kWeld) {
                            found = w;
                            break;
                        }
                }
        if (found < 0) {
            found = static_cast<std::int64_t>(welded.positions.size());
            welded.positions.push_back(p);
            buckets[key(p, 0, 0, 0)].push_back(static_cast<std::uint32_t>(found));
        }
        remap[i] = static_cast<std::uint32_t>(found);
    }
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::uint32_t a = remap[mesh.indices[t]], b = remap[mesh.indices[t + 1]], c = remap[mesh.indices[t + 2]];
        if (a != b && b != c && a != c) welded.indices.insert(welded.indices.end(), {a, b, c});
    }
    return welded;
}

bool everyEdgeShared(const MeshData& mesh) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> uses;
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3)
        for (std::size_t k = 0; k < 3; ++k) {
            const std::uint32_t a = mesh.indices[t + k], b = mesh.indices[t + (k + 1) % 3];
            ++uses[{std::min(a, b), std::max(a, b)}];
        }
    return std::all_of(uses.begin(), uses.end(), [](const auto& u) { return u.second == 2; });
}

}  // namespace palpa::scene::build
