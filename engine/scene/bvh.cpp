#include "scene/bvh.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <glm/geometric.hpp>

namespace palpa::scene {
namespace {

constexpr int kBins = 12;
constexpr std::uint32_t kLeafSize = 4;
constexpr int kStackSize = 64;

// A box grown point by point, inline (the build's inner loops).
struct Box {
    glm::vec3 lo{1e30f}, hi{-1e30f};
    void grow(const glm::vec3& p) {
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
    }
    void grow(const Box& b) {
        lo = glm::min(lo, b.lo);
        hi = glm::max(hi, b.hi);
    }
    float area() const {
        if (lo.x > hi.x) return 0.0f;
        const glm::vec3 d = hi - lo;
        return 2.0f * (d.x * d.y + d.y * d.z + d.z * d.x);
    }
};

// Squared distance from p to the box (0 inside).
float boxDistance2(const glm::vec3& p, const glm::vec3& lo, const glm::vec3& hi) {
    const glm::vec3 d = glm::max(glm::max(lo - p, p - hi), glm::vec3(0.0f));
    return glm::dot(d, d);
}

// Entry distance of the ray into the box, or a value > t_max when it misses.
float boxEntry(const glm::vec3& origin, const glm::vec3& inv, const glm::vec3& lo,
               const glm::vec3& hi, float t_max) {
    const glm::vec3 t0 = (lo - origin) * inv, t1 = (hi - origin) * inv;
    const glm::vec3 near = glm::min(t0, t1), far = glm::max(t0, t1);
    const float enter = std::max(std::max(near.x, near.y), std::max(near.z, 0.0f));
    const float exit = std::min(std::min(far.x, far.y), std::min(far.z, t_max));
    return enter <= exit ? enter : 1e38f;
}

// Closest point on triangle (a, a + e1, a + e2) to p, with its barycentric weights (Ericson,
// Real-Time Collision Detection, 5.1.5).
glm::vec3 closestOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& e1,
                            const glm::vec3& e2, float& u, float& v) {
    const glm::vec3 ap = p - a;
    const float d1 = glm::dot(e1, ap), d2 = glm::dot(e2, ap);
    if (d1 <= 0.0f && d2 <= 0.0f) return u = 0.0f, v = 0.0f, a;
    const glm::vec3 bp = ap - e1;
    const float d3 = glm::dot(e1, bp), d4 = glm::dot(e2, bp);
    if (d3 >= 0.0f && d4 <= d3) return u = 1.0f, v = 0.0f, a + e1;
    const float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) {
        const float w = d1 / (d1 - d3);
        return u = w, v = 0.0f, a + w * e1;
    }
    const glm::vec3 cp = ap - e2;
    const float d5 = glm::dot(e1, cp), d6 = glm::dot(e2, cp);
    if (d6 >= 0.0f && d5 <= d6) return u = 0.0f, v = 1.0f, a + e2;
    const float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) {
        const float w = d2 / (d2 - d6);
        return u = 0.0f, v = w, a + w * e2;
    }
    const float va = d3 * d6 - d5 * d4;
    if (va <= 0.0f && (d4 - d3) >= 0.0f && (d5 - d6) >= 0.0f) {
        const float w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
        return u = 1.0f - w, v = w, a + e1 + w * (e2 - e1);
    }
    const float denom = 1.0f / (va + vb + vc);
    u = vb * denom;
    v = vc * denom;
    return a + u * e1 + v * e2;
}

}  // namespace

namespace {
std::vector<std::uint32_t> allMeshes(const Scene& scene) {
    std::vector<std::uint32_t> list(scene.meshes.size());
    for (std::uint32_t m = 0; m < list.size(); ++m) list[m] = m;
    return list;
}
}  // namespace

TriangleBvh::TriangleBvh(const Scene& scene) : TriangleBvh(scene, allMeshes(scene)) {}

