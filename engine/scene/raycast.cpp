#include "scene/raycast.hpp"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace palpa::scene {
namespace {

bool hitsBounds(const Bounds& b, const Ray& ray) {
    float t0 = 0.0f, t1 = 1e30f;
    for (int axis = 0; axis < 3; ++axis) {
        const float d = ray.direction[axis], o = ray.origin[axis];
        if (std::abs(d) < 1e-12f) {
            if (o < b.min[axis] || o > b.max[axis]) return false;
            continue;
        }
        float near = (b.min[axis] - o) / d, far = (b.max[axis] - o) / d;
        if (near > far) std::swap(near, far);
        t0 = std::max(t0, near);
        t1 = std::min(t1, far);
        if (t0 > t1) return false;
    }
    return true;
}

}  // namespace

std::vector<Hit> intersectMesh(const Mesh& mesh, std::uint32_t meshIndex, const Ray& ray) {
    std::vector<Hit> hits;
    if (mesh.bounds.empty() || !hitsBounds(mesh.bounds, ray)) return hits;
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        // Moller-Trumbore.
        const glm::vec3& a = mesh.vertices[mesh.indices[t]].position;
        const glm::vec3& b = mesh.vertices[mesh.indices[t + 1]].position;
        const glm::vec3& c = mesh.vertices[mesh.indices[t + 2]].position;
        const glm::vec3 e1 = b - a, e2 = c - a;
        const glm::vec3 p = glm::cross(ray.direction, e2);
        const float det = glm::dot(e1, p);
        if (std::abs(det) < 1e-14f) continue;
        const float inv = 1.0f / det;
        const glm::vec3 s = ray.origin - a;
        const float u = glm::dot(s, p) * inv;
        if (u < 0.0f || u > 1.0f) continue;
        const glm::vec3 q = glm::cross(s, e1);
        const float v = glm::dot(ray.direction, q) * inv;
        if (v < 0.0f || u + v > 1.0f) continue;
        const float dist = glm::dot(e2, q) * inv;
        if (dist < 0.0f) continue;
        hits.push_back({dist, meshIndex, static_cast<std::uint32_t>(t / 3), det > 0.0f,
                        ray.origin + ray.direction * dist});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) { return x.t < y.t; });
    return hits;
}

std::vector<Hit> intersectScene(const Scene& scene, const Ray& ray) {
    std::vector<Hit> all;
    for (std::size_t m = 0; m < scene.meshes.size(); ++m) {
        std::vector<Hit> h = intersectMesh(scene.meshes[m], static_cast<std::uint32_t>(m), ray);
        all.insert(all.end(), h.begin(), h.end());
    }
    std::sort(all.begin(), all.end(), [](const Hit& x, const Hit& y) { return x.t < y.t; });
    return all;
}

}  // namespace palpa::scene
