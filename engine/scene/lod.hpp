// Role: levels of detail: a mesh's triangles simplified (meshoptimizer) so that no point moves
// more than a given distance, for drawing where that distance is under a pixel.
#pragma once

#include <cstdint>
#include <vector>

#include "scene/scene.hpp"

namespace palpa::scene {

struct Lod {
    std::vector<std::uint32_t> indices;  // into the mesh's own vertices
    float error = 0.0f;                  // m: the largest distance the surface moved
};

// The mesh simplified within `max_error` metres, keeping its borders and seams (vertices split
// for normals stay where they are); nullopt-like empty indices when it saves under a quarter.
Lod simplify(const Mesh& mesh, float max_error);

}  // namespace palpa::scene