TriangleBvh::TriangleBvh(const Scene& scene, std::span<const std::uint32_t> meshes, const TriangleFilter& keep) {
    // The tree is built over compact primitives (bounds, centroid, which triangle), moved in
    // place as they are partitioned; the triangles are copied once, in the tree's order.
    std::vector<Prim> prims;
    std::size_t total = 0;
    for (std::uint32_t m : meshes) total += scene.meshes.at(m).triangleCount();
    prims.reserve(total);
    for (std::uint32_t m : meshes) {
        const Mesh& mesh = scene.meshes[m];
        for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
            const glm::vec3& a = mesh.vertices.at(mesh.indices[t]).position;
            const glm::vec3& b = mesh.vertices.at(mesh.indices[t + 1]).position;
            const glm::vec3& c = mesh.vertices.at(mesh.indices[t + 2]).position;
            if (keep && !keep(a, b, c)) continue;
            const glm::vec3 lo = glm::min(a, glm::min(b, c)), hi = glm::max(a, glm::max(b, c));
            prims.push_back({lo, m, hi, static_cast<std::uint32_t>(t), 0.5f * (lo + hi)});
        }
    }
    if (prims.empty()) return;
    build(prims);
    tris_.reserve(prims.size());
    for (const Prim& p : prims) {
        const Mesh& mesh = scene.meshes[p.mesh];
        const Vertex& a = mesh.vertices[mesh.indices[p.first]];
        const Vertex& b = mesh.vertices[mesh.indices[p.first + 1]];
        const Vertex& c = mesh.vertices[mesh.indices[p.first + 2]];
        tris_.push_back({a.position, b.position - a.position, c.position - a.position, a.normal, b.normal,
                         c.normal, p.mesh, p.first / 3});
    }
}

void TriangleBvh::build(std::vector<Prim>& prims) {
    // Each task knows its box and its centroids' box from its parent's split, so a node costs
    // one binning pass and one partition pass over its primitives.
    struct Task {
        std::uint32_t node, begin, end;
        Box box, centres;
    };
    Task root{0, 0, static_cast<std::uint32_t>(prims.size()), {}, {}};
    for (const Prim& p : prims) {
        root.box.lo = glm::min(root.box.lo, p.lo);
        root.box.hi = glm::max(root.box.hi, p.hi);
        root.centres.grow(p.centre);
    }
    nodes_.reserve(2 * prims.size() / kLeafSize + 1);
    nodes_.push_back({});
    std::vector<Task> tasks{root};
    while (!tasks.empty()) {
        const Task task = tasks.back();
        tasks.pop_back();
        Node& node = nodes_[task.node];
        node.min = task.box.lo;
        node.max = task.box.hi;
        const std::uint32_t n = task.end - task.begin;
        const glm::vec3 extent = task.centres.hi - task.centres.lo;
        const int axis = extent.x >= extent.y && extent.x >= extent.z ? 0 : extent.y >= extent.z ? 1 : 2;
        if (n <= kLeafSize || !(extent[axis] > 1e-9f)) {
            node.first = task.begin;
            node.count = n;
            continue;
        }
        // Binned SAH over the widest centroid axis.
        std::array<Box, kBins> bins;
        std::array<std::uint32_t, kBins> counts{};
        const float scale = kBins / extent[axis];
        const float origin = task.centres.lo[axis];
        const auto binOf = [&](const Prim& p) {
            return std::min(kBins - 1, static_cast<int>((p.centre[axis] - origin) * scale));
        };
        for (std::uint32_t i = task.begin; i < task.end; ++i) {
            const Prim& p = prims[i];
            const auto b = static_cast<std::size_t>(binOf(p));
            bins[b].lo = glm::min(bins[b].lo, p.lo);
            bins[b].hi = glm::max(bins[b].hi, p.hi);
            ++counts[b];
        }
        std::array<Box, kBins - 1> leftBox;
        std::array<float, kBins - 1> leftCost{};
        Box acc;
        std::uint32_t count = 0;
        for (int b = 0; b < kBins - 1; ++b) {
            acc.grow(bins[static_cast<std::size_t>(b)]);
            count += counts[static_cast<std::size_t>(b)];
            leftBox[static_cast<std::size_t>(b)] = acc;
            leftCost[static_cast<std::size_t>(b)] = acc.area() * static_cast<float>(count);
        }
        acc = Box{};
        count = 0;
        float best = 1e38f;
        int split = -1;
        Box rightBest;
        for (int b = kBins - 1; b > 0; --b) {
            acc.grow(bins[static_cast<std::size_t>(b)]);
            count += counts[static_cast<std::size_t>(b)];
            const float cost = leftCost[static_cast<std::size_t>(b - 1)] + acc.area() * static_cast<float>(count);
            if (count > 0 && count < n && cost < best) best = cost, split = b, rightBest = acc;
        }
        Task left{0, task.begin, task.begin, {}, {}}, right{0, task.begin, task.end, {}, {}};
        if (split > 0) {
            // Partition in place, gathering each side's centroid box on the way.
            std::uint32_t i = task.begin, j = task.end;
            while (i < j) {
                if (binOf(prims[i]) < split) {
                    left.centres.grow(prims[i].centre);
                    ++i;
                } else {
                    --j;
                    right.centres.grow(prims[i].centre);
                    std::swap(prims[i], prims[j]);
                }
            }
            left.end = right.begin = i;
            left.box = leftBox[static_cast<std::size_t>(split - 1)];
            right.box = rightBest;
        } else {  // every centroid in one bin: halve by centroid
            const std::uint32_t mid = task.begin + n / 2;
            std::nth_element(prims.begin() + task.begin, prims.begin() + mid, prims.begin() + task.end,
                             [axis](const Prim& x, const Prim& y) { return x.centre[axis] < y.centre[axis]; });
            left.end = right.begin = mid;
            for (std::uint32_t k = task.begin; k < task.end; ++k) {
                Task& side = k < mid ? left : right;
                side.box.lo = glm::min(side.box.lo, prims[k].lo);
                side.box.hi = glm::max(side.box.hi, prims[k].hi);
                side.centres.grow(prims[k].centre);
            }
        }
        const auto first = static_cast<std::uint32_t>(nodes_.size());
        nodes_[task.node].first = first;
        nodes_[task.node].count = 0;
        nodes_.push_back({});
        nodes_.push_back({});
        left.node = first;
        right.node = first + 1;
        tasks.push_back(right);
        tasks.push_back(left);
    }
}

