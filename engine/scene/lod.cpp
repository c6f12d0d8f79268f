#include "scene/lod.hpp"

#include <algorithm>

#include <meshoptimizer.h>

namespace palpa::scene {

Lod simplify(const Mesh& mesh, float max_error) {
    Lod lod;
    if (mesh.indices.size() < 3 || mesh.vertices.empty()) return lod;
    const glm::vec3 size = mesh.bounds.max - mesh.bounds.min;
    const float extent = std::max({size.x, size.y, size.z});
    if (!(extent > 0.0f)) return lod;
    static_assert(offsetof(Vertex, position) == 0, "positions lead each vertex");
    lod.indices.resize(mesh.indices.size());
    float relative = 0.0f;
    const std::size_t n = meshopt_simplify(lod.indices.data(), mesh.indices.data(), mesh.indices.size(),
                                           &mesh.vertices[0].position.x, mesh.vertices.size(), sizeof(Vertex),
                                           0, max_error / extent, 0, &relative);
    lod.indices.resize(n);
    lod.error = relative * extent;
    if (n * 4 > mesh.indices.size() * 3 || n == 0) lod = {};  // not worth a second copy
    return lod;
}

}  // namespace palpa::scene
