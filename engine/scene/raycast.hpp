// Role: every crossing of a ray with scene meshes (anatomy checks, tests' independent
// geometry): brute force over triangles with a bounds test per mesh; results are plain
// values. Nearest-hit picking and closest-point queries go through scene/bvh.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <glm/vec3.hpp>

#include "scene/scene.hpp"

namespace palpa::scene {

struct Ray {
    glm::vec3 origin;
    glm::vec3 direction;  // need not be unit; t is measured in its lengths
};

struct Hit {
    float t = 0.0f;               // distance along the ray, in direction lengths
    std::uint32_t mesh = 0;       // index into Scene::meshes
    std::uint32_t triangle = 0;   // triangle index within the mesh
    bool front = true;            // the ray enters the surface here (hits its outer side)
    glm::vec3 point{0.0f};
};

// Every crossing of the ray with one mesh, nearest first (t >= 0).
std::vector<Hit> intersectMesh(const Mesh& mesh, std::uint32_t meshIndex, const Ray& ray);
// Every crossing with any mesh of the scene, nearest first.
std::vector<Hit> intersectScene(const Scene& scene, const Ray& ray);

}  // namespace palpa::scene
