// Role: the in-memory anatomical scene every palpa module shares: meshes grouped into layers
// (deepest first), their materials and named landmarks. Plain data, no GPU or file handles;
// a Scene owns all its arrays by value and is cheap to move.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace palpa::scene {

// Axis-aligned box; empty() until a point is added.
struct Bounds {
    glm::vec3 min{1e30f};
    glm::vec3 max{-1e30f};

    bool empty() const { return min.x > max.x; }
    void add(const glm::vec3& p);
    void add(const Bounds& other);
    glm::vec3 centre() const { return (min + max) * 0.5f; }
    glm::vec3 size() const { return empty() ? glm::vec3(0.0f) : max - min; }
};

// One vertex as the GPU will read it (position then normal, tightly packed).
struct Vertex {
    glm::vec3 position;
    glm::vec3 normal;
};
static_assert(sizeof(Vertex) == 24, "Vertex must stay 24 bytes: the vertex shader reads it packed");

struct Material {
    std::string name;
    glm::vec4 base_color{0.8f, 0.8f, 0.8f, 1.0f};  // linear RGBA
};

// A named triangle mesh in the scene's frame (node transforms already applied).
struct Mesh {
    std::string name;
    std::vector<Vertex> vertices;
    std::vector<std::uint32_t> indices;  // three per triangle
    std::uint32_t material = 0;          // index into Scene::materials
    std::uint32_t layer = 0;             // index into Scene::layers
    Bounds bounds;

    std::size_t triangleCount() const { return indices.size() / 3; }
};

// A named group of meshes, peeled as one (skin, abdominal wall, ...).
struct Layer {
    std::string name;
    std::vector<std::uint32_t> meshes;  // indices into Scene::meshes
};

// A named point of interest (umbilicus, ASIS, ...) in the scene's frame.
struct Landmark {
    std::string name;
    glm::vec3 position{0.0f};
};

struct Scene {
    std::vector<Layer> layers;  // deepest first
    std::vector<Mesh> meshes;
    std::vector<Material> materials;
    std::vector<Landmark> landmarks;
    std::vector<std::pair<std::string, std::string>> names;  // code name -> name for people (layer map)

    // The name for people of a mesh, landmark or layer code name: the layer map's, else one
    // made from the code (scene::displayName). A name the map gives without a side serves
    // "<code>_left" and "<code>_right" with the side appended.
    std::string nameOf(std::string_view code) const;

    // Null when absent.
    const Layer* findLayer(std::string_view name) const;
    const Mesh* findMesh(std::string_view name) const;
    const Landmark* findLandmark(std::string_view name) const;
    // Throws palpa::Error naming the missing landmark.
    glm::vec3 landmark(std::string_view name) const;

    std::size_t triangleCount() const;
    Bounds bounds() const;
    // Recomputes every mesh's bounds from its vertices.
    void updateBounds();
};

}  // namespace palpa::scene
