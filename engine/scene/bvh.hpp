// Role: a bounding-volume hierarchy over the triangles of some of a scene's meshes, answering
// the geometric questions picking and the trainer ask many times a frame: the nearest ray hit,
// the closest surface point (with its interpolated normal) and whether a ray hits at all.
// Built once from a Scene (binned SAH, a few triangles a leaf); immutable and thread-safe to
// query afterwards. Holds its own copy of the triangles, so the Scene may move or go.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <glm/vec3.hpp>

#include "scene/raycast.hpp"
#include "scene/scene.hpp"

namespace palpa::scene {

// The closest point of a BVH's surface to a query point.
struct ClosestPoint {
    glm::vec3 point{0.0f};
    glm::vec3 normal{0.0f};  // unit, interpolated from the vertex normals (outward for palpa's meshes)
    float distance = 0.0f;   // from the query point, >= 0
    std::uint32_t mesh = 0;  // index into the Scene the BVH was built from
    std::uint32_t triangle = 0;
};

class TriangleBvh {
  public:
    TriangleBvh() = default;
    // Builds over every mesh of `scene`.
    explicit TriangleBvh(const Scene& scene);
    // Builds over the listed meshes of `scene` (none: an empty BVH that never hits), keeping
    // only the triangles (corners a, b, c) that `keep` accepts when it is given.
    using TriangleFilter = std::function<bool(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c)>;
    TriangleBvh(const Scene& scene, std::span<const std::uint32_t> meshes, const TriangleFilter& keep = {});

    // The nearest hit along the ray with t in [0, t_max]; `allowed` (indexed by mesh, empty: all)
    // skips meshes whose entry is false.
    std::optional<Hit> raycast(const Ray& ray, float t_max = 1e30f,
                               const std::vector<bool>& allowed = {}) const;
    // Whether the ray hits anything with t in [0, t_max] (any hit, cheaper than raycast).
    bool occluded(const Ray& ray, float t_max, const std::vector<bool>& allowed = {}) const;
    // The closest surface point within max_distance of p; nullopt when there is none.
    std::optional<ClosestPoint> closest(const glm::vec3& p, float max_distance = 1e30f,
                                        const std::vector<bool>& allowed = {}) const;

    std::size_t triangleCount() const { return tris_.size(); }
    std::size_t nodeCount() const { return nodes_.size(); }
    bool empty() const { return tris_.empty(); }
    // Bounds of everything in the BVH (empty() when it holds nothing).
    Bounds bounds() const;

  private:
    struct Node {
        glm::vec3 min;
        std::uint32_t first;  // leaf: first triangle; inner: index of the left child
        glm::vec3 max;
        std::uint32_t count;  // leaf: triangle count (> 0); inner: 0
    };
    static_assert(sizeof(Node) == 32, "BVH nodes are 32 bytes (two per cache line)");
    struct Tri {
        glm::vec3 a, e1, e2;     // a, b - a, c - a
        glm::vec3 na, nb, nc;    // vertex normals
        std::uint32_t mesh, index;
    };

    // A triangle while the tree is built.
    struct Prim {
        glm::vec3 lo;
        std::uint32_t mesh;
        glm::vec3 hi;
        std::uint32_t first;  // its first index in the mesh
        glm::vec3 centre;     // of its box
    };
    void build(std::vector<Prim>& prims);
    template <bool kAny>
    std::optional<Hit> trace(const Ray& ray, float t_max, const std::vector<bool>& allowed) const;

    std::vector<Node> nodes_;
    std::vector<Tri> tris_;
};

// The nearest hit on a mesh of a visible layer (`layerVisible` indexed by layer; empty: all),
// through the BVH built over the whole scene.
std::optional<Hit> pick(const Scene& scene, const TriangleBvh& bvh, const Ray& ray,
                        const std::vector<bool>& layerVisible = {});

}  // namespace palpa::scene
