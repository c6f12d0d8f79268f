// Role: shared access to the bundled psoas-region model for the anatomy tests (loaded once)
// and ray helpers that read depths and orderings off it.
#pragma once

#include <algorithm>
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

}  // namespace palpa::anatomy::test
