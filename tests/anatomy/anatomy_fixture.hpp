// Role: shared access to the bundled psoas-region model for the anatomy tests (loaded once)
// and ray helpers that read depths and orderings off it.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scene/loader.hpp"
#include "scene/raycast.hpp"

namespace palpa::anatomy::test {

inline const scene::Scene& bundled() {
    static const scene::Scene s =
        scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb");
    return s;
}

// Nearest crossing of the ray with the named mesh, entering or leaving.
inline std::optional<scene::Hit> firstHit(const scene::Scene& s, const std::string& mesh,
                                          const scene::Ray& ray, bool entering = true) {
    for (std::size_t i = 0; i < s.meshes.size(); ++i) {
        if (s.meshes[i].name != mesh) continue;
        for (const scene::Hit& h : scene::intersectMesh(s.meshes[i], static_cast<std::uint32_t>(i), ray))
            if (h.front == entering) return h;
    }
    return std::nullopt;
}

// A ray straight down (toward the table, -Y) through (x, z), from well above the body.
inline scene::Ray down(float x, float z) { return {{x, 0.3f, z}, {0.0f, -1.0f, 0.0f}}; }

// Mean of a mesh's vertices lying within `slab` of height z.
inline glm::vec3 sectionCentroid(const scene::Mesh& m, float z, float slab = 0.004f) {
    glm::vec3 sum(0.0f);
    int n = 0;
    for (const scene::Vertex& v : m.vertices)
        if (std::abs(v.position.z - z) < slab) {
            sum += v.position;
            ++n;
        }
    return n ? sum / static_cast<float>(n) : glm::vec3(1e9f);
}

// Crossings of an upward (+Y) ray from p with the skin, using z-buckets of skin triangles.
class SkinCrossings {
public:
    explicit SkinCrossings(const scene::Mesh& skin) : skin_(skin) {
        for (std::uint32_t t = 0; t < skin.triangleCount(); ++t) {
            float lo = 1e9f, hi = -1e9f;
            for (int k = 0; k < 3; ++k) {
                const float z = skin.vertices[skin.indices[t * 3 + k]].position.z;
                lo = std::min(lo, z);
                hi = std::max(hi, z);
            }
            for (int b = bucket(lo); b <= bucket(hi); ++b) buckets_[b].push_back(t);
        }
    }
    // Signed crossings above p: +1 entering the skin, -1 leaving it, nearest first.
    std::vector<int> above(const glm::vec3& p) const {
        std::vector<std::pair<float, int>> hits;
        const auto it = buckets_.find(bucket(p.z));
        if (it == buckets_.end()) return {};
        for (std::uint32_t t : it->second) {
            const glm::vec3& a = skin_.vertices[skin_.indices[t * 3]].position;
            const glm::vec3& b = skin_.vertices[skin_.indices[t * 3 + 1]].position;
            const glm::vec3& c = skin_.vertices[skin_.indices[t * 3 + 2]].position;
            // Project on the x-z plane: is (p.x, p.z) inside the triangle?
            const float d = (b.x - a.x) * (c.z - a.z) - (c.x - a.x) * (b.z - a.z);
            if (std::abs(d) < 1e-14f) continue;
            const float u = ((p.x - a.x) * (c.z - a.z) - (c.x - a.x) * (p.z - a.z)) / d;
            const float v = ((b.x - a.x) * (p.z - a.z) - (p.x - a.x) * (b.z - a.z)) / d;
            if (u < 0.0f || v < 0.0f || u + v > 1.0f) continue;
            const float y = a.y + u * (b.y - a.y) + v * (c.y - a.y);
            if (y < p.y) continue;
            const glm::vec3 n = glm::cross(b - a, c - a);
            hits.push_back({y, n.y < 0.0f ? +1 : -1});
        }
        std::sort(hits.begin(), hits.end());
        std::vector<int> out;
        for (const auto& h : hits) out.push_back(h.second);
        return out;
    }

private:
    static int bucket(float z) { return static_cast<int>(std::floor(z / 0.005f)); }
    const scene::Mesh& skin_;
    std::map<int, std::vector<std::uint32_t>> buckets_;
};

// Whether p lies inside the closed skin: the crossings above it end with an exit, and exits
// outnumber entries by one.
inline bool insideSkin(const SkinCrossings& crossings, const glm::vec3& p) {
    const std::vector<int> c = crossings.above(p);
    int balance = 0;
    for (int k : c) balance += k;
    return !c.empty() && c.back() == -1 && balance == -1;
}

}  // namespace palpa::anatomy::test
