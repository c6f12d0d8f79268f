#include "scene/topology.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>

#include <glm/geometric.hpp>

namespace palpa::scene {
namespace {

struct KeyHash {
    std::size_t operator()(const std::array<std::int64_t, 3>& k) const noexcept {
        std::uint64_t h = 1469598103934665603ull;
        for (std::int64_t v : k) h = (h ^ static_cast<std::uint64_t>(v)) * 1099511628211ull;
        return static_cast<std::size_t>(h);
    }
};

std::uint32_t findRoot(std::vector<std::uint32_t>& parent, std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
}

}  // namespace

bool TopologyReport::outward() const {
    for (double v : volumes)
        if (!(v > 0.0)) return false;
    return !volumes.empty();
}

TopologyReport analyseTopology(const Mesh& mesh, float weld) {
    TopologyReport r;
    // Weld by quantised position.
    std::unordered_map<std::array<std::int64_t, 3>, std::uint32_t, KeyHash> ids;
    std::vector<std::uint32_t> remap(mesh.vertices.size());
    std::vector<glm::dvec3> welded;
    for (std::size_t i = 0; i < mesh.vertices.size(); ++i) {
        const glm::vec3& p = mesh.vertices[i].position;
        const std::array<std::int64_t, 3> key{std::llround(p.x / weld), std::llround(p.y / weld),
                                              std::llround(p.z / weld)};
        auto [it, inserted] = ids.try_emplace(key, static_cast<std::uint32_t>(welded.size()));
        if (inserted) welded.emplace_back(p);
        remap[i] = it->second;
    }
    // Directed edge counts: a closed consistent surface has each directed edge once and its
    // reverse once.
    std::unordered_map<std::uint64_t, int> directed;
    std::vector<std::array<std::uint32_t, 3>> tris;
    tris.reserve(mesh.indices.size() / 3);
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::uint32_t a = remap[mesh.indices[t]], b = remap[mesh.indices[t + 1]],
                            c = remap[mesh.indices[t + 2]];
        if (a == b || b == c || a == c) continue;
        tris.push_back({a, b, c});
    }
    auto key = [](std::uint32_t a, std::uint32_t b) { return (std::uint64_t(a) << 32) | b; };
    for (const auto& t : tris)
        for (int e = 0; e < 3; ++e) ++directed[key(t[e], t[(e + 1) % 3])];
    for (const auto& [k, count] : directed) {
        const auto a = static_cast<std::uint32_t>(k >> 32), b = static_cast<std::uint32_t>(k);
        auto rev = directed.find(key(b, a));
        const int back = rev == directed.end() ? 0 : rev->second;
        if (count > 1) ++r.misoriented_edges;
        if (a < b || back == 0) {  // count each undirected edge once
            const int uses = count + back;
            if (uses == 1) ++r.boundary_edges;
            else if (uses > 2) ++r.nonmanifold_edges;
        }
    }
    // Components and their signed volumes.
    std::vector<std::uint32_t> parent(welded.size());
    std::iota(parent.begin(), parent.end(), 0u);
    for (const auto& t : tris) {
        const std::uint32_t ra = findRoot(parent, t[0]);
        parent[findRoot(parent, t[1])] = ra;
        parent[findRoot(parent, t[2])] = ra;
    }
    std::unordered_map<std::uint32_t, std::size_t> component;
    for (const auto& t : tris) {
        const std::uint32_t root = findRoot(parent, t[0]);
        auto [it, inserted] = component.try_emplace(root, r.volumes.size());
        if (inserted) r.volumes.push_back(0.0);
        r.volumes[it->second] +=
            glm::dot(welded[t[0]], glm::cross(welded[t[1]], welded[t[2]])) / 6.0;
    }
    r.triangles = tris.size();
    r.components = r.volumes.size();
    return r;
}

}  // namespace palpa::scene