Bounds TriangleBvh::bounds() const {
    Bounds b;
    if (!nodes_.empty()) {
        b.add(nodes_[0].min);
        b.add(nodes_[0].max);
    }
    return b;
}

template <bool kAny>
std::optional<Hit> TriangleBvh::trace(const Ray& ray, float t_max, const std::vector<bool>& allowed) const {
    std::optional<Hit> best;
    if (nodes_.empty()) return best;
    glm::vec3 inv;
    for (int a = 0; a < 3; ++a)  // a zero component gives a huge (not infinite) slope: no NaN
        inv[a] = std::abs(ray.direction[a]) > 1e-30f ? 1.0f / ray.direction[a] : std::copysign(1e30f, ray.direction[a]);
    float limit = t_max;
    std::uint32_t stack[kStackSize];
    int top = 0;
    if (boxEntry(ray.origin, inv, nodes_[0].min, nodes_[0].max, limit) > limit) return best;
    stack[top++] = 0;
    while (top > 0) {
        const Node& node = nodes_[stack[--top]];
        if (node.count > 0) {
            for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
                const Tri& tri = tris_[i];
                if (!allowed.empty() && (tri.mesh >= allowed.size() || !allowed[tri.mesh])) continue;
                // Moller-Trumbore.
                const glm::vec3 p = glm::cross(ray.direction, tri.e2);
                const float det = glm::dot(tri.e1, p);
                if (std::abs(det) < 1e-14f) continue;
                const float invDet = 1.0f / det;
                const glm::vec3 s = ray.origin - tri.a;
                const float u = glm::dot(s, p) * invDet;
                if (u < 0.0f || u > 1.0f) continue;
                const glm::vec3 q = glm::cross(s, tri.e1);
                const float v = glm::dot(ray.direction, q) * invDet;
                if (v < 0.0f || u + v > 1.0f) continue;
                const float t = glm::dot(tri.e2, q) * invDet;
                if (t < 0.0f || t > limit) continue;
                limit = t;
                best = Hit{t, tri.mesh, tri.index, det > 0.0f, ray.origin + ray.direction * t};
                if constexpr (kAny) return best;
            }
            continue;
        }
        const Node& l = nodes_[node.first];
        const Node& r = nodes_[node.first + 1];
        const float tl = boxEntry(ray.origin, inv, l.min, l.max, limit);
        const float tr = boxEntry(ray.origin, inv, r.min, r.max, limit);
        // Push the farther child first so that the nearer one is visited first.
        if (tl <= tr) {
            if (tr <= limit && top < kStackSize) stack[top++] = node.first + 1;
            if (tl <= limit && top < kStackSize) stack[top++] = node.first;
        } else {
            if (tl <= limit && top < kStackSize) stack[top++] = node.first;
            if (tr <= limit && top < kStackSize) stack[top++] = node.first + 1;
        }
    }
    return best;
}

std::optional<Hit> TriangleBvh::raycast(const Ray& ray, float t_max, const std::vector<bool>& allowed) const {
    return trace<false>(ray, t_max, allowed);
}

bool TriangleBvh::occluded(const Ray& ray, float t_max, const std::vector<bool>& allowed) const {
    return trace<true>(ray, t_max, allowed).has_value();
}

std::optional<ClosestPoint> TriangleBvh::closest(const glm::vec3& p, float max_distance,
                                                 const std::vector<bool>& allowed) const {
    std::optional<ClosestPoint> best;
    if (nodes_.empty() || !(max_distance >= 0.0f)) return best;
    float limit2 = max_distance < 1e18f ? max_distance * max_distance : 1e36f;
    std::uint32_t stack[kStackSize];
    int top = 0;
    if (boxDistance2(p, nodes_[0].min, nodes_[0].max) > limit2) return best;
    stack[top++] = 0;
    std::uint32_t best_tri = 0;
    float best_u = 0.0f, best_v = 0.0f;
    glm::vec3 best_point(0.0f);
    bool found = false;
    while (top > 0) {
        const Node& node = nodes_[stack[--top]];
        if (boxDistance2(p, node.min, node.max) > limit2) continue;
        if (node.count > 0) {
            for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
                const Tri& tri = tris_[i];
                if (!allowed.empty() && (tri.mesh >= allowed.size() || !allowed[tri.mesh])) continue;
                float u, v;
                const glm::vec3 c = closestOnTriangle(p, tri.a, tri.e1, tri.e2, u, v);
                const glm::vec3 d = c - p;
                const float d2 = glm::dot(d, d);
                if (d2 <= limit2) {
                    limit2 = d2;
                    best_tri = i;
                    best_u = u;
                    best_v = v;
                    best_point = c;
                    found = true;
                }
            }
            continue;
        }
        const Node& l = nodes_[node.first];
        const Node& r = nodes_[node.first + 1];
        const float dl = boxDistance2(p, l.min, l.max), dr = boxDistance2(p, r.min, r.max);
        if (dl <= dr) {
            if (dr <= limit2 && top < kStackSize) stack[top++] = node.first + 1;
            if (dl <= limit2 && top < kStackSize) stack[top++] = node.first;
        } else {
            if (dl <= limit2 && top < kStackSize) stack[top++] = node.first;
            if (dr <= limit2 && top < kStackSize) stack[top++] = node.first + 1;
        }
    }
    if (!found) return best;
    const Tri& tri = tris_[best_tri];
    glm::vec3 n = (1.0f - best_u - best_v) * tri.na + best_u * tri.nb + best_v * tri.nc;
    const float len = glm::length(n);
    n = len > 1e-12f ? n / len : glm::normalize(glm::cross(tri.e1, tri.e2));
    return ClosestPoint{best_point, n, std::sqrt(limit2), tri.mesh, tri.index};
}

std::optional<Hit> pick(const Scene& scene, const TriangleBvh& bvh, const Ray& ray,
                        const std::vector<bool>& layerVisible) {
    if (layerVisible.empty()) return bvh.raycast(ray);
    std::vector<bool> allowed(scene.meshes.size(), true);
    for (std::size_t m = 0; m < scene.meshes.size(); ++m) {
        const std::uint32_t layer = scene.meshes[m].layer;
        allowed[m] = layer >= layerVisible.size() || layerVisible[layer];
    }
    return bvh.raycast(ray, 1e30f, allowed);
}

}  // namespace palpa::scene
